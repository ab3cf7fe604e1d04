"""Phrase banks of the generated French corpus (data only; see corpus.py for how they combine).

Every bank is a tuple of variants. ``corpus.split_of`` gives each variant of a
bank one split by its index (of every six: four train, one dev, one test), so
the dev and test sets are written with sentences, openings and closings the
training set never saw: append new variants at the end to keep the others in
their split. ``SLOTS`` values
are vocabulary (care types, clinics, banks...) and are shared by all splits.
Placeholders: ``{slot}`` takes a value from PHRASES, SLOTS or a generator in
corpus.py; ``{slot_cap}`` / ``{slot_low}`` the same with a capital / small first letter.
"""

from __future__ import annotations

# intent -> topic, complexity, forced urgency (if any), asks (written requests), notes (an agent's call notes)
INTENTS: dict[str, dict] = {
    # --- reimbursement ----------------------------------------------------------------------------
    "reimb_missing": dict(topic="reimbursement", complexity="simple", asks=(
        "J'ai envoyé {doc} pour {soin} le {date} et je n'ai toujours pas été remboursé.",
        "Je ne trouve pas le remboursement de {soin} sur mon relevé de prestations. Pouvez-vous vérifier ?",
        "Pourriez-vous me dire si vous avez bien reçu {doc} concernant {soin} ? Le remboursement n'apparaît pas sur "
        "mon compte.",
        "Malgré l'envoi de {doc} pour {soin}, aucun virement de votre part n'est arrivé sur mon compte.",
        "La Sécurité sociale m'a réglé {soin} mais la part complémentaire ne m'a jamais été versée.",
        "Je vous ai adressé {doc} de {soin} il y a {delai}, pouvez-vous me dire quand le paiement sera fait ?",
        "{tell_me} pourquoi {soin} n'a pas encore été remboursé ?",
        "J'ai réglé {soin} le {date} et {got_nothing}.",
        "{check_rcv} {doc} de {soin} ? Depuis, {got_nothing}.",
        "Le remboursement de {soin} n'est pas arrivé : {got_nothing} alors que la Sécurité sociale a payé il y a "
        "{delai}.",
        "Il manque le remboursement de {soin} sur mon dernier relevé. {tell_me} quand il sera effectué ?",
        "Depuis l'envoi de {doc} pour {soin}, {got_nothing}. Le dossier est-il complet ?",
        "Je n'ai pas reçu le remboursement de {soin}. Pouvez-vous regarder ?",
        "Ma pharmacie a bien télétransmis mais {got_nothing} pour {soin}.",
        "Le décompte de la Sécurité sociale est arrivé depuis {delai}, mais pas votre part pour {soin}.",
        "Pouvez-vous relancer le paiement de {soin} ? {got_nothing_cap}.",
        "J'attends votre virement pour {soin} ; la CPAM m'a déjà remboursé.",
        "Votre part sur {soin} ne m'a pas été versée : pouvez-vous vérifier mon dossier ?",
    ), notes=(
        "suivi rbt {soin_court}, rien reçu depuis {delai}", "rbt {soin_court} pas arrivé, fds envoyée le {date}",
        "dde où en est le rbt {soin_court}", "part mutuelle {soin_court} non versée, vérif télétransmission",
        "attend virement {soin_court}, décompte sécu reçu", "rbt {soin_court} en attente ?",
        "pas de rbt {soin_court} depuis {delai}", "fds {soin_court} du {date} non réglée",
        "vérif paiement part compl. {soin_court}", "rbt {soin_court} : sécu ok, mutuelle rien",
        "veut date du virement {soin_court}", "rien perçu pour {soin_court}, facture envoyée il y a {delai}",
    )),
    "reimb_calc": dict(topic="reimbursement", complexity="complex", asks=(
        "Pour {soin}, j'ai payé {amount} et je n'ai été remboursé que de {amount}. Pouvez-vous m'expliquer le calcul, "
        "avec la base de remboursement et le dépassement d'honoraires ?",
        "Le spécialiste m'a facturé {amount} avec un dépassement d'honoraires. Je voudrais connaître votre part "
        "exacte et mon reste à charge.",
        "Je souhaite un détail du remboursement de {soin} : la Sécurité sociale a pris {amount}, vous {amount}, et il "
        "me reste {amount} à payer. Est-ce conforme à ma garantie ?",
        "Mon médecin pratique des honoraires libres ({amount} la séance). Quelle part restera à ma charge avec mon "
        "contrat et comment est-elle calculée ?",
        "Plusieurs actes de {soin} ont été facturés {amount} puis {amount}, mais un seul semble pris en compte sur "
        "mon décompte. Pourriez-vous reprendre le calcul ligne par ligne ?",
        "Entre le tarif de convention, le plafond de ma formule et le ticket modérateur, je ne comprends pas comment "
        "vous arrivez à {amount} pour {soin}.",
        "{tell_me} comment a été calculé le remboursement de {soin} ? J'ai payé {amount} et reçu {amount}.",
        "Le médecin a appliqué un dépassement d'honoraires de {amount}. {tell_me} {cover} sur ce dépassement ?",
        "Sur mon décompte, la base de remboursement retenue pour {soin} est de {amount} alors que j'ai payé {amount}. "
        "Pourquoi un tel écart ?",
        "Je ne comprends pas le calcul : {amount} facturés, {amount} versés par la CPAM et seulement {amount} par "
        "vous pour {soin}.",
        "Pour {soin} chez un praticien non conventionné, {tell_me_low} {cover} et sur quelle base ?",
        "Votre décompte indique un plafond atteint pour {soin} ; {tell_me_low} le détail des montants déjà remboursés "
        "cette année ({amount} puis {amount}) ?",
        "J'ai réglé {amount} pour {soin} et je n'ai reçu que {amount} au total. Le calcul de la base de remboursement "
        "m'échappe.",
        "{tell_me} pourquoi le dépassement d'honoraires de {soin} ({amount}) n'est pas couvert alors que ma garantie "
        "prévoit 200 % ?",
        "Entre la part Sécurité sociale, votre part et mon reste à charge ({amount}), les chiffres de mon décompte ne "
        "collent pas.",
        "Pour {soin}, j'ai payé {amount} en secteur 2 ; {tell_me_low} comment le plafond OPTAM s'applique ?",
        "Le spécialiste a facturé {amount} ; je n'ai reçu que {amount}. {tell_me} le détail ligne par ligne du calcul "
        "?",
        "Sur {soin}, vous avez retenu une base de {amount} et versé {amount} : je voudrais comprendre votre calcul et "
        "le taux appliqué.",
    ), notes=(
        "explication calcul rbt {soin_court} : payé {amount}, reçu {amount}, dépassement honoraires",
        "dde détail base rbt + reste à charge {soin_court}", "veut comprendre écart {amount} / {amount} sur décompte",
        "question dépassement honoraires spécialiste, plafond garantie",
        "plusieurs actes {soin_court}, un seul pris en compte, revoir calcul",
        "honoraires libres {amount}, quel reste à charge ?", "calcul rbt {soin_court} incompris, {amount} payé",
        "dépassement {amount} chez spécialiste, quelle part ?", "base rbt vs montant payé {amount}, explication",
        "plafond atteint {soin_court} ?", "praticien non conventionné {soin_court}, quel rbt ?",
        "détail décompte {soin_court} : {amount} facturé, {amount} versé",
    )),
    "reimb_abroad": dict(topic="reimbursement", complexity="complex", asks=(
        "J'ai dû consulter un médecin {etranger} et j'ai réglé {amount} sur place. Comment obtenir le remboursement "
        "de ces frais ?",
        "Vous trouverez ci-joint les factures de soins reçus {etranger}, en devise étrangère. Quelles pièces faut-il "
        "pour être remboursé ?",
        "Lors d'un voyage {etranger}, mon fils a été soigné en urgence pour {amount}. La CPAM ne m'a pas encore "
        "répondu ; pouvez-vous avancer votre part ?",
        "Je vis une partie de l'année {etranger}. Les frais médicaux engagés là-bas ({amount} au total) sont-ils "
        "couverts par mon contrat ?",
        "Des soins facturés {amount} {etranger} n'ont été remboursés ni par la Sécurité sociale ni par vous ; que "
        "dois-je fournir, traduction comprise ?",
        "Pendant mes vacances {etranger}, la pharmacie m'a fait payer {amount} de médicaments : la mutuelle peut-elle "
        "compléter malgré le taux de change ?",
        "{tell_me} {cover} pour des soins reçus {etranger} ? J'ai avancé {amount}.",
        "Mon épouse a été soignée {etranger} et nous avons payé {amount} ; comment vous transmettre les factures "
        "étrangères ?",
        "Je joins des factures de médecin {etranger} (total {amount}). La Sécurité sociale demande un formulaire ; "
        "que faut-il pour votre part ?",
        "Lors d'un déplacement professionnel {etranger}, j'ai consulté un spécialiste pour {amount}. Ces frais "
        "sont-ils remboursables ?",
        "Notre fille étudie {etranger} et a dû voir un médecin ({amount}). {tell_me} {cover} ?",
        "J'ai réglé {amount} de consultations {etranger} en espèces ; les reçus sont en langue étrangère. Comment "
        "être remboursé ?",
        "De retour d'un voyage {etranger}, j'ai des factures médicales pour {amount}. Comment les faire rembourser ?",
        "Mon mari a été soigné {etranger} pendant les vacances ({amount}). Quelles démarches pour obtenir le "
        "remboursement de la mutuelle ?",
        "J'ai payé {amount} de frais médicaux {etranger}, avec un taux de change défavorable ; comment sera calculé "
        "votre remboursement ?",
        "{tell_me} si les soins réalisés {etranger} sont pris en charge ? J'ai avancé {amount}.",
        "Expatrié quelques mois {etranger}, j'ai engagé {amount} de soins : ces frais sont-ils remboursés par mon "
        "contrat ?",
        "Nous avons dû consulter un pédiatre {etranger} pour {amount} ; la facture est en devise locale. Que dois-je "
        "vous envoyer ?",
    ), notes=(
        "soins {etranger}, facture {amount}, dde procédure rbt",
        "frais médicaux {etranger}, quelles pièces + traduction ?", "rbt soins hors France, CPAM pas encore répondu",
        "facture étrangère {amount}, veut avance part mutuelle", "pharmacie {etranger} {amount}, taux de change ?",
        "vit {etranger} une partie de l'année, frais couverts ?", "consult. {etranger} {amount}, rbt possible ?",
        "factures en devise {etranger}", "soins vacances {etranger}, quels justificatifs",
        "fille étudiante {etranger}, frais médicaux", "reçus en langue étrangère {amount}",
        "médecin {etranger}, avance {amount}, dde prise en charge",
    )),
    "reimb_teletrans": dict(topic="reimbursement", complexity="simple", asks=(
        "Mes remboursements ne sont plus transmis automatiquement par la Sécurité sociale. Pouvez-vous réactiver la "
        "télétransmission ?",
        "Sur mes décomptes CPAM, il n'y a plus la mention de transmission à ma mutuelle. Que dois-je faire ?",
        "Depuis mon changement de caisse primaire, je dois vous envoyer mes feuilles de soins papier. Pouvez-vous "
        "mettre en place la liaison Noémie ?",
        "La liaison informatique avec l'Assurance Maladie semble coupée : je reçois le remboursement de base mais "
        "plus le vôtre.",
        "Faut-il que je vous transmette moi-même les relevés de la CPAM, ou le lien automatique va-t-il être rétabli ?",
        "Ma carte Vitale a été mise à jour avec mon nouveau numéro et depuis vous ne recevez plus mes prestations. "
        "Pouvez-vous corriger ?",
        "Mes décomptes de la Sécurité sociale ne vous parviennent plus. Pouvez-vous rétablir la télétransmission ?",
        "{tell_me} si la liaison Noémie est active sur mon dossier ? Je dois vous envoyer mes décomptes à la main.",
        "Depuis mon déménagement dans un autre département, la CPAM ne vous transmet plus mes remboursements.",
        "La CPAM m'indique que le lien avec ma mutuelle est désactivé. Merci de le réactiver.",
        "Je dois vous poster chaque feuille de soins, la transmission automatique ne marche plus : que dois-je faire ?",
        "Ma caisse d'assurance maladie a changé ; {tell_me_low} si vous recevez toujours mes prestations "
        "automatiquement ?",
        "Mes remboursements de la Sécurité sociale n'arrivent plus chez vous automatiquement.",
        "{tell_me} comment réactiver la télétransmission entre la CPAM et la mutuelle ?",
        "La transmission Noémie a été coupée après ma mutation ; merci de la remettre en place.",
        "Depuis {delai}, je dois vous envoyer moi-même mes décomptes CPAM ; pouvez-vous corriger ?",
        "La CPAM ne vous envoie plus mes remboursements : pouvez-vous vérifier la liaison de télétransmission ?",
        "Mon décompte de l'Assurance Maladie n'indique plus « transmis à votre complémentaire ». Pouvez-vous rétablir "
        "le lien ?",
    ), notes=(
        "télétransmission coupée depuis changement CPAM", "noémie à réactiver",
        "plus de liaison sécu/mutuelle, envoie décomptes papier", "dde mise en place télétransmission",
        "lien automatique CPAM rompu ?", "nouveau n° sécu, prestations plus reçues", "télétrans KO depuis {delai}",
        "lien noémie désactivé selon CPAM", "envoie fds papier, veut liaison auto",
        "changement caisse, télétrans à refaire", "décomptes sécu plus reçus par mutuelle",
        "liaison CPAM à rétablir, carte vitale mise à jour",
    )),
    # --- hospitalisation --------------------------------------------------------------------------
    "hosp_pec": dict(topic="hospitalisation", complexity="complex", asks=(
        "Je dois être opéré à {clinic} pour {chir}. Pourriez-vous adresser une prise en charge à l'établissement ?",
        "{proche_cap} va entrer à {clinic} pour {chir}. Le chirurgien annonce un dépassement d'honoraires de {amount} "
        ": que prendrez-vous en charge ?",
        "Vous trouverez ci-joint le devis de {clinic} pour {chir} ({amount}, dont {amount} de dépassements). Merci de "
        "m'indiquer le montant de votre prise en charge.",
        "En vue de {chir} à {clinic}, je sollicite un accord de prise en charge pour les frais de séjour et les "
        "honoraires du chirurgien et de l'anesthésiste.",
        "L'établissement {clinic} me réclame un engagement de la mutuelle avant mon admission pour {chir}. Le coût "
        "estimé est de {amount}, hors nomenclature compris.",
        "Pour {chir} à {clinic}, l'hôpital attend votre accord sur les frais d'hospitalisation ; le reste à charge "
        "annoncé est de {amount}.",
        "{proche_cap} doit subir {chir} à {clinic}. {tell_me} {cover} pour les frais d'hospitalisation ?",
        "Vous trouverez ci-joint {quote} de {clinic} ({amount}) pour {chir}. Merci d'établir une prise en charge.",
        "Pour {chir} à {clinic}, le chirurgien demande {amount} de dépassement d'honoraires et l'anesthésiste "
        "{amount}. {tell_me} {cover} ?",
        "Je serai hospitalisé à {clinic} pour {chir} ; l'établissement demande un accord de prise en charge de la "
        "mutuelle.",
        "En prévision de mon hospitalisation pour {chir}, {tell_me_low} {cover} ? {quote_cap} de la clinique s'élève "
        "à {amount}.",
        "Mon admission à {clinic} pour {chir} nécessite une demande de prise en charge : le service des admissions "
        "attend votre réponse, avec {amount} de dépassements annoncés.",
        "Je dois me faire opérer à {clinic} ({chir}). {tell_me} {cover} pour les honoraires et le séjour ?",
        "Merci d'adresser à {clinic} une prise en charge pour l'hospitalisation de {proche} ({chir}).",
        "{quote_cap} de {clinic} pour {chir} s'élève à {amount}, dont {amount} de dépassements. Quelle prise en "
        "charge pouvez-vous accorder ?",
        "Avant mon entrée à {clinic} pour {chir}, j'ai besoin de votre accord de prise en charge hospitalière.",
        "L'anesthésiste et le chirurgien de {clinic} annoncent {amount} de dépassements pour {chir}. {tell_me} "
        "{cover} ?",
        "Pour l'hospitalisation de {proche} à {clinic} ({chir}), l'établissement demande une prise en charge de la "
        "mutuelle ; le devis est de {amount}.",
    ), notes=(
        "dde PEC hospi {clinic} pour {chir_court}, dépassement {amount}",
        "entrée clinique pour {chir_court}, veut accord PEC + honoraires chir",
        "devis clinique {amount} pour {chir_court}, quelle PEC ?", "PEC à envoyer à {clinic}, {chir_court}",
        "admission {clinic}, établissement attend engagement mutuelle",
        "hospi {chir_court}, reste à charge {amount} annoncé, dde accord", "PEC clinique {clinic}, {chir_court}",
        "dde accord hospi + dépassement anesth. {amount}", "devis {clinic} {amount}, veut PEC",
        "op. à venir, établissement attend accord mutuelle", "hospi {chir_court}, dde PEC frais séjour + honoraires",
        "admission {clinic}, dépassements {amount}, accord PEC ?",
    )),
    "hosp_room": dict(topic="hospitalisation", complexity="complex", asks=(
        "Lors de mon séjour à {clinic}, j'ai occupé une chambre particulière facturée {amount} par nuit. Combien de "
        "nuits sont couvertes par ma garantie ?",
        "La clinique me facture la chambre individuelle et le forfait journalier pour {n} jours. Pouvez-vous me "
        "rembourser ces frais ?",
        "Je joins la facture de {clinic} : forfait journalier, chambre particulière et frais d'accompagnant. Merci de "
        "me dire ce qui sera pris en charge.",
        "Mon hospitalisation a duré {n} jours ; le supplément pour chambre seule s'élève à {amount}. Votre plafond "
        "par jour est-il applicable ?",
        "Suite au séjour de {proche} en maternité, la facture comprend {amount} de chambre privée et le lit "
        "accompagnant. Qu'allez-vous couvrir ?",
        "Après {n} nuits à {clinic}, on me demande {amount} pour la chambre seule et la télévision : quelle part "
        "relève de mon contrat ?",
        "{tell_me} combien de nuits en chambre particulière sont couvertes ? Je sors de {clinic} après {n} nuits à "
        "{amount}.",
        "La facture de {clinic} comporte {amount} de forfait journalier et {amount} de chambre individuelle. "
        "{tell_me} {cover} ?",
        "Pour le séjour de {proche} à {clinic}, j'ai payé la chambre particulière ({amount}). Merci de me rembourser "
        "selon ma garantie.",
        "Je joins la facture d'hospitalisation : {n} jours, chambre seule à {amount} par jour. {tell_me} {cover} ?",
        "Lors de mon hospitalisation en ambulatoire, on m'a facturé une chambre particulière {amount}. Est-ce couvert "
        "?",
        "{clinic_cap} me facture {amount} de supplément chambre individuelle et {amount} de forfait hospitalier. "
        "{tell_me} {cover} ?",
        "J'ai passé {n} nuits en chambre particulière à {clinic}. {tell_me} {cover} ?",
        "Facture de {clinic} : {amount} de chambre seule. Quelle part de ce supplément est remboursée ?",
        "La chambre individuelle de {proche} à {clinic} coûte {amount} par jour ; votre contrat couvre-t-il ce "
        "supplément ?",
        "Je vous adresse la facture du séjour ({n} jours, forfait journalier et chambre particulière) pour "
        "remboursement.",
        "Le supplément chambre seule de mon hospitalisation ({amount}) est-il pris en charge, et pour combien de "
        "nuits ?",
        "Après l'accouchement de mon épouse, la maternité nous facture la chambre particulière {amount} par nuit. "
        "{tell_me} {cover} ?",
    ), notes=(
        "chambre particulière {clinic}, {n} nuits à {amount}, plafond ?", "forfait journalier + chambre seule, dde rbt",
        "frais accompagnant + chambre indiv. maternité", "facture clinique {amount} chambre seule, combien couvert",
        "séjour {n} jours, supplément chambre {amount}", "chambre privée + lit accompagnant, quelle part ?",
        "chambre seule {n} nuits, rbt ?", "supplément chambre indiv. {amount}",
        "forfait hospitalier + chambre particulière {clinic}", "chambre part. ambulatoire facturée",
        "facture {clinic} chambre + forfait journalier",
        "séjour {proche}, chambre particulière {amount}, combien couvert",
    )),
    "hosp_status": dict(topic="hospitalisation", complexity="simple", asks=(
        "Je vous ai transmis le bulletin de situation de {clinic}. Pouvez-vous me confirmer que vous l'avez bien reçu "
        "?",
        "Où en est le règlement de la facture de mon hospitalisation à {clinic} ?",
        "La clinique me demande si vous avez payé le forfait journalier de mon séjour. Pouvez-vous me le confirmer ?",
        "Pourriez-vous vérifier que {clinic} a bien été réglée directement pour mon séjour du mois dernier ?",
        "Merci de m'indiquer si la facture de sortie de l'hôpital vous est parvenue, je n'ai pas de nouvelles.",
        "Avez-vous reçu le bulletin d'hospitalisation de {proche} ? L'hôpital attend toujours le paiement du séjour.",
        "{check_rcv} {hdoc} de mon séjour à {clinic} ?",
        "La clinique m'indique qu'elle n'a pas été payée pour mon séjour. {tell_me} où en est le règlement ?",
        "{tell_me} si le forfait journalier de mon hospitalisation à {clinic} a été réglé ?",
        "Je vous ai envoyé {hdoc} après l'hospitalisation de {proche}. L'avez-vous bien reçue ?",
        "Suite à ma sortie de {clinic}, {tell_me_low} si vous avez reçu la facture directement de l'établissement ?",
        "L'hôpital me relance pour le paiement du séjour de {proche}. {check_rcv} {hdoc} ?",
        "Avez-vous réglé la clinique pour mon séjour de {month} ?",
        "{tell_me} si la facture de {clinic} a été payée ?",
        "Je vous ai adressé {hdoc} le {date} ; merci de me confirmer sa réception.",
        "La clinique {clinic} dit attendre votre paiement pour le séjour de {proche}. Où en est le dossier ?",
        "Mon hospitalisation de {month} a-t-elle été réglée à l'établissement ?",
        "L'hôpital m'envoie un rappel de paiement pour mon séjour : {tell_me_low} si vous l'avez réglé ?",
    ), notes=(
        "vérif réception bulletin situation {clinic}", "suivi paiement forfait journalier séjour {clinic}",
        "clinique attend règlement, adh. dde état", "facture sortie hôpital reçue ?",
        "hospi mois dernier, paiement clinique fait ?", "bulletin hospitalisation envoyé, confirmation ?",
        "clinique {clinic} pas payée, vérif", "bulletin situation envoyé, reçu ?", "forfait journalier réglé ?",
        "facture hospi {proche} : état règlement", "sortie {clinic}, facture reçue directement ?",
        "hôpital relance paiement séjour, vérif dossier",
    )),
    # --- dental -----------------------------------------------------------------------------------
    "dent_quote": dict(topic="dental", complexity="complex", asks=(
        "Mon dentiste me propose {dent_acte}. Vous trouverez ci-joint le devis de {amount} ; quel sera le montant "
        "remboursé ?",
        "Pourriez-vous étudier le devis dentaire joint pour {dent_acte} et m'indiquer mon reste à charge ?",
        "Le chirurgien-dentiste a établi un devis de {amount} pour {dent_acte}. Quelle part la mutuelle "
        "prendra-t-elle en charge ?",
        "Avant d'accepter {dent_acte} (devis : {amount}), je souhaite connaître votre participation et savoir si une "
        "partie relève du panier 100 % santé.",
        "Mon praticien hésite entre deux solutions : {dent_acte} pour {amount} ou une prothèse amovible pour "
        "{amount}. Laquelle serait la mieux couverte ?",
        "Le cabinet dentaire m'a remis un plan de traitement : {dent_acte}, {amount} au total. Pouvez-vous chiffrer "
        "votre remboursement ?",
        "Vous trouverez ci-joint {quote} de mon dentiste pour {dent_acte} ({amount}). {tell_me} {cover} ?",
        "Mon chirurgien-dentiste prévoit {dent_acte}. {tell_me} {cover} sur un montant de {amount} ?",
        "{quote_cap} du dentiste pour {dent_acte} s'élève à {amount}. Je voudrais connaître votre remboursement avant "
        "de signer.",
        "Pour {dent_acte}, le dentiste me propose deux options à {amount} et {amount}. {tell_me} {cover} pour chacune "
        "?",
        "Avant de commencer {dent_acte}, je vous adresse {quote} du praticien ({amount}). {tell_me} {cover} ?",
        "Mon dentiste m'annonce {amount} pour {dent_acte}. Je joins {quote} ; {tell_me_low} {cover} ?",
        "Je vous transmets {quote} de mon dentiste pour {dent_acte}. {tell_me} {cover} ?",
        "Le dentiste propose {dent_acte} pour {amount}. Quel sera mon reste à charge ?",
        "Pour {dent_acte}, j'ai un devis de {amount}. Pourriez-vous me faire une simulation de remboursement ?",
        "Mon chirurgien-dentiste me conseille {dent_acte} ({amount}). {tell_me} {cover} avant de signer le devis ?",
        "J'hésite à faire {dent_acte} : le devis dentaire est de {amount}. {tell_me} {cover} ?",
        "Voici le devis de mon dentiste : {dent_acte} pour {amount}. Quel montant la mutuelle prendra-t-elle en "
        "charge ?",
    ), notes=(
        "devis dentiste {amount} pour {dent_court}, dde estimation rbt", "veut reste à charge sur devis {dent_court}",
        "2 devis dentaires à comparer ({amount} / {amount})", "devis {dent_court} envoyé, attend simulation",
        "plan de traitement dentaire {amount}, chiffrage PEC ?",
        "{dent_court} : quelle part mutuelle sur devis {amount} ?", "devis dentaire {amount} ({dent_court}), PEC ?",
        "simulation rbt {dent_court}", "dentiste propose {dent_court}, reste à charge ?",
        "2 options {dent_court} {amount}/{amount}", "devis praticien {dent_court} avant signature",
        "estimation frais dentaires {dent_court} {amount}, part mutuelle ?",
    )),
    "dent_ortho": dict(topic="dental", complexity="complex", asks=(
        "{ortho_patient_cap} va commencer un traitement d'orthodontie. Le devis de l'orthodontiste est de {amount} "
        "par semestre : combien rembourserez-vous ?",
        "Je vous adresse le devis d'orthodontie de {ortho_patient} ({amount} pour six semestres). Merci de m'indiquer "
        "votre prise en charge.",
        "L'orthodontiste propose un appareil pour {ortho_patient} ; la Sécurité sociale a accordé l'entente "
        "préalable. Quelle sera votre participation ?",
        "Le traitement orthodontique de {ortho_patient} se poursuit au-delà de 16 ans : est-il encore couvert par ma "
        "garantie, et à quel niveau ?",
        "Pour les bagues de {ortho_patient}, on me demande {amount} par semestre ; pouvez-vous simuler ce que vous "
        "verserez ?",
        "L'orthodontiste prescrit à {ortho_patient} des gouttières d'alignement dentaire pour {amount}, non prises en "
        "charge par la Sécu : intervenez-vous ?",
        "{tell_me} {cover} pour le traitement d'orthodontie de {ortho_patient} ? {quote_cap} est de {amount} par "
        "semestre.",
        "{ortho_patient_cap} porte un appareil dentaire depuis {n} mois ; l'orthodontiste facture {amount} par "
        "semestre. Quelle est votre participation ?",
        "L'entente préalable pour l'orthodontie de {ortho_patient} vient d'être acceptée par la CPAM. {tell_me} "
        "{cover} ?",
        "Je joins {quote} de l'orthodontiste pour {ortho_patient} : {amount} le semestre, {n} semestres. Merci de me "
        "préciser votre remboursement.",
        "Le traitement d'orthodontie de {ortho_patient} doit commencer ; {tell_me_low} {cover} sur les semestres de "
        "soins ?",
        "L'orthodontiste de {ortho_patient} propose des bagues à {amount} par semestre. {tell_me} {cover} ?",
        "{ortho_patient_cap} doit porter un appareil d'orthodontie. {tell_me} {cover} par semestre ?",
        "Devis de l'orthodontiste pour {ortho_patient} : {amount} par semestre. Quel remboursement prévoyez-vous ?",
        "Le traitement orthodontique de {ortho_patient} est accepté par la CPAM. Quelle est votre participation sur "
        "les {n} semestres ?",
        "Je vous adresse {quote} d'orthodontie pour {ortho_patient} ({amount}). {tell_me} {cover} ?",
        "L'orthodontiste facture {amount} par semestre pour {ortho_patient}. La mutuelle complète-t-elle le "
        "remboursement de la Sécurité sociale ?",
        "{ortho_patient_cap} commence un traitement d'orthodontie à {amount} le semestre : {tell_me_low} {cover} ?",
    ), notes=(
        "ortho {ortho_patient}, devis {amount}/semestre, dde PEC",
        "entente préalable ortho accordée, veut part mutuelle", "traitement ortho après 16 ans couvert ?",
        "simulation rbt bagues enfant", "gouttières alignement {amount}, hors sécu, PEC ?",
        "devis orthodontiste 6 semestres, combien rbt ?", "ortho enfant, {amount}/semestre",
        "appareil dentaire {ortho_patient}, participation ?", "entente préalable ortho acceptée, part compl. ?",
        "devis orthodontiste {n} semestres", "début traitement ortho {ortho_patient}, PEC",
        "bagues {ortho_patient} {amount} le semestre, combien rbt ?",
    )),
    "dent_status": dict(topic="dental", complexity="simple", asks=(
        "J'ai envoyé la facture de mon dentiste pour {dent_soin}. Pouvez-vous me dire quand je serai remboursé ?",
        "Avez-vous bien reçu la note d'honoraires du dentiste pour {dent_soin} ?",
        "Le remboursement de {dent_soin} n'apparaît pas encore sur mon espace adhérent ; est-il en cours ?",
        "Je souhaite savoir si la feuille de soins dentaires pour {dent_soin} a été traitée.",
        "Mon cabinet dentaire vous a télétransmis {dent_soin} il y a {delai} : pouvez-vous me confirmer le paiement ?",
        "Le dentiste m'a fait {dent_soin} le {date} ; la part mutuelle a-t-elle été versée ?",
        "{check_rcv} {doc} du dentiste pour {dent_soin} ?",
        "J'ai eu {dent_soin} le {date} et {got_nothing}. Le dentiste a pourtant télétransmis.",
        "{tell_me} si le remboursement de {dent_soin} chez le dentiste a été fait ?",
        "Le remboursement de ma consultation dentaire n'apparaît pas ; {got_nothing}.",
        "Mon dentiste a envoyé la feuille de soins pour {dent_soin} ; {tell_me_low} quand je serai payé ?",
        "Après {dent_soin} chez mon dentiste, {got_nothing}. Le dossier est-il en cours ?",
        "Le remboursement des soins dentaires du {date} n'est pas arrivé. Pouvez-vous vérifier ?",
        "{tell_me} si vous avez payé {dent_soin} fait chez mon dentiste ?",
        "J'ai eu {dent_soin} il y a {delai} ; {got_nothing}.",
        "Le dentiste a télétransmis la feuille de soins pour {dent_soin}. Le paiement est-il en cours ?",
        "Pour {dent_soin} chez le dentiste, {got_nothing}. Avez-vous reçu la facture ?",
        "Je ne trouve pas le remboursement de {dent_soin} sur mon relevé : le dentiste dit avoir tout envoyé.",
    ), notes=(
        "suivi rbt dentiste ({dent_soin_court})", "facture dentiste reçue ?",
        "rbt soins dentaires pas visible sur espace", "confirmation paiement cabinet dentaire",
        "fds dentaire {dent_soin_court} traitée ?", "part mutuelle dentiste versée ?",
        "rbt {dent_soin_court} dentiste ?", "soins dentaires télétransmis, rien reçu",
        "fds dentiste {date}, paiement ?", "consult. dentiste pas remboursée", "dentiste a envoyé fds, quand payé ?",
        "{dent_soin_court} chez dentiste, rien sur compte",
    )),
    # --- optical ----------------------------------------------------------------------------------
    "opt_quote": dict(topic="optical", complexity="complex", asks=(
        "Mon opticien m'a remis un devis de {amount} pour {opt_item}. Pouvez-vous me dire ce que vous prendrez en "
        "charge ?",
        "Je joins le devis de l'opticien pour {opt_item}. Quel sera mon reste à charge ?",
        "Avant de commander {opt_item} ({amount} au total), je voudrais une estimation de votre remboursement.",
        "L'opticien propose deux devis, l'un 100 % santé, l'autre à {amount} pour {opt_item}. Quelle différence pour "
        "moi ?",
        "Ma correction a changé ; le magasin d'optique chiffre {opt_item} à {amount}. Pourriez-vous m'adresser une "
        "simulation de prise en charge ?",
        "Voici la proposition chiffrée de l'opticien : {opt_item}, {amount}. Dans quelle limite intervenez-vous ?",
        "Vous trouverez ci-joint {quote} de l'opticien pour {opt_item} ({amount}). {tell_me} {cover} ?",
        "L'opticien propose {opt_item} pour {amount}. {tell_me} {cover} avant que je passe commande ?",
        "J'ai besoin de nouvelles lunettes : {quote} s'élève à {amount} pour {opt_item}. Quelle est votre prise en "
        "charge ?",
        "Je joins deux devis d'opticien ({amount} et {amount}) pour {opt_item}. {tell_me} {cover} dans chaque cas ?",
        "Pour {opt_item} (montant : {amount}) chez mon opticien, {tell_me_low} {cover} ?",
        "Mon ophtalmologiste a changé ma correction ; l'opticien m'a remis {quote} : {opt_item}, {amount}. {tell_me} "
        "{cover} ?",
        "L'opticien m'a fait un devis de {amount} pour {opt_item}. {tell_me} {cover} ?",
        "Je joins {quote} pour {opt_item} : {amount}. Quel remboursement puis-je attendre ?",
        "Pour {opt_item}, l'opticien propose une offre à {amount}. {tell_me} {cover} ?",
        "Mon ophtalmologiste m'a prescrit de nouveaux verres ; le devis de l'opticien est de {amount}. Quel sera mon "
        "reste à charge ?",
        "Devis d'opticien : {opt_item} pour {amount}. Pouvez-vous simuler votre prise en charge ?",
        "J'ai deux propositions d'opticien pour {opt_item}, à {amount} et {amount}. {tell_me} {cover} ?",
    ), notes=(
        "devis opticien {amount} ({opt_court}), dde PEC", "veut reste à charge {opt_court}",
        "2 devis optique dont 1 100% santé", "simulation rbt {opt_court}, devis {amount}",
        "nouvelle correction, devis {opt_court} {amount}", "limite PEC {opt_court} ?", "devis lunettes {amount}, PEC ?",
        "opticien propose {opt_court}, reste à charge", "2 devis opticien {amount}/{amount}",
        "devis {opt_court} avant commande", "{opt_court} chez opticien {amount}, combien ?",
        "nouvelle correction, proposition opticien {amount}",
    )),
    "opt_surgery": dict(topic="optical", complexity="complex", asks=(
        "J'envisage une opération de la myopie au laser ({amount} par œil). Participez-vous à la chirurgie réfractive "
        "?",
        "Mon ophtalmologiste me propose une chirurgie réfractive pour corriger mon astigmatisme. Quel forfait prévoit "
        "mon contrat ?",
        "Je voudrais savoir si le LASIK est remboursé par votre mutuelle et sur présentation de quelles pièces.",
        "Le devis pour l'opération au laser des deux yeux s'élève à {amount}. Pouvez-vous me dire ce que vous "
        "rembourserez ?",
        "Pour ne plus porter de lunettes, je pense me faire opérer de la presbytie. Existe-t-il une prise en charge "
        "de votre part ?",
        "Le centre ophtalmologique chiffre la correction laser de ma myopie à {amount} ; quelle somme resterait pour "
        "moi ?",
        "{tell_me} {cover} pour une opération de la myopie au laser ? {quote_cap} est de {amount}.",
        "Je souhaite me faire opérer des yeux au laser pour ne plus porter de lentilles. Votre contrat prévoit-il un "
        "forfait ?",
        "L'ophtalmologiste propose une chirurgie réfractive (LASIK) à {amount} les deux yeux. {tell_me} {cover} ?",
        "Existe-t-il un remboursement de la chirurgie de l'astigmatisme ? Le coût annoncé est de {amount}.",
        "La correction de ma presbytie par laser me coûterait {amount}. {tell_me} {cover} ?",
        "Je me renseigne sur une opération au laser pour corriger ma myopie : {tell_me_low} {cover}, sachant que la "
        "Sécurité sociale ne rembourse rien ?",
        "Mon ophtalmologue me propose une opération au laser de la myopie pour {amount}. Quel est votre forfait ?",
        "{tell_me} si la chirurgie réfractive est couverte par mon contrat ?",
        "Je souhaite me faire opérer de l'astigmatisme au laser ({amount}). Pouvez-vous me dire ce que vous "
        "remboursez ?",
        "L'opération LASIK des deux yeux est chiffrée à {amount}. {tell_me} {cover} ?",
        "Existe-t-il une participation de la mutuelle pour une chirurgie au laser de la presbytie ?",
        "Le chirurgien ophtalmologiste m'a remis {quote} pour corriger ma myopie au laser ({amount}). {tell_me} "
        "{cover} ?",
    ), notes=(
        "chirurgie réfractive laser, devis {amount}, forfait ?", "opé myopie, question PEC", "lasik remboursé ?",
        "opération presbytie, dde participation", "laser 2 yeux {amount}, combien rbt ?",
        "correction laser astigmatisme, forfait contrat ?", "laser myopie, forfait ?", "opération yeux laser {amount}",
        "LASIK 2 yeux, participation ?", "chirurgie astigmatisme, rbt ?", "presbytie laser {amount}",
        "opé laser myopie, sécu rembourse rien, part mutuelle ?",
    )),
    "opt_status": dict(topic="optical", complexity="simple", asks=(
        "J'ai acheté {opt_item} le mois dernier ; le remboursement n'est toujours pas arrivé. Où en est-il ?",
        "Pouvez-vous me confirmer que l'opticien vous a bien transmis la facture de {opt_item} ?",
        "Je voudrais savoir quand sera versé le remboursement de {opt_item}.",
        "L'opticien dit avoir été payé en tiers payant, mais je ne vois rien sur mon relevé pour {opt_item}. "
        "Pouvez-vous vérifier ?",
        "Le remboursement de {opt_item} (achat de {month}) est-il en cours de traitement ?",
        "La facture de l'opticien pour {opt_item} vous a été envoyée le {date}. Avez-vous pu la régler ?",
        "{check_rcv} {doc} de l'opticien pour {opt_item} ?",
        "J'ai acheté {opt_item} il y a {delai} et {got_nothing}.",
        "{tell_me} où en est le remboursement de mes lunettes ? {got_nothing_cap}.",
        "Mon opticien a fait une demande de tiers payant pour {opt_item}. {tell_me} si elle a été acceptée et payée ?",
        "Le remboursement de mes nouvelles lunettes se fait attendre : {got_nothing}.",
        "Depuis l'achat de {opt_item} chez l'opticien, {got_nothing}. {tell_me} si le dossier est complet ?",
        "{tell_me} si le remboursement de mes lunettes a été effectué ?",
        "J'ai envoyé la facture de l'opticien pour {opt_item} il y a {delai} ; {got_nothing}.",
        "Mon opticien attend votre paiement pour {opt_item}. Où en est le dossier ?",
        "Le remboursement de {opt_item} n'apparaît pas sur mon espace : est-il en cours ?",
        "L'opticien a envoyé sa facture pour {opt_item} ; {tell_me_low} quand vous la réglerez ?",
        "Mes nouvelles lunettes sont payées depuis {delai} et {got_nothing}.",
    ), notes=(
        "suivi rbt {opt_court}", "facture opticien reçue ?", "rbt lunettes pas arrivé",
        "tiers payant opticien, vérif paiement", "rbt {opt_court} acheté en {month}, en cours ?",
        "opticien dit payé, rien sur relevé", "rbt lunettes pas reçu depuis {delai}", "facture opticien transmise ?",
        "tiers payant opticien accepté ?", "achat {opt_court} il y a {delai}, rien", "lunettes neuves, rbt en attente",
        "opticien : dossier complet ? rien reçu",
    )),
    "opt_renewal": dict(topic="optical", complexity="simple", asks=(
        "À quelle date pourrai-je bénéficier d'un nouveau forfait lunettes ?",
        "Ma dernière paire date de {year}. Ai-je droit à un renouvellement de mes verres cette année ?",
        "Ma vue a changé : puis-je renouveler mes lunettes avant la fin des deux ans ?",
        "Est-ce que mes enfants peuvent avoir une nouvelle monture chaque année ?",
        "Combien de temps faut-il attendre entre deux équipements optiques pour être remboursé ?",
        "Mon forfait optique est-il disponible à nouveau ? J'ai acheté mes dernières lunettes en {year}.",
        "{tell_me} à partir de quand je pourrai renouveler mes lunettes ?",
        "J'ai eu mes lunettes en {year} ; ai-je droit à une nouvelle paire remboursée ?",
        "Ma fille casse souvent ses lunettes : combien de paires sont remboursées par an pour un enfant ?",
        "{tell_me} si mon forfait optique est à nouveau disponible ?",
        "Est-ce que je peux changer de verres dès maintenant, ma dernière paire datant de {year} ?",
        "Mon ophtalmologiste a modifié ma correction : {tell_me_low} si je peux avoir de nouvelles lunettes avant "
        "deux ans ?",
        "Quand pourrai-je bénéficier à nouveau du forfait optique ?",
        "{tell_me} si j'ai droit à de nouvelles lunettes cette année ?",
        "Ma dernière paire de lunettes date de {year} : puis-je en racheter une avec un remboursement ?",
        "Quelle est la fréquence de renouvellement des lunettes prévue par mon contrat ?",
        "{tell_me} la date à partir de laquelle mes verres pourront être renouvelés ?",
        "Ai-je droit à un nouvel équipement optique ? Mes lunettes actuelles datent de {year}.",
    ), notes=(
        "question délai renouvellement lunettes", "droit nouvelle paire ? dernière en {year}",
        "renouvellement verres enfant", "forfait optique dispo quand ?", "vue a changé, renouveler avant 2 ans ?",
        "délai entre 2 équipements optiques", "renouvellement lunettes possible quand ?",
        "nouvelle paire, dernière {year}", "nb paires remboursées enfant/an", "forfait optique à nouveau dispo ?",
        "changer verres maintenant ? paire {year}", "correction modifiée, lunettes avant 2 ans ?",
    )),
    # --- complaint --------------------------------------------------------------------------------
    "comp_delay": dict(topic="complaint", complexity="simple", asks=(
        "Cela fait {delai} que j'attends une réponse à mon courrier. C'est inadmissible.",
        "Je suis très mécontent du délai de traitement de mon dossier : personne ne me répond.",
        "Votre service est injoignable et mes courriels restent sans réponse. Je tiens à exprimer mon profond "
        "mécontentement.",
        "Je trouve inacceptable de devoir relancer sans cesse pour une simple demande.",
        "Je déplore vivement la lenteur de vos services : {delai} pour traiter un simple dossier, ce n'est pas "
        "sérieux.",
        "Votre inertie est scandaleuse : {delai} sans la moindre nouvelle de mon dossier.",
        "{angry} J'attends depuis {delai} une réponse à ma demande et personne ne me rappelle.",
        "Voilà {delai} que mon dossier est en attente. {angry}",
        "Je vous ai écrit il y a {delai} et je n'ai eu aucune réponse. {angry}",
        "{angry} Aucun de mes messages n'a obtenu de réponse depuis {delai}.",
        "Mon dossier traîne depuis {delai} sans la moindre explication. {angry}",
        "{angry} Cela fait {delai} que vos services ignorent mes courriers.",
        "{angry} Je vous ai relancés plusieurs fois sans jamais obtenir de réponse.",
        "Depuis {delai}, mon dossier n'avance pas et personne ne m'explique pourquoi. {angry}",
        "Je suis très mécontent : mes demandes restent sans suite depuis {delai}.",
        "{angry} Il est anormal d'attendre {delai} pour une simple réponse.",
        "Aucune réponse à mes messages depuis {delai} : {angry_low}",
        "{angry} Mes courriers restent lettre morte depuis {delai}.",
    ), notes=(
        "mécontent délai traitement, attend depuis {delai}", "très énervé, personne ne rappelle",
        "se plaint absence réponse courriels", "adh. excédé, dossier bloqué depuis {delai}",
        "suivi rbt {opt_court}, mécontent, rappelle encore", "insatisfait lenteur, menace de partir",
        "furieux, attend depuis {delai}", "se plaint : dossier en attente {delai}",
        "excédé, aucune réponse aux courriers", "mécontent, personne ne rappelle", "dossier traîne, très mécontent",
        "inadmissible selon adh., {delai} sans réponse",
    )),
    "comp_amount": dict(topic="complaint", complexity="complex", asks=(
        "Je conteste le montant remboursé pour {soin} : {amount} au lieu des {amount} prévus par ma garantie.",
        "Je ne suis pas d'accord avec votre décision de refus concernant {soin}. Je vous demande d'examiner ma "
        "réclamation.",
        "Votre décompte est erroné : vous avez appliqué un mauvais taux. Je souhaite déposer une réclamation.",
        "Le refus de prise en charge de {soin} est injustifié au regard des conditions générales. Je demande un "
        "réexamen complet.",
        "Vous n'avez versé que {amount} sur {amount} ; cette erreur me pénalise lourdement et j'exige une "
        "régularisation.",
        "Je proteste contre le rejet de mon dossier pour {soin} : les garanties de mon contrat sont claires et vous "
        "ne les respectez pas.",
        "{angry} Vous ne m'avez remboursé que {amount} pour {soin} alors que ma garantie prévoit {amount}. Je "
        "conteste ce calcul.",
        "Je conteste votre refus de rembourser {soin} et je vous demande de réviser votre décision.",
        "Votre décompte pour {soin} comporte une erreur de {amount}. {angry} Je demande une régularisation.",
        "Je forme une réclamation contre le montant versé pour {soin} : {amount} au lieu de {amount}.",
        "{angry} Le remboursement de {soin} ne respecte pas les garanties de mon contrat ; je demande qu'il soit "
        "recalculé.",
        "Je réclame la différence entre {amount} et {amount} pour {soin} : votre calcul est faux et je le conteste "
        "formellement.",
        "Je conteste le décompte de {soin} : vous avez versé {amount} au lieu de {amount}.",
        "{angry} Votre refus de prendre en charge {soin} ne respecte pas mon contrat ; je demande sa révision.",
        "Je dépose une réclamation : le remboursement de {soin} est inférieur de {amount} à ce que prévoit ma "
        "garantie.",
        "Vous avez appliqué un mauvais taux sur {soin}. Je conteste ce remboursement et demande un nouveau calcul.",
        "{angry} Pour {soin}, vous avez remboursé {amount} alors que les conditions générales prévoient {amount}.",
        "Votre décision de ne rembourser que {amount} pour {soin} est contraire à mes garanties ; je la conteste.",
    ), notes=(
        "conteste montant rbt {soin_court} ({amount} au lieu de {amount})", "réclamation sur refus PEC {soin_court}",
        "désaccord taux appliqué décompte", "exige régularisation, erreur calcul",
        "refus PEC injustifié selon adh., veut réexamen",
        "proteste rejet dossier {soin_court}, cite conditions générales", "conteste calcul {soin_court}",
        "réclamation montant {amount} au lieu de {amount}", "refus rbt {soin_court} contesté",
        "erreur décompte {amount}, exige régul.", "garanties non respectées selon adh., recalcul",
        "conteste formellement écart {amount}/{amount} {soin_court}",
    )),
    "comp_dental": dict(topic="complaint", complexity="complex", asks=(
        "Je suis scandalisé par le remboursement de {dent_acte} : {amount} seulement alors que le devis validé "
        "annonçait {amount}.",
        "Je conteste le refus de prise en charge de {dent_acte}, que vous aviez pourtant accepté sur devis.",
        "Votre remboursement de mes soins dentaires est lamentable : {amount} pour {dent_acte}. Je fais une "
        "réclamation.",
        "J'ai fait poser {dent_acte} sur la foi de votre estimation ; le montant versé est très inférieur. C'est "
        "inadmissible et je demande réparation.",
        "Le dentiste et vous vous renvoyez la balle depuis {delai} au sujet de {dent_acte}. Je suis excédé et je veux "
        "une solution.",
        "On m'avait promis {amount} pour {dent_acte} et je n'ai touché que {amount} : je n'accepte pas ce traitement "
        "de mon dossier dentaire.",
        "{angry} Vous avez remboursé {amount} pour {dent_acte} au lieu des {amount} annoncés sur le devis dentaire.",
        "Je conteste le remboursement de {dent_acte} posé par mon dentiste : le montant ne correspond pas à votre "
        "accord.",
        "Votre refus de rembourser {dent_acte} est injustifié. {angry} Je demande un réexamen de mon dossier dentaire.",
        "J'ai déposé une réclamation pour {dent_acte} il y a {delai} et rien n'a changé. {angry}",
        "{angry} Après {dent_acte} chez le dentiste, vous me versez {amount} au lieu de {amount}.",
        "Le remboursement de {dent_acte} est très inférieur à votre estimation ({amount} contre {amount}). {angry}",
        "Je conteste le montant versé pour {dent_acte} : {amount} au lieu des {amount} de votre accord.",
        "{angry} Le remboursement de mes soins dentaires ({dent_acte}) ne correspond pas au devis accepté.",
        "Je fais une réclamation sur le remboursement de {dent_acte} chez mon dentiste : il manque {amount}.",
        "Vous refusez maintenant de rembourser {dent_acte} que vous aviez validé sur devis. {angry}",
        "Réclamation : pour {dent_acte}, votre remboursement est très en dessous de l'estimation dentaire ({amount}).",
        "{angry} Mon dentiste a posé {dent_acte} selon votre accord, et vous ne versez que {amount}.",
    ), notes=(
        "mécontent rbt {dent_court}, reçu {amount} vs devis {amount}",
        "réclamation soins dentaires, refus PEC {dent_court}", "conteste rbt implant",
        "furieux, écart devis dentaire / rbt", "excédé, dentiste et mutuelle se renvoient la balle",
        "n'accepte pas montant versé {dent_court}, promis {amount}", "conteste rbt {dent_court}, pas conforme devis",
        "réclamation refus {dent_court}", "furieux montant dentaire {amount}",
        "mécontent {dent_court} : {amount} au lieu de {amount}", "réexamen dossier dentaire exigé",
        "rbt {dent_court} très inférieur à estimation, inadmissible",
    )),
    "comp_service": dict(topic="complaint", complexity="simple", asks=(
        "L'accueil téléphonique de votre agence a été désagréable et je n'ai obtenu aucune information.",
        "Votre conseillère m'a raccroché au nez. Je souhaite porter plainte contre ce comportement.",
        "On m'a promis un rappel qui n'est jamais venu. Je suis déçu par votre service client.",
        "Le site affiche des informations fausses sur mes remboursements et vos conseillers se contredisent : je suis "
        "profondément insatisfait.",
        "Je n'accepte pas la manière dont ma demande a été traitée au guichet ; on m'a parlé avec mépris.",
        "Je tiens à signaler le comportement désobligeant d'un de vos agents lors de mon appel du {date}.",
        "{angry} Votre conseiller m'a répondu de manière agressive au téléphone.",
        "J'ai été très mal reçue à votre agence de {city}. {angry}",
        "{angry} Personne ne m'a rappelé malgré trois promesses de votre service client.",
        "On m'a donné au téléphone une information fausse sur mes droits. {angry}",
        "L'agent de l'accueil de {city} a refusé de prendre mon dossier. {angry}",
        "{angry} Vos conseillers me renvoient de service en service sans jamais me répondre.",
        "{angry} Votre standard ne répond jamais et personne ne rappelle.",
        "Je me plains de l'accueil reçu à votre agence : on m'a traité avec désinvolture.",
        "{angry} Votre conseillère a refusé de m'écouter et m'a raccroché au nez.",
        "Les informations données par vos conseillers sont contradictoires. {angry}",
        "{angry} J'ai attendu une heure au téléphone pour être finalement coupé.",
        "Le comportement de votre agent au guichet de {city} était irrespectueux. {angry}",
    ), notes=(
        "mécontent accueil tél, conseiller désagréable", "plainte : rappel promis jamais fait",
        "se plaint infos contradictoires des conseillers", "insatisfait service client", "reproche mépris au guichet",
        "signale agent désobligeant appel du {date}", "plainte accueil agence {city}", "conseiller agressif au tél",
        "promesses de rappel non tenues, mécontent", "info fausse donnée au tél, se plaint",
        "accueil {city} a refusé dossier", "renvoyé de service en service, excédé",
    )),
    "comp_legal": dict(topic="complaint", complexity="complex", urgency="critical", asks=(
        "Malgré mes relances au sujet de {soin}, rien n'a bougé. Je vous mets en demeure de me rembourser la somme de "
        "{amount} sous quinze jours.",
        "Votre refus concernant {soin} est abusif. Sans régularisation de votre part, je saisirai le médiateur de la "
        "mutualité.",
        "J'ai confié ce litige sur {soin} à mon avocat, qui prendra contact avec vous.",
        "À défaut de réponse satisfaisante sur {soin}, j'engagerai une action devant le tribunal judiciaire et "
        "j'alerterai l'ACPR.",
        "Ceci constitue un dernier avertissement avant la saisine de la médiation et le recours à un huissier pour "
        "les {amount} que vous me devez.",
        "Mon conseil juridique estime votre position sur {soin} contraire au contrat ; une procédure judiciaire sera "
        "engagée si vous ne payez pas {amount}.",
        "{angry} Concernant {soin}, je vous mets en demeure de régler {amount} sous huit jours.",
        "Faute de remboursement de {soin}, je saisis le médiateur de la consommation.",
        "Mon avocat vous adressera un courrier si les {amount} dus pour {soin} ne sont pas versés.",
        "Je vous informe que je porte ce litige sur {soin} devant le médiateur de la mutualité.",
        "Sans règlement des {amount} pour {soin}, je saisirai le tribunal. {angry}",
        "Je vous adresse une mise en demeure formelle : {amount} restent dus pour {soin}, faute de quoi mon avocat "
        "engagera une procédure.",
        "Je vous mets en demeure de régulariser le remboursement de {soin} ({amount}) sous quinze jours.",
        "À défaut de paiement des {amount} dus pour {soin}, je saisirai le médiateur.",
        "{angry} Mon avocat est saisi du litige concernant {soin}.",
        "Sans réponse de votre part sur {soin}, je porterai l'affaire devant le tribunal.",
        "Dernier avertissement : je saisis le médiateur de la mutualité pour {soin} si vous ne réglez pas {amount}.",
        "Par la présente mise en demeure, je vous demande de verser les {amount} dus pour {soin}, faute de quoi "
        "j'engagerai une action en justice.",
    ), notes=(
        "menace médiateur si pas rbt {amount}", "mise en demeure envoyée, avocat",
        "litige {soin_court}, veut saisir tribunal", "parle de médiation + huissier",
        "veut alerter ACPR, procédure judiciaire", "conseil juridique saisi, réclame {amount}",
        "mise en demeure {amount}", "saisit médiateur conso", "avocat va écrire, {amount} dus",
        "litige {soin_court} devant médiateur", "menace tribunal si pas réglé",
        "mise en demeure formelle + avocat, {amount}",
    )),
    # --- membership -------------------------------------------------------------------------------
    "memb_terminate": dict(topic="membership", complexity="simple", asks=(
        "Je souhaite résilier mon contrat à la date d'échéance.",
        "Par la présente, je vous informe de ma décision de mettre fin à mon adhésion au {date}.",
        "Mon employeur me fait bénéficier d'une mutuelle obligatoire ; merci de procéder à la résiliation de mon "
        "contrat individuel.",
        "Pouvez-vous m'indiquer la démarche pour résilier ma complémentaire santé en cours d'année ?",
        "Je quitte votre mutuelle : merci d'arrêter les prélèvements et de me confirmer la fin de ma couverture.",
        "Ayant trouvé une offre plus adaptée, je vous demande de clôturer mon contrat santé à la prochaine échéance.",
        "Je vous demande de résilier mon adhésion à compter du {date}.",
        "{tell_me} comment mettre fin à mon contrat de complémentaire santé ?",
        "Suite à mon embauche, j'ai une mutuelle d'entreprise : je résilie donc mon contrat chez vous.",
        "Merci d'enregistrer la résiliation de mon contrat à l'échéance annuelle et de cesser les prélèvements.",
        "Je ne souhaite plus être adhérent de votre mutuelle à partir du {date}. Merci de clôturer mon contrat.",
        "Par ce courrier, je mets fin à ma complémentaire santé chez vous ; {tell_me_low} la date effective de fin de "
        "couverture ?",
        "Je souhaite mettre fin à mon contrat santé au {date}.",
        "Merci de résilier mon adhésion : j'ai désormais la mutuelle de mon employeur.",
        "{tell_me} comment résilier mon contrat à l'échéance ?",
        "Je vous notifie la résiliation de mon contrat à la date anniversaire.",
        "Veuillez prendre note de ma résiliation au {date} et arrêter les prélèvements.",
        "Je résilie ma complémentaire santé ; merci de m'adresser une confirmation de fin de contrat.",
    ), notes=(
        "dde résiliation à échéance", "veut résilier, mutuelle entreprise", "résiliation infra-annuelle, démarche ?",
        "quitte la mutuelle, stop prélèvements", "clôture contrat à prochaine échéance", "fin adhésion au {date}",
        "résiliation au {date}", "veut mettre fin au contrat", "embauche, mutuelle entreprise, résilie",
        "résiliation échéance + stop prélèvements", "ne veut plus être adhérent", "fin de contrat, date effective ?",
    )),
    "memb_join": dict(topic="membership", complexity="simple", asks=(
        "Je souhaiterais adhérer à votre mutuelle. Pouvez-vous m'envoyer une proposition ?",
        "Quelles formules proposez-vous pour un couple de retraités ? Nous envisageons de souscrire.",
        "Je viens de créer mon entreprise et cherche une complémentaire santé individuelle. Comment adhérer ?",
        "Pourriez-vous me faire parvenir un bulletin d'adhésion et la grille des cotisations ?",
        "Mon fils, étudiant, voudrait sa propre couverture santé chez vous : quelles sont les conditions "
        "d'affiliation ?",
        "Une amie m'a recommandé votre mutuelle ; comment devenir adhérent et quels sont vos tarifs ?",
        "{tell_me} quelles formules vous proposez pour une famille avec deux enfants ?",
        "Je souhaite souscrire une complémentaire santé chez vous. {send_me} un bulletin d'adhésion.",
        "Nous sommes retraités et cherchons une mutuelle ; comment adhérer chez vous ?",
        "{send_me} une proposition d'adhésion et vos tarifs pour une personne seule.",
        "Je suis intéressé par votre offre santé : {tell_me_low} comment souscrire ?",
        "{send_me} la documentation pour adhérer à votre mutuelle, avec la grille des cotisations.",
        "Je souhaite adhérer à votre mutuelle pour moi et mes enfants.",
        "{send_me} une offre de complémentaire santé pour un jeune actif.",
        "{tell_me} comment souscrire un contrat chez vous ?",
        "Nous voudrions adhérer à votre mutuelle ; quelles formules proposez-vous aux familles ?",
        "{send_me} un devis d'adhésion pour une formule senior.",
        "Je voudrais rejoindre votre mutuelle : comment adhérer et quels sont les tarifs ?",
    ), notes=(
        "prospect, veut adhérer, envoyer proposition", "dde grille cotisations + bulletin adhésion",
        "souscription couple retraités", "étudiant veut propre contrat", "devenir adhérent, tarifs ?",
        "création entreprise, cherche complémentaire indiv.", "formules famille 2 enfants ?",
        "veut souscrire, envoyer bulletin", "retraités cherchent mutuelle", "proposition adhésion personne seule",
        "intéressé offre santé, comment souscrire", "doc adhésion + grille cotisations",
    )),
    "memb_beneficiary": dict(topic="membership", complexity="simple", asks=(
        "Je viens d'avoir un enfant et souhaite le rattacher à mon contrat. Quels documents fournir ?",
        "Merci d'ajouter mon conjoint comme ayant droit sur mon adhésion à compter du {date}.",
        "Ma fille a trouvé un emploi : pouvez-vous la retirer de mon contrat ?",
        "Suite à notre mariage, je voudrais inscrire mon épouse sur ma complémentaire.",
        "Notre deuxième enfant est né le {date} ; merci de l'intégrer à la couverture familiale.",
        "Mon compagnon n'a plus de mutuelle : peut-il être couvert sur mon contrat comme bénéficiaire ?",
        "Ma fille est née le {date}. {tell_me} comment l'inscrire sur mon contrat ?",
        "Merci de rattacher mon conjoint à mon adhésion, il n'a plus de couverture.",
        "Mon fils entre dans la vie active : {tell_me_low} comment le retirer de mon contrat ?",
        "Je souhaite ajouter mes deux enfants comme ayants droit sur ma complémentaire.",
        "Suite à la naissance de notre fils le {date}, merci de l'ajouter à notre contrat familial.",
        "{tell_me} si mon épouse peut être rattachée à mon contrat comme ayant droit ?",
        "Merci d'ajouter mon nouveau-né à mon contrat.",
        "{tell_me} comment rattacher mon conjoint à ma mutuelle ?",
        "Mon fils a désormais sa propre mutuelle : merci de le retirer de mon adhésion.",
        "Je voudrais inscrire ma compagne comme bénéficiaire sur mon contrat.",
        "Notre fille est née le {date} ; pouvez-vous la rattacher à notre contrat ?",
        "Merci de retirer mon ex-conjoint de mon contrat à compter du {date}.",
    ), notes=(
        "naissance, rattacher bébé au contrat", "ajout conjoint ayant droit", "retirer fille du contrat (emploi)",
        "inscrire épouse suite mariage", "2e enfant né le {date}, intégrer couverture",
        "compagnon à ajouter comme bénéficiaire", "ajout bébé né le {date}", "rattacher conjoint sans couverture",
        "retirer fils du contrat", "ajout 2 enfants ayants droit", "naissance fils, ajout contrat famille",
        "épouse ayant droit possible ?",
    )),
    "memb_plan": dict(topic="membership", complexity="simple", asks=(
        "Je voudrais passer à une formule avec de meilleures garanties à partir du 1er janvier.",
        "Mes cotisations ont beaucoup augmenté ; pouvez-vous me proposer une formule moins chère ?",
        "Est-il possible de changer de niveau de garantie en cours d'année ?",
        "Je souhaite baisser ma formule, car je n'utilise presque pas ma mutuelle.",
        "Pouvez-vous modifier la date de prélèvement de ma cotisation mensuelle ?",
        "Je préférerais payer ma cotisation une fois par trimestre plutôt que chaque mois.",
        "{tell_me} s'il est possible de changer de formule au 1er janvier ?",
        "Ma cotisation est trop élevée pour mon budget : je voudrais une garantie moins chère.",
        "Je souhaite une formule avec un meilleur niveau de garanties. {send_me} les tarifs.",
        "{tell_me} comment passer au paiement annuel de ma cotisation ?",
        "Je voudrais monter en gamme et changer de garantie à la prochaine échéance.",
        "{tell_me} si je peux prendre une formule plus économique dès le mois prochain ?",
        "Je voudrais changer de formule pour une garantie plus complète.",
        "{tell_me} comment réduire ma cotisation en changeant de formule ?",
        "Est-il possible de passer à la formule supérieure dès le mois prochain ?",
        "Je souhaite modifier mon mode de paiement : prélèvement trimestriel au lieu de mensuel.",
        "Je voudrais une formule moins chère à la prochaine échéance.",
        "{tell_me} si je peux changer de niveau de garantie en cours d'année ?",
    ), notes=(
        "changement formule au 1er janvier", "hausse cotisation, veut formule moins chère",
        "changer de garantie en cours d'année ?", "baisser formule, utilise peu", "modif date prélèvement cotisation",
        "passer en paiement trimestriel", "changement formule 1er janvier ?",
        "cotisation trop chère, garantie moins chère", "meilleure formule, tarifs", "paiement annuel cotisation",
        "monter en gamme prochaine échéance", "formule plus économique mois prochain ?",
    )),
    "memb_collective": dict(topic="membership", complexity="complex", asks=(
        "Je pars à la retraite et mon contrat collectif prend fin. Comment bénéficier de la portabilité puis d'un "
        "contrat individuel sans délai de carence, et à quel tarif ?",
        "Mon employeur a souscrit un contrat collectif chez vous, mais j'ai déjà une mutuelle individuelle. Puis-je "
        "être dispensé et comment coordonner les deux couvertures ?",
        "Suite à mon licenciement, je souhaite conserver la couverture de l'entreprise au titre de la portabilité et "
        "y maintenir mes ayants droit. Quelles sont les conditions ?",
        "Deux employeurs successifs ont cotisé pour moi ce trimestre ; comment régulariser les cotisations payées en "
        "double, soit {amount} ?",
        "Je relève à la fois du régime local d'Alsace-Moselle et d'un contrat collectif : pouvez-vous recalculer mes "
        "garanties et mes cotisations ?",
        "Mon entreprise change d'organisme au 1er juillet : que deviennent mes garanties en cours, la "
        "surcomplémentaire et les soins déjà engagés ?",
        "Mon contrat collectif d'entreprise se termine avec ma démission ; {tell_me_low} mes droits à la portabilité "
        "et le maintien de mes ayants droit ?",
        "Je cumule un contrat collectif obligatoire et votre contrat individuel : comment articuler les deux et "
        "récupérer {amount} de cotisations ?",
        "À mon départ en retraite, je veux passer du contrat collectif à un contrat individuel : {tell_me_low} les "
        "conditions, les tarifs et les délais ?",
        "Mon employeur a changé d'assureur collectif en cours d'année ; mes cotisations ont été prélevées deux fois "
        "({amount}). Comment régulariser ?",
        "Salarié de deux entreprises, je suis affilié à deux contrats collectifs : lequel s'applique en premier et "
        "que deviennent mes cotisations ?",
        "Après mon licenciement, la portabilité de mon contrat collectif s'achève ; {tell_me_low} comment maintenir "
        "la couverture de ma famille et à quel coût ?",
        "Je quitte mon entreprise : {tell_me_low} comment fonctionne la portabilité de la mutuelle collective et pour "
        "combien de temps ?",
        "À la fin de ma portabilité, puis-je passer sur un contrat individuel sans questionnaire ni délai de carence ?",
        "Mon employeur m'impose le contrat collectif alors que j'ai une mutuelle individuelle chez vous : quelles "
        "dispenses et quel remboursement des cotisations ({amount}) ?",
        "Retraité, je veux conserver les garanties du contrat collectif de mon ancien employeur : à quelles "
        "conditions et à quel tarif ?",
        "Mon contrat collectif a changé d'assureur et mes ayants droit ne sont plus couverts : comment les maintenir ?",
        "Avec deux employeurs et deux contrats collectifs, j'ai payé {amount} de cotisations en double : comment "
        "régulariser ma situation ?",
    ), notes=(
        "fin contrat collectif retraite, portabilité + contrat indiv ?",
        "double couverture entreprise/individuel, dispense ?", "licenciement, maintien ayants droit portabilité",
        "cotisations payées en double {amount}, régul", "régime Alsace-Moselle + collectif, recalcul garanties",
        "changement organisme entreprise, surcomplémentaire ?", "démission, portabilité + ayants droit ?",
        "cumul contrat collectif + individuel, cotisations {amount}", "retraite : passage collectif vers individuel",
        "double prélèvement {amount} changement assureur collectif", "2 contrats collectifs, lequel prioritaire",
        "fin portabilité après licenciement, maintien famille ?",
    )),
    # --- certificate ------------------------------------------------------------------------------
    "cert_rights": dict(topic="certificate", complexity="simple", asks=(
        "Pourriez-vous m'envoyer une attestation de droits à jour ?",
        "J'ai besoin d'un justificatif d'affiliation à votre mutuelle pour mon employeur.",
        "Merci de me faire parvenir une attestation d'adhésion pour l'année {year}.",
        "Mon employeur exige un certificat prouvant que je suis couvert par une complémentaire santé.",
        "Pouvez-vous me transmettre par courriel le document qui prouve mon affiliation, pour une dispense ?",
        "Il me faut une attestation de mutuelle au nom de {proche} pour son inscription.",
        "{send_me} une attestation de droits pour {proche}.",
        "{send_me} une attestation d'affiliation à votre mutuelle, mon employeur la demande.",
        "J'ai besoin d'un justificatif de couverture complémentaire pour mon nouvel employeur.",
        "{send_me} un certificat d'adhésion à jour.",
        "{send_me} une attestation prouvant que je suis adhérent chez vous.",
        "{send_me} une attestation pour mon employeur, qui veut une preuve de ma couverture santé.",
        "{send_me} une attestation de mutuelle à mon nom.",
        "Il me faut un justificatif de droits pour la crèche de ma fille.",
        "{send_me} une attestation d'affiliation pour mon employeur.",
        "Pourriez-vous m'adresser une attestation de droits à jour ?",
        "{send_me} un justificatif prouvant mon affiliation à la mutuelle.",
        "J'ai besoin d'une attestation d'adhésion pour mon dossier auprès de la CAF.",
    ), notes=(
        "dde attestation droits", "justificatif affiliation pour employeur", "attestation adhésion {year}",
        "document preuve affiliation, dispense", "attestation au nom de {proche}",
        "certificat couverture complémentaire", "attestation droits pour {proche}", "attestation affiliation employeur",
        "justificatif couverture nouvel employeur", "certificat adhésion à jour", "preuve adhésion",
        "attestation pour employeur (preuve couverture)",
    )),
    "cert_card": dict(topic="certificate", complexity="simple", asks=(
        "J'ai perdu ma carte de tiers payant. Pouvez-vous m'en envoyer une nouvelle ?",
        "Je n'ai pas reçu ma carte mutuelle pour cette année.",
        "Merci de m'adresser un duplicata de ma carte d'adhérent.",
        "Ma pharmacie refuse ma carte, elle est périmée : pouvez-vous m'envoyer la nouvelle ?",
        "Le badge de tiers payant de mon fils a été volé ; il lui en faut un autre.",
        "La carte {year} n'est pas dans mon courrier ni sur l'application, pouvez-vous la renvoyer ?",
        "{send_me} une nouvelle carte de tiers payant, la mienne est perdue.",
        "Ma carte mutuelle a expiré. {send_me} la carte de cette année.",
        "{send_me} un duplicata de la carte de tiers payant de {proche}.",
        "Je n'ai jamais reçu la carte d'adhérent {year}. {send_me} un exemplaire.",
        "On m'a volé mon portefeuille avec ma carte mutuelle. {send_me} une nouvelle carte.",
        "Le pharmacien ne peut pas lire ma carte de tiers payant. {send_me} une carte à jour.",
        "{send_me} ma carte de tiers payant, je ne l'ai pas reçue.",
        "J'ai égaré ma carte mutuelle : pouvez-vous m'en envoyer une autre ?",
        "{send_me} une carte de tiers payant pour mon fils.",
        "Ma carte d'adhérent est abîmée ; {send_me_low} un duplicata.",
        "{send_me} une nouvelle carte mutuelle : l'ancienne est périmée.",
        "Je n'ai toujours pas la carte de tiers payant {year} ; pouvez-vous me l'envoyer ?",
    ), notes=(
        "carte TP perdue, renvoyer", "pas reçu carte mutuelle {year}", "duplicata carte adhérent",
        "carte périmée, pharmacie refuse", "carte TP fils volée", "renvoyer carte {year}", "nouvelle carte TP, perdue",
        "carte expirée, envoyer carte année", "duplicata carte {proche}", "jamais reçu carte {year}",
        "portefeuille volé, carte à refaire", "pharmacien ne lit pas carte TP, en renvoyer une",
    )),
    "cert_hosp": dict(topic="certificate", complexity="simple", asks=(
        "Suite à mon hospitalisation à {clinic}, mon employeur me demande une attestation d'affiliation à la mutuelle.",
        "Pour mon dossier d'admission à {clinic}, il me faut simplement une attestation de droits. Pouvez-vous me "
        "l'envoyer ?",
        "J'ai été hospitalisé le mois dernier ; pourriez-vous m'adresser un certificat de couverture pour mon "
        "assurance de prêt ?",
        "L'hôpital me réclame un justificatif de mutuelle : pouvez-vous me transmettre une attestation ?",
        "Après l'opération de {proche}, la caisse de prévoyance veut une attestation indiquant nos droits à la date "
        "du séjour.",
        "La clinique {clinic} demande une copie de ma carte mutuelle avant l'entrée de {proche} ; pouvez-vous "
        "l'envoyer ?",
        "Avant l'hospitalisation de {proche}, {clinic} veut une attestation de mutuelle. {send_me} ce document.",
        "{send_me} une attestation de droits : l'hôpital la réclame pour mon dossier d'admission.",
        "Suite à l'opération de {proche}, {send_me_low} une attestation de couverture pour son employeur.",
        "J'ai besoin d'un justificatif d'affiliation pour mon hospitalisation à {clinic}.",
        "Hospitalisé à {clinic} la semaine dernière, je dois fournir une attestation de mutuelle à mon assurance. "
        "{send_me} ce document.",
        "Pour mon entrée à {clinic}, le bureau des admissions demande seulement une attestation de mutuelle. "
        "{send_me} ce document.",
        "Pour mon entrée à l'hôpital, {send_me_low} une attestation de droits.",
        "La clinique {clinic} demande une attestation de mutuelle avant l'hospitalisation de {proche}.",
        "{send_me} une attestation de couverture : je suis hospitalisé à {clinic} la semaine prochaine.",
        "Suite à l'hospitalisation de {proche}, son employeur demande une attestation d'affiliation.",
        "L'hôpital de mon mari demande un justificatif de mutuelle : {send_me_low} une attestation.",
        "Avant l'opération de {proche} à {clinic}, il me faut une attestation de droits à jour.",
    ), notes=(
        "attestation affiliation suite hospi (employeur)", "justificatif mutuelle pour admission {clinic}",
        "certificat couverture, hospitalisé mois dernier", "hôpital veut attestation droits",
        "prévoyance veut attestation droits date séjour", "copie carte mutuelle pour entrée clinique",
        "attestation mutuelle pour hospi {proche}", "hôpital veut attestation droits admission",
        "attestation couverture après opération {proche}", "justificatif affiliation hospi {clinic}",
        "hospitalisé, assurance veut attestation", "bureau admissions {clinic} veut attestation mutuelle",
    )),
    "cert_tax": dict(topic="certificate", complexity="simple", asks=(
        "Pouvez-vous m'envoyer l'attestation fiscale de mes cotisations {year} pour ma déclaration de revenus ?",
        "En tant que travailleur indépendant, j'ai besoin du relevé annuel de cotisations Madelin.",
        "Merci de me transmettre le récapitulatif des cotisations versées en {year}.",
        "Mon comptable me demande un justificatif des sommes payées à la mutuelle l'an dernier.",
        "Il me faudrait l'état annuel de mes cotisations pour les impôts, le site ne le propose pas.",
        "Pour ma déclaration, je dois prouver le montant de mes cotisations {year} : pouvez-vous m'adresser le "
        "document ?",
        "{send_me} l'attestation annuelle de cotisations {year} pour les impôts.",
        "Je suis travailleur non salarié : {send_me_low} l'attestation Madelin de l'année {year}.",
        "{send_me} le montant des cotisations versées, pour ma déclaration fiscale.",
        "{send_me} un relevé des cotisations payées l'an dernier, mon comptable le demande.",
        "J'ai besoin du total de mes cotisations {year} pour ma déclaration de revenus.",
        "{send_me} le certificat de cotisations de l'année passée, à joindre à ma déclaration d'impôts.",
        "{send_me} l'attestation fiscale de mes cotisations.",
        "Il me faut le relevé annuel de cotisations {year} pour ma déclaration.",
        "{send_me} le justificatif des cotisations payées en {year}.",
        "Mon expert-comptable me demande l'attestation Madelin de {year}.",
        "{send_me} l'état des cotisations versées l'an dernier pour mes impôts.",
        "Pouvez-vous me fournir un document récapitulant mes cotisations {year} pour ma déclaration ?",
    ), notes=(
        "attestation fiscale cotisations {year}", "relevé annuel Madelin", "récap cotisations versées",
        "justificatif cotisations pour comptable", "état annuel cotisations impôts",
        "preuve montant cotisations {year}", "attestation annuelle cotisations impôts",
        "TNS, attestation Madelin {year}", "montant cotisations pour décla fiscale",
        "relevé cotisations an dernier (comptable)", "total cotisations {year} déclaration revenus",
        "certificat cotisations année passée pour impôts",
    )),
    # --- change of details ------------------------------------------------------------------------
    "cod_address": dict(topic="change_of_details", complexity="simple", asks=(
        "Je vous informe de ma nouvelle adresse : {address}.",
        "Nous avons déménagé le {date}. Merci de modifier l'adresse sur mon dossier : {address}.",
        "Pouvez-vous mettre à jour mon adresse postale ? J'habite désormais {address}.",
        "Veuillez noter mon changement de domicile à compter du {date} ; le nouveau logement se situe {address}.",
        "Je ne reçois plus vos courriers car j'ai changé de logement. Voici où m'écrire : {address}.",
        "Merci d'envoyer dorénavant toute correspondance au {address}.",
        "Merci de noter ma nouvelle adresse à partir du {date} : {address}.",
        "J'ai déménagé. Ma nouvelle adresse est {address}.",
        "Suite à notre déménagement, merci de mettre à jour notre adresse : {address}.",
        "Nouvelle adresse postale : {address}. Merci de modifier mon dossier.",
        "Nous habitons désormais au {address} ; merci de corriger l'adresse sur mon contrat.",
        "Veuillez modifier mon adresse : je réside maintenant au {address}.",
        "Changement d'adresse : {address}.",
        "Je viens de déménager, voici ma nouvelle adresse : {address}.",
        "Merci de mettre à jour mon adresse : {address}.",
        "Notre famille a déménagé au {address} le {date}.",
        "Veuillez enregistrer ma nouvelle adresse : {address}.",
        "Suite à mon déménagement, mes courriers doivent être envoyés au {address}.",
    ), notes=(
        "changement adresse : {address}", "a déménagé, maj adresse", "nouvelle adresse postale à saisir",
        "courriers retour, nouveau domicile {address}", "changement domicile au {date}",
        "correspondance à envoyer {address}", "nouvelle adresse au {date}", "déménagement : {address}",
        "maj adresse foyer", "adresse postale à modifier", "habite maintenant {address}",
        "réside désormais {address}, corriger dossier",
    )),
    "cod_bank": dict(topic="change_of_details", complexity="simple", asks=(
        "Je change de banque : vous trouverez ci-joint mon nouveau RIB pour les remboursements.",
        "Merci de prendre en compte mes nouvelles coordonnées bancaires ({bank}) pour les prélèvements et les "
        "virements.",
        "Mon compte a été clôturé ; voici mon nouvel IBAN : {iban}.",
        "Pouvez-vous enregistrer le relevé d'identité bancaire joint à la place de l'ancien ?",
        "J'ai ouvert un compte chez {bank}. Les virements de la mutuelle doivent désormais y arriver.",
        "Mes remboursements doivent être versés sur mon nouveau compte {bank}, IBAN {iban}.",
        "Veuillez trouver mon nouveau RIB : les remboursements doivent être versés sur ce compte.",
        "Je souhaite changer le compte bancaire de prélèvement de ma cotisation ; voici mon nouvel IBAN {iban}.",
        "Nouvelles coordonnées bancaires chez {bank} : {iban}. Merci de les enregistrer.",
        "Merci de mettre à jour mon RIB, j'ai changé d'établissement bancaire ({bank}).",
        "Mon ancien compte est fermé. Voici le RIB de mon nouveau compte {bank} pour mes remboursements.",
        "Je vous transmets mes nouvelles coordonnées bancaires ({bank}, IBAN {iban}) pour les prélèvements et les "
        "remboursements.",
        "Voici mon nouveau RIB pour les remboursements.",
        "Merci d'enregistrer mon nouvel IBAN : {iban}.",
        "J'ai changé de banque ({bank}) ; merci de mettre à jour mes coordonnées bancaires.",
        "{send_me} un mandat de prélèvement pour mon nouveau compte {bank}.",
        "Mes coordonnées bancaires ont changé : nouveau RIB ci-joint ({bank}).",
        "Merci de verser désormais mes remboursements sur mon compte {bank}, IBAN {iban}.",
    ), notes=(
        "nouveau RIB ({bank}) à enregistrer", "changement banque prélèvements + rbt", "IBAN à modifier : {iban}",
        "compte clôturé, envoie nouveau RIB", "nouveau compte {bank}", "rbt sur nouveau compte, IBAN {iban}",
        "nouveau RIB pour rbt", "changement compte prélèvement, IBAN {iban}", "coordonnées bancaires {bank}",
        "MAJ RIB, nouvelle banque", "ancien compte fermé, RIB {bank}",
        "nouvelles coord. bancaires {bank} prélèvements + rbt",
    )),
    "cod_identity": dict(topic="change_of_details", complexity="simple", asks=(
        "Suite à mon mariage, je souhaite que mon nom d'épouse figure sur mon dossier.",
        "Merci de corriger l'orthographe de mon nom sur vos courriers, une lettre est inversée.",
        "Mon numéro de téléphone a changé : {phone}.",
        "Veuillez remplacer mon adresse e-mail par {email} pour toutes vos communications.",
        "Depuis mon divorce, j'ai repris mon nom de naissance : pouvez-vous mettre à jour mon état civil ?",
        "Je ne suis plus joignable sur l'ancien portable ; notez le {phone} et le courriel {email}.",
        "Merci de modifier mon numéro de téléphone : {phone}.",
        "Mon adresse électronique a changé, merci d'utiliser {email}.",
        "Je me suis mariée : merci d'indiquer mon nom d'usage sur mes documents.",
        "Il y a une erreur dans mon prénom sur votre dossier ; merci de la corriger.",
        "Nouveau numéro de portable : {phone}. Merci de mettre à jour mes coordonnées.",
        "Merci de remplacer mon ancienne adresse mail par {email} et mon téléphone par le {phone}.",
        "Mon numéro de téléphone est désormais le {phone}.",
        "Merci de noter ma nouvelle adresse e-mail : {email}.",
        "Je souhaite modifier mon nom suite à mon mariage.",
        "Mon prénom est mal orthographié sur ma carte ; merci de corriger.",
        "Nouvelle adresse électronique : {email}. Merci de la mettre à jour.",
        "Merci de changer mon numéro de portable : {phone}.",
    ), notes=(
        "maj nom d'usage (mariage)", "corriger orthographe nom", "nouveau numéro tél {phone}",
        "changement email : {email}", "divorce, reprend nom de naissance", "nouveau portable {phone}",
        "modif n° tél {phone}", "nouvel email {email}", "nom d'usage après mariage", "erreur prénom à corriger",
        "nouveau portable {phone}", "remplacer mail par {email} + tél {phone}",
    )),
    # --- other ------------------------------------------------------------------------------------
    "other_web": dict(topic="other", complexity="simple", asks=(
        "Je n'arrive pas à me connecter à mon espace adhérent, mon mot de passe ne fonctionne plus.",
        "L'application mobile affiche une erreur à chaque ouverture. Pouvez-vous m'aider ?",
        "Comment créer mon compte en ligne ? Je ne trouve pas mon identifiant.",
        "Le lien de réinitialisation du mot de passe reçu par courriel a expiré.",
        "Mon compte personnel sur votre site est bloqué après trois essais.",
        "Le code de validation envoyé par SMS pour accéder à mon espace n'arrive jamais.",
        "Mon mot de passe de l'espace adhérent ne marche plus. {tell_me} comment le réinitialiser ?",
        "Impossible d'ouvrir l'application de la mutuelle sur mon téléphone depuis la mise à jour.",
        "{tell_me} comment accéder à mon espace en ligne ? Je n'ai jamais reçu mes identifiants.",
        "Le site internet affiche une page blanche quand je veux me connecter.",
        "Je n'arrive pas à télécharger mes documents sur votre site : le bouton ne fonctionne pas.",
        "Votre application me demande un identifiant que je n'ai jamais reçu ; impossible de me connecter à mon "
        "espace.",
        "Je n'arrive plus à me connecter à l'application.",
        "{tell_me} comment récupérer mon identifiant de l'espace adhérent ?",
        "Mon mot de passe est refusé sur votre site.",
        "L'espace en ligne affiche un message d'erreur quand je veux consulter mes documents.",
        "Impossible de créer mon compte sur votre site internet.",
        "L'application mobile refuse mon mot de passe depuis la dernière mise à jour.",
    ), notes=(
        "pb connexion espace adhérent, mdp", "appli plante à l'ouverture", "création compte en ligne, identifiant ?",
        "lien réinit mdp expiré", "compte bloqué site", "code SMS connexion jamais reçu", "mdp espace adhérent HS",
        "appli ne s'ouvre plus depuis MAJ", "identifiants jamais reçus", "page blanche connexion site",
        "téléchargement docs impossible sur site", "appli demande identifiant jamais reçu",
    )),
    "other_info": dict(topic="other", complexity="simple", asks=(
        "Quels sont les horaires d'ouverture de votre agence de {city} ?",
        "Proposez-vous des ateliers de prévention ou des bilans de santé pour les adhérents ?",
        "Je voudrais prendre rendez-vous avec un conseiller à l'agence.",
        "Pouvez-vous m'indiquer l'adresse où envoyer mes courriers ?",
        "Organisez-vous une assemblée générale cette année et comment y participer ?",
        "Votre agence de {city} est-elle ouverte le samedi matin ?",
        "{tell_me} les horaires de votre agence de {city} ?",
        "Proposez-vous des conférences sur la prévention santé cette année ?",
        "{tell_me} à quelle adresse je dois envoyer mes documents ?",
        "Je souhaite rencontrer un conseiller dans votre agence de {city}. Comment prendre rendez-vous ?",
        "Avez-vous un numéro de téléphone direct pour joindre un conseiller ?",
        "{tell_me} si votre agence de {city} accueille le public sans rendez-vous ?",
        "{tell_me} l'adresse de votre agence de {city} ?",
        "Organisez-vous des ateliers de prévention pour les seniors ?",
        "Quels sont vos horaires d'accueil téléphonique ?",
        "{tell_me} comment prendre rendez-vous avec un conseiller ?",
        "Votre agence de {city} est-elle ouverte entre midi et deux ?",
        "Où puis-je déposer mes documents à {city} ?",
    ), notes=(
        "horaires agence {city}", "infos ateliers prévention", "veut RDV conseiller agence",
        "adresse postale pour courrier", "assemblée générale, comment participer", "agence {city} ouverte samedi ?",
        "horaires agence {city}", "conférences prévention ?", "adresse envoi documents ?",
        "RDV conseiller agence {city}", "n° direct conseiller ?", "agence {city} sans RDV ?",
    )),
    "other_misc": dict(topic="other", complexity="simple", asks=(
        "Je tenais simplement à remercier votre conseillère pour son aide précieuse.",
        "Je vous adresse ma candidature spontanée pour un poste de gestionnaire.",
        "Notre société propose des solutions de numérisation de courrier aux mutuelles ; seriez-vous intéressés par "
        "une démonstration ?",
        "Vous trouverez ci-joint un courrier qui ne m'était pas destiné, reçu par erreur à mon adresse.",
        "Je voudrais savoir si votre mutuelle soutient des associations de patients dans la région.",
        "Bravo à vos équipes pour la rapidité de traitement, je suis très satisfait.",
        "Merci à votre équipe pour la qualité de l'accueil lors de mon dernier appel.",
        "Je vous adresse mon CV pour un stage au sein de votre mutuelle.",
        "Notre cabinet de conseil accompagne les mutuelles dans leur transformation digitale ; pouvons-nous en parler "
        "?",
        "J'ai reçu à mon adresse un courrier destiné à un autre adhérent, je vous le retourne.",
        "Je souhaitais simplement vous féliciter pour la clarté de vos nouveaux documents.",
        "Étudiante en master de gestion, je recherche une alternance au sein de votre service santé.",
        "Merci beaucoup pour votre aide lors de mon dernier appel.",
        "Je vous adresse ma candidature pour un poste de conseiller.",
        "Notre entreprise propose des solutions informatiques aux mutuelles ; pouvons-nous vous présenter notre offre "
        "?",
        "J'ai reçu un courrier au nom d'un autre adhérent, je vous le renvoie.",
        "Je vous remercie pour la rapidité de votre réponse.",
        "Je cherche un stage de fin d'études dans le secteur de la mutualité.",
    ), notes=(
        "remerciements conseillère", "candidature spontanée gestionnaire", "démarchage prestataire",
        "courrier reçu par erreur (autre adhérent)", "question soutien associations", "appel pour féliciter équipe",
        "remercie pour accueil", "CV pour stage", "démarchage cabinet conseil", "courrier autre adhérent reçu",
        "félicitations nouveaux documents", "étudiante cherche alternance",
    )),
}

