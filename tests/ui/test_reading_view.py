"""Issue 10 in the comparison view: navigation from where the analyst is, what the status
line says, the find bar across panes, panes that fit the width, names and tooltips."""

from __future__ import annotations

import pytest
from comparison_factory import fire_story
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextCursor

from ui.compare.compare_view import CompareView
from ui.compare.find import Match, count_text, find_matches, first_from
from ui.compare.layers import NavTarget, links
from ui.compare.navigator import Navigator
from ui.compare.pane_layout import (
    MIN_LINE_CHARS,
    next_hidden,
    panes_that_fit,
    shown_panes,
    swapped,
)


@pytest.fixture
def make_view(qtbot):
    def make(comparison, size=(1100, 480), **names) -> CompareView:
        view = CompareView()
        qtbot.addWidget(view)
        view.resize(*size)
        view.set_comparison(comparison, **names)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


def _unit(comparison, version: int, unit: int) -> tuple[int, int]:
    u = comparison.versions[version].units[unit]
    return u.start, u.end


def _landed(view: CompareView, pane: int) -> list[tuple[int, int]]:
    return list(view.panes[pane].landing())


def _put_cursor(view: CompareView, pane: int, code_point: int) -> None:
    """Move the text cursor as a click does (the cursor signal is what the view reads)."""
    text_pane = view.panes[pane]
    cursor = QTextCursor(text_pane.document())
    cursor.setPosition(text_pane.offsets.to_utf16(code_point))
    text_pane.setTextCursor(cursor)


# --  Navigation from here


