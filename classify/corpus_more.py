"""More varied wording for the generated corpus (data only; corpus.py merges it with corpus_wording).

Request kinds the first generator never wrote, found missing when the model
met hand-written mail (issue #21): questions about what the cover includes
before any care (topic ``other``), mail meant for another body, prospects
asking for a quote (membership, simple), changes that cover dependants, a
death or a contract transfer (membership, complex), follow-up questions about
one reimbursement (simple), grievances without a strong word (complaint).
Written from the labelling guide, not from any evaluation item. The same
rule as every bank: variant ``i`` belongs to split ``corpus.split_of(i)``.
"""

from __future__ import annotations

INTENTS: dict[str, dict] = {
    "other_cover": dict(topic="other", complexity="simple", asks=(
        "Ma formule prend-elle en charge {autre_soin} ? Je me renseigne avant de prendre rendez-vous.",
        "Est-ce que mon contrat couvre {autre_soin} ? Je n'ai rien trouvé dans le tableau des garanties.",
        "Je voudrais savoir si {autre_soin} fait partie de ce que vous remboursez, et dans quelle limite.",
        "Avant de me lancer, pouvez-vous me dire si {autre_soin} est couvert par ma complémentaire ?",
        "Une question générale : remboursez-vous {autre_soin} ? Je n'ai pas encore de facture.",
        "Mon médecin m'a parlé de {autre_soin}. Est-ce que la mutuelle participe à ce genre de frais ?",
        "Est-il prévu quelque chose pour {autre_soin} dans mes garanties ?",
        "Je prépare mon budget : {autre_soin}, c'est pris en charge par mon contrat ou pas du tout ?",
        "Y a-t-il un forfait pour {autre_soin} sur ma formule ?",
        "{tell_me} si {autre_soin} est couvert ? Simple question, rien n'est encore engagé.",
        "Je pars bientôt {etranger} : est-ce que ma mutuelle me couvre là-bas ou faut-il une assurance voyage ?",
        "Dans quelle limite mon contrat intervient-il pour {autre_soin} ?",
        "Est-ce que les garanties de mon contrat incluent {autre_soin} ?",
        "J'envisage {autre_soin}. Puis-je espérer une participation de la mutuelle ?",
        "Question sur mes garanties : {autre_soin}, c'est inclus ?",
        "Je n'arrive pas à savoir si {autre_soin} est remboursé avec ma formule. Pouvez-vous m'éclairer ?",
        "Est-ce que vous participez aux frais de {autre_soin} ? Je ne trouve pas la ligne correspondante.",
        "Pour information, quelles sont vos garanties pour {autre_soin} ?",
    ), notes=(
        "qst garanties : {autre_soin} couvert ?", "se renseigne sur prise en charge {autre_soin}, pas de facture",
        "demande si formule couvre {autre_soin}", "question générale forfait {autre_soin}",
        "part {etranger}, couverture à l'étranger ?", "veut savoir limite garantie {autre_soin}",
        "{autre_soin} inclus dans contrat ? Info donnée", "qst couverture {autre_soin}, réponse donnée",
        "renseignement garanties {autre_soin}", "demande tableau de garanties pour {autre_soin}",
        "se renseigne avant {autre_soin}", "qst : forfait {autre_soin} ? expliqué",
    )),
    "other_elsewhere": dict(topic="other", complexity="simple", asks=(
        "Je n'ai toujours pas perçu mes indemnités journalières pour mon arrêt de travail. Pouvez-vous vérifier ?",
        "Ma carte Vitale ne fonctionne plus, comment en obtenir une nouvelle ?",
        "Je cherchais à joindre la caisse primaire d'assurance maladie, je crois que je me suis trompé d'adresse.",
        "Mon employeur ne m'a pas versé mon salaire complet pendant mon congé maladie, que dois-je faire ?",
        "Je souhaite déclarer mon médecin traitant, comment faire ?",
        "Pouvez-vous mettre à jour ma carte Vitale avec mon nouveau nom ?",
        "Mon dossier de retraite est bloqué, qui dois-je contacter ?",
        "Je voudrais mon attestation de droits de l'Assurance maladie pour la CAF.",
        "Ce message était destiné à mon assureur habitation, veuillez l'ignorer.",
        "Je n'arrive pas à me connecter sur Ameli, pouvez-vous m'aider ?",
        "Ma pension d'invalidité n'a pas été versée ce mois-ci.",
        "Je me suis trompé de destinataire, ce courrier concernait ma banque.",
        "Comment obtenir la complémentaire santé solidaire auprès de la caisse ?",
        "Mon arrêt maladie a été prolongé, à qui dois-je envoyer l'avis ?",
        "Je voudrais contester une décision du médecin-conseil de la caisse primaire.",
        "Votre numéro figurait sur mon ordonnance, mais je cherche en fait le laboratoire d'analyses.",
        "La mairie m'a dit de vous écrire pour ma demande d'aide au logement.",
        "J'ai reçu un relevé de remboursement au nom d'une personne que je ne connais pas. Que dois-je en faire ?",
    ), notes=(
        "appel pour CPAM, mauvais numéro, réorienté", "qst indemnités journalières, renvoyé vers CPAM",
        "carte Vitale HS, orienté vers ameli", "cherchait son assureur auto, erreur de numéro",
        "pb connexion Ameli, pas chez nous", "veut joindre employeur, réorienté",
        "appel pour pension invalidité, réorienté CARSAT", "erreur destinataire, rien à faire",
        "démarchage téléphonique entrant", "relevé reçu au nom d'un tiers, à détruire",
        "qst CSS (ex-CMU), orienté CPAM", "appel sans objet, coupé",
    )),
    "memb_prospect": dict(topic="membership", complexity="simple", asks=(
        "Je cherche une complémentaire santé pour ma famille. Pouvez-vous me faire une proposition tarifaire ?",
        "Je ne suis pas encore adhérent : pourriez-vous m'envoyer un devis pour une mutuelle individuelle ?",
        "Je quitte mon emploi et je cherche une mutuelle. Quels sont vos tarifs pour une personne de {age} ans ?",
        "Nous souhaitons changer de mutuelle. Pouvez-vous nous faire une simulation pour un couple ?",
        "Travailleur indépendant, je voudrais un devis pour une complémentaire santé avec une bonne couverture.",
        "Quelle serait la cotisation mensuelle pour moi et mes deux enfants ?",
        "Je souhaite adhérer chez vous : pouvez-vous m'envoyer votre grille de tarifs ?",
        "Retraité depuis peu, je cherche une mutuelle moins chère. Que pouvez-vous me proposer ?",
        "Mon assureur actuel augmente ses tarifs ; pourriez-vous me faire une offre ?",
        "{tell_me} combien coûterait une formule famille chez vous ?",
        "Étudiant, je cherche une mutuelle pas trop chère. Avez-vous une offre jeunes ?",
        "Pouvez-vous m'adresser une proposition d'adhésion avec les différents niveaux de garanties ?",
        "Je voudrais un devis de mutuelle pour une personne seule de {age} ans, avec de bonnes garanties dentaires.",
        "Nous arrivons dans la région et cherchons une mutuelle familiale. Quels sont vos tarifs ?",
        "Auto-entrepreneur, je souhaiterais connaître vos formules et leurs prix.",
        "Pourriez-vous m'envoyer une simulation de cotisation pour ma femme et moi ?",
        "Je compare les mutuelles : quel serait votre tarif pour une formule avec un bon niveau en optique ?",
        "Je n'ai plus de mutuelle depuis mon départ de l'entreprise. Quelles offres avez-vous ?",
    ), notes=(
        "prospect, dde devis famille", "non adhérent, veut tarifs individuelle", "dde simulation couple retraité",
        "prospect indépendant, devis", "veut grille tarifaire", "prospect étudiant, offre jeunes ?",
        "dde devis mutuelle {age} ans", "compare offres, tarif formule intermédiaire",
        "prospect, plus de mutuelle employeur", "dde proposition adhésion", "prospect, envoi doc tarifs",
        "veut devis famille 2 enfants",
    )),
    "memb_household": dict(topic="membership", complexity="complex", asks=(
        "Je souhaite résilier mon contrat, mais mon épouse et nos enfants, ayants droit, doivent rester couverts. "
        "Comment procéder ?",
        "Mon mari, titulaire du contrat, est décédé. Nos enfants et moi étions ayants droit : que devient notre "
        "couverture ?",
        "Nous divorçons : je voudrais reprendre les enfants sur un contrat à mon nom et retirer mon ex-conjoint.",
        "Je résilie pour moi et pour mes deux enfants, qui passent sur la mutuelle d'entreprise de leur mère.",
        "Suite au décès de ma mère, adhérente, je vous demande de clôturer son contrat et de rembourser le trop-perçu "
        "de cotisations.",
        "Mon fils a {age} ans, il sort de mon contrat : peut-il reprendre un contrat à son nom sans délai de carence ?",
        "Je change d'employeur et je dois basculer ma famille de votre contrat collectif vers un contrat individuel.",
        "Je voudrais transférer mon contrat au nom de mon épouse, en gardant les enfants comme ayants droit.",
        "Nous nous sommes pacsés : je souhaite rattacher ma compagne et sa fille, tout en retirant mon fils qui a "
        "sa propre mutuelle.",
        "Je résilie mon contrat à l'échéance ; ma fille majeure, ayant droit, voudrait garder une couverture chez "
        "vous.",
        "Le titulaire du contrat est décédé le {date}. Son conjoint souhaite conserver une couverture.",
        "Séparation : je demande le retrait de mon conjoint et le maintien des enfants sur mon contrat.",
        "Ma femme part à la retraite et perd sa mutuelle d'entreprise ; je voudrais l'ajouter avec nos deux enfants "
        "et changer de formule en même temps.",
        "Je souhaite résilier la couverture de mes trois enfants, désormais couverts ailleurs, et la mienne au "
        "{date}.",
        "Notaire en charge de la succession de votre adhérent, je vous informe de son décès et vous demande la "
        "clôture du contrat.",
        "Mon ex-épouse a été retirée du contrat par erreur avec les enfants ; il faut les rétablir et revoir les "
        "cotisations.",
        "Je passe sur la mutuelle obligatoire de mon employeur, mais mon conjoint et les enfants doivent rester chez "
        "vous.",
        "Nous voulons scinder le contrat familial en deux contrats, un pour chacun de nous.",
    ), notes=(
        "résiliation titulaire, ayants droit à maintenir", "décès titulaire, conjointe veut garder couverture",
        "divorce, reprise enfants sur nouveau contrat", "résil. famille, enfants vers mutuelle employeur mère",
        "succession, clôture contrat + trop-perçu", "fils {age} ans sort du contrat, carence ?",
        "bascule collectif vers individuel famille", "transfert contrat au nom conjointe",
        "PACS, ajout compagne + enfant, retrait fils", "séparation, retrait conjoint, enfants maintenus",
        "scinder contrat familial", "résil. enfants + titulaire au {date}",
    )),
    "reimb_followup": dict(topic="reimbursement", complexity="simple", asks=(
        "Le virement de {amount} que j'ai reçu correspond-il bien à {soin} ?",
        "Sous quel libellé apparaîtra votre virement pour {soin} sur mon relevé bancaire ?",
        "Sur quel compte avez-vous versé le remboursement de {soin} ? J'en ai deux.",
        "J'ai bien reçu le remboursement de {soin}, merci. Faut-il que je vous envoie l'original de {doc} ?",
        "Merci pour votre réponse. Une dernière question : le paiement de {soin} part-il cette semaine ?",
        "Le montant reçu pour {soin} ne correspond pas à ce que j'attendais ; est-ce qu'un second versement suit ?",
        "Pourriez-vous me renvoyer le décompte de {soin} ? Je ne le retrouve pas.",
        "Je viens de voir {amount} sur mon compte : est-ce pour {soin} ?",
        "Le remboursement de {soin} est-il en cours ? Mon espace adhérent indique « en traitement ».",
        "Suite à votre message, j'ai bien renvoyé {doc}. Pouvez-vous me confirmer que c'est complet ?",
        "Est-ce normal que {soin} soit remboursé à mon nom alors que c'était pour {proche} ?",
        "Petite question : combien de temps faut-il compter pour le remboursement de {soin} ?",
        "Je vous remercie pour le virement. Pouvez-vous me dire à quelle date il a été fait ?",
        "Le paiement de {soin} apparaît deux fois sur mon relevé. Est-ce une erreur ?",
        "Merci de votre retour. Je ne comprends pas la ligne « participation forfaitaire » du décompte de {soin}.",
        "J'ai téléversé {doc} sur mon espace : avez-vous bien pu le lire ?",
        "Pouvez-vous me confirmer que le remboursement de {soin} a été envoyé sur mon nouveau compte ?",
        "Le remboursement de {soin} a-t-il été fait directement au praticien ou à moi ?",
    ), notes=(
        "qst libellé virement {soin_court}", "veut savoir sur quel compte rbt {soin_court}",
        "confirme réception rbt {soin_court}, qst original facture", "rbt {soin_court} en traitement ?",
        "montant reçu {amount} = {soin_court} ? confirmé", "dde renvoi décompte {soin_court}",
        "délai rbt {soin_court} ? expliqué", "date du virement {soin_court}, donnée",
        "paiement {soin_court} en double ? vérifié", "qst ligne participation forfaitaire",
        "doc téléversé lisible ? oui", "rbt {soin_court} versé au praticien ou adh ?",
    )),
    "comp_implicit": dict(topic="complaint", complexity="simple", asks=(
        "Sept semaines pour un simple remboursement : je trouve ce délai anormal et je tenais à vous le dire.",
        "Je commence sérieusement à me demander à quoi me servent mes cotisations.",
        "Votre conseiller m'a donné une information fausse et c'est moi qui en paie les conséquences.",
        "On m'avait promis un rappel qui n'est jamais venu. Ce manque de sérieux me déçoit beaucoup.",
        "Trois interlocuteurs, trois réponses différentes : je ne sais plus qui croire chez vous.",
        "Je veux que vous assumiez l'erreur de votre service et que vous me remboursiez ce que j'ai payé de ma poche.",
        "Votre courrier de relance m'a profondément choquée, alors que je suis à jour de mes cotisations.",
        "Personne ne répond jamais au téléphone, c'est épuisant. Je demande qu'on me rappelle enfin.",
        "Je trouve votre façon de traiter les adhérents âgés indigne d'une mutuelle.",
        "Je ne vous demande rien de plus sur ce dossier, mais je voulais signaler que votre service laisse à désirer.",
        "Encore une fois, mon dossier a été égaré. Je ne comprends pas comment cela est possible.",
        "Vous m'avez prélevé deux fois ce mois-ci et il a fallu que je m'en aperçoive seule. Je suis à bout.",
        "Il est anormal de devoir envoyer trois fois le même document.",
        "Je suis vraiment déçu par la qualité de votre service depuis le changement de plateforme.",
        "J'attends des excuses pour le ton employé par votre conseiller au téléphone.",
        "Je n'accepte pas votre décision et je vous demande de la revoir.",
        "Vous me réclamez une pièce que je vous ai déjà envoyée deux fois. Cela devient ridicule.",
        "Si rien ne change, je partirai à l'échéance et je le dirai autour de moi.",
    ), notes=(
        "adh très déçue, délai anormal, se plaint", "se plaint mauvaise info conseiller, veut qu'on assume",
        "exaspéré, 3 réponses différentes", "se plaint ton conseiller, attend excuses",
        "mécontentement : pièce demandée 3 fois", "conteste décision, demande réexamen",
        "menace de partir, insatisfaction service", "plainte double prélèvement",
        "dossier égaré, adh agacée", "se plaint de ne jamais être rappelé",
        "insatisfait nouvelle plateforme", "grief sur délai, plainte tracée",
    )),
}

