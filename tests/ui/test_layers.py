"""ui.compare.layers and ui.compare.scroll_sync: pure functions over hand-built comparisons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from comparison_factory import fire_story, long_story
from hypothesis import given
from hypothesis import strategies as st

from ui.compare import layers as lay
from ui.compare.prepared import prepare
from ui.compare.quote_layer import quote_hover_highlights
from ui.compare.scroll_sync import SyncMap, syncpoint
from ui.compare.spans import SpanIndex, index_pane

ROOT = Path(__file__).resolve().parents[2]


def _roles(spans: list[lay.Highlight], prefix: str) -> set[lay.Highlight]:
    return {s for s in spans if s[2].startswith(prefix)}


def _unit(comparison, version: int, unit: int) -> tuple[int, int]:
    u = comparison.versions[version].units[unit]
    return u.start, u.end


def test_layers_module_does_not_import_qt():
    code = ("import sys; import ui.compare.layers, ui.compare.scroll_sync, ui.compare.offsets; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_layers_row_roles_in_each_pane():
    comparison = fire_story()
    base, other = lay.build_layers(comparison)
    assert _roles(base.layers["changes"], "row_") == {
        (*_unit(comparison, 0, 1), "row_changed"), (*_unit(comparison, 0, 4), "row_moved"),
        (*_unit(comparison, 0, 3), "row_changed"), (*_unit(comparison, 0, 5), "row_removed")}
    assert _roles(other.layers["changes"], "row_") == {
        (*_unit(comparison, 1, 1), "row_changed"), (*_unit(comparison, 1, 2), "row_moved"),
        (*_unit(comparison, 1, 3), "row_changed"), (*_unit(comparison, 1, 5), "row_added")}


def test_layers_word_roles_follow_diff_ops():
    comparison = fire_story()
    base, other = lay.build_layers(comparison)
    want_base, want_other = set(), set()
    for row in comparison.alignments[0].rows:
        for op in row.diff:
            if op.op in ("delete", "replace"):
                want_base.add((op.base.start, op.base.end, f"word_{op.op}"))
            if op.op in ("insert", "replace"):
                want_other.add((op.other.start, op.other.end, f"word_{op.op}"))
    assert want_base and want_other
    assert _roles(base.layers["changes"], "word_") == want_base
    assert _roles(other.layers["changes"], "word_") == want_other


def test_layers_minor_ops_get_their_own_role():
    from dataclasses import replace

    comparison = fire_story()
    row = comparison.alignments[0].rows[1]
    op = next(op for op in row.diff if op.op == "replace")
    minor_row = replace(row, diff=(replace(op, minor=True),))
    alignment = replace(comparison.alignments[0], rows=(minor_row,))
    base, other = lay.build_layers(replace(comparison, alignments=(alignment,)))
    assert _roles(base.layers["changes"], "word_") == {(op.base.start, op.base.end, "word_minor")}
    assert _roles(other.layers["changes"], "word_") == {
        (op.other.start, op.other.end, "word_minor")}


def test_layers_typed_changes_marked_with_descriptions():
    comparison = fire_story()
    base, other = lay.build_layers(comparison)
    text = comparison.versions[1].text
    number = next(s for s in other.layers["typed"] if s[2] == "change:number")
    assert text[number[0]:number[1]] == "15"
    hedge = next(s for s in other.layers["typed"] if s[2] == "change:hedge")
    assert text[hedge[0]:hedge[1]] == "reportedly"
    assert any(t[2] == "Number changed: “12” → “15”" for t in other.tips["typed"])
    assert {s[2] for s in base.layers["typed"]} == {
        "change:number", "change:sourcing", "change:attribution"}


def test_layers_entities_unique_to_one_version_stand_out():
    comparison = fire_story()
    base, other = lay.build_layers(comparison)
    base_text, other_text = comparison.versions[0].text, comparison.versions[1].text
    assert {base_text[s:e] for s, e, r in base.layers["entities"] if r == "entity_unique"} == {
        "Reuters"}
    assert {other_text[s:e] for s, e, r in other.layers["entities"] if r == "entity_unique"} == {
        "Porto"}
    assert (*next((e.start, e.end) for e in comparison.versions[0].entities), "entity:GPE") in \
        base.layers["entities"]


def test_index_pane_splits_painted_from_tinted_spans_and_keeps_every_span():
    pane = lay.build_layers(fire_story())[1]
    indexed = index_pane(pane.layers, pane.tips)
    for name in lay.LAYER_NAMES:
        painted, tinted = indexed.painted[name].spans, indexed.tinted[name].spans
        assert sorted(painted + tinted) == sorted(pane.layers[name])
        assert all(s[2].startswith(("entity", "change:")) for s in painted)
        assert not any(s[2].startswith(("entity", "change:")) for s in tinted)
        assert sorted(indexed.tips[name].spans) == sorted(pane.tips[name])
    assert indexed.painted["entities"].spans and indexed.tinted["changes"].spans


_spans = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60), st.sampled_from("abc"))
                  .map(lambda t: (t[0], t[0] + t[1], t[2])), max_size=60)


@given(spans=_spans, lo=st.integers(-5, 400), width=st.integers(0, 120))
def test_span_index_overlapping_matches_a_full_scan(spans, lo, width):
    index = SpanIndex(spans)
    hi = lo + width
    expected = sorted(s for s in spans if s[0] < hi and (s[1] > lo or s[0] == lo))
    assert sorted(index.overlapping(lo, hi)) == expected
    assert sorted(index.at(lo)) == sorted(s for s in spans if s[0] <= lo < s[1])


def test_prepare_matches_the_layer_functions_and_needs_no_qt():
    comparison = fire_story(3)
    prepared = prepare(comparison, partner=2)
    assert prepared.partner == 2
    assert prepared.layers == lay.build_layers(comparison, 2)
    assert prepared.change_targets == lay.change_targets(comparison)
    assert prepared.links == [lay.links(comparison, 0, 1), lay.links(comparison, 1, 2)]
    assert prepare(comparison, partner=7).partner == 1  # out of range: the first other
    code = ("import sys; import ui.compare.prepared, ui.compare.spans; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_layers_quotes_carry_status_and_attribution():
    comparison = fire_story()
    base, other = lay.build_layers(comparison)
    assert [r for _, _, r in base.layers["quotes"]] == ["quote_altered"]
    assert [r for _, _, r in other.layers["quotes"]] == ["quote_altered"]
    assert "Verb: said → claimed" in other.tips["quotes"][0][2]


def test_layers_quote_diff_highlights_hold_the_changed_words():
    comparison = fire_story()
    check = comparison.quote_checks[0].rows[0]
    spans = quote_hover_highlights(comparison, 1, check)
    base_text = comparison.versions[0].text
    assert [base_text[s:e] for s, e, _ in spans[0]] == ["everywhere "]


def test_layers_partner_chooses_the_base_pane_diff():
    comparison = fire_story(3)
    with_rewrite = lay.build_layers(comparison, partner=1)[0]
    with_update = lay.build_layers(comparison, partner=2)[0]
    text = comparison.versions[0].text
    removed = [text[s:e] for s, e, r in with_rewrite.layers["changes"] if r == "row_removed"]
    assert removed == [comparison.versions[0].text[slice(*_unit(comparison, 0, 5))]]
    assert not [r for _, _, r in with_update.layers["changes"] if r == "row_removed"]


def test_layers_counterparts_meet_through_the_base():
    cps = lay.counterparts(fire_story(3))
    assert cps[(0, 1)] == {1: (1,), 2: (1,)}
    assert cps[(1, 2)] == {0: (4,), 2: (4,)}
    assert cps[(2, 4)] == {0: (4,), 1: (2,)}
    assert (1, 5) not in cps


def test_layers_change_targets_in_base_reading_order():
    comparison = fire_story()
    targets = lay.change_targets(comparison)
    base_units = comparison.versions[0].units
    firsts = [t.spans.get(0) for t in targets]
    assert firsts == [(base_units[1].start, base_units[1].end),
                      (base_units[3].start, base_units[3].end),
                      (base_units[4].start, base_units[4].end),
                      (base_units[5].start, base_units[5].end), None]
    assert targets[-1].spans[1] == _unit(comparison, 1, 5)


def test_layers_quote_targets_only_altered():
    targets = lay.quote_targets(fire_story(3))
    assert [t.other for t in targets] == [1]


def test_layers_typed_changes_for_the_details_dock():
    entries = lay.typed_changes(fire_story(3))
    assert [(e.other, e.kind) for e in entries] == [
        (1, "number"), (1, "hedge"), (1, "sourcing"), (1, "attribution"), (2, "number")]
    assert entries[0].description == "Number changed: “12” → “15”"
    assert entries[1].description == "Hedge added: “reportedly”"


def test_layers_links_anchor_missing_sides():
    links = lay.links(fire_story(), 0, 1)
    removed = next(link for link in links if link.status == "removed")
    added = next(link for link in links if link.status == "added")
    assert removed.left == (5,) and removed.right == () and removed.right_anchor == 4
    assert added.left == () and added.left_anchor == 5


def test_layers_links_between_two_other_versions():
    links = lay.links(fire_story(3), 1, 2)
    pairs = {(link.left, link.right): link.status for link in links}
    assert pairs[((2,), (4,))] == "moved"
    assert pairs[((1,), (1,))] == "changed"
    assert all(link.left and link.right for link in links)


def test_layers_sync_anchors_skip_moved_rows():
    anchors = lay.sync_anchors(fire_story(), 1)
    assert ((4,), (2,)) not in anchors
    assert ((1,), (1,)) in anchors


def test_layers_version_name_and_badges():
    comparison = long_story(4)
    # Issue 10: one name per version, the file's stem as the library names it.
    assert lay.version_name(comparison, 1) == "other"
    assert lay.badges(comparison)[1][0] == "R"
    assert lay.badges(comparison)[0] == {}


def test_scroll_sync_map_interpolates_and_inverts():
    sync = SyncMap([(100, 100), (200, 300), (150, 50)], 400, 500)
    assert sync.to_other(150) == pytest.approx(200)
    assert sync.to_other(300) == pytest.approx(400)
    assert sync.to_base(200) == pytest.approx(150)
    for y in (0, 37, 123, 250, 399):
        assert sync.to_base(sync.to_other(y)) == pytest.approx(y)


def test_scroll_sync_point_slides_to_the_ends():
    assert syncpoint(0, 1000, 200) == 0
    assert syncpoint(500, 1000, 200) == 0.5
    assert syncpoint(1000, 1000, 200) == 1


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 9), st.sampled_from("ab")),
                max_size=30),
       st.data())
def test_editing_a_span_index_in_place_equals_rebuilding_it(raw, data):
    spans = sorted({(s, s + n, role) for s, n, role in raw})
    removed = data.draw(st.lists(st.sampled_from(spans), unique=True) if spans else st.just([]))
    added = [(s + 60, s + 60 + n, role) for s, n, role in raw[:3]]
    index = SpanIndex(spans)
    index.edit(removed, added)
    kept = [span for span in spans if span not in removed] + added
    rebuilt = SpanIndex(kept)
    assert index.spans == rebuilt.spans
    for lo in range(0, 80, 7):
        assert index.overlapping(lo, lo + 5) == rebuilt.overlapping(lo, lo + 5)
        assert index.at(lo) == rebuilt.at(lo)
