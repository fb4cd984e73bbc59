"""Variorum's analysis core: no Qt, no GUI; plain records in, plain records out."""

from __future__ import annotations

#: Bumped whenever analysis results change for the same input; part of every cache key.
ENGINE_VERSION = "2"

#: The JSON contract's identifier (docs/comparison-schema.md).
SCHEMA = "variorum.comparison/1"