SLOTS: dict[str, tuple[str, ...]] = {
    "soin": (
        "la consultation chez mon médecin traitant", "mes séances de kinésithérapie", "les analyses de sang",
        "la consultation chez le dermatologue", "les médicaments achetés en pharmacie", "la consultation du pédiatre",
        "mes séances d'ostéopathie", "la visite chez le gynécologue", "les séances d'orthophonie de ma fille",
        "la consultation chez le cardiologue", "les soins infirmiers à domicile", "la radiographie du genou",
        "l'échographie", "les semelles orthopédiques", "mes séances chez le psychologue", "l'IRM du dos",
    ),
    "soin_court": (
        "consult. généraliste", "kiné", "pharmacie", "labo analyses", "ostéo", "dermato", "pédiatre", "cardio", "radio",
        "orthophonie", "infirmière", "IRM", "psy", "gynéco",
    ),
    "doc": (
        "la facture", "la feuille de soins", "la copie du décompte de la Sécurité sociale", "la facture acquittée",
        "la note d'honoraires", "l'ordonnance et la facture", "la quittance",
    ),
    "hdoc": (
        "la facture de sortie", "la facture de la clinique", "la copie du bulletin de situation",
        "l'avis d'hospitalisation", "la facture du séjour",
    ),
    "delai": (
        "trois semaines", "deux mois", "plus d'un mois", "six semaines", "un mois et demi", "quatre mois", "dix jours",
    ),
    "etranger": (
        "en Espagne", "au Portugal", "en Italie", "au Maroc", "en Allemagne", "aux États-Unis", "en Belgique",
        "en Tunisie",
    ),
    "clinic": (
        "la clinique Saint-Roch", "la clinique des Cèdres", "l'hôpital de Langres", "le CHU de Dijon",
        "la polyclinique du Parc", "la clinique du Val", "le centre hospitalier de Chaumont",
        "l'hôpital privé Sainte-Marie", "la clinique de l'Orangerie", "le CHU de Reims",
    ),
    "chir": (
        "une opération du genou", "une prothèse de hanche", "l'ablation de la vésicule",
        "une opération de la cataracte", "une intervention sur l'épaule", "une hernie discale",
        "l'ablation des amygdales de mon fils", "une opération du canal carpien", "une coloscopie sous anesthésie",
        "un accouchement",
    ),
    "chir_court": (
        "op. genou", "prothèse hanche", "vésicule", "cataracte", "épaule", "hernie", "canal carpien", "coloscopie",
        "accouchement",
    ),
    "proche": (
        "mon épouse", "mon mari", "ma fille", "mon fils", "ma mère", "mon conjoint", "ma compagne", "mon père",
    ),
    "dent_acte": (
        "un implant", "une couronne céramique", "un bridge de trois éléments", "une prothèse dentaire amovible",
        "deux couronnes", "un inlay-core et une couronne", "des facettes", "un appareil dentaire complet",
        "la pose d'un implant et d'une couronne", "un dentier",
    ),
    "dent_court": (
        "implant", "couronne", "bridge", "prothèse dent.", "2 couronnes", "dentier", "inlay-core",
    ),
    "dent_soin": (
        "un détartrage", "le soin d'une carie", "une dévitalisation", "l'extraction d'une dent de sagesse",
        "une consultation chez le dentiste", "un soin dentaire",
    ),
    "dent_soin_court": (
        "détartrage", "carie", "dévitalisation", "extraction", "consult. dentiste",
    ),
    "ortho_patient": (
        "ma fille", "mon fils", "ma fille de 12 ans", "mon fils aîné", "mon fils de 9 ans", "ma cadette",
    ),
    "opt_item": (
        "des lunettes à verres progressifs", "une paire de lunettes", "deux verres progressifs et une monture",
        "des lentilles de contact", "des verres antireflet", "des lunettes pour ma fille",
        "une monture et des verres amincis", "des lunettes de vue",
    ),
    "opt_court": (
        "lunettes", "verres progressifs", "lentilles", "monture + verres", "lunettes enfant", "verres",
    ),
    "bank": (
        "Crédit Agricole", "La Banque Postale", "BNP Paribas", "Société Générale", "Caisse d'Épargne", "LCL",
        "Boursorama", "Crédit Mutuel",
    ),
    "city": (
        "Langres", "Chaumont", "Dijon", "Troyes", "Reims", "Saint-Dizier", "Besançon", "Nancy",
    ),
    "street": (
        "rue des Lilas", "avenue de la Gare", "place du Marché", "rue Diderot", "boulevard de Lattre",
        "impasse des Tilleuls", "chemin des Vignes", "rue Jean Jaurès",
    ),
    "month": (
        "janvier", "février", "mars", "avril", "mai", "juin", "septembre", "octobre", "novembre",
    ),
    "first": (
        "Marie", "Jean", "Nathalie", "Philippe", "Sophie", "Michel", "Isabelle", "Patrick", "Camille", "Nicolas",
        "Sylvie", "Thierry", "Fatima", "Karim", "Chantal", "Julien", "Aurélie", "Bernard", "Léa", "Mehdi",
    ),
    "last": (
        "Martin", "Bernard", "Dubois", "Garnier", "Lemaire", "Fontaine", "Roux", "Morel", "Girard", "Mercier", "Dia",
        "Benali", "Lefèvre", "Chevalier", "Perrin", "Nguyen", "Moreau", "Faure", "Rousseau", "Blanc",
    ),
}

