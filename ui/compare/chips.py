"""A claim chip: a small tag in a pane's margin where a claim starts. Pure data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClaimChip:
    """A chip at ``position`` (UTF-16 in the pane; code points while being built)."""

    position: int
    colour: str
    text: str
    claim_id: int
