"""Registries of pluggable families, imported on first use (kombu ``transport/__init__.py`` style).

A registry maps a key (URL scheme, MIME type, connector kind) to
``"module:attribute"``; the module is imported only when the key is asked
for, so a process that never talks to S3 never loads its SDK.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from intake.errors import ConfigError


def load(target: str) -> Any:
    """The object ``"package.module:attribute"`` (or the module ``"package.module"``) names, imported now."""
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


def lookup(registry: Mapping[str, str], key: str, family: str) -> Any:
    """The plugin registered under ``key``; ConfigError naming the known keys if there is none."""
    target = registry.get(key)
    if target is None:
        raise ConfigError(f"unknown {family} {key!r}; known: {', '.join(sorted(registry))}")
    return load(target)
