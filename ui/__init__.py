"""Variorum's Qt application shell: thin, owns no analysis (that lives in ``core``)."""

from __future__ import annotations
