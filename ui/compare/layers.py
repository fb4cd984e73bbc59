"""Comparison records → styled spans per pane; pure Python, no Qt.

Every span here is ``(start, end, role)`` in code points of one version's text, as
the engine gives them; ``text_pane`` converts to Qt's UTF-16 positions. Roles:

- ``row_changed``, ``row_added``, ``row_removed``, ``row_moved``: a whole unit's tint;
- ``word_insert``, ``word_delete``, ``word_replace``, ``word_minor``: the word diff;
- ``change:<kind>``: a typed change (number, date, hedge, negation, sourcing, attribution);
- ``entity:<LABEL>`` and ``entity_unique`` (the same span again when only one version has it);
- ``quote_<status>`` and ``quote_unquoted`` (``ui.compare.quote_layer``).

With three or four versions the base pane can only show its diff against one other
version at a time without turning into confetti: the *partner* (Meld shows the
middle pane against each side in turn for the same reason).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from core.quote_words import change_heading
from core.records import AlignedRow, Comparison, DiffOp, QuoteCheck, TypedChange, Version
from ui.compare.layer_registry import COMPARISON_LAYERS
from ui.compare.quote_layer import (
    QuoteSpan,
    found_quote_spans,
    quote_spans,
    quote_word_changes,
    word_changes_text,
)
from ui.entity_types import type_name
from ui.version_names import file_stem

Highlight = tuple[int, int, str]
Tip = tuple[int, int, str]

#: The layers built from a comparison (the registry lists every layer).
LAYER_NAMES: tuple[str, ...] = COMPARISON_LAYERS

_ROW_ROLE = {"changed": "row_changed", "added": "row_added", "removed": "row_removed",
             "moved": "row_moved"}
_BASE_WORD_ROLE = {"delete": "word_delete", "replace": "word_replace"}
_OTHER_WORD_ROLE = {"insert": "word_insert", "replace": "word_replace"}
_DERIVATION_BADGE = {"verbatim": "V", "rewritten": "R", "new": "N"}


@dataclass(slots=True)
class PaneLayers:
    """The spans of one pane, one list per layer, plus hover texts and overview marks."""

    layers: dict[str, list[Highlight]] = field(
        default_factory=lambda: {name: [] for name in LAYER_NAMES}
    )
    tips: dict[str, list[Tip]] = field(
        default_factory=lambda: {name: [] for name in LAYER_NAMES}
    )
    #: (unit index, row role) of every tinted unit, for the overview strip.
    marks: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NavTarget:
    """A stop for next/previous: the span it covers in each pane it touches."""

    other: int
    spans: Mapping[int, tuple[int, int]]
    sort_key: tuple[int, int]
    #: What the stop is, when it is more than a span (a claim's id).
    ref: int | None = None
    #: What changed there, in a few words ("number: ‘20’ → ‘30’"), for the status bar.
    what: str = ""


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One typed change, with what a list widget needs to show it and jump to it."""

    other: int
    row: int
    kind: str
    direction: str
    base_text: str
    other_text: str
    base_spans: tuple[tuple[int, int], ...]
    other_spans: tuple[tuple[int, int], ...]
    description: str
    #: Why, when the words alone do not say ("June 2024 → June 2025, read from …").
    note: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """Units of two panes joined by a connector; an empty side ends at ``*_anchor``.

    An anchor is the unit after which the missing side would stand (-1: the top).
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    status: str
    left_anchor: int = -1
    right_anchor: int = -1
    #: The analyst linked these units by hand (a pin): drawn apart from the engine's.
    pinned: bool = False


def build_layers(comparison: Comparison, partner: int = 1,
                 names: Sequence[str] = ()) -> list[PaneLayers]:
    """Every layer of every pane; the base pane shows its diff against ``partner``.

    ``names`` name the versions in hover texts (``version_name`` when missing).
    """
    panes = [PaneLayers() for _ in comparison.versions]
    for alignment in comparison.alignments:
        show_base = alignment.other == partner
        for row in alignment.rows:
            _add_row(comparison, panes, alignment.other, row, show_base)
    for checks in comparison.quote_checks:
        for check in checks.rows:
            _add_quote(comparison, panes, checks.other, check, checks.other == partner, names)
    if len(comparison.versions) == 1:
        _add_quote_spans(panes, found_quote_spans(comparison.versions[0]))
    _add_entities(comparison, panes)
    for pane, version in zip(panes, comparison.versions, strict=True):
        _add_invisibles(pane, version.text)
    return panes


def _add_invisibles(pane: PaneLayers, text: str) -> None:
    """Mark every bidi control and invisible character; an unclosed override in red."""
    from core.invisibles import find_controls, unterminated_bidi

    unclosed = set(unterminated_bidi(text))
    for control in find_controls(text):
        open_ = control.start in unclosed
        role = f"control{'_open' if open_ else ''}:{control.abbreviation}"
        tip = f"U+{ord(control.char):04X} {control.name} ({control.abbreviation})"
        if open_:
            tip += ": never closed, so the text after it displays in another direction"
        pane.layers["invisibles"].append((control.start, control.start + 1, role))
        pane.tips["invisibles"].append((control.start, control.start + 1, tip))


def _unit_spans(version: Version, units: Iterable[int]) -> list[tuple[int, int]]:
    return [(version.units[i].start, version.units[i].end) for i in units]


def _add_row(comparison: Comparison, panes: list[PaneLayers], other: int,
             row: AlignedRow, show_base: bool) -> None:
    role = _ROW_ROLE.get(row.status)
    base, version = comparison.versions[0], comparison.versions[other]
    if role is not None:
        if show_base:
            panes[0].layers["changes"].extend(
                (s, e, role) for s, e in _unit_spans(base, row.base))
            panes[0].marks.extend((unit, role) for unit in row.base)
        panes[other].layers["changes"].extend(
            (s, e, role) for s, e in _unit_spans(version, row.other))
        panes[other].marks.extend((unit, role) for unit in row.other)
    for op in row.diff:
        _add_op(panes, other, op, show_base)
    for change in row.changes:
        _add_change(panes, other, change, show_base)


def _add_op(panes: list[PaneLayers], other: int, op: DiffOp, show_base: bool) -> None:
    if op.op == "equal":
        return
    base_role = "word_minor" if op.minor else _BASE_WORD_ROLE.get(op.op)
    other_role = "word_minor" if op.minor else _OTHER_WORD_ROLE.get(op.op)
    if show_base and base_role and op.base.end > op.base.start:
        panes[0].layers["changes"].append((op.base.start, op.base.end, base_role))
    if other_role and op.other.end > op.other.start:
        panes[other].layers["changes"].append((op.other.start, op.other.end, other_role))


def describe_change(change: TypedChange) -> str:
    """A one-line, human description: "Number changed: “12” → “15”"."""
    heading = change_heading(change).capitalize()
    if change.direction in ("changed", "reworded"):
        return f"{heading}: “{change.base_text}” → “{change.other_text}”"
    text = change.other_text if change.direction == "added" else change.base_text
    return f"{heading}: “{text}”"


def change_tip(change: TypedChange) -> str:
    """The hover text of a typed change: what changed, and why when the words do not say."""
    text = describe_change(change)
    return f"{text}\n{change.note}" if change.note else text


def _add_change(panes: list[PaneLayers], other: int, change: TypedChange,
                show_base: bool) -> None:
    role = f"change:{change.kind}"
    text = change_tip(change)
    targets = [(other, change.other_spans)]
    if show_base:
        targets.append((0, change.base_spans))
    for pane, spans in targets:
        for span in spans:
            if span.end > span.start:
                panes[pane].layers["typed"].append((span.start, span.end, role))
                panes[pane].tips["typed"].append((span.start, span.end, text))


def _add_quote(comparison: Comparison, panes: list[PaneLayers], other: int,
               check: QuoteCheck, show_base: bool, names: Sequence[str] = ()) -> None:
    name = names[other] if other < len(names) else version_name(comparison, other)
    _add_quote_spans(panes, quote_spans(comparison, other, check, show_base, name))


def _add_quote_spans(panes: list[PaneLayers], spans: Iterable[QuoteSpan]) -> None:
    for span in spans:
        panes[span.pane].layers["quotes"].append((span.start, span.end, span.role))
        panes[span.pane].tips["quotes"].append((span.start, span.end, span.tip))


def _add_entities(comparison: Comparison, panes: list[PaneLayers]) -> None:
    unique = {row.key for row in comparison.entity_diff
              if sum(1 for count in row.counts if count > 0) == 1}
    several = len(comparison.versions) > 1
    for pane, version in zip(panes, comparison.versions, strict=True):
        for ent in version.entities:
            pane.layers["entities"].append((ent.start, ent.end, f"entity:{ent.label}"))
            tip = type_name(ent.label)
            if several and ent.key in unique:
                pane.layers["entities"].append((ent.start, ent.end, "entity_unique"))
                tip += " (only in this version)"
            pane.tips["entities"].append((ent.start, ent.end, tip))


def version_name(comparison: Comparison, index: int) -> str:
    """A version's name when the library gave none: its file's stem, else "version N"."""
    return file_stem(comparison.versions[index].source) or f"version {index + 1}"


def badges(comparison: Comparison) -> list[dict[int, str]]:
    """Per pane, unit index → derivation letter (V/R/N); the base pane has none."""
    result: list[dict[int, str]] = [{} for _ in comparison.versions]
    for alignment in comparison.alignments:
        result[alignment.other] = {
            i: _DERIVATION_BADGE.get(d, "?") for i, d in enumerate(alignment.derivation)
        }
    return result


Counterparts = dict[tuple[int, int], dict[int, tuple[int, ...]]]


def counterparts(comparison: Comparison) -> Counterparts:
    """(pane, unit) → the aligned units in every other pane (others meet through the base)."""
    base_to: dict[int, dict[int, set[int]]] = {}
    result: dict[tuple[int, int], dict[int, set[int]]] = {}
    for alignment in comparison.alignments:
        k = alignment.other
        for row in alignment.rows:
            if not row.base or not row.other:
                continue
            for b in row.base:
                base_to.setdefault(b, {}).setdefault(k, set()).update(row.other)
            for o in row.other:
                result.setdefault((k, o), {}).setdefault(0, set()).update(row.base)
    for b, by_pane in base_to.items():
        result.setdefault((0, b), {}).update({k: set(v) for k, v in by_pane.items()})
        for k, units in by_pane.items():
            for o in units:
                mine = result[(k, o)]
                for j, others in by_pane.items():
                    if j != k:
                        mine.setdefault(j, set()).update(others)
    return {key: {p: tuple(sorted(u)) for p, u in val.items()} for key, val in result.items()}


def _span_of(version: Version, units: tuple[int, ...]) -> tuple[int, int]:
    spans = _unit_spans(version, units)
    return min(s for s, _ in spans), max(e for _, e in spans)


def change_targets(comparison: Comparison) -> list[NavTarget]:
    """Every non-identical row of every alignment, in base reading order."""
    base = comparison.versions[0]
    targets: list[NavTarget] = []
    for alignment in comparison.alignments:
        k, version = alignment.other, comparison.versions[alignment.other]
        anchor = 0
        for row in alignment.rows:
            spans: dict[int, tuple[int, int]] = {}
            if row.base:
                spans[0] = _span_of(base, row.base)
                if row.status != "moved":
                    anchor = spans[0][1]
            if row.other:
                spans[k] = _span_of(version, row.other)
            if row.status != "identical" and spans:
                key = spans[0][0] if 0 in spans else anchor
                targets.append(NavTarget(k, spans, (key, k), what=describe_row(row)))
    return sorted(targets, key=lambda t: (t.sort_key, min(t.spans.get(t.other, (0, 0)))))


_ROW_WORDS = {"changed": "sentence reworded", "added": "sentence added",
              "removed": "sentence removed", "moved": "sentence moved"}


def describe_row(row: AlignedRow) -> str:
    """A few words on an aligned row: its first typed change, else what became of it."""
    if row.changes:
        change = row.changes[0]
        if change.direction in ("changed", "reworded"):
            verb = "" if change.direction == "changed" else " reworded"
            text = f"{change.kind}{verb}: ‘{change.base_text}’ → ‘{change.other_text}’"
        else:
            words = change.other_text if change.direction == "added" else change.base_text
            text = f"{change.kind} {change.direction}: ‘{words}’"
        if change.note:
            text += f" ({change.note})"
        more = len(row.changes) - 1
        return text + (f" (+{more} more)" if more else "")
    return _ROW_WORDS.get(row.status, row.status)


def quote_targets(comparison: Comparison) -> list[NavTarget]:
    """Every altered quote, in base reading order."""
    targets: list[NavTarget] = []
    for checks in comparison.quote_checks:
        k = checks.other
        for check in checks.rows:
            if check.status != "altered" or check.base_quote is None:
                continue
            bq = comparison.versions[0].quotes[check.base_quote]
            spans = {0: (bq.start, bq.end)}
            if check.other_quote is not None:
                oq = comparison.versions[k].quotes[check.other_quote]
                spans[k] = (oq.start, oq.end)
            words = word_changes_text(quote_word_changes(comparison, k, check))
            targets.append(NavTarget(k, spans, (bq.start, k), what=words or "quote altered"))
    return sorted(targets, key=lambda t: t.sort_key)


def typed_changes(comparison: Comparison) -> list[ChangeEntry]:
    """The typed changes of every alignment, for the details dock's list."""
    entries: list[ChangeEntry] = []
    for alignment in comparison.alignments:
        for row_index, row in enumerate(alignment.rows):
            for change in row.changes:
                entries.append(ChangeEntry(
                    other=alignment.other, row=row_index, kind=change.kind,
                    direction=change.direction, base_text=change.base_text,
                    other_text=change.other_text,
                    base_spans=tuple((s.start, s.end) for s in change.base_spans),
                    other_spans=tuple((s.start, s.end) for s in change.other_spans),
                    description=describe_change(change), note=change.note))
    return entries