# Phrasing shared by several intents. Unlike SLOTS these are wording, so they are
# partitioned between the splits like templates are.
PHRASES: dict[str, tuple[str, ...]] = {
    "tell_me": (
        "Pouvez-vous me dire", "Pourriez-vous m'indiquer", "Merci de me préciser", "J'aimerais savoir",
        "Auriez-vous l'amabilité de m'indiquer", "Je vous serais reconnaissant de m'indiquer", "Je voudrais savoir",
        "Pouvez-vous m'expliquer", "Je vous remercie de m'indiquer", "Est-il possible de savoir", "Merci de m'indiquer",
        "Dites-moi s'il vous plaît",
    ),
    "cover": (
        "quelle sera votre prise en charge", "combien vous rembourserez", "ce que la mutuelle prendra en charge",
        "quel sera mon reste à charge", "le montant de votre participation", "quelle part vous couvrirez",
        "ce qui restera à ma charge", "à combien s'élèvera votre remboursement", "quelle somme vous verserez",
        "quel montant la complémentaire remboursera", "dans quelle limite vous intervenez",
        "quelle part restera pour moi",
    ),
    "quote": (
        "le devis", "le devis détaillé", "le plan de traitement chiffré", "l'estimation des frais",
        "la proposition chiffrée", "le chiffrage", "la proposition tarifaire", "le devis normalisé", "le devis signé",
        "la simulation de tarif", "l'estimation écrite", "le devis provisoire",
    ),
    "got_nothing": (
        "je n'ai toujours rien reçu", "aucun versement n'apparaît sur mon compte", "rien n'est arrivé sur mon relevé",
        "je ne vois aucun remboursement", "je n'ai eu aucun paiement", "le paiement n'est jamais arrivé",
        "je n'ai pas été réglé", "aucun virement ne m'est parvenu", "mon compte n'a rien reçu",
        "il n'y a rien sur mon décompte", "le remboursement se fait attendre", "je ne trouve aucune trace du paiement",
    ),
    "check_rcv": (
        "Avez-vous bien reçu", "Pouvez-vous vérifier la réception de", "Pouvez-vous me confirmer la réception de",
        "Avez-vous enregistré", "Avez-vous pu traiter", "Vous est-il possible de vérifier la réception de",
        "Pourriez-vous contrôler la réception de", "Est-ce que vous avez reçu",
        "Pouvez-vous regarder si vous avez reçu", "Avez-vous eu", "Avez-vous trace de", "Pouvez-vous retrouver",
    ),
    "send_me": (
        "Merci de m'envoyer", "Merci de me faire parvenir", "Je vous prie de me transmettre",
        "J'ai besoin que vous m'envoyiez", "Je vous remercie de m'adresser", "Envoyez-moi s'il vous plaît",
        "Je souhaiterais recevoir", "Il me faudrait", "Je voudrais obtenir", "Veuillez m'adresser",
        "Je vous saurais gré de m'envoyer", "Merci de bien vouloir m'adresser",
    ),
    "angry": (
        "C'est inadmissible.", "C'est scandaleux.", "Je suis furieux.", "Je suis très mécontent.",
        "C'est inacceptable.", "Je suis excédé.", "C'est honteux.", "Je suis profondément déçu.", "C'est lamentable.",
        "Je suis à bout de patience.", "Je suis outré par votre attitude.", "Votre gestion est déplorable.",
    ),
}

