"""Capture: sniff types, read text (PDF text layer, OCR) and extract fields."""