def links(comparison: Comparison, left: int, right: int) -> list[Link]:
    """Connectors between two panes: alignment rows for (base, other), else joined on the base."""
    if left == 0:
        return _base_links(comparison, right)
    by_base: dict[int, AlignedRow] = {}
    for row in _rows(comparison, left):
        for b in row.base:
            by_base[b] = row
    result: dict[tuple[tuple[int, ...], tuple[int, ...]], str] = {}
    for row in _rows(comparison, right):
        for b in row.base:
            partner = by_base.get(b)
            if partner is None or not partner.other or not row.other:
                continue
            statuses = {partner.status, row.status}
            status = "moved" if "moved" in statuses else (
                "identical" if statuses == {"identical"} else "changed")
            result[(partner.other, row.other)] = status
    return [Link(lt, rt, status) for (lt, rt), status in result.items()]


def _rows(comparison: Comparison, other: int) -> tuple[AlignedRow, ...]:
    for alignment in comparison.alignments:
        if alignment.other == other:
            return alignment.rows
    return ()


def _base_links(comparison: Comparison, other: int) -> list[Link]:
    result: list[Link] = []
    last_base, last_other = -1, -1
    for row in _rows(comparison, other):
        result.append(Link(row.base, row.other, row.status, last_base, last_other,
                           pinned=row.pinned))
        if row.status != "moved":
            last_base = max(row.base, default=last_base)
            last_other = max(row.other, default=last_other)
    return result


