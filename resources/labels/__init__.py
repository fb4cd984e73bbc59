"""Claim label schemas shipped with Variorum (``default.json``)."""

from __future__ import annotations