SUBJECTS: dict[str, tuple[str, ...]] = {
    "reimbursement": (
        "Remboursement", "Demande de remboursement", "Suivi de remboursement", "Mon décompte",
        "Remboursement en attente", "Question sur mes prestations", "Frais médicaux", "Prestations",
        "Virement manquant", "Feuille de soins", "Mes remboursements", "Décompte de prestations",
    ),
    "hospitalisation": (
        "Hospitalisation", "Prise en charge hospitalière", "Séjour en clinique", "Facture clinique",
        "Hospitalisation de mon proche", "Frais d'hospitalisation", "Demande d'accord hospitalier", "Clinique",
        "Hôpital", "Opération", "Séjour hospitalier", "Chambre particulière",
    ),
    "dental": (
        "Devis dentaire", "Soins dentaires", "Dentiste", "Prothèse dentaire", "Orthodontie", "Remboursement dentaire",
        "Frais dentaires", "Implant", "Dentaire", "Soins dentaires de mon fils", "Couronne", "Chirurgien-dentiste",
    ),
    "optical": (
        "Lunettes", "Devis optique", "Remboursement optique", "Opticien", "Optique", "Équipement optique",
        "Verres correcteurs", "Verres progressifs", "Monture", "Ophtalmologie", "Lentilles", "Vue",
    ),
    "complaint": (
        "Réclamation", "Mécontentement", "Dossier en souffrance", "Contestation", "Plainte", "Litige", "Insatisfaction",
        "Mécontentement client", "Mauvais traitement de mon dossier", "Désaccord", "Recours",
        "Contestation de décompte",
    ),
    "membership": (
        "Mon contrat", "Adhésion", "Résiliation", "Cotisations", "Modification de contrat", "Garanties",
        "Ma couverture santé", "Changement de formule", "Mon adhésion", "Contrat santé", "Ayants droit",
        "Ma cotisation",
    ),
    "certificate": (
        "Demande d'attestation", "Attestation", "Carte de tiers payant", "Justificatif", "Carte mutuelle",
        "Document à fournir", "Certificat", "Attestation de droits", "Duplicata", "Carte tiers payant perdue",
        "Attestation fiscale", "Certificat d'adhésion",
    ),
    "change_of_details": (
        "Changement d'adresse", "Mise à jour de mes coordonnées", "Nouveau RIB", "Modification de mon dossier",
        "Changement de coordonnées", "Coordonnées", "État civil", "Déménagement", "RIB", "Changement de banque",
        "Nouvelle adresse", "Mon numéro de téléphone",
    ),
    "other": (
        "Question", "Renseignement", "Demande d'information", "Bonjour", "Information", "Message", "Contact",
        "Demande de renseignements", "Question générale", "Espace adhérent", "Agence", "Remerciements",
    ),
}

