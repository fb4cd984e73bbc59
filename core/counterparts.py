"""Propose a claim tagged in one version in every other version of the story.

The claim's sentences are followed through the alignment (other versions meet
through the base), then narrowed to the claim's words: through the row's word
diff (``equal`` ops map offsets exactly, other ops to their whole other side), or,
when the words moved inside the sentence and the diff lost them, to the window of
words of the aligned sentence that reads most like the claim.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from core.claim_drift import APPROXIMATORS
from core.records import AlignedRow, Comparison, DiffOp, Span, Unit, Version
from core.snapping import WORD, snap_to_words
from core.worddiff import FILLER_WORDS

#: Share of the claim's words a window must hold when the word diff deleted them all.
MIN_WINDOW_SCORE = 0.5


def propose_counterparts(
    comparison: Comparison, version: int, start: int, end: int
) -> dict[int, Span | None]:
    """The claim at ``[start, end)`` of ``version``, proposed in every other version.

    Other versions meet through the base (version 0): a span of a later version
    is mapped to the base first, then to the rest. A version where the claim's
    sentences align to nothing gets None. When the span covers every unit of its
    side of an aligned row, the proposal there is the whole other side (the exact
    unit or units, punctuation included); otherwise the span is narrowed through
    the row's word diff and snapped to words.
    """
    count = len(comparison.versions)
    if not 0 <= version < count:
        raise ValueError(f"there is no version {version} in a {count}-version comparison")
    span = snap_to_words(comparison.versions[version].text, start, end)
    if span is None:
        return {k: None for k in range(count) if k != version}
    proposals: dict[int, Span | None] = {}
    if version == 0:
        base_span: Span | None = span
    else:
        base_span = _project(comparison, version, 0, span)
        proposals[0] = base_span
    for k in range(1, count):
        if k != version:
            proposals[k] = None if base_span is None else _project(comparison, 0, k, base_span)
    return dict(sorted(proposals.items()))


def _project(comparison: Comparison, source: int, target: int, span: Span) -> Span | None:
    """Map a span between the base and one other version (one of them is 0)."""
    forward = source == 0
    alignment = comparison.alignments[(target if forward else source) - 1]
    source_version = comparison.versions[source]
    target_version = comparison.versions[target]
    row_of: dict[int, AlignedRow] = {}
    for row in alignment.rows:
        for unit in row.base if forward else row.other:
            row_of[unit] = row
    rows: dict[int, AlignedRow] = {}
    for index in _overlapping_units(source_version.units, span):
        if index in row_of:
            rows.setdefault(id(row_of[index]), row_of[index])
    pieces: list[tuple[Span, bool]] = []
    for row in rows.values():
        source_units, target_units = (row.base, row.other) if forward else (row.other, row.base)
        if not target_units:
            continue
        target_group = _units_span(target_version, target_units)
        if _covers_units(source_version, source_units, span):
            pieces.append((target_group, True))
            continue
        group = _units_span(source_version, source_units)
        piece = snap_to_words(
            source_version.text, max(span.start, group.start), min(span.end, group.end)
        )
        narrowed = piece and _narrow(
            row.diff, forward, source_version, target_version, piece, target_group
        )
        if narrowed:
            pieces.append((narrowed, False))
    return _join(target_version.text, pieces)


def _narrow(
    ops: Sequence[DiffOp],
    forward: bool,
    source: Version,
    target: Version,
    piece: Span,
    target_group: Span,
) -> Span | None:
    """The words of the aligned target sentences that stand for ``piece``.

    The word diff's mapping, unless a window of target words reads more like the
    piece (its words moved within the sentence and the diff paired them with
    others). Words the diff deleted with nothing like them left give None.
    """
    needle = source.text[piece.start : piece.end]
    wanted = Counter(_keys(needle))
    candidates: list[tuple[Likeness, int, Span]] = []
    through = _through_diff(ops, forward, source, target, piece)
    mapped = through and snap_to_words(target.text, through.start, through.end)
    if mapped:
        candidates.append((_likeness(needle, wanted, target.text, mapped), 1, mapped))
    window = _best_window(target.text, target_group, needle, wanted)
    if window is not None and (mapped or window[0][0] >= MIN_WINDOW_SCORE):
        candidates.append((window[0], 0, window[1]))
    return max(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


def _keys(text: str) -> list[str]:
    """Words as compared: casefolded, every number alike (a changed figure stays in place)."""
    return [_key(w) for w in WORD.findall(text)]


def _key(word: str) -> str:
    if word[0].isdigit():
        return "#"
    word = word.casefold()
    sense = APPROXIMATORS.get(word)
    return f"~{sense}" if sense else word


Likeness = tuple[float, float, float, float]


def _content(wanted: Counter[str]) -> Counter[str]:
    """The claim's words that carry its content: not its function words (unless it has
    nothing else), so "at least 20" is found as "30", not as an "at" elsewhere."""
    content = Counter({key: n for key, n in wanted.items() if key not in FILLER_WORDS})
    return content or wanted


def _likeness(needle: str, wanted: Counter[str], text: str, span: Span) -> Likeness:
    """How a candidate span reads against the claim: see ``_score``."""
    candidate = text[span.start : span.end]
    found = Counter(_keys(candidate))
    content = _content(wanted)
    return _score(needle, (sum(content.values()), sum((content & found).values())),
                  sum(wanted.values()), sum((wanted & found).values()),
                  sum(found.values()), candidate)


def _score(needle: str, content: tuple[int, int], wanted: int, common: int, size: int,
           candidate: str) -> Likeness:
    """(share of the claim's content words found, of all its words, F1 of shared words,
    character similarity); ``content`` is (the claim's content words, those found)."""
    if not size:
        return (0.0, 0.0, 0.0, 0.0)
    content_recall = round(content[1] / content[0], 6)
    recall = round(common / wanted, 6)
    f1 = round(2 * common / (wanted + size), 6)
    return content_recall, recall, f1, fuzz.ratio(needle.casefold(), candidate.casefold()) / 100


def _best_window(
    text: str, group: Span, needle: str, wanted: Counter[str]
) -> tuple[Likeness, Span] | None:
    """The run of words in ``group`` that reads most like the claim, and its likeness.

    Runs are at most a few words longer than the claim, so the share of the
    claim's words found cannot be bought with a whole sentence.
    """
    words = [m.span() for m in WORD.finditer(text, group.start, group.end)]
    keys = [_key(text[a:b]) for a, b in words]
    count = sum(wanted.values())
    if not words or not count:
        return None
    content = _content(wanted)
    content_count = sum(content.values())
    slack = max(2, count // 2)
    best: tuple[Likeness, int, int] | None = None
    for first in range(len(words)):
        seen: Counter[str] = Counter()
        common = content_common = 0
        for last in range(first, min(len(words), first + count + slack)):
            key = keys[last]
            if seen[key] < wanted[key]:
                common += 1
                content_common += seen[key] < content[key]
            seen[key] += 1
            size = last - first + 1
            # what _score would give, rounded as it rounds, so no better window is skipped
            bound = (round(content_common / content_count, 6), round(common / count, 6),
                     round(2 * common / (count + size), 6))
            if best is not None and bound < best[0][:3]:
                continue
            candidate = text[words[first][0] : words[last][1]]
            score = _score(needle, (content_count, content_common), count, common, size,
                           candidate)
            if best is None or score > best[0]:
                best = (score, first, last)
    if best is None:
        return None
    score, first, last = best
    return score, Span(words[first][0], words[last][1])


def _overlapping_units(units: Sequence[Unit], span: Span) -> list[int]:
    starts = [u.start for u in units]
    lo = max(0, bisect.bisect_right(starts, span.start) - 1)
    hi = bisect.bisect_left(starts, span.end)
    return [i for i in range(lo, hi) if units[i].start < span.end and units[i].end > span.start]


def _covers_units(version: Version, units: Sequence[int], span: Span) -> bool:
    """Whether ``span`` holds every word of the given units."""
    for index in units:
        unit = version.units[index]
        words = snap_to_words(version.text, unit.start, unit.end)
        if words is not None and not (span.start <= words.start and words.end <= span.end):
            return False
    return True


def _units_span(version: Version, units: Sequence[int]) -> Span:
    return Span(
        min(version.units[i].start for i in units), max(version.units[i].end for i in units)
    )


def _through_diff(
    ops: Sequence[DiffOp], forward: bool, source: Version, target: Version, span: Span
) -> Span | None:
    """The part of the target side the ops map ``span`` to (equal ops map offsets exactly)."""
    starts: list[int] = []
    ends: list[int] = []
    for op in ops:
        src, dst = (op.base, op.other) if forward else (op.other, op.base)
        if src.start == src.end:  # words inserted on the target side
            if span.start < src.start < span.end and dst.end > dst.start:
                starts.append(dst.start)
                ends.append(dst.end)
            continue
        lo, hi = max(span.start, src.start), min(span.end, src.end)
        if lo >= hi:
            continue
        if op.op == "equal":
            starts.append(_equal_offset(source.text, src, target.text, dst, lo))
            ends.append(_equal_offset(source.text, src, target.text, dst, hi))
        elif dst.end > dst.start:
            starts.append(dst.start)
            ends.append(dst.end)
    if not starts:
        return None
    return Span(min(starts), max(ends))


def _equal_offset(source_text: str, src: Span, target_text: str, dst: Span, at: int) -> int:
    """``at`` in ``src`` moved to ``dst``: equal ops have the same words, maybe other spacing."""
    if source_text[src.start : src.end] == target_text[dst.start : dst.end]:
        return dst.start + (at - src.start)
    visible = sum(1 for c in source_text[src.start : at] if not c.isspace())
    position = dst.start
    while position < dst.end and (visible or target_text[position].isspace()):
        visible -= not target_text[position].isspace()
        position += 1
    return position


def _join(text: str, pieces: list[tuple[Span, bool]]) -> Span | None:
    """One span from the first piece's start to the last piece's end.

    Ends that come from a whole unit stay as they are; the others are snapped.
    """
    if not pieces:
        return None
    first = min(pieces, key=lambda p: p[0].start)
    last = max(pieces, key=lambda p: p[0].end)
    snapped = snap_to_words(text, first[0].start, last[0].end)
    if snapped is None:
        return None
    return Span(
        first[0].start if first[1] else snapped.start,
        last[0].end if last[1] else snapped.end,
    )
