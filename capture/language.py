"""Language of a text (French or English) from stop-word frequencies.

Accents are stripped before counting, so OCR output or e-mails typed without
accents score the same; only words that are frequent in one language and rare
in the other are counted.
"""

from __future__ import annotations

import re
import unicodedata

MIN_WORDS = 5
MIN_HITS = 2

STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "le la les des du de un une et est sont pas que qui dans pour sur avec au aux ce cette"
        " ces mon ma mes votre vos notre nos nous vous je il elle ils elles ne se sa ses leur"
        " leurs mais ou donc car par tres bien ete etait avoir etre suis avons avez ai merci"
        " bonjour madame monsieur cordialement veuillez depuis aussi comme sans sous chez"
        " lors selon mois annee jour facture montant remboursement ordonnance assure adherent"
        " mutuelle soins objet".split()
    ),
    "en": frozenset(
        "the and is are was were of to for with that this these those my your our we you he"
        " she they it its not but be been have has had will would from by at please thank"
        " thanks dear regards sincerely which what there their them am do does did can could"
        " should into about after before month year day invoice amount refund reimbursement"
        " insurance".split()
    ),
}
# French elisions (l'assure, d'un, qu'il, j'ai) are a strong French signal.
_ELISION = re.compile(r"(?<![a-z])(?:qu|[ldjnmcst])'(?=[a-z])")


def _fold(text: str) -> str:
    """Lower-case, accents removed, typographic apostrophes made plain."""
    text = text.lower().replace("\u2019", "'").replace("`", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def language_scores(text: str) -> dict[str, int]:
    """Stop-word hits per language (French elisions count as French hits)."""
    folded = _fold(text)
    words = re.findall(r"[a-z]+", folded)
    scores = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    scores["fr"] += len(_ELISION.findall(folded))
    return scores


def detect_language(text: str) -> str | None:
    """``"fr"``, ``"en"``, or None when the text is too short or undecided."""
    if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_WORDS:
        return None
    scores = language_scores(text)
    best = max(scores, key=scores.__getitem__)
    if scores[best] < MIN_HITS or list(scores.values()).count(scores[best]) > 1:
        return None
    return best
