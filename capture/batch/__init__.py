"""Mailroom batch separation: one scanned stack in, one letter per member out.

A mailroom scans a stack of letters into one PDF or multi-page TIFF, often
duplex. This package finds where each letter starts and which pages to drop,
from the page images (separator sheets, blank backs, envelopes, layout) and
the page text the capture reads anyway (each page is OCR'd once):

- ``facts``: what a page image alone says (ink coverage, marks, layout), cheap
  enough to run on every page before OCR;
- ``patch`` and ``barcodes``: separator sheets (Kodak patch T and II, Code 128 or
  QR with a configured content) and case-reference barcodes;
- ``blank``, ``layout``, ``envelope``, ``readability``, ``firstpage``: one
  question each about one page;
- ``split``: ``split_batch(pages, settings) -> BatchSplit``, pure;
- ``reading``: ``read_batch(images, ctx, settings)`` looks at every page and OCRs
  only the pages that need it, in the capture's OCR pool.
"""