GENERIC_SUBJECTS = (
    "Demande", "Mon dossier", "Adhérent {member}", "Suite à mon appel", "(sans objet)", "Ma demande", "Courrier",
    "Réf. {member}", "Important", "Demande d'un adhérent", "Suite à votre courrier", "Dossier {member}",
)

GREETINGS_PLAIN = (
    "Bonjour,", "Bonjour Madame, Monsieur,", "Bonsoir,", "Bonjour à vous,", "Bonjour madame,", "Bonjour à l'équipe,",
    "Bjr,", "Bonjour Madame,", "Bonjour Monsieur,", "Bonjour à tous,", "Madame,", "Bonjour la mutuelle,",
)

GREETINGS_FORMAL = (
    "Madame, Monsieur,", "Madame la Directrice,", "Monsieur le Directeur,", "Mesdames, Messieurs,",
    "À l'attention du service santé,", "Madame, Monsieur le gestionnaire,", "Chère Madame, cher Monsieur,",
    "Madame, Monsieur, bonjour.", "Monsieur,", "À l'attention du service prestations,", "Au service des adhérents,",
    "Madame la Gestionnaire,",
)

CONTEXTS = (
    "Adhérent chez vous depuis {year}, je me permets de vous écrire.", "Mon numéro d'adhérent est le {member}.",
    "Je vous contacte au sujet de mon contrat n° {contract}.",
    "Je fais suite à notre échange téléphonique de la semaine dernière.",
    "Je me permets de vous solliciter pour la demande suivante.",
    "Je vous écris pour mon compte et celui de ma famille.", "Votre conseiller m'a recommandé de vous écrire.",
    "Je vous écris de la part de ma mère, âgée de 86 ans, qui ne peut se déplacer.",
    "Je reviens vers vous concernant mon dossier.", "Je suis affilié sous le numéro {member}.",
    "Je me tourne vers vous pour une question précise.",
    "Votre plateforme téléphonique m'a conseillé de passer par écrit.", "Je suis adhérente depuis plus de dix ans.",
    "Je vous écris au nom de mon père, qui est adhérent chez vous.",
    "Suite à votre courrier du {date}, je reviens vers vous.", "Mon contrat porte le numéro {contract}.",
    "Je suis couvert par votre mutuelle avec mon épouse et nos enfants.",
    "J'ai essayé de vous joindre par téléphone sans succès, je vous écris donc.",
    "Je vous sollicite pour le compte de mon fils, ayant droit sur mon contrat.",
    "Veuillez trouver ci-dessous ma demande.", "Adhérente n° {member}, je vous adresse ce message.",
    "Retraité, je suis couvert par votre formule seniors.", "Je vous écris depuis l'espace de contact de votre site.",
    "Suite à mon passage en agence le {date}, on m'a conseillé de vous écrire.",
)

