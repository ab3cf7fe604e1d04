"""Connectors: pull items from each channel and submit them as envelopes."""
