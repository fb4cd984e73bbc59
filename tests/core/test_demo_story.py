"""The engine finds what was planted in the demo story (resources/demo/README.md)."""

from __future__ import annotations

import pytest

from core.records import AlignedRow, Comparison, Version


def _unit_text(version: Version, index: int) -> str:
    unit = version.units[index]
    return version.text[unit.start : unit.end]


def _row_with(comparison: Comparison, other: int, phrase: str) -> AlignedRow:
    base = comparison.versions[0]
    for row in comparison.alignments[other - 1].rows:
        if any(phrase in _unit_text(base, i) for i in row.base):
            return row
    raise AssertionError(f"no row holds {phrase!r}")


def _other_texts(comparison: Comparison, other: int, row: AlignedRow) -> list[str]:
    return [_unit_text(comparison.versions[other], i) for i in row.other]


def _changes(row: AlignedRow) -> set[tuple[str, str]]:
    return {(c.kind, c.direction) for c in row.changes}


def test_moved_sentence(demo_comparison) -> None:
    row = _row_with(demo_comparison, 1, "Ships bound for the port")
    assert row.status == "moved"
    assert _other_texts(demo_comparison, 1, row)[0].startswith("Vessels heading for the port")


def test_split_and_merged_sentences(demo_comparison) -> None:
    split = _row_with(demo_comparison, 1, "Saltmere Terminals, which operates")
    assert len(split.base) == 1 and len(split.other) == 2
    merged = _row_with(demo_comparison, 1, "Its investigators will examine")
    assert len(merged.base) == 2 and len(merged.other) == 1


def test_removed_paragraph_and_dropped_quote(demo_comparison) -> None:
    for phrase in ("A similar crane failure", "The regulator fined", "Our thoughts are with"):
        assert _row_with(demo_comparison, 1, phrase).status == "removed"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("A gantry crane collapsed", ("number", "changed")),
        # "in June last year" / "Last June" in a story dated March 3: the same month
        ("Saltmere Terminals, which operates", ("date", "reworded")),
        ("The Saltmere terminal handles", ("hedge", "added")),
        ("Three of the injured", ("sourcing", "removed")),
        ("The hospital did not confirm", ("negation", "removed")),
        ("brushed off our warnings", ("attribution", "changed")),
    ],
)
def test_typed_changes_in_the_rewrite(demo_comparison, phrase, expected) -> None:
    assert expected in _changes(_row_with(demo_comparison, 1, phrase))


def test_paraphrased_figures_are_not_flagged(demo_comparison) -> None:
    row = _row_with(
        demo_comparison, 1, "Ships bound for the port"
    )  # "about 40 km" / "roughly 40 km"
    assert ("number", "changed") not in _changes(row)


def test_rewrite_is_all_reworded_but_update_mostly_verbatim(demo_comparison) -> None:
    rewrite, update = demo_comparison.alignments
    assert "verbatim" not in rewrite.derivation[8:]  # every body sentence reworded
    assert update.derivation.count("verbatim") >= 15
    assert rewrite.derivation.count("new") >= 6  # headline, label, bullets, background, quote


def test_update_figure_and_new_paragraphs(demo_comparison) -> None:
    row = _row_with(demo_comparison, 2, "A gantry crane collapsed")
    change = next(c for c in row.changes if c.kind == "number")
    assert (change.base_text, change.other_text) == ("at least 20", "at least 26")
    assert _row_with(demo_comparison, 2, "The Saltmere terminal handles").status == "removed"
    update = demo_comparison.versions[2]
    added = [r for r in demo_comparison.alignments[1].rows if r.status == "added"]
    assert any(
        "We will publish every maintenance record" in _unit_text(update, r.other[0]) for r in added
    )


def test_quote_checks(demo_comparison) -> None:
    base, rewrite = demo_comparison.versions[:2]
    by_text = {}
    for check in demo_comparison.quote_checks[0].rows:
        quote = base.quotes[check.base_quote] if check.base_quote is not None else None
        shown = quote or rewrite.quotes[check.other_quote]
        source = base if quote else rewrite
        by_text[source.text[shown.start : shown.end][:30]] = check
    assert by_text["We are treating this as a seri"].status == "altered"
    assert by_text["Nothing is off the table, incl"].status == "altered"
    assert by_text["The company brushed off our wa"].status == "verbatim"
    assert by_text["cooperating fully"].status == "verbatim"
    assert by_text["Our thoughts are with the inju"].status == "removed"
    assert by_text["It sounded like a building com"].status == "added"
    attribution = by_text["The company brushed off our wa"].attribution
    assert attribution is not None
    assert (attribution.base_verb, attribution.other_verb) == ("said", "claimed")
    vashford = by_text["We are treating this as a seri"].attribution
    assert vashford is not None and vashford.other_verb == "acknowledged"


def test_nested_quote_found(demo_comparison) -> None:
    base = demo_comparison.versions[0]
    nested = [q for q in base.quotes if q.nested_in is not None]
    assert [base.text[q.start : q.end] for q in nested] == ["a union scare story"]


def test_entities_missing_from_a_version(demo_comparison) -> None:
    rows = {row.key: row for row in demo_comparison.entity_diff}
    assert rows["teodor mattis"].missing_in == (0, 2)
    assert 1 in rows["meridian wire"].missing_in
    # the acronym meets its long form, and possessives meet the bare name
    assert "csa" not in rows and rows["coastal safety authority"].counts[0] >= 3


def test_unsupported_takeaway_is_flagged(demo_comparison) -> None:
    rewrite = demo_comparison.versions[1]
    bullets = {
        _unit_text(rewrite, t.unit): t.supported_by
        for t in rewrite.takeaways
        if rewrite.units[t.unit].kind == "bullet"
    }
    unsupported = [text for text, support in bullets.items() if not support]
    assert unsupported == [
        "- Crane safety failures have become rampant at ports across the country."
    ]


def test_summary(demo_comparison) -> None:
    rewrite, update = demo_comparison.summary
    assert update.similarity > rewrite.similarity
    assert update.verbatim_share > 0.85 > rewrite.verbatim_share
    assert rewrite.status_counts["moved"] == 1
    assert sum(rewrite.quote_counts.values()) == 6
