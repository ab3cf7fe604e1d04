"""Object storage: one interface, backends chosen by URL scheme."""

from storage.base import ObjectStore, open_store

__all__ = ["ObjectStore", "open_store"]