SLOTS: dict[str, tuple[str, ...]] = {
    "autre_soin": (
        "les séances de sophrologie", "une cure thermale", "les séances d'acupuncture", "les vaccins du voyage",
        "les consultations de diététicienne", "les séances chez un naturopathe", "les frais de transport en taxi",
        "les séances de psychomotricité", "les consultations de podologue", "un bilan chez l'ostéopathe",
        "les patchs anti-tabac", "les séances d'hypnose", "une aide auditive", "la médecine douce",
    ),
    "age": ("24", "31", "38", "45", "52", "59", "63", "67", "71", "26", "19"),
}

# An agent's verdict at the end of a call note: what the note says about the case decides complexity.
PHONE_VERDICT: dict[str, tuple[str, ...]] = {
    "complex": (
        "Dossier complexe, transmis au pôle expert.", "À voir avec un gestionnaire expert.",
        "Cas complexe : étude approfondie nécessaire.", "Transmis gestionnaire expert.",
        "Complexe, escaladé au service expert.", "Dossier à instruire par l'expert.",
        "Pas de réponse possible au tél., dossier complexe.", "Passé à l'équipe expert pour étude.",
        "Nécessite une analyse experte.", "Dossier complexe, rappel par un expert.",
        "Étude par le pôle expert à prévoir.", "Complexe : plusieurs pièces à analyser, expert.",
    ),
    "simple": (
        "Réponse donnée, rien à faire.", "Demande simple, traitée au tél.", "RAS, réglé pendant l'appel.",
        "Info donnée, clôturé.", "Simple : réponse immédiate.", "Pas besoin d'expert, traité.",
        "Répondu, aucune action.", "Rien à transmettre.", "Traité en direct.", "Demande simple, réglée.",
        "Aucune suite à donner.", "Réponse apportée, dossier clos.",
    ),
}

# A previous message quoted under a reply: the insurer's own words must not change the labels.
QUOTED_REPLIES = (
    "> Le {date}, Service adhérents a écrit :\n> Bonjour, nous accusons réception de votre demande.\n"
    "> Elle sera traitée dans les meilleurs délais.",
    "-----Message d'origine-----\nDe : Mutuelle - Service prestations\nObjet : votre demande\n"
    "Madame, Monsieur, votre dossier est en cours de traitement.",
    "> Le {date}, Mutuelle a écrit :\n> Nous vous confirmons la bonne réception de vos documents.",
    "---- Message transféré ----\nDe : Service clients\nBonjour, pourriez-vous nous préciser votre demande ?",
    "> Le {date} à 10:12, Espace adhérent a écrit :\n> Votre message a bien été enregistré sous la référence "
    "indiquée.",
    "-----Original Message-----\nFrom: Service adhérents\nMerci pour votre message, un conseiller revient vers vous.",
)