def test_next_change_starts_from_the_sentence_clicked(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    start, _end = _unit(comparison, 0, 2)  # an identical sentence between two changes
    _put_cursor(view, 0, start + 3)
    assert view.next_change()
    assert _landed(view, 0) == [_unit(comparison, 0, 3)]
    _put_cursor(view, 0, start + 3)
    assert view.previous_change()
    assert _landed(view, 0) == [_unit(comparison, 0, 1)]


def test_a_change_that_holds_the_cursor_counts_as_here(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    start, _end = _unit(comparison, 0, 3)
    _put_cursor(view, 0, start + 2)
    assert view.next_change()
    assert _landed(view, 0) == [_unit(comparison, 0, 4)]  # the moved row after it
    assert view.next_change()  # later steps go on from the landing, not the click
    assert _landed(view, 0) == [_unit(comparison, 0, 5)]


def test_click_in_another_pane_places_the_navigation_there(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    start, _end = _unit(comparison, 1, 4)  # rewrite sentence 4, after its unit 3 change
    _put_cursor(view, 1, start + 1)
    assert view.next_change()
    target = view.navigator.targets("change")[view.navigator.position("change")[0] - 1]
    assert target.spans.get(1, (0, 0))[0] > start or 1 not in target.spans


def test_landing_is_an_outline_and_leaves_the_selection_alone(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    view.select_span(1, *_unit(comparison, 1, 0))
    selected = view.panes[1].textCursor().selectedText()
    assert view.next_change()
    assert view.panes[0].textCursor().selectedText() == ""
    assert view.panes[1].textCursor().selectedText() == selected
    assert _landed(view, 1)


def test_navigator_place_between_and_inside_stops():
    stops = [NavTarget(1, {0: (10, 20)}, (10, 1)), NavTarget(1, {0: (30, 40)}, (30, 1))]
    navigator = Navigator()
    navigator.set_targets("change", stops)
    navigator.place("change", 0, 25)
    assert navigator.step("change", 1) is stops[1]
    navigator.place("change", 0, 25)
    assert navigator.step("change", -1) is stops[0]
    navigator.place("change", 0, 15)
    assert navigator.step("change", -1) is None  # inside the first: nothing before it
    assert navigator.step("change", -1, wrap=True) is stops[1]
    assert navigator.wrapped


# --  Status line


def test_status_line_names_the_change_and_warns_at_the_last(make_view, qtbot):
    comparison = fire_story()
    view = make_view(comparison, names=("Agency", "Rewrite"))
    lines: list[str] = []
    view.status_message.connect(lines.append)
    assert view.next_change()
    count = len(view.navigator.targets("change"))
    assert lines[-1] == (f"Change 1 of {count} · Rewrite · number: ‘12’ → ‘15’ (+2 more)")
    for _ in range(count - 1):
        view.next_change()
    assert lines[-1].startswith(f"Change {count} of {count} · Rewrite · sentence added")
    assert "the last change; Alt+Down goes back to the first" in lines[-1]
    view.next_change()
    assert lines[-1].startswith("Back to the first: Change 1 of")


def test_status_line_for_an_altered_quote_gives_the_changed_words(make_view):
    view = make_view(fire_story(), names=("Agency", "Rewrite"))
    lines: list[str] = []
    view.status_message.connect(lines.append)
    assert view.next_quote()
    assert lines[-1].startswith("Altered quote 1 of 1 · Rewrite · ‘everywhere’ dropped")


# --  Base pane and dock in step


def test_a_change_of_the_third_version_switches_the_partner_and_says_so(make_view, qtbot):
    comparison = fire_story(3)
    view = make_view(comparison, (1400, 480))
    partners: list[int] = []
    view.partner_changed.connect(partners.append)
    while view.next_change():
        index, _count = view.navigator.position("change")
        target = view.navigator.targets("change")[index - 1]
        if target.other == 2:
            break
    assert view.partner() == 2 and partners[-1] == 2
    view.set_partner(1)  # the dock chose the rewrite again
    assert view.partner() == 1 and partners[-1] == 1


# --  Find bar


def test_find_matches_every_pane_in_order():
    matches = find_matches(["Fire in Lisbon. fire!", "no match", "FIRE"], "fire")
    assert matches == [Match(0, 0, 4), Match(0, 16, 20), Match(2, 0, 4)]
    assert find_matches(["Fire fire"], "fire", match_case=True) == [Match(0, 5, 9)]
    assert first_from(matches, 0, 5, forward=True) == 1
    assert first_from(matches, 1, 0, forward=True) == 2
    assert first_from(matches, 0, 0, forward=False) == 2  # round to the last
    assert count_text(matches, 1, ["base", "b", "Update"], "fire") \
        == "2 of 3 · base 2 · Update 1"
    assert count_text([], -1, [], "fire") == "No match"


def test_find_bar_highlights_and_counts_across_panes(make_view, qtbot):
    comparison = fire_story(3)
    view = make_view(comparison, (1400, 480), names=("Agency", "Rewrite", "Update"))
    with qtbot.waitActive(view):
        view.activateWindow()
    view.open_find()
    bar = view.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "blaze")
    qtbot.waitUntil(lambda: bar.count.text().startswith("1 of 3"))
    assert bar.count.text() == "1 of 3 · Agency 1 · Rewrite 1 · Update 1"
    for index, pane in enumerate(view.panes):
        found = [r for r in pane.highlight_ranges() if r[2] == "find_match"]
        text = comparison.versions[index].text
        assert [text[s:e] for s, e, _r in found] == ["blaze"]
    assert view.panes[0].textCursor().selectedText() == "blaze"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text().startswith("2 of 3")
    assert view.panes[1].textCursor().selectedText() == "blaze"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text().startswith("1 of 3")
    assert view.find_next() and view.find_next()
    assert bar.count.text().startswith("3 of 3")
    assert view.find_next()  # round to the first
    assert bar.count.text().startswith("1 of 3")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not any(r[2] == "find_match" for r in view.panes[0].highlight_ranges())


def test_find_bar_starts_from_the_cursor_and_takes_the_selection(make_view, qtbot):
    comparison = fire_story()
    view = make_view(comparison)
    text = comparison.versions[0].text
    view.select_span(0, text.index("Lisbon"), text.index("Lisbon") + 6)
    view.open_find()
    assert view.find_bar.edit.text() == "Lisbon"
    start, _end = _unit(comparison, 0, 1)
    _put_cursor(view, 0, start + 1)
    assert view.find("Lisbon")
    assert view.find_bar.count.text().startswith("2 of ")  # the headline's is behind us


# --  Layout


def test_panes_that_fit_and_which_are_shown():
    assert panes_that_fit(990, 3, 300, 50) == 2
    assert panes_that_fit(1100, 3, 300, 50) == 3
    assert panes_that_fit(300, 3, 300, 50) == 2  # never fewer than base and one
    assert shown_panes(4, 2, [3]) == [0, 3]
    assert shown_panes(4, 3, []) == [0, 1, 2]
    assert swapped([0, 1], 3, 1, 2) == [0, 2]
    assert next_hidden([0, 1], 3, 1) == 2 and next_hidden([0, 1, 2], 3, 2) is None


def test_narrow_view_shows_fewer_panes_each_readable_and_swaps(make_view, qtbot):
    comparison = fire_story(3)
    view = make_view(comparison, (760, 480), names=("Agency", "Rewrite", "Update"))
    assert view.shown_panes() == [0, 1]
    minimum = view.panes[0].fontMetrics().averageCharWidth() * MIN_LINE_CHARS
    for index in view.shown_panes():
        assert view.panes[index].viewport().width() >= minimum
    assert view.panes[2].isHidden()
    header = view.headers[1]
    assert header.swap_button.isVisibleTo(view)
    assert "Update" in header.swap_button.toolTip()
    assert view.swap_next_hidden()
    assert view.shown_panes() == [0, 2]
    assert view.gutters[0].right is view.panes[2]
    assert view.gutters[0].links == links(comparison, 0, 2)
    view.resize(1500, 480)
    qtbot.waitUntil(lambda: view.shown_panes() == [0, 1, 2])


def test_two_versions_use_the_whole_width(make_view, qtbot):
    view = make_view(fire_story(3), (1400, 480))
    view.set_comparison(fire_story(2))
    qtbot.wait(10)
    right = view.overview.geometry().right()
    assert right >= view.width() - 2  # no empty column left of the dock
    assert view.panes[1].width() > 500


def test_headers_elide_instead_of_widening(make_view):
    long_name = "A very long outlet name that goes on, 2026-03-03"
    view = make_view(fire_story(3), (760, 480),
                     names=("Agency", long_name, "Update"), short_names=("Ag", "Long", "Up"))
    header = view.headers[1]
    assert header.minimumSizeHint().width() < 100
    assert header.label.shown_text().startswith("Long")  # the short form before cutting
    assert view.minimumSizeHint().width() < 760


# --  Names, tooltips, links drawn apart


def test_one_name_per_version_in_headers_menus_and_tips(make_view):
    comparison = fire_story()
    view = make_view(comparison, names=("Agency, 2026-03-03", "Rewrite, 2026-03-04"))
    assert view.headers[0].text().startswith("Agency, 2026-03-03 · base")
    assert view.headers[1].text().startswith("Rewrite, 2026-03-04")
    quote_at = comparison.versions[1].text.index("smoke")
    tips = view.panes[1].tips_at(view.panes[1].offsets.to_utf16(quote_at))
    assert any("Quote altered in Rewrite, 2026-03-04" in tip for tip in tips)
    assert any("Words: ‘everywhere’ dropped" in tip for tip in tips)


def test_badge_and_ribbon_tooltips_say_what_they_mean(make_view):
    comparison = fire_story()
    view = make_view(comparison, names=("Agency", "Rewrite"))
    pane = view.panes[1]
    top = pane.geometry_cache.top(5) - pane.viewport_top()
    assert pane._margin.tip_at(top + 3).startswith("N: new: not in the base")
    gutter = view.gutters[0]
    link = next(link for link in gutter.links if link.status == "moved")
    lt, lb, rt, rb = gutter.link_ends(link)
    found = gutter.link_at(QPointF(gutter.width() / 2, (lt + lb + rt + rb) / 4))
    assert found is not None
    assert "Agency ↔ Rewrite" in gutter.link_tip(found)


def test_links_made_by_hand_are_flagged_for_drawing(make_view):
    from dataclasses import replace

    comparison = fire_story()
    rows = list(comparison.alignments[0].rows)
    rows[2] = replace(rows[2], pinned=True)
    alignment = replace(comparison.alignments[0], rows=tuple(rows))
    pinned = replace(comparison, alignments=(alignment,))
    view = make_view(pinned)
    flagged = [link for link in view.gutters[0].links if link.pinned]
    assert [(link.left, link.right) for link in flagged] == [(rows[2].base, rows[2].other)]
    assert "linked by you" in view.gutters[0].link_tip(flagged[0])
    drawn = view.gutters[0].grab().toImage()
    view.set_comparison(comparison)  # the same links, none pinned
    assert view.gutters[0].grab().toImage() != drawn  # the pin is drawn differently


def test_one_version_story_shows_text_entities_quotes_and_the_way_on(make_view):
    from dataclasses import replace

    comparison = fire_story()
    single = replace(comparison, versions=comparison.versions[:1], alignments=(),
                     quote_checks=(), summary=())
    view = make_view(single, names=("Agency",))
    assert len(view.panes) == 1 and view.notice.isVisibleTo(view)
    assert view.headers[0].text() == "Agency · the only version"
    assert view.layer_visible("entities")
    roles = {r[2] for r in view.panes[0].highlight_ranges()}
    assert "quote_found" in roles and any(r.startswith("entity:") for r in roles)
    assert "(" not in view.legend.text().split("Entities:")[1].split("&nbsp;")[1]
    view.set_comparison(comparison)
    assert not view.layer_visible("entities")  # the analyst's toggle is back
    assert not view.notice.isVisibleTo(view)


def test_entity_legend_and_tips_use_plain_words(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    view.set_layer_visible("entities", True)
    assert "place" in view.legend.text() and "GPE" not in view.legend.text()
    lisbon = comparison.versions[0].text.index("Lisbon")
    tips = view.panes[0].tips_at(view.panes[0].offsets.to_utf16(lisbon))
    assert "place" in tips


def test_a_click_in_a_pane_is_where_navigation_starts(make_view, qtbot):
    comparison = fire_story()
    view = make_view(comparison)
    pane = view.panes[1]
    start, _end = _unit(comparison, 1, 2)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.offsets.to_utf16(start + 4))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton,
                     pos=pane.cursorRect(cursor).center())
    assert view.steps.here is not None and view.steps.here[0] == 1
    assert start <= view.steps.here[1] <= start + 6


def test_a_ribbon_to_the_far_end_is_drawn_without_laying_the_whole_text_out(make_view, qtbot):
    from dataclasses import replace

    from comparison_factory import long_story, make_row

    from core.records import Alignment

    comparison = long_story(200)
    base, other = comparison.versions
    last = len(other.units) - 1
    alignment = comparison.alignments[0]
    rows = [r for r in alignment.rows if 1 not in r.base and last not in r.other]
    rows.insert(1, make_row(base, other, [1], [last], "moved"))  # a far move
    moved = replace(comparison, alignments=(Alignment(1, tuple(rows), alignment.derivation),))
    view = make_view(moved, (1100, 480))
    view.overview.hide()  # it measures everything on purpose, in slices after paint
    qtbot.wait(50)
    gutter, right = view.gutters[0], view.panes[1]
    right.geometry_cache.invalidate()
    gutter.repaint()
    assert right.geometry_cache.measured < last // 4  # the far end was not measured
    far = next(link for link in gutter.links if link.status == "moved")
    right_top = gutter.link_ends(far)[2]  # asked for (a hover): measured exactly
    assert right_top > right.viewport().height() * 10
