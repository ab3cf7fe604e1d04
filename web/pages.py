"""The HTML of the public web form and its receipt (French), kept apart from the endpoints."""

CLOSED = "<p><strong>Ce formulaire n'est pas ouvert au public : utilisez votre espace adhérent.</strong></p>"
PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Nous écrire</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}}
label{{display:block;margin-top:1em}}input,textarea{{width:100%;padding:.4em}}</style></head>
<body><h1>Nous écrire</h1>{notice}
<p>Votre demande est transmise au service santé. Un numéro de suivi vous est donné à l'envoi.</p>
<form method="post" action="/v1/submissions" enctype="multipart/form-data">
<label>Nom et prénom <input name="name" required autocomplete="name"></label>
<label>Courriel <input name="email" type="email" autocomplete="email"></label>
<label>Téléphone <input name="phone" type="tel" autocomplete="tel"></label>
<label>N° d'adhérent <input name="member_number" inputmode="numeric" pattern="[0-9]{{8}}"></label>
<label>Objet <input name="subject"></label>
<label>Votre message <textarea name="message" rows="8" required></textarea></label>
<label>Pièces jointes (PDF, photos) <input name="files" type="file" multiple accept=".pdf,image/*"></label>
<p><button type="submit">Envoyer</button></p>
</form></body></html>
"""
RECEIVED = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Demande reçue</title></head>
<body><h1>Demande reçue</h1><p>Merci. Votre numéro de suivi : <strong>{tracking}</strong>.</p>
<p>Conservez-le pour toute question sur votre demande.</p></body></html>
"""