BACKGROUND = (
    "Je suis retraité et j'ai toujours apprécié vos services jusqu'ici.",
    "Je vous joins toutes les pièces utiles pour faciliter le traitement.",
    "Vous pouvez me joindre au {phone} en journée.", "Je précise que je suis en invalidité depuis {year}.",
    "Mes deux enfants sont couverts par mon contrat.",
    "Je travaille en horaires décalés, un courriel est donc préférable.",
    "Je vous remercie de l'attention que vous porterez à ce courrier.",
    "Mon épouse et moi sommes adhérents depuis de longues années.",
    "Les documents nécessaires sont joints à ce courrier.",
    "Je vis seul et ne peux pas me déplacer facilement en agence.",
    "Pour toute question, mon fils peut aussi vous répondre au {phone}.",
    "Ma situation n'a pas changé depuis l'an dernier.",
    "Je reste à votre disposition pour tout renseignement complémentaire.",
    "Notre famille est couverte par votre contrat depuis {year}.",
    "Je vous transmets en copie les documents que j'ai en ma possession.",
    "Je souhaite une réponse écrite de préférence.",
    "Je n'ai pas d'accès à internet, merci de me répondre par courrier.",
    "Mon numéro d'adhérent figure en haut de ce courrier.",
    "Je suis atteint d'une maladie chronique et suivi régulièrement.", "Mes enfants sont ayants droit sur mon contrat.",
    "Je vous remercie par avance pour votre diligence.", "Mes cotisations sont prélevées chaque mois sans problème.",
    "Je suis veuve depuis l'an dernier et je gère seule mes papiers.",
    "Mon médecin traitant est informé de ma démarche.",
)

