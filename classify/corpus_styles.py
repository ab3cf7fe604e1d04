"""Still more kinds of request for the generated corpus (data only; corpus.py merges it), issue #21.

Written from the labelling guide and from how people commonly write to an
insurer, never from an evaluation item: care already bought and paid whose
invoice is sent for a refund (simple, whatever the amounts), a clinic's or
hospital's billing office asking for a bill to be paid (simple), requests for
a paper described in plain words rather than named (certificate), weary or
ironic grievances without a strong word (complaint), several questions about
one bill (simple), thank-you notes and mail received by mistake (other).
The same rule as every bank: variant ``i`` belongs to split ``corpus.split_of(i)``.
"""

from __future__ import annotations

INTENTS: dict[str, dict] = {
    "opt_claim": dict(topic="optical", complexity="simple", asks=(
        "J'ai acheté {opt_item} le {date} et j'ai réglé la totalité chez l'opticien. Je vous joins la facture "
        "pour le remboursement.",
        "Ci-joint la facture acquittée de mon opticien ({amount}) pour {opt_item}. Merci de me rembourser.",
        "L'opticien ne fait pas le tiers payant avec vous, j'ai donc tout payé ({amount}). Pouvez-vous me "
        "rembourser ma part ?",
        "Je vous envoie la facture de {opt_item}, payée le {date}, avec l'ordonnance. Merci pour le remboursement.",
        "Voici ma facture d'optique : {opt_item}, {amount}. Remboursez-moi selon mon forfait s'il vous plaît.",
        "Nouvelle paire achetée ({opt_item}, {amount} payés). Je joins facture et ordonnance pour le remboursement.",
        "J'ai avancé {amount} pour {opt_item}. Vous trouverez la facture ci-jointe, merci de faire le nécessaire.",
        "Pouvez-vous me rembourser {opt_item} achetés le mois dernier ? La facture de {amount} est jointe.",
        "Facture de l'opticien en pièce jointe ({opt_item}) : je l'ai réglée moi-même, merci de me verser votre part.",
        "Mes lunettes sont faites et payées ({amount}). Je vous transmets la facture pour être remboursé.",
        "Je joins la facture détaillée de {opt_item} : monture {amount}, verres {amount}. Merci de me rembourser.",
        "Achat de {opt_item} chez l'opticien, payé comptant. Facture jointe pour votre remboursement.",
    ), notes=(
        "envoie facture opticien {amount}, payé en totalité, dde rbt", "achat {opt_court} payé, facture à suivre",
        "pas de tiers payant chez opticien, a tout réglé, veut rbt", "facture {opt_court} {amount} envoyée, rbt ?",
        "a payé {opt_court}, va envoyer facture + ordonnance", "rbt {opt_court} selon forfait, facture jointe",
        "avance {amount} opticien, dde rbt part mutuelle", "facture optique reçue par mail, dde remboursement",
        "nouvelle paire payée, dde rbt", "opticien hors réseau, a payé, veut être remboursé",
        "{opt_court} payés {amount}, envoie facture", "dde rbt {opt_court}, facture acquittée",
    )),
    "dent_claim": dict(topic="dental", complexity="simple", asks=(
        "J'ai eu {dent_soin} le {date} et j'ai payé {amount} au dentiste. Je vous joins la facture pour le "
        "remboursement.",
        "Ci-joint la note d'honoraires de mon dentiste ({amount}) pour {dent_soin}. Merci de me rembourser.",
        "Mon dentiste ne pratique pas le tiers payant : j'ai réglé {amount}. Pouvez-vous me verser votre part ?",
        "Je vous transmets la facture du dentiste pour {dent_soin}, réglée le {date}.",
        "La Sécurité sociale a remboursé {dent_soin}, pas encore vous. Voici la facture de {amount}.",
        "Voici la facture de {dent_soin} pour mon fils ({amount}). Merci de faire le remboursement.",
        "Soins dentaires terminés et payés ({amount}) : je joins la facture acquittée.",
        "J'ai avancé {amount} chez le dentiste pour {dent_soin}. Que dois-je vous envoyer pour être remboursé ?",
        "Facture du cabinet dentaire en pièce jointe ({dent_soin}, {amount}). Merci.",
        "Pouvez-vous me rembourser {dent_soin} ? J'ai payé {amount} et je vous envoie le justificatif.",
        "Le dentiste m'a fait payer {amount} pour {dent_soin}. Je vous adresse la facture pour ma part mutuelle.",
        "Je vous envoie la feuille de soins du dentiste pour {dent_soin} (payé {amount}).",
    ), notes=(
        "facture dentiste {amount} envoyée, {dent_soin_court}, dde rbt", "a payé {dent_soin_court}, veut rbt",
        "dentiste sans tiers payant, réglé {amount}", "sécu a payé {dent_soin_court}, mutuelle pas encore",
        "envoie facture {dent_soin_court} enfant", "{dent_soin_court} payé {amount}, quoi envoyer ?",
        "soins dentaires payés, facture jointe", "dde rbt {dent_soin_court}, facture acquittée",
        "note honoraires dentiste {amount}", "{dent_soin_court} fait le {date}, payé, rbt ?",
        "facture cabinet dentaire reçue, à rembourser", "avance {amount} dentiste, dde part mutuelle",
    )),
    "hosp_bill": dict(topic="hospitalisation", complexity="simple", asks=(
        "Le service facturation de {clinic} vous adresse la facture du séjour de votre adhérent ({amount}), "
        "restée impayée.",
        "Nous n'avons pas reçu votre règlement de la facture de {amount} (forfait journalier) pour le séjour du "
        "{date}. Merci de régulariser.",
        "Après mon séjour à {clinic}, j'ai reçu une facture de {amount} pour le forfait journalier. Je vous la "
        "transmets pour remboursement.",
        "Je joins la facture de la chambre particulière ({amount}) de mon séjour du {date}, que j'ai réglée.",
        "L'hôpital me réclame {amount} de forfait journalier. Est-ce à moi de payer ou le réglez-vous directement ?",
        "Ci-joint le bulletin de situation et la facture de {clinic} ({amount}) pour le remboursement.",
        "Sortie de {clinic} le {date} : j'ai payé {amount} sur place. Voici la facture acquittée.",
        "Le bureau des entrées de {clinic} vous relance pour le paiement de la part complémentaire ({amount}).",
        "Pouvez-vous me rembourser le forfait journalier de mon hospitalisation ({amount}) ? Facture jointe.",
        "Mon père est sorti de {clinic}. La facture de {amount} est jointe : merci de nous dire si vous payez.",
        "Nous vous adressons pour paiement la facture n° {member} relative au séjour de votre adhérent.",
        "J'ai reçu la facture du séjour ({amount}) alors que je pensais tout pris en charge. Je vous l'envoie.",
    ), notes=(
        "clinique relance paiement facture séjour {amount}", "facture forfait journalier {amount}, dde rbt",
        "sortie hôpital, a payé {amount}, envoie facture", "chambre particulière payée, dde rbt",
        "hôpital réclame forfait journalier, qui paie ?", "facture séjour {clinic} envoyée",
        "service facturation clinique : impayé {amount}", "bulletin situation + facture à rembourser",
        "séjour payé sur place {amount}", "part complémentaire séjour non reçue par clinique",
        "facture séjour père, dde si mutuelle paie", "facture hospi inattendue {amount}",
    )),
    "cert_paper": dict(topic="certificate", complexity="simple", asks=(
        "Pouvez-vous m'envoyer un papier qui prouve que je suis bien couvert chez vous ?",
        "Mon employeur veut un document montrant que j'ai déjà une complémentaire. Pouvez-vous me le faire ?",
        "Il me faudrait un relevé de tout ce que vous m'avez remboursé l'an dernier, pour mes impôts.",
        "Ma seconde complémentaire me demande un document avec ce que vous avez déjà payé. Pouvez-vous l'envoyer ?",
        "Pouvez-vous m'adresser mon tableau de garanties à jour ?",
        "J'ai besoin d'une preuve de mon adhésion pour la caisse de retraite.",
        "Pourriez-vous me renvoyer le document qui indique mes droits ? Je l'ai égaré.",
        "La CAF me demande un justificatif de complémentaire santé : pouvez-vous me l'établir ?",
        "Envoyez-moi s'il vous plaît un document attestant que mes enfants sont couverts.",
        "Il me faut un récapitulatif des remboursements de l'année pour le dossier de mon autre mutuelle.",
        "Pouvez-vous me faire parvenir la notice de mes garanties ? Je ne la retrouve plus.",
        "Mon bailleur social demande une preuve que j'ai une mutuelle. Pouvez-vous m'envoyer ça ?",
    ), notes=(
        "veut papier prouvant couverture", "dde document pour employeur (dispense)", "relevé annuel rbt pour impôts",
        "2e mutuelle veut relevé de ce qu'on a payé", "dde tableau garanties à jour", "preuve adhésion caisse retraite",
        "a perdu document droits, renvoyer", "justificatif complémentaire pour CAF", "dde doc couverture enfants",
        "récap rbt année pour autre mutuelle", "renvoyer notice garanties", "preuve mutuelle pour bailleur",
    )),
    "comp_weary": dict(topic="complaint", complexity="simple", asks=(
        "Je commence sérieusement à me demander à quoi sert ma cotisation : {delai} pour un simple remboursement.",
        "C'est la énième fois que je vous écris pour la même chose. Si rien ne bouge, je change de mutuelle.",
        "Bravo pour la rapidité : {delai} d'attente et toujours rien. Je vais finir par aller voir ailleurs.",
        "On me répond à chaque fois que c'est en cours. En cours depuis {delai}, vraiment ?",
        "Je paie ma cotisation tous les mois sans faute ; j'aimerais que vous soyez aussi ponctuels pour rembourser.",
        "Vos services se renvoient la balle et personne ne traite mon dossier. Je n'en peux plus.",
        "Franchement, je ne comprends pas comment on peut mettre {delai} à rembourser {soin}. C'est épuisant.",
        "J'ai l'impression de parler à un mur : j'ai envoyé {doc} trois fois et vous me la redemandez encore.",
        "Je suis adhérent depuis vingt ans et je n'ai jamais été aussi mal traité.",
        "Votre site dit que c'est payé, mon compte dit le contraire. Qui dois-je croire ?",
        "Chaque appel me coûte une demi-heure d'attente pour une réponse qui ne règle rien. Cela suffit.",
        "Si c'est ainsi que vous traitez vos adhérents fidèles, je résilierai à l'échéance.",
    ), notes=(
        "adh. excédée, attend rbt depuis {delai}, menace de partir", "énième appel même sujet, agacé",
        "ironise sur délais, veut changer de mutuelle", "'toujours en cours' depuis {delai}, pas content",
        "se plaint : paie cotisation, nous pas ponctuels", "renvoyé de service en service, exaspérée",
        "pièces envoyées 3 fois, redemandées, furieux", "adhérent ancien, se dit mal traité",
        "site dit payé, rien sur compte, conteste", "attente tél. trop longue, se plaint",
        "menace résiliation à l'échéance si pas réglé", "ton très agacé, veut un responsable",
    )),
    "reimb_questions": dict(topic="reimbursement", complexity="simple", asks=(
        "Quelques questions sur {doc} de {soin} : l'avez-vous reçue, quand sera-t-elle payée, et sur quel compte ?",
        "J'ai vu un virement de votre part mais je ne sais pas à quoi il correspond. Pouvez-vous me dire ?",
        "Le remboursement de {soin} est arrivé, merci. Juste une question : pourquoi le montant diffère de la "
        "fois précédente ?",
        "Sous quel libellé votre virement apparaît-il sur le relevé bancaire ?",
        "J'ai payé {amount} pour {soin} ; la Sécu m'a versé sa part. Il me reste à recevoir la vôtre ?",
        "Faut-il vous envoyer {doc} pour {soin} ou la télétransmission suffit-elle ?",
        "Le site affiche « en cours de traitement » pour {soin} depuis hier. Est-ce normal ?",
        "Deux petites questions : le remboursement de {soin} est-il parti, et quand pour celui de ma fille ?",
        "Je ne retrouve pas le décompte de {soin} sur mon espace. Pouvez-vous me le renvoyer ?",
        "Pour {soin} du {date} ({amount}), dois-je faire quelque chose de plus ?",
        "Je voudrais juste savoir quand le virement pour {soin} sera fait.",
        "Vous m'avez remboursé {amount} pour {soin} : est-ce bien le montant définitif ?",
    ), notes=(
        "plusieurs qst même facture {soin_court} : reçue ? payée quand ? Réponses données",
        "virement non identifié, expliqué", "écart montant rbt {soin_court}, expliqué au tél",
        "libellé virement ? Info donnée", "attend part mutuelle {soin_court}, délai indiqué",
        "faut-il envoyer facture ? non, télétransmis", "statut 'en cours' {soin_court}, rassuré",
        "2 qst rbt {soin_court}, répondu", "renvoyer décompte {soin_court}", "{soin_court} du {date}, rien à faire",
        "date virement {soin_court} ? Indiquée", "montant {amount} définitif ? oui",
    )),
    "other_thanks": dict(topic="other", complexity="simple", asks=(
        "Je tenais simplement à remercier la conseillère qui m'a aidée au téléphone. Pas besoin de me répondre.",
        "Un grand merci pour la rapidité du remboursement, c'est rare et appréciable.",
        "J'ai reçu par erreur un courrier adressé à une autre personne. Que dois-je en faire ?",
        "Ce courrier ne me concerne pas : la personne n'habite pas à cette adresse.",
        "Merci à votre équipe pour sa patience lors de mes démarches après le décès de mon époux.",
        "Je voulais vous dire que tout est réglé, merci. Vous pouvez classer ma demande.",
        "Votre lettre a été déposée chez moi par erreur, je vous la retourne.",
        "Simplement merci pour l'accueil en agence la semaine dernière.",
        "Je reçois vos publicités alors que je suis déjà adhérent : pouvez-vous arrêter ?",
        "Ma demande précédente est devenue sans objet, vous pouvez l'annuler. Merci.",
        "Félicitations pour votre nouveau site, beaucoup plus clair.",
        "Je me suis trompé de destinataire, ce message était pour ma banque. Désolé.",
    ), notes=(
        "appelle pour remercier conseillère, rien à faire", "remerciements rbt rapide", "a reçu courrier d'un autre",
        "courrier mal adressé, personne inconnue", "remerciements après décès", "tout réglé, classer",
        "retourne lettre reçue par erreur", "merci accueil agence", "ne veut plus de pub",
        "demande précédente sans objet", "compliment site internet", "erreur destinataire",
    )),
    "reimb_reminder": dict(topic="reimbursement", complexity="simple", urgency="high", asks=(
        "Deuxième relance : {doc} de {soin} ({amount}) envoyée le {date} n'est toujours pas remboursée.",
        "Je vous relance une seconde fois pour le remboursement de {soin}, {amount} réglés le {date}.",
        "C'est mon deuxième message au sujet de {soin} : {got_nothing}. Merci de vérifier.",
        "Je vous ai déjà écrit le {date} pour {soin} ; deuxième demande, toujours rien reçu.",
        "Seconde relance pour {soin} ({amount}) : pouvez-vous me dire où en est le paiement ?",
        "Deuxième courrier pour le même remboursement de {soin}, envoyé il y a {delai}.",
        "Je me permets de vous relancer à nouveau, deuxième fois, pour {soin} du {date}.",
        "Relance n° 2 : remboursement de {soin} ({amount}) en attente depuis {delai}.",
        "Pour la deuxième fois, je vous demande le remboursement de {soin}. Les pièces sont jointes.",
        "Mon premier message du {date} est resté sans suite. Je renouvelle ma demande pour {soin} ({amount}).",
        "Deuxième demande concernant {soin} : {got_nothing}.",
        "Je relance une deuxième fois : {soin}, {amount}, facture envoyée le {date}.",
    ), notes=(
        "2e relance rbt {soin_court} {amount}", "rappelle 2e fois pour {soin_court}", "2e demande, rien reçu",
        "déjà écrit le {date}, relance {soin_court}", "seconde relance paiement {soin_court}",
        "2e appel pour rbt {soin_court}", "relance n°2 {soin_court} depuis {delai}", "redemande rbt {soin_court}",
        "2e courrier même rbt", "relance 2 {soin_court} {amount}", "1er mail sans suite, relance",
        "2e relance, pièces renvoyées",
    )),
    "reimb_reminder3": dict(topic="reimbursement", complexity="simple", urgency="critical", asks=(
        "Troisième relance pour le remboursement de {soin} ({amount}), toujours en attente depuis {delai}.",
        "C'est la troisième fois que je vous écris pour {soin} du {date}. Merci de régler enfin ce dossier.",
        "Troisième demande : {doc} de {soin} vous a été envoyée trois fois, {got_nothing}.",
        "Dernier rappel avant de me tourner vers le médiateur : remboursement de {soin}, {amount}.",
        "Je vous relance pour la troisième fois au sujet de {soin} ({amount}).",
        "Troisième courrier pour le même remboursement de {soin}, toujours sans réponse.",
        "Après deux relances restées sans effet, je vous demande une troisième fois de rembourser {soin}.",
        "3e relance : {soin} du {date}, {amount}, rien reçu.",
        "Ceci est ma troisième lettre pour {soin}. Je joins à nouveau toutes les pièces.",
        "Troisième message pour {soin} : {got_nothing}, depuis {delai}.",
        "Pour la troisième fois, je vous adresse {doc} de {soin}.",
        "Dernière relance pour {soin} ({amount}) avant de saisir le médiateur.",
    ), notes=(
        "3e relance rbt {soin_court} {amount}", "3e appel même rbt {soin_court}", "troisième demande, rien reçu",
        "3e courrier {soin_court}, pièces renvoyées", "dernier rappel avant médiateur, {soin_court}",
        "3e fois qu'il appelle pour {soin_court}", "relance n°3 {soin_court} depuis {delai}",
        "3e mail sans réponse {soin_court}", "3e relance, {amount} en attente", "appelle pour la 3e fois",
        "troisième relance paiement {soin_court}", "3e demande rbt {soin_court}, menace médiateur",
    )),
}
