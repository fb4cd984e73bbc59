"""Claims → what each pane draws: spans, hover texts, margin chips, navigation stops.

Pure Python (no Qt). Positions are code points; the view converts for Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from core.claims import STATUS_WORDS
from ui.compare.layer_registry import claim_role
from ui.compare.layers import Highlight, NavTarget, Tip
from ui.models.claim_entries import ClaimEntry


@dataclass(frozen=True, slots=True)
class Chip:
    """A margin chip at code point ``start`` of one pane."""

    start: int
    colour: str
    text: str
    claim_id: int


@dataclass(slots=True)
class PaneClaims:
    """One pane's claim layer."""

    spans: list[Highlight] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)


def claim_tip(entry: ClaimEntry) -> str:
    """The hover text of a claim: label, status, note, author, and drift in each version."""
    status = STATUS_WORDS.get(entry.status, entry.status)
    lines = [f"Claim: {entry.label_name or 'no label'} · {status}"]
    if entry.note.strip():
        note = entry.note.strip()
        lines.append(note if len(note) <= 200 else note[:199] + "…")
    if entry.author:
        lines.append(f"Tagged by {entry.author}")
    for appearance in entry.appearances[1:]:
        drift = appearance.drift_label or "?"
        lines.append(f"In {appearance.version_name}: {drift}")
        lines.extend(f"   {detail}" for detail in appearance.drift_details[:3])
    if entry.missing_in:
        lines.append(f"Not found in {len(entry.missing_in)} version"
                     f"{'s' if len(entry.missing_in) != 1 else ''}")
    return "\n".join(lines)


def pane_claims(entries: Sequence[ClaimEntry], panes: int,
                shortcuts: Mapping[int | None, str]) -> list[PaneClaims]:
    """Each pane's claim spans, tips and chips; ``shortcuts`` maps label ids to chip text."""
    result = [PaneClaims() for _ in range(panes)]
    for entry in entries:
        role, tip = claim_role(entry.claim_id), claim_tip(entry)
        chip_text = shortcuts.get(entry.label_id) or (entry.label_name[:1] or "?").upper()
        for appearance in entry.appearances:
            if appearance.start is None or appearance.end is None:
                continue  # orphaned by a re-import: listed in the panel, not drawn
            if not 0 <= appearance.version_index < panes:
                continue
            pane = result[appearance.version_index]
            pane.spans.append((appearance.start, appearance.end, role))
            pane.tips.append((appearance.start, appearance.end, tip))
            pane.chips.append(Chip(appearance.start, entry.label_colour, chip_text,
                                   entry.claim_id))
    return result


def appearance_spans(entry: ClaimEntry) -> dict[int, tuple[int, int]]:
    """Pane index → the claim's span there (appearances that can be drawn)."""
    return {a.version_index: (a.start, a.end) for a in entry.appearances
            if a.start is not None and a.end is not None}


def claim_targets(entries: Sequence[ClaimEntry]) -> list[NavTarget]:
    """One navigation stop per claim, in reading order of the pane it was tagged in."""
    targets: list[NavTarget] = []
    for entry in entries:
        spans = appearance_spans(entry)
        if not spans:
            continue
        origin = entry.origin
        first = origin.version_index if origin.version_index in spans else min(spans)
        other = next((pane for pane in sorted(spans) if pane), 1)
        targets.append(NavTarget(other, spans, (first, spans[first][0])))
    return sorted(targets, key=lambda t: t.sort_key)
