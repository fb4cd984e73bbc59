"""Claims → what each pane draws: spans, hover texts, margin chips, navigation stops.

Pure Python (no Qt). Positions are code points; the view converts for Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from core.claims import STATUS_WORDS
from ui.compare.chips import ClaimChip
from ui.compare.layer_registry import claim_role
from ui.compare.layers import Highlight, NavTarget, Tip
from ui.models.claim_entries import ClaimEntry


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


@dataclass(slots=True)
class ClaimParts:
    """What one claim adds to each pane, kept per claim so an edit rebuilds one claim."""

    spans: dict[int, list[Highlight]] = field(default_factory=dict)
    tips: dict[int, list[Tip]] = field(default_factory=dict)
    chips: dict[int, list[ClaimChip]] = field(default_factory=dict)
    target: NavTarget | None = None

    @property
    def panes(self) -> set[int]:
        return set(self.spans)


def claim_parts(entry: ClaimEntry, panes: int, shortcuts: Mapping[int | None, str]) -> ClaimParts:
    """One claim's spans, tips and chips per pane, and its navigation stop."""
    parts = ClaimParts()
    role, tip = claim_role(entry.claim_id), claim_tip(entry)
    chip_text = shortcuts.get(entry.label_id) or (entry.label_name[:1] or "?").upper()
    for appearance in entry.appearances:
        if appearance.start is None or appearance.end is None:
            continue  # orphaned by a re-import: listed in the panel, not drawn
        if not 0 <= appearance.version_index < panes:
            continue
        pane = appearance.version_index
        parts.spans.setdefault(pane, []).append((appearance.start, appearance.end, role))
        parts.tips.setdefault(pane, []).append((appearance.start, appearance.end, tip))
        parts.chips.setdefault(pane, []).append(
            ClaimChip(appearance.start, entry.label_colour, chip_text, entry.claim_id))
    parts.target = claim_target(entry)
    return parts


def appearance_spans(entry: ClaimEntry) -> dict[int, tuple[int, int]]:
    """Pane index → the claim's span there (appearances that can be drawn)."""
    return {a.version_index: (a.start, a.end) for a in entry.appearances
            if a.start is not None and a.end is not None}


def claim_target(entry: ClaimEntry) -> NavTarget | None:
    """The navigation stop of a claim: its drawable appearances, ordered by its origin."""
    spans = appearance_spans(entry)
    if not spans:
        return None
    origin = entry.origin
    first = origin.version_index if origin.version_index in spans else min(spans)
    other = next((pane for pane in sorted(spans) if pane), 1)
    return NavTarget(other, spans, (first, spans[first][0]), ref=entry.claim_id)