CLOSINGS_PLAIN = (
    "Merci d'avance.", "Cordialement,", "Bien cordialement,", "Merci pour votre retour.", "Bonne journée,",
    "Dans l'attente de votre réponse, cordialement.", "Merci beaucoup,", "Bien à vous,", "Cdt,",
    "Merci et bonne journée.", "Bien à vous.", "Salutations.",
)

CLOSINGS_FORMAL = (
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    "Veuillez recevoir, Madame, Monsieur, mes sincères salutations.",
    "Dans l'attente de votre réponse, je vous prie de croire à l'assurance de ma considération distinguée.",
    "Je vous remercie par avance et vous prie d'agréer mes salutations respectueuses.",
    "Avec mes remerciements, recevez mes meilleures salutations.",
    "Veuillez agréer, Madame, Monsieur, mes salutations les meilleures.",
    "Je vous prie de recevoir, Madame, Monsieur, mes respectueuses salutations.",
    "Recevez, Madame, Monsieur, mes salutations distinguées.",
    "Je vous prie d'agréer l'expression de mes sentiments les meilleurs.",
    "Dans l'attente de vous lire, veuillez agréer mes salutations.",
    "Je vous remercie de votre attention et vous adresse mes cordiales salutations.",
    "Veuillez croire, Madame, Monsieur, à l'expression de ma parfaite considération.",
)

