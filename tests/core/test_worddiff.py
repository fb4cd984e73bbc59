from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from core.worddiff import (
    _TOKEN,
    Tiles,
    _fold_chaff,
    _is_chaff,
    _kind,
    _opcodes,
    diff_segments,
    rebuild,
    tiles,
)

WORDS = st.sampled_from(
    ["the", "port", "said", "Port", "crane", ",", ".", "20", "30", "officials", "“", "”", "of", "a"]
)
SENTENCE = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)


def _diff(a: str, b: str):
    return diff_segments(a, [(0, len(a))], b, [(0, len(b))])


@settings(max_examples=300)
@given(SENTENCE, SENTENCE)
def test_ops_rebuild_both_texts(a: str, b: str) -> None:
    ops = _diff(a, b)
    assert rebuild(a, ops, "base") == a
    assert rebuild(b, ops, "other") == b


@settings(max_examples=200)
@given(st.lists(SENTENCE, min_size=1, max_size=4), st.lists(SENTENCE, min_size=1, max_size=4))
def test_ops_never_cross_segments(a_parts: list[str], b_parts: list[str]) -> None:
    a, a_segments = _join(a_parts)
    b, b_segments = _join(b_parts)
    ops = diff_segments(a, a_segments, b, b_segments)
    assert rebuild(a, ops, "base") == "".join(a[s:e] for s, e in a_segments)
    assert rebuild(b, ops, "other") == "".join(b[s:e] for s, e in b_segments)
    for op in ops:
        for span, segments in ((op.base, a_segments), (op.other, b_segments)):
            if span.end > span.start:
                assert any(s <= span.start and span.end <= e for s, e in segments)


def _join(parts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, segments = "", []
    for part in parts:
        segments.append((len(text), len(text) + len(part)))
        text += part + " | "
    return text, segments


@given(SENTENCE)
def test_tiles_cover_the_segment(text: str) -> None:
    pieces = tiles(text, [(0, len(text))])
    assert "".join(text[s:e] for s, e in zip(pieces.starts, pieces.ends, strict=True)) == text


def test_identical_texts_are_one_equal_op() -> None:
    ops = _diff("The crane fell.", "The crane fell.")
    assert [op.op for op in ops] == ["equal"]


def test_filler_between_changes_is_folded_into_one_phrase() -> None:
    a = "The leader of the party hailed troops"
    b = "The head of the party praised troops"
    kinds = [op.op for op in _diff(a, b)]
    # "leader of the party hailed" -> "head of the party praised" would be confetti
    # around "of the party"; "of the" alone is filler but "party" is not, so two changes stay.
    assert kinds.count("replace") == 2
    folded = _diff("He said the deal was off", "She claimed a deal was off")
    assert [op.op for op in folded] == ["replace", "equal"]
    assert (
        "She claimed a deal was off"[folded[0].other.start : folded[0].other.end]
        == "She claimed a "
    )


def test_case_and_punctuation_changes_are_minor() -> None:
    ops = _diff("the Port said, today", "the port said today")
    changed = [op for op in ops if op.op != "equal"]
    assert changed and all(op.minor for op in changed)
    real = [op for op in _diff("at least 20 workers", "30 workers") if op.op != "equal"]
    assert real and not any(op.minor for op in real)


@given(st.text(alphabet="aB1_ ,.'é", max_size=8), st.text(alphabet="aB1_ ,.'é", max_size=8))
def test_minor_means_the_same_letters_and_digits(a: str, b: str) -> None:
    from core.records import Span
    from core.worddiff import _is_minor, _letters

    minor = _is_minor(a, Span(0, len(a)), b, Span(0, len(b)))
    assert minor == (_letters(a) == _letters(b))


def _reference_fold_chaff(ops, keys):
    """The fold as first written: one op at a time, each tag recomputed at the end."""
    out = []
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        between_changes = 0 < index < len(ops) - 1 and out and out[-1][0] != "equal"
        if tag == "equal" and between_changes and _is_chaff(keys[i1:i2]):
            tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _, p1, _, q1, _ = out.pop()
            tag, i1, j1 = "replace", p1, q1
        out.append((tag, i1, i2, j1, j2))
    return [(_kind(t, i1, i2, j1, j2), i1, i2, j1, j2) for t, i1, i2, j1, j2 in out]


@settings(max_examples=300)
@given(st.lists(WORDS, max_size=30), st.lists(WORDS, max_size=30))
def test_opcodes_and_fold_are_the_plain_loops(a: list[str], b: list[str]) -> None:
    raw = [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(a, b)
        if op.src_start != op.src_end or op.dest_start != op.dest_end
    ]
    assert _opcodes(a, b) == raw
    tokens = Tiles(keys=a)
    assert _fold_chaff(raw, tokens) == _reference_fold_chaff(raw, a)


@settings(max_examples=300)
@given(st.text(alphabet="ab1_ ,.-'’\n“é", max_size=40))
def test_tokens_are_the_backtracking_patterns(text: str) -> None:
    plain = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]")
    assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in plain.finditer(text)]
