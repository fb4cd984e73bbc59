"""Word-level diff of aligned text, as ops whose spans rebuild both sides exactly.

Tokens tile each segment: a word or mark owns the spaces after it, so the ops'
spans, read in order, give back every character of the segments compared. After
the raw diff, short runs of shared filler between two changes ("the", ",") are
folded into the change, so a reader sees whole rewritten phrases, not confetti.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from core.records import DiffOp, OpKind, Span

# possessive (never giving back): no backtracking can change a match here, and the scan
# takes a fifth less time
_TOKEN = re.compile(r"\w++(?:[-'’.,]\w++)*+|[^\w\s]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_ALNUM = re.compile(r"[^\W_]")
#: Function words: folded into a change between two changes, and not what makes words alike.
FILLER_WORDS = frozenset(
    "a an the of to in on at by for and or but as is was be with from that this its their his her "
    "it he she they we has have had".split()
)
#: Equal runs this short between two changes are folded into them.
CHAFF_TOKENS = 2


@dataclass(slots=True)
class Tiles:
    """Tokens, each with the whitespace that follows it, as parallel lists of one text.

    Parallel lists rather than one object per token: a long diff makes hundreds of
    thousands of tokens, and building objects for them was a fifth of its time.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)


def tiles(text: str, segments: Sequence[tuple[int, int]]) -> Tiles:
    """Tokens tiling each (start, end) segment of ``text`` completely and in order."""
    result = Tiles()
    for index, (seg_start, seg_end) in enumerate(segments):
        matches = list(_TOKEN.finditer(text, seg_start, seg_end))
        if not matches:
            if seg_end > seg_start:
                keys = [text[seg_start:seg_end].strip()]
            else:
                continue
            starts = [seg_start]
        else:
            keys = list(map(re.Match.group, matches))  # map: no Python frame per token
            starts = list(map(re.Match.start, matches))
            starts[0] = seg_start
        result.starts += starts
        result.ends += [*starts[1:], seg_end]
        result.keys += keys
        result.segments += [index] * len(keys)
    return result


def diff_segments(
    base_text: str,
    base_segments: Sequence[tuple[int, int]],
    other_text: str,
    other_segments: Sequence[tuple[int, int]],
) -> tuple[DiffOp, ...]:
    """Diff the segments of two texts; no op spans two segments or the gap between them."""
    a = tiles(base_text, base_segments)
    b = tiles(other_text, other_segments)
    raw = _opcodes(a.keys, b.keys)
    merged = _fold_chaff(raw, a)
    if len(base_segments) == 1 and len(other_segments) == 1:  # one run each: no splitting
        return tuple(
            _one_op(tag, a, i1, i2, b, j1, j2, base_text, other_text)
            for tag, i1, i2, j1, j2 in merged
        )
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in merged:
        ops.extend(_split_at_segments(tag, a, i1, i2, b, j1, j2, base_text, other_text))
    return tuple(ops)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    # Indel (longest common subsequence) in C++: ~25x faster than difflib on sentence pairs;
    # the insert/delete pairs it returns are joined into replaces by _fold_chaff.
    return [op for op in Indel.opcodes(a, b).as_list() if op[1] != op[2] or op[3] != op[4]]


def _fold_chaff(
    ops: list[tuple[str, int, int, int, int]], a: Tiles
) -> list[tuple[str, int, int, int, int]]:
    """Fold short filler-only equal runs that sit between two changes into one replace."""
    out: list[tuple[str, int, int, int, int]] = []
    last = len(ops) - 1
    after_change = False  # whether out[-1] is a change (changes in a row join into one)
    for index, op in enumerate(ops):
        tag, i1, i2, _, j2 = op
        if tag == "equal" and not (after_change and index < last and _is_chaff(a.keys[i1:i2])):
            out.append(op)
            after_change = False
        elif after_change:
            _, p1, _, q1, _ = out[-1]
            out[-1] = ("replace", p1, i2, q1, j2)
        else:
            out.append(op)
            after_change = True
    return [op if op[0] == "equal" else (_kind(*op), *op[1:]) for op in out]


def _is_chaff(run: Sequence[str]) -> bool:
    return len(run) <= CHAFF_TOKENS and all(
        key.casefold() in FILLER_WORDS or not key[:1].isalnum() for key in run
    )


def _kind(tag: str, i1: int, i2: int, j1: int, j2: int) -> str:
    if tag == "equal":
        return tag
    if i1 == i2:
        return "insert"
    return "delete" if j1 == j2 else "replace"


