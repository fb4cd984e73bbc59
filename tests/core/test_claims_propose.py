"""Proposing a tagged claim in every other version, on hand-built and demo comparisons."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from core.claims import claim_drift, propose_counterparts
from core.records import AlignedRow, Alignment, Comparison, Span, Unit, Version
from core.worddiff import diff_segments

BASE = [
    "Officials said 20 workers were hurt.",
    "The port closed on Tuesday.",
    "A hospital spokeswoman declined to comment.",
]
REWRITE = [
    "Officials said 30 workers were hurt.",
    "The port,  which is busy, closed on  Tuesday.",
    "A storm is coming.",
]
MERGED = [
    "Officials said 20 workers were hurt and the port closed on Tuesday.",
    "A hospital spokeswoman declined to comment.",
]


def _version(name: str, sentences: Sequence[str]) -> Version:
    text = " ".join(sentences)
    units, cursor = [], 0
    for sentence in sentences:
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        units.append(Unit(start, cursor, "sentence", 0))
    return Version(name, text, tuple(units), (), ())


def _row(base: Version, b: Sequence[int], other: Version, o: Sequence[int]) -> AlignedRow:
    if not b or not o:
        return AlignedRow(tuple(b), tuple(o), 0.0, "removed" if b else "added")
    diff = diff_segments(
        base.text, [(base.units[i].start, base.units[i].end) for i in b],
        other.text, [(other.units[i].start, other.units[i].end) for i in o],
    )  # fmt: skip
    return AlignedRow(tuple(b), tuple(o), 0.7, "changed", diff)


def _story() -> Comparison:
    base, rewrite, merged = (
        _version("base", BASE), _version("rewrite", REWRITE), _version("merged", MERGED)
    )  # fmt: skip
    rows_1 = (
        _row(base, [0], rewrite, [0]), _row(base, [1], rewrite, [1]),
        _row(base, [2], rewrite, []), _row(base, [], rewrite, [2]),
    )  # fmt: skip
    rows_2 = (_row(base, [0, 1], merged, [0]), _row(base, [2], merged, [1]))
    return Comparison(
        "variorum.comparison/1", "test", "none", (base, rewrite, merged),
        (Alignment(1, rows_1, ()), Alignment(2, rows_2, ())), (), (), (),
    )  # fmt: skip


def _propose(comparison: Comparison, version: int, phrase: str) -> dict[int, str | None]:
    text = comparison.versions[version].text
    start = text.index(phrase)
    found = propose_counterparts(comparison, version, start, start + len(phrase))
    return {
        k: None if span is None else comparison.versions[k].text[span.start : span.end]
        for k, span in found.items()
    }


def test_whole_sentence_proposes_the_whole_aligned_sentence():
    assert _propose(_story(), 0, BASE[0]) == {
        1: REWRITE[0],
        2: "Officials said 20 workers were hurt",  # half of a merged sentence: narrowed
    }


def test_sentences_covering_a_merged_row_propose_the_merged_sentence():
    story = _story()
    assert _propose(story, 0, BASE[0] + " " + BASE[1]) == {
        1: REWRITE[0] + " " + REWRITE[1],
        2: MERGED[0],
    }


def test_a_number_phrase_narrows_to_the_corresponding_words():
    assert _propose(_story(), 0, "20 workers") == {1: "30 workers", 2: "20 workers"}


def test_words_inserted_inside_the_claim_are_taken_in():
    found = _propose(_story(), 0, "port closed")
    assert found == {1: "port,  which is busy, closed", 2: "port closed"}


def test_equal_words_map_exactly_despite_other_spacing():
    assert _propose(_story(), 0, "on Tuesday") == {1: "on  Tuesday", 2: "on Tuesday"}


def test_a_removed_sentence_has_no_counterpart():
    assert _propose(_story(), 0, BASE[2]) == {1: None, 2: MERGED[1]}
    assert _propose(_story(), 0, "spokeswoman declined") == {1: None, 2: "spokeswoman declined"}


def test_an_added_sentence_has_no_counterpart_anywhere():
    assert _propose(_story(), 1, "storm is coming") == {0: None, 2: None}


def test_a_claim_in_a_later_version_goes_through_the_base():
    assert _propose(_story(), 1, "30 workers") == {0: "20 workers", 2: "20 workers"}
    assert _propose(_story(), 2, MERGED[0]) == {0: BASE[0] + " " + BASE[1],
                                                1: REWRITE[0] + " " + REWRITE[1]}  # fmt: skip


def test_a_selection_without_words_proposes_nothing():
    story = _story()
    dot = story.versions[0].text.index(".")
    assert propose_counterparts(story, 0, dot, dot + 1) == {1: None, 2: None}


def test_an_unknown_version_is_refused():
    with pytest.raises(ValueError, match="no version 3"):
        propose_counterparts(_story(), 3, 0, 4)


def test_the_selection_is_snapped_before_it_is_proposed():
    story = _story()
    start = story.versions[0].text.index("0 work")
    assert propose_counterparts(story, 0, start, start + 6) == propose_counterparts(
        story, 0, start - 1, start + 10
    )


# The demo story (spaCy, segmentation and alignment as the app runs them)


def _unit_text(version: Version, units: Sequence[int]) -> str:
    return version.text[version.units[min(units)].start : version.units[max(units)].end]


def test_demo_every_whole_row_proposes_its_aligned_units(demo_comparison):
    base = demo_comparison.versions[0]
    checked = 0
    for alignment in demo_comparison.alignments:
        other = demo_comparison.versions[alignment.other]
        for row in alignment.rows:
            if not row.base or sorted(row.base) != list(range(min(row.base), max(row.base) + 1)):
                continue
            span = Span(base.units[min(row.base)].start, base.units[max(row.base)].end)
            found = propose_counterparts(demo_comparison, 0, span.start, span.end)[alignment.other]
            if not row.other:
                assert found is None
                continue
            assert other.text[found.start : found.end] == _unit_text(other, row.other)
            checked += 1
    assert checked > 30


def test_demo_whole_unit_of_version_2_proposes_in_base_and_version_1(demo_comparison):
    update = demo_comparison.versions[2]
    unit = next(u for u in update.units if "at least 26 workers" in update.text[u.start : u.end])
    index = update.units.index(unit)
    row = next(r for r in demo_comparison.alignments[1].rows if index in r.other)
    found = propose_counterparts(demo_comparison, 2, unit.start, unit.end)
    base = demo_comparison.versions[0]
    assert base.text[found[0].start : found[0].end] == _unit_text(base, row.base)
    assert "at least 20 workers" in base.text[found[0].start : found[0].end]
    rewrite = demo_comparison.versions[1]
    assert "30 workers" in rewrite.text[found[1].start : found[1].end]


SOURCED = "according to a hospital spokeswoman"
SHARE = "38 percent of all container traffic"
FINED = "The regulator fined Saltmere $310,000 over that incident."


@pytest.mark.parametrize(
    ("version", "phrase", "expected"),
    [
        (0, "at least 20 workers", {1: "30 workers", 2: "at least 26 workers"}),
        # "at" is also in the rewrite's sentence: a function word does not make it the claim
        (0, "at least 20", {1: "30", 2: "at least 26"}),
        (2, "at least 26 workers", {0: "at least 20 workers", 1: "30 workers"}),
        (0, SOURCED, {1: None, 2: SOURCED}),
        (0, "$4.2 million", {1: "4.2 million", 2: "4.2 million"}),
        (0, SHARE, {1: SHARE, 2: None}),
        (0, FINED, {1: None, 2: FINED}),
        (0, "in June last year", {1: "Last June", 2: "in June last year"}),
    ],
)
def test_demo_planted_phrases(demo_comparison, version, phrase, expected):
    assert _propose(demo_comparison, version, phrase) == expected


def test_demo_proposals_carry_the_planted_drift(demo_comparison):
    found = _propose(demo_comparison, 0, "at least 20 workers")
    assert claim_drift("at least 20 workers", found[1]).kinds == ("number",)
    negated = "The hospital did not confirm whether any of the injured had been hired"
    found = _propose(demo_comparison, 0, negated)
    assert "negation" in claim_drift(negated, found[1]).kinds
    assert claim_drift(negated, found[2]).kinds == ("verbatim",)
