"""The words in each cell of the claims table and its tooltips: pure Python, no Qt."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime

from core.claims import STATUS_WORDS
from ui.bidi import isolate
from ui.models.claim_entries import ClaimEntry
from ui.models.claim_filter import AUTHOR, DRIFT, LABEL, MODIFIED, NOTE, STATUS, TEXT, VERSIONS

#: Longest quote handed to the view; it elides to the column width anyway.
DISPLAY_LIMIT = 300


def first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def with_first_line(note: str, line: str) -> str:
    """``note`` with its first line replaced by ``line``; the lines after it are kept."""
    rest = note.split("\n", 1)[1:]
    return "\n".join([line.replace("\n", " "), *rest])


def display_text(entry: ClaimEntry, column: int, version_count: int) -> str:
    if column == LABEL:
        return isolate(entry.label_name) or "—"
    if column == STATUS:
        return STATUS_WORDS.get(entry.status, entry.status)
    if column == DRIFT:
        lost = [a.version_name for a in entry.appearances if a.anchor == "orphaned"]
        if lost:  # a re-imported text no longer holds these words: say so first
            return f"⚠ not found in {', '.join(lost)} after re-import"
        return entry.drift_summary or "—"
    if column == VERSIONS:
        return versions_text(entry, version_count)
    if column == TEXT:
        return isolate(" ".join(entry.origin.text[:DISPLAY_LIMIT].split()))
    if column == NOTE:
        return isolate(first_line(entry.note)[:DISPLAY_LIMIT])
    if column == AUTHOR:
        return entry.author
    if column == MODIFIED:
        return local_time(entry.modified_at)
    return ""


def versions_text(entry: ClaimEntry, version_count: int) -> str:
    """One slot per version: its number where the claim appears, a dash where it is missing."""
    present = set(entry.version_indices)
    count = max(version_count, max(present, default=-1) + 1)
    return " ".join(str(i + 1) if i in present else "–" for i in range(count))


def label_tooltip(entry: ClaimEntry, description: str) -> str:
    name = entry.label_name or "No label"
    return f"{name}: {description}" if description else name


def tooltip_text(entry: ClaimEntry, column: int, version_names: Sequence[str]) -> str | None:
    if column in (DRIFT, VERSIONS):
        return appearances_tooltip(entry, version_names)
    if column == TEXT:
        return textwrap.fill(" ".join(entry.origin.text.split()), 80)
    if column == NOTE:
        return entry.note or None
    if column == MODIFIED:
        return f"Tagged {local_time(entry.created_at)}\nModified {local_time(entry.modified_at)}"
    return None


def appearances_tooltip(entry: ClaimEntry, version_names: Sequence[str]) -> str:
    """Where the claim was tagged, how it reads in every other version, where it is missing."""
    origin = entry.origin
    lines = [f"Tagged in {origin.version_name}{_anchor_note(origin.anchor)}"]
    for appearance in entry.appearances[1:]:
        lines.append(f"{appearance.version_name}: {appearance.drift_label}"
                     f"{_anchor_note(appearance.anchor)}")
        lines.extend(f"    {detail}" for detail in appearance.drift_details)
    if entry.missing_in:
        names = ", ".join(version_names[i] if 0 <= i < len(version_names) else f"Version {i + 1}"
                          for i in entry.missing_in)
        lines.append(f"Missing in {names}")
    return "\n".join(lines)


def _anchor_note(anchor: str) -> str:
    notes = {"exact": "", "moved": " (found elsewhere after a re-import)",
             "fuzzy": " (found with edits after a re-import)",
             "orphaned": " (not found after a re-import: kept, not drawn)"}
    return notes.get(anchor, f" ({anchor})")


def local_time(stamp: str) -> str:
    """``2024-05-01T14:03:12.345Z`` as local ``2024-05-01 16:03``; unparsable stamps as they are."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