def _split_at_segments(
    tag: str,
    a: Tiles,
    i1: int,
    i2: int,
    b: Tiles,
    j1: int,
    j2: int,
    base_text: str,
    other_text: str,
) -> list[DiffOp]:
    """One op per run of contiguous tiles on each side (segments may not touch)."""
    if _one_run(a, i1, i2) and _one_run(b, j1, j2):
        return [_one_op(tag, a, i1, i2, b, j1, j2, base_text, other_text)]
    a_runs = _contiguous_runs(a, i1, i2)
    b_runs = _contiguous_runs(b, j1, j2)
    if tag == "equal":
        return _split_equal(a, i1, b, j1, a_runs, b_runs)
    a_end = a.ends[i2 - 1] if i2 > i1 else (a.starts[i1] if i1 < len(a) else _end(a))
    b_end = b.ends[j2 - 1] if j2 > j1 else (b.starts[j1] if j1 < len(b) else _end(b))
    pairs = max(len(a_runs), len(b_runs), 1)
    ops = []
    for k in range(pairs):
        sa = _span(a, a_runs[k]) if k < len(a_runs) else Span(a_end, a_end)
        sb = _span(b, b_runs[k]) if k < len(b_runs) else Span(b_end, b_end)
        kind = _kind("replace", sa.start, sa.end, sb.start, sb.end)
        ops.append(DiffOp(_op(kind), sa, sb, _is_minor(base_text, sa, other_text, sb)))
    return ops


def _one_op(
    tag: str, a: Tiles, i1: int, i2: int, b: Tiles, j1: int, j2: int, base_text: str,
    other_text: str,
) -> DiffOp:  # fmt: skip
    """The op of tiles a[i1:i2] against b[j1:j2], each one contiguous run."""
    sa = Span(a.starts[i1], a.ends[i2 - 1]) if i2 > i1 else _point(a, i1)
    sb = Span(b.starts[j1], b.ends[j2 - 1]) if j2 > j1 else _point(b, j1)
    minor = tag != "equal" and _is_minor(base_text, sa, other_text, sb)
    return DiffOp(_op(tag), sa, sb, minor)


def _split_equal(
    a: Tiles,
    i1: int,
    b: Tiles,
    j1: int,
    a_runs: list[tuple[int, int]],
    b_runs: list[tuple[int, int]],
) -> list[DiffOp]:
    cuts = sorted({r[1] - i1 for r in a_runs} | {r[1] - j1 for r in b_runs})
    ops, prev = [], 0
    for cut in cuts:
        ops.append(
            DiffOp("equal", _span(a, (i1 + prev, i1 + cut)), _span(b, (j1 + prev, j1 + cut)))
        )
        prev = cut
    return ops


def _one_run(tokens: Tiles, lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi] lie in one segment (and so touch one another)."""
    return hi <= lo or tokens.segments[lo] == tokens.segments[hi - 1]


def _point(tokens: Tiles, index: int) -> Span:
    position = tokens.starts[index] if index < len(tokens) else _end(tokens)
    return Span(position, position)


def _contiguous_runs(tokens: Tiles, lo: int, hi: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in range(lo, hi):
        if runs and tokens.segments[i - 1] == tokens.segments[i] and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _span(tokens: Tiles, run: tuple[int, int]) -> Span:
    return Span(tokens.starts[run[0]], tokens.ends[run[1] - 1])


def _end(tokens: Tiles) -> int:
    return tokens.ends[-1] if len(tokens) else 0


def _op(kind: str) -> OpKind:
    return kind  # type: ignore[return-value]


def _is_minor(base_text: str, sa: Span, other_text: str, sb: Span) -> bool:
    """Only case or punctuation differs (or only punctuation was added or dropped)."""
    a, b = base_text[sa.start : sa.end], other_text[sb.start : sb.end]
    if not a or not b:  # an insert or a delete: minor when it holds no letter or digit
        return _ALNUM.search(a or b) is None
    return _letters(a) == _letters(b)


def _letters(text: str) -> str:
    return _NOT_ALNUM.sub("", text).casefold()


def rebuild(text: str, ops: Sequence[DiffOp], side: str) -> str:
    """Concatenate one side's spans: the inverse the property tests check."""
    spans = [op.base if side == "base" else op.other for op in ops]
    return "".join(text[s.start : s.end] for s in spans)
