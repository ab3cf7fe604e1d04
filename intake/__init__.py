"""intake: omnichannel intake and capture pipeline for case management."""

__version__ = "0.1.0"
