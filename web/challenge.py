"""The public form's proof of work: a browser spends a second or so of CPU before it
may post, so that a script cannot send thousands of forms (and acknowledgements) cheaply.

The protocol is ALTCHA's (the ``altcha`` library makes and checks the challenges):
the page carries a challenge, ``sha256(salt + n)`` for a secret ``n`` below
``max_number``, signed with HMAC and expiring after ten minutes; the page's
script (the one script the page's Content-Security-Policy lets run, by this
answer's nonce) finds ``n`` and posts it in the ``altcha`` field. A challenge is taken
once: its digest is written to the store (``web/challenges/``), so a solution
cannot be replayed. The operator sets the work with
``INTAKE_WEB_FORM_CHALLENGE`` (the largest ``n``; 0 turns the challenge off).
API clients with a key never see it.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone

import altcha
from fastapi import HTTPException

from intake.errors import NotFound
from intake.models import sha256_hex
from intake.ports import BlobStore

LIFETIME = timedelta(minutes=10)
FIELD = "altcha"
SOLVER = """<script nonce="%(nonce)s">
document.addEventListener("DOMContentLoaded", function () {
  var challenge = %(challenge)s;
  var form = document.querySelector('form[action="/v1/submissions"]');
  var encoder = new TextEncoder();
  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  form.addEventListener("submit", async function (event) {
    if (form.dataset.solved) { return; }
    event.preventDefault();
    for (var n = 0; n <= challenge.maxnumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = "altcha";
        input.value = btoa(JSON.stringify({algorithm: challenge.algorithm, challenge: challenge.challenge,
                                           number: n, salt: challenge.salt, signature: challenge.signature}));
        form.appendChild(input); form.dataset.solved = "1"; form.submit(); return;
      }
    }
  });
});
</script>"""


class FormChallenge:
    """Issues and checks the public form's proof-of-work challenges."""

    def __init__(self, secret: bytes, max_number: int, store: BlobStore) -> None:
        self.secret, self.max_number, self.store = secret, max_number, store

    @property
    def enabled(self) -> bool:
        return self.max_number > 0

    def issue(self) -> dict:
        """A fresh signed challenge, as the page's script reads it."""
        expires = datetime.now(timezone.utc) + LIFETIME
        challenge = altcha.create_challenge_v1(hmac_key=self.secret, max_number=self.max_number, expires=expires)
        return {"algorithm": challenge.algorithm, "challenge": challenge.challenge, "salt": challenge.salt,
                "signature": challenge.signature, "maxnumber": self.max_number}

    def script(self, nonce: str) -> str:
        """The page's solver with a fresh challenge, marked with this answer's CSP nonce (web/security.py);
        empty when the challenge is off."""
        if not self.enabled:
            return ""
        return SOLVER % {"nonce": nonce, "challenge": json.dumps(self.issue()).replace("<", "\\u003c")}

    def check(self, payload: object) -> None:
        """Accept a solved, unexpired challenge once; 403 with a French sentence otherwise."""
        if not self.enabled:
            return
        if not isinstance(payload, str) or not payload or len(payload) > 2000:
            raise HTTPException(403, "Le formulaire doit être envoyé depuis notre page (preuve de travail absente).")
        ok, _ = altcha.verify_solution_v1(payload, self.secret, check_expires=True)
        if not ok:
            raise HTTPException(403, "Preuve de travail invalide ou périmée : rechargez la page et renvoyez le formulaire.")
        self._spend(_challenge_of(payload))

    def _spend(self, challenge: str) -> None:
        key = f"web/challenges/{sha256_hex(challenge.encode())}"
        try:
            self.store.get(key)
        except NotFound:
            self.store.put(key, b"", "text/plain")
            return
        raise HTTPException(403, "Cette preuve de travail a déjà servi : rechargez la page et renvoyez le formulaire.")


def _challenge_of(payload: str) -> str:
    """The challenge a verified payload solved (what makes it single-use, however it is encoded)."""
    return str(json.loads(base64.b64decode(payload))["challenge"])
