"""The HTML of the public pages (French), kept apart from the endpoints: the web form, its receipt,
and the tracking page where a member follows a request by its number.

They share one inline style (its CSP hash is computed from this module: web/security.py). Each
constant is a ``str.format`` template; what a member typed is escaped before it is put in.
"""

STYLE = ("<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.45}}"
         "label{{display:block;margin-top:1em}}input,textarea{{width:100%;padding:.4em;box-sizing:border-box}}"
         "button{{padding:.4em 1.2em}}.receipt{{border:1px solid #b8c4d6;border-radius:6px;padding:.5em 1em;"
         "background:#f3f6fa}}.number{{font-size:1.3em;letter-spacing:.05em}}ol.steps{{padding-left:1.2em}}"
         "ol.steps li{{margin:.4em 0;color:#777}}ol.steps li.done{{color:#1d5a2c;font-weight:bold}}"
         "footer{{margin-top:2em;font-size:.9em;color:#555}}</style>")
HEAD = ('<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' + STYLE + "</head>\n<body>")
FOOT = '<footer><a href="/">Nous écrire</a> · <a href="/suivi">Suivre une demande</a></footer></body></html>\n'

CLOSED = "<p><strong>Ce formulaire n'est pas ouvert au public : utilisez votre espace adhérent.</strong></p>"
PAGE = HEAD.replace("{title}", "Nous écrire") + """<h1>Nous écrire</h1>{notice}
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
</form>""" + FOOT
RECEIVED = HEAD.replace("{title}", "Demande reçue") + """<h1>Demande reçue</h1>
<div class="receipt"><p>Merci. Votre numéro de suivi :</p>
<p class="number"><strong id="tracking">{tracking}</strong></p>
<p>Conservez-le pour toute question sur votre demande.</p></div>
<p><a id="follow" href="/suivi/{tracking}">Suivre votre demande</a></p>""" + FOOT

TRACK_FORM = """<form method="get" action="/suivi" id="track-form">
<label>Numéro de suivi <input name="numero" required placeholder="W-XXXXXXXXXX" autocomplete="off"></label>
<p><button type="submit">Voir où en est ma demande</button></p></form>"""
TRACK = HEAD.replace("{title}", "Suivre une demande") + """<h1>Suivre une demande</h1>
<p>Saisissez le numéro de suivi donné à l'envoi de votre demande.</p>""" + TRACK_FORM + FOOT
STATUS = HEAD.replace("{title}", "Suivi de votre demande") + """<h1>Suivi de votre demande</h1>
<p>Demande n° <strong id="tracking">{tracking}</strong> : <strong id="status">{status}</strong></p>
<ol class="steps">{steps}</ol>
<p>Pour protéger vos données, cette page ne montre ni le contenu de votre demande ni vos coordonnées.</p>""" + FOOT
STEP = '<li class="{state}" data-step="{name}">{text}</li>'
UNKNOWN = HEAD.replace("{title}", "Demande introuvable") + """<h1>Demande introuvable</h1>
<p id="unknown">Aucune demande ne correspond au numéro « {tracking} ». Vérifiez le numéro (il commence par
« W- », suivi de 10 lettres et chiffres) et réessayez.</p>""" + TRACK_FORM + FOOT
SLOW_DOWN = HEAD.replace("{title}", "Trop de demandes") + """<h1>Trop de demandes</h1>
<p>Vous avez consulté le suivi trop souvent. Réessayez dans {seconds} secondes.</p>""" + FOOT