PHONE_OPENERS = (
    "Appel de {title} {last} ({member}) :", "Adh. appelle :", "Tél. entrant {title} {last} -",
    "Appel adh. n° {member} :", "{title} {last} au tél. :", "Appel entrant, adh. {last} :", "APPEL {title} {last} /",
    "Appel {title} {last}, adh. {member} :", "Tél. adh. {last} -", "Entrant {title} {last} :",
    "Adh. {member} joint par tél. :", "Rappel de {title} {last} :",
)

PHONE_ENDINGS = (
    "Infos données.", "Rappel prévu sous 48h.", "Transmis back-office.", "Dossier à vérifier.", "A rappeler.",
    "Mail de confirmation envoyé.", "RAS.", "Ticket créé.", "Vu avec N+1.", "Clôturé.", "Courrier à envoyer.",
    "Suivi demandé.",
)

WEBFORM_LAYOUTS = (
    "{ask}", "Nom : {name}\nN° adhérent : {member}\nMessage : {ask}", "Message : {ask}", "Demande : {ask}",
    "{name} - {member}\n{ask}", "Votre message : {ask}\nCanal de réponse : e-mail", "Sujet : demande\n{ask}",
    "{ask}\n-- envoyé depuis le formulaire en ligne", "Adhérent : {member}\nTexte : {ask}", "Question : {ask}",
    "{name}\n{ask}\nTél : {phone}", "Nature de la demande : autre\nDétails : {ask}",
)

URGENCY: dict[str, tuple[str, ...]] = {
    "low": (
        "Ce n'est pas urgent.", "Rien ne presse.", "Sans urgence, quand vous aurez le temps.",
        "Je vous écris pour information, la question n'est pas pressée.",
        "Répondez-moi à votre convenance, ce n'est pas pressé.", "Aucune urgence de mon côté.",
        "Prenez le temps nécessaire, je ne suis pas pressé.", "Cela peut attendre, aucune urgence.",
        "Aucun caractère urgent.", "Quand vous pourrez.", "Je ne suis pas pressé par le temps.",
        "Vous avez tout le temps nécessaire.",
        "Pas besoin de me répondre vite, je me renseigne seulement.", "Ce n'est vraiment pas pressé.",
        "Je n'attends pas de réponse urgente.", "Aucune urgence, c'est pour plus tard.",
        "Rien d'urgent : répondez quand vous pourrez.", "Je ne suis pas pressée, c'est pour préparer la suite.",
    ),
    "high": (
        "C'est urgent.", "Merci de traiter ma demande au plus vite.",
        "J'ai besoin d'une réponse avant vendredi, c'est urgent.", "Je vous relance pour la deuxième fois.",
        "Le rendez-vous est demain, merci de faire vite.", "Pouvez-vous me répondre en urgence ?",
        "Il me faut une réponse impérativement d'ici lundi.", "Je dois avancer les frais dès demain.",
        "Merci de me répondre rapidement, l'échéance approche.", "C'est ma deuxième relance à ce sujet.",
        "J'ai besoin de cette réponse très vite.", "Le délai est court : merci de répondre sous 48 heures.",
        "URGENT : l'opération est prévue lundi prochain.", "Mon admission à la clinique est dans une semaine.",
        "Les soins commencent dans dix jours, il me faut votre réponse avant.", "Merci de faire vite svp.",
        "J'en ai besoin pour un rendez-vous la semaine prochaine.", "Urgent, je suis opéré dans quinze jours.",
    ),
    "critical": (
        "C'est ma troisième relance et je n'ai toujours rien.", "Dernier rappel avant d'aller plus loin.",
        "Je vous écris pour la quatrième fois à ce sujet.", "Ceci est ma 3e relance.",
        "Après trois courriers sans réponse, je ne peux plus attendre.",
        "C'est la troisième fois que je vous sollicite.", "Quatrième relance : la situation devient intenable.",
        "Dernière relance avant saisine des autorités.", "Troisième relance sans réponse de votre part.",
        "Je vous ai déjà écrit trois fois.", "Ceci est mon quatrième courrier à ce sujet.",
        "Dernier rappel : la situation dure depuis trop longtemps.",
        "C'est ma troisième demande sur ce sujet.", "Je vous ai écrit à trois reprises sans réponse.",
        "Sans réponse sous huit jours, je saisirai le médiateur.", "Troisième courrier, toujours rien.",
        "Je vous mets en demeure de régler cette somme.", "Mon avocat est informé de la situation.",
    ),
}

PHONE_URGENCY: dict[str, tuple[str, ...]] = {
    "low": (
        "pas pressé", "sans urgence", "pour info", "rien ne presse", "aucune urgence", "peut attendre",
        "pas urgent selon adh.", "à traiter quand possible", "info seulement", "rien d'urgent", "délai ok",
        "aucune pression",
    ),
    "high": (
        "urgent", "2e relance", "besoin pour demain", "à traiter en urgence", "rappel au plus vite svp",
        "2e appel, urgent", "urgent, rdv proche", "à traiter vite", "2e relance ce mois", "besoin réponse 48h",
        "pressé, facture à payer", "relance n°2",
    ),
    "critical": (
        "3e relance", "4e appel sur le sujet", "3e fois qu'il appelle", "dernier rappel", "5e relance", "3e appel",
        "4e relance", "3e courrier sans réponse", "rappelle pour la 3e fois", "dernier rappel avant action", "6e appel",
        "3e relance ce mois",
    ),
}

ASIDES = (
    "Par ailleurs, je vous signale ma nouvelle adresse : {address}.",
    "Au passage, pourriez-vous m'envoyer une nouvelle carte de tiers payant ?",
    "PS : j'ai changé de banque, mon nouveau RIB est joint.",
    "Autre chose : merci de m'envoyer une attestation de droits.",
    "J'en profite pour vous indiquer mon nouveau numéro : {phone}.",
    "Par la même occasion, pouvez-vous vérifier mon adresse e-mail ?",
    "Enfin, j'attends toujours le remboursement de {soin}.", "Accessoirement, ma carte mutuelle expire bientôt.",
    "Au fait, nous avons déménagé à {city}.", "Dernière chose : mes remboursements de {soin} sont-ils passés ?",
    "Je vous signale aussi que mon IBAN a changé.",
    "Pourriez-vous aussi m'envoyer une attestation pour mon employeur ?",
    "Au passage, mon numéro de portable est désormais le {phone}.",
    "Autre point : j'attends une carte de tiers payant pour mon fils.",
    "J'ajoute que j'ai changé d'adresse : {address}.", "Enfin, le remboursement de {soin} n'est toujours pas arrivé.",
    "Par ailleurs, mon adresse mail est maintenant {email}.", "PS : merci de m'envoyer ma nouvelle carte mutuelle.",
)

PHONE_ASIDES = (
    "+ maj adresse", "+ dde attestation", "+ nouveau RIB", "+ carte TP à renvoyer", "+ nouveau tél {phone}",
    "+ suivi rbt {soin_court}", "+ maj email {email}", "+ dde carte TP enfant", "+ changement IBAN",
    "+ attestation employeur", "+ nouvelle adresse {address}", "+ rbt {soin_court} en attente",
)

# Words an agent leaves out when noting what a member says (negations stay: "pas", "rien", "jamais").
TELEGRAPH_DROP = frozenset(
"je j tu il elle nous vous me m te t se s le la les l un une des du de d au aux mon ma mes ton ta tes son sa ses "
    "notre nos votre vos ce cet cette ces qui que qu est sont ai avez avons et ou mais donc car ne n y en sur dans "
    "par pour avec bien très merci pouvez-vous pourriez-vous".split()
)

# Telegraphic abbreviations an agent uses in call notes (applied to phone notes only).
PHONE_ABBREVIATIONS = {
    "remboursement": "rbt", "prise en charge": "PEC", "hospitalisation": "hospi", "demande": "dde",
    "rendez-vous": "RDV", "téléphone": "tél", "adhérent": "adh.", "rappeler": "rapp.", "concernant": "cct",
}
