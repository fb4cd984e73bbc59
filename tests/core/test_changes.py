"""Typed changes on small hand-written pairs, parsed by the real model."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.changes as changes
from core.analysis import Token
from core.changes import Side, may_differ
from core.compare import compare_versions
from core.records import EntityRecord, Span
from core.textio import load_text


def _changes(nlp, base: str, other: str) -> set[tuple[str, str]]:
    comparison = compare_versions([load_text(base, "a"), load_text(other, "b")], nlp=nlp)
    return {(c.kind, c.direction) for row in comparison.alignments[0].rows for c in row.changes}


def test_dropped_byline_and_dateline_are_sourcing_changes(nlp) -> None:
    base = (
        "Port reopens after crane collapse\n\nBy Mara Quill, Meridian Wire\n\n"
        "HARWICK PORT, March 5 (Meridian Wire) -- The terminal reopened on Thursday, "
        "officials said."
    )
    other = (
        "Port reopens after crane collapse\n\nThe terminal reopened on Thursday, officials said."
    )
    comparison = compare_versions([load_text(base, "a"), load_text(other, "b")], nlp=nlp)
    removed = [r for r in comparison.alignments[0].rows if r.status == "removed"]
    kinds = [comparison.versions[0].units[r.base[0]].kind for r in removed]
    assert kinds == ["byline", "dateline"]
    assert all(r.changes and r.changes[0].kind == "sourcing" for r in removed)


@pytest.mark.parametrize(
    ("base", "other", "expected"),
    [
        (
            "The ministry confirmed the plan on Monday.",
            "The ministry reportedly confirmed the plan on Monday.",
            ("hedge", "added"),
        ),
        (
            "The company did not deny the report on Monday.",
            "The company denied the report on Monday.",
            ("negation", "removed"),
        ),
        (
            "At least 12 people were hurt in the blast on Monday.",
            "At least 15 people were hurt in the blast on Monday.",
            ("number", "changed"),
        ),
        (
            "The mayor said the bridge would reopen in May.",
            "The mayor claimed the bridge would reopen in May.",
            ("attribution", "changed"),
        ),
        (
            "The bridge will reopen in May, according to the city council.",
            "The bridge will reopen in May.",
            ("sourcing", "removed"),
        ),
    ],
)
def test_typed_change_kinds(nlp, base: str, other: str, expected: tuple[str, str]) -> None:
    assert expected in _changes(nlp, base, other)


def test_paraphrase_without_typed_changes(nlp) -> None:
    found = _changes(
        nlp,
        "About 1,100 people work at the terminal, the operator said.",
        "Around 1,100 people work at the terminal, the operator said.",
    )
    assert found == set()


def _side(text: str) -> Side:
    return Side(text, [], [], [(0, len(text))])


@pytest.mark.parametrize(
    ("base", "other", "changed_base", "changed_other", "expected"),
    [
        ("Crews fought the fire all day.", "Crews battled the fire all day.",
         "fought", "battled", False),
        ("At least 12 people were hurt.", "At least 15 people were hurt.", "12", "15", True),
        ("The mayor said so.", "The mayor claimed so.", "said", "claimed", True),
        ("They did not go.", "They did go.", "not", "", True),
        ("It rose, according to Yonhap.", "It rose, according to KCNA.", "Yonhap", "KCNA", True),
    ],
)  # fmt: skip
def test_may_differ_only_when_a_changed_word_can_matter(
    base: str, other: str, changed_base: str, changed_other: str, expected: bool
) -> None:
    def spans(text: str, word: str) -> list[Span]:
        start = text.find(word) if word else 0
        return [Span(start, start + len(word))]

    found = may_differ(
        _side(base), _side(other), spans(base, changed_base), spans(other, changed_other)
    )
    assert found is expected


def _plain_scan_words(side: Side) -> tuple[list, list, list, list]:
    """The token loop of changes._scan as first written: one pass, every token in turn."""
    covered = [(e.start, e.end) for e in side.entities if e.label in {"CARDINAL", "DATE"}]
    numbers, hedges, negations, verbs = [], [], [], []
    for t in side.tokens:
        if t.like_num and not any(a <= t.start < b for a, b in covered):
            numbers.append((changes._number_key(t.text), Span(t.start, t.end)))
        if not t.is_stop and t.lemma not in changes._WATCHED:
            continue
        if t.pos != "PROPN":
            if t.lemma in changes.HEDGES:
                hedges.append((t.lemma, Span(t.start, t.end)))
            word = t.text.casefold()
            word = changes._CONTRACTIONS.get(word, word)
            if word in changes.NEGATIONS:
                negations.append((word, Span(t.start, t.end)))
        if t.lemma in changes.SPEECH_VERBS and t.pos in {"VERB", "AUX"}:
            verbs.append((t.lemma, Span(t.start, t.end)))
    return numbers, hedges, negations, verbs


_WORDS = st.sampled_from(["said", "not", "n't", "may", "two", "12", "port", "the", "Never"])


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(_WORDS, st.sampled_from(["VERB", "AUX", "PROPN", "NOUN"]), st.booleans()),
        max_size=15,
    ),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=3),
)
def test_scan_finds_what_one_pass_over_the_tokens_finds(words, entities) -> None:
    tokens, text = [], ""
    for word, pos, stop in words:
        lemma = {"n't": "not", "said": "say"}.get(word, word.casefold())
        like_num = word.isdigit() or word == "two"
        tokens.append(Token(len(text), len(text) + len(word), word, lemma, pos, stop,
                            word.isalpha(), like_num))  # fmt: skip
        text += word + " "
    records = [EntityRecord(s, s + n, "CARDINAL", "k") for s, n in entities]
    side = Side(text, tokens, records, [(0, len(text))])
    found = changes._scan(side)
    numbers, hedges, negations, verbs = _plain_scan_words(side)
    assert found.numbers[len(found.numbers) - len(numbers):] == numbers
    assert (found.hedges, found.negations, found.verbs) == (hedges, negations, verbs)


@given(st.text(alphabet="JanFebMyDcugOtSpv ", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_month_hint_is_a_substring_test_of_each_month(text: str, start: int, end: int) -> None:
    plain = any(month in text[start:end] for month in changes._MONTHS)
    assert bool(changes._MONTH_HINT.search(text, start, end)) == plain


def _plain_compare(kind, base, other, base_text, other_text):
    """changes._compare as first written: each key list and Counter rebuilt where used."""
    if not base and not other:
        return []
    if sorted(k for k, _ in base) == sorted(k for k, _ in other):
        return []
    if kind in changes._AS_SETS and {k for k, _ in base} == {k for k, _ in other}:
        return []
    only_base = Counter(k for k, _ in base) - Counter(k for k, _ in other)
    only_other = Counter(k for k, _ in other) - Counter(k for k, _ in base)
    if kind in changes._AS_SETS:
        only_base = Counter({k: 1 for k in only_base if k not in {k for k, _ in other}})
        only_other = Counter({k: 1 for k in only_other if k not in {k for k, _ in base}})
    if not only_base and not only_other:
        return []
    base_spans = tuple(s for k, s in base if k in only_base)
    other_spans = tuple(s for k, s in other if k in only_other)
    return [(base_spans, other_spans)]


_MENTIONS = st.lists(
    st.tuples(st.sampled_from(["say", "claim", "not", "5"]), st.integers(0, 20)), max_size=5
).map(lambda pairs: [(k, Span(s, s + 1)) for k, s in pairs])


@given(st.sampled_from(["number", "hedge", "negation", "attribution"]), _MENTIONS, _MENTIONS)
def test_compare_is_the_plain_count(kind, base, other) -> None:
    text = "x" * 30
    found = changes._compare(kind, base, other, text, text)
    plain = _plain_compare(kind, base, other, text, text)
    if kind == "negation" and found == [] and plain:
        base_spans, other_spans = plain[0]
        assert base_spans and other_spans  # a moved negation: dropped after the count
        return
    assert [(c.base_spans, c.other_spans) for c in found] == plain