def sync_anchors(comparison: Comparison,
                 other: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Unit groups (base, other) that scroll sync may pin level: matched rows, in order.

    Moved rows are left out: they run against the order of the rest, and an anchor
    that goes backwards would make the other pane jump back and forth.
    """
    return [(row.base, row.other) for row in _rows(comparison, other)
            if row.base and row.other and row.status != "moved"]


def unit_snippet(version: Version, unit: int, limit: int = 40) -> str:
    """The start of a unit's text on one line, cut with an ellipsis: “Officials said 30…”."""
    rec = version.units[unit]
    text = " ".join(version.text[rec.start:rec.end].split())
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit].rstrip()}…”"


def link_menu_entries(comparison: Comparison, found: Counterparts, selected: Mapping[int, int],
                      pane: int, unit: int,
                      names: Sequence[str] = ()) -> list[tuple[str, str, int, int]]:
    """Context-menu entries for a unit: (text, "link" | "unlink", other pane, other unit).

    The base links to the sentence last clicked in each other pane and back, and the
    entry quotes that sentence; any existing pair can be unlinked. Other versions only
    pair with the base (the hub).
    """
    mine = found.get((pane, unit), {})
    entries: list[tuple[str, str, int, int]] = []
    for other in range(1, len(comparison.versions)) if pane == 0 else (0,):
        name = names[other] if other < len(names) else version_name(comparison, other)
        version = comparison.versions[other]
        chosen = selected.get(other)
        if chosen is not None and chosen not in mine.get(other, ()):
            entries.append((f"Link to {unit_snippet(version, chosen)} in {name}",
                            "link", other, chosen))
        for linked in mine.get(other, ()):
            entries.append((f"Unlink from {unit_snippet(version, linked)} in {name}",
                            "unlink", other, linked))
    return entries
