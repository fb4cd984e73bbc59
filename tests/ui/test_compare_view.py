"""CompareView and its parts, offscreen: what the panes show, navigation, sync, toggles."""

from __future__ import annotations

from pathlib import Path

import pytest
from comparison_factory import (
    fire_story,
    long_story,
    make_comparison,
    make_row,
    make_version,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor

from core.records import Alignment
from ui.compare.chips import ClaimChip
from ui.compare.compare_view import CompareView
from ui.compare.text_pane import TextPane

SHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture
def make_view(qtbot):
    def make(comparison, size=(1100, 480)) -> CompareView:
        view = CompareView()
        qtbot.addWidget(view)
        view.resize(*size)
        view.set_comparison(comparison)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


def _shown(pane: TextPane, prefix: str) -> set[tuple[int, int, str]]:
    return {r for r in pane.highlight_ranges() if r[2].startswith(prefix)}


def _selected(pane: TextPane) -> str:
    return pane.textCursor().selectedText()


def _landed(pane: TextPane) -> str:
    """The text outlined where next / previous landed ("" when nothing is)."""
    return "".join(pane.offsets.text[s:e] for s, e in pane.landing())


def _unit_text(comparison, version: int, unit: int) -> str:
    u = comparison.versions[version].units[unit]
    return comparison.versions[version].text[u.start:u.end]


def test_compare_view_word_highlights_match_diff_ops(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    base_ops, other_ops = set(), set()
    for row in comparison.alignments[0].rows:
        for op in row.diff:
            if op.op in ("delete", "replace"):
                base_ops.add((op.base.start, op.base.end, f"word_{op.op}"))
            if op.op in ("insert", "replace"):
                other_ops.add((op.other.start, op.other.end, f"word_{op.op}"))
    assert _shown(view.panes[0], "word_") == base_ops
    assert _shown(view.panes[1], "word_") == other_ops
    # The formats are the palette's: deleted words are struck out, not only coloured.
    deleted = next(s for s in view.panes[0].extraSelections()
                   if s.format.property(s.format.Property.UserProperty) == "word_delete")
    assert deleted.format.fontStrikeOut()


def test_compare_view_row_tints_and_badges(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    units = comparison.versions[1].units
    assert (units[5].start, units[5].end, "row_added") in _shown(view.panes[1], "row_")
    assert view.panes[1].badges == {0: "V", 1: "R", 2: "V", 3: "R", 4: "V", 5: "N"}
    # The base has no badges, but every pane keeps room for claim chips (issue 8): the
    # first claim tagged must not narrow the text and re-wrap it.
    assert view.panes[1].viewportMargins().left() > view.panes[0].viewportMargins().left() > 0
    before = view.panes[0].viewportMargins().left()
    view.set_claim_chips(0, [ClaimChip(0, "#332288", "1", 7)])
    assert view.panes[0].viewportMargins().left() == before


# Issue 10 changed what a landing looks like: the row is outlined (``landing``), not
# selected, and stepping past the last stop goes round to the first.
def test_compare_view_next_change_outlines_the_row_in_both_panes(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    assert view.next_change()
    assert _landed(view.panes[0]) == _unit_text(comparison, 0, 1)
    assert _landed(view.panes[1]) == _unit_text(comparison, 1, 1)
    assert _selected(view.panes[0]) == _selected(view.panes[1]) == ""  # marks stay in view
    assert view.next_change()
    assert _landed(view.panes[0]) == _unit_text(comparison, 0, 3)
    assert _landed(view.panes[1]) == _unit_text(comparison, 1, 3)
    assert view.next_change() and view.next_change()  # moved, then removed
    assert _landed(view.panes[0]) == _unit_text(comparison, 0, 5)
    assert _landed(view.panes[1]) == ""
    assert view.next_change()  # added: only the other pane
    assert _landed(view.panes[1]) == _unit_text(comparison, 1, 5)
    assert view.previous_change()
    assert _landed(view.panes[0]) == _unit_text(comparison, 0, 5)
    assert view.next_change()
    assert view.navigator.position("change") == (5, 5)
    assert view.next_change()  # past the last: round to the first
    assert view.navigator.position("change") == (1, 5)
    assert _landed(view.panes[0]) == _unit_text(comparison, 0, 1)


def test_compare_view_next_quote_outlines_altered_quotes(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    assert view.next_quote()
    assert _landed(view.panes[0]) == "We saw smoke everywhere and we ran,"
    assert _landed(view.panes[1]) == "We saw smoke and we ran,"
    assert view.next_quote()  # the only one: round to itself
    assert view.navigator.wrapped


def test_compare_view_shortcut_actions(make_view, qtbot):
    view = make_view(fire_story())
    assert view.actions.next_change.shortcut().toString() == "Alt+Down"
    with qtbot.waitActive(view):
        view.activateWindow()
    view.panes[0].setFocus()
    qtbot.keyClick(view.panes[0], Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _landed(view.panes[0]) == _unit_text(view.comparison(), 0, 1)


def test_compare_view_scrolling_one_pane_scrolls_the_other(make_view, qtbot):
    comparison = long_story(80)
    view = make_view(comparison, (900, 400))
    base, other = view.panes
    bar = base.verticalScrollBar()
    assert bar.maximum() > 1000
    target = bar.maximum() // 2
    bar.setValue(target)
    qtbot.wait(10)
    assert other.verticalScrollBar().value() > 0
    centre = bar.value() + base.viewport().height() / 2
    base.measure()
    unit = base.geometry_cache.unit_at_y(centre)
    counterpart = view.interaction.counterparts[(0, unit)][1][0]
    other.measure()
    top = other.geometry_cache.top(counterpart) - other.verticalScrollBar().value()
    base_top = base.geometry_cache.top(unit) - bar.value()
    line = base.fontMetrics().height()
    assert 0 <= top <= other.viewport().height()
    assert abs(top - base_top) < 2 * line
    # No feedback: the pane the user scrolled stays where it was put.
    assert bar.value() == target
    other.verticalScrollBar().setValue(0)
    qtbot.wait(10)
    assert bar.value() == 0


def test_compare_view_entity_toggle_shows_and_hides_entities(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    assert not _shown(view.panes[0], "entity")
    view.set_layer_visible("entities", True)
    shown = _shown(view.panes[0], "entity:")
    assert shown == {(e.start, e.end, f"entity:{e.label}")
                     for e in comparison.versions[0].entities}
    assert view.actions.show_entities.isChecked()
    assert not view.legend.isHidden()
    view.actions.show_entities.setChecked(False)
    assert not _shown(view.panes[0], "entity")
    assert view.legend.isHidden()
    # Other layers were left alone.
    assert _shown(view.panes[0], "word_")


def test_compare_view_unknown_layer_is_an_error(make_view):
    view = make_view(fire_story())
    with pytest.raises(ValueError, match="unknown layer"):
        view.set_layer_visible("sparkles", True)


def test_compare_view_astral_characters_keep_spans_on_their_words(make_view):
    base = make_version("a.txt", [["Fans 😀 cheered the 𝔘 team on Friday.", "Then 🎉 they left."]])
    other = make_version("b.txt", [["Fans 😀 booed the 𝔘 team on Saturday.", "Then 🎉 they left."]])
    rows = (make_row(base, other, [0], [0], "changed"),
            make_row(base, other, [1], [1], "identical"))
    comparison = make_comparison([base, other], [Alignment(1, rows, ("rewritten", "verbatim"))])
    view = make_view(comparison)
    for pane, version in zip(view.panes, comparison.versions, strict=True):
        words = {version.text[s:e] for s, e, r in _shown(pane, "word_")}
        assert words and all("😀" not in w for w in words)
        for sel in pane.extraSelections():
            s, e = pane.offsets.to_code_point(sel.cursor.selectionStart()), \
                pane.offsets.to_code_point(sel.cursor.selectionEnd())
            assert sel.cursor.selectedText() == version.text[s:e]
    assert {comparison.versions[1].text[s:e] for s, e, _ in _shown(view.panes[1], "word_")} == {
        "booed ", "Saturday."}
    view.select_span(1, 0, 6)
    assert _selected(view.panes[1]) == "Fans 😀"


def test_compare_view_hover_marks_counterparts(make_view):
    view = make_view(fire_story(3))
    view.panes[1].unit_hovered.emit(1, 2)
    assert view.panes[0].marked_units() == (4,)
    assert view.panes[2].marked_units() == (4,)
    assert view.panes[1].marked_units() == (2,)
    view.panes[1].unit_hovered.emit(1, -1)
    assert view.panes[0].marked_units() == ()


def test_compare_view_quote_hover_shows_its_word_diff(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    text = comparison.versions[0].text

    def deleted() -> list[str]:
        return [text[s:e] for s, e, r in view.panes[0].highlight_ranges() if r == "word_delete"]

    assert deleted().count("everywhere ") == 1  # from the row's diff
    view.panes[1].quote_hovered.emit(1, 0)
    assert deleted().count("everywhere ") == 2  # and the quote's, drawn on top
    view.panes[1].quote_hovered.emit(1, -1)
    assert deleted().count("everywhere ") == 1


def _menu_action(pane: TextPane, unit: int, prefix: str):
    pos = pane.offsets.to_utf16(pane.geometry_cache.starts[unit] + 2)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pos)
    menu = pane.build_context_menu(pane.cursorRect(cursor).center())
    return next(a for a in menu.actions() if a.text().startswith(prefix))


def test_compare_view_link_and_unlink_requests(make_view, qtbot):
    comparison = fire_story()
    view = make_view(comparison)
    view.panes[1].unit_clicked.emit(1, 5)
    # Issue 10: the entry quotes the sentence it links to (it said "selected sentence").
    sentence = " ".join(_unit_text(comparison, 1, 5).split())
    entry = f"Link to “{sentence[:40].rstrip()}"
    with qtbot.waitSignal(view.link_requested) as blocker:
        action = _menu_action(view.panes[0], 5, entry)
        assert action.text().endswith("in 02_rewrite")
        action.trigger()
    assert blocker.args == [1, 5, 5]
    with qtbot.waitSignal(view.unlink_requested) as blocker:
        _menu_action(view.panes[1], 1, "Unlink from").trigger()
    assert blocker.args == [1, 1, 1]


def test_compare_view_unit_click_activates(make_view, qtbot):
    view = make_view(fire_story())
    with qtbot.waitSignal(view.unit_activated) as blocker:
        view.panes[0].unit_clicked.emit(0, 3)
    assert blocker.args == [0, 3]
    assert view.panes[1].marked_units() == (3,)


def test_compare_view_tooltips_describe_changes(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    pos = comparison.versions[1].text.index("15")
    assert "Number changed: “12” → “15”" in view.panes[1].tips_at(pos)
    quote_pos = comparison.versions[1].text.index("smoke")
    assert any("Verb: said → claimed" in t for t in view.panes[1].tips_at(quote_pos))


# Issue 10 made find search every pane (it searched the active pane only).
def test_compare_view_find_wraps_and_selects(make_view):
    view = make_view(fire_story())
    assert view.find("blaze")
    assert _selected(view.panes[0]) == "blaze"
    assert view.find_next()  # wraps to the only match
    assert _selected(view.panes[0]) == "blaze"
    assert view.find("Porto")  # only in the other pane: found there
    assert _selected(view.panes[1]) == "Porto"
    assert not view.find("Madrid")


def test_compare_view_zoom(make_view):
    view = make_view(fire_story())
    size = view.panes[0].font().pointSizeF()
    view.zoom_in()
    view.zoom_in()
    assert view.panes[1].font().pointSizeF() > size
    view.zoom_out()
    view.zoom_reset()
    assert view.panes[0].font().pointSizeF() == size


def test_compare_view_overview_click_jumps(make_view, qtbot):
    view = make_view(long_story(80), (900, 400))
    strip = view.overview
    assert strip.marks[1]
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(3, strip.height() - 5))
    assert view.panes[0].verticalScrollBar().value() > 0
    assert view.panes[1].verticalScrollBar().value() > 0


def test_compare_view_three_versions_and_changes_list(make_view):
    view = make_view(fire_story(3))
    assert len(view.panes) == 3 and len(view.gutters) == 2
    assert view.gutters[1].links
    assert [e.kind for e in view.changes_list()][-1] == "number"
    view.set_comparison(fire_story(2))
    assert len(view.panes) == 2 and len(view.gutters) == 1


def test_compare_view_gutter_joins_level_units(make_view):
    comparison = fire_story()
    view = make_view(comparison)
    gutter = view.gutters[0]
    link = next(link for link in gutter.links if link.left == (1,))
    lt, lb, rt, rb = gutter.link_ends(link)
    assert lt == pytest.approx(rt)
    assert lb > lt and rb > rt
    top_in_pane = view.panes[0].cursorRect(_cursor_at(view.panes[0], 1)).top()
    assert abs(lt - (top_in_pane + view.panes[0].viewport().y())) <= 2


def _cursor_at(pane: TextPane, unit: int) -> QTextCursor:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.geometry_cache.starts[unit])
    return cursor


def _applied(pane: TextPane) -> set[tuple[int, int, str]]:
    """The spans Qt holds as ExtraSelections now, in code points."""
    to_cp = pane.offsets.to_code_point
    return {(to_cp(sel.cursor.selectionStart()), to_cp(sel.cursor.selectionEnd()),
             str(sel.format.property(sel.format.Property.UserProperty)))
            for sel in pane.extraSelections()}


def _on_screen(pane: TextPane) -> tuple[int, int]:
    """Positions at the viewport's top-left and bottom-right text lines (inside the margin)."""
    viewport, margin = pane.viewport(), int(pane.document().documentMargin()) + 2
    return (pane.cursorForPosition(QPoint(margin, margin)).position(),
            pane.cursorForPosition(QPoint(viewport.width() - margin,
                                          viewport.height() - margin)).position())


def test_compare_view_hands_qt_only_the_spans_near_the_viewport(make_view, qtbot):
    view = make_view(long_story(700), (900, 400))
    pane = view.panes[1]
    # The overview strip measures the panes after the first paint; until Qt has laid a
    # long document out, its hit tests (used by _on_screen) can answer wrongly.
    qtbot.waitUntil(lambda: all(p.geometry_cache.complete for p in view.panes))
    every = {r for r in pane.highlight_ranges() if r[2].startswith(("row_", "word_"))}
    assert len(every) > 1000

    def check_window() -> None:
        applied = _applied(pane)
        assert applied and applied <= every
        first, last = _on_screen(pane)
        on_screen = {r for r in every if r[0] < last and r[1] > first}
        assert on_screen and on_screen <= applied  # everything visible is highlighted
        assert len(applied) < len(every) / 10  # and the rest of the story is not handed over

    check_window()
    bar = pane.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(10)
    check_window()
    assert max(s for s, _e, _r in _applied(pane)) > len(pane.toPlainText()) * 0.9
    view.set_layer_visible("changes", False)
    assert not {r for r in _applied(pane) if r[2].startswith("row_")}
    view.set_layer_visible("changes", True)
    check_window()


def _dark(view: CompareView) -> None:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6")):
        palette.setColor(role, QColor(colour))
    view.setPalette(palette)


@pytest.mark.parametrize(("versions", "dark"), [(2, False), (3, False), (2, True)])
def test_compare_view_screenshot_hand_built(qtbot, versions, dark):
    view = CompareView()
    qtbot.addWidget(view)
    if dark:
        _dark(view)
        assert view.role_palette.dark
    view.resize(1200, 360)
    view.set_comparison(fire_story(versions))
    view.set_layer_visible("entities", True)
    view.show()
    qtbot.waitExposed(view)
    view.panes[1].unit_hovered.emit(1, 1)
    SHOTS.mkdir(exist_ok=True)
    name = f"fire_{versions}{'_dark' if dark else ''}.png"
    assert view.grab().save(str(SHOTS / name))


def _expected_word_spans(comparison, partner: int = 1):
    base, other = set(), set()
    for row in comparison.alignments[partner - 1].rows:
        for op in row.diff:
            if op.op == "equal":
                continue
            role = "word_minor" if op.minor else f"word_{op.op}"
            if op.op in ("delete", "replace") and op.base.end > op.base.start:
                base.add((op.base.start, op.base.end, role))
            if op.op in ("insert", "replace") and op.other.end > op.other.start:
                other.add((op.other.start, op.other.end, role))
    return base, other


def test_compare_view_demo_story_highlights_and_navigation(make_view, demo_comparison):
    view = make_view(demo_comparison, (1500, 700))
    base, other = _expected_word_spans(demo_comparison)
    assert base and other
    assert _shown(view.panes[0], "word_") == base
    assert _shown(view.panes[1], "word_") == other
    assert view.next_change()
    target = view.navigator.targets("change")[0]
    for index, (start, end) in target.spans.items():
        assert _landed(view.panes[index]) == demo_comparison.versions[index].text[start:end]
    assert view.changes_list()


@pytest.mark.parametrize("versions", [2, 3])
def test_compare_view_screenshot_demo(qtbot, demo_comparison, versions):
    from dataclasses import replace

    comparison = replace(demo_comparison,
                         versions=demo_comparison.versions[:versions],
                         alignments=demo_comparison.alignments[:versions - 1],
                         quote_checks=demo_comparison.quote_checks[:versions - 1])
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1500 if versions == 3 else 1200, 800)
    view.set_comparison(comparison)
    view.set_layer_visible("entities", versions == 2)
    view.show()
    qtbot.waitExposed(view)
    view.next_quote()
    SHOTS.mkdir(exist_ok=True)
    assert view.grab().save(str(SHOTS / f"demo_{versions}.png"))


def test_long_story_first_screen_paints_without_laying_out_the_rest(qtbot, monkeypatch):
    from ui.compare.geometry import position_y
    from ui.compare.overview_strip import OverviewStrip

    monkeypatch.setattr(OverviewStrip, "_measure_next", lambda strip: None)  # held back
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.set_comparison(long_story(700))
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # panes, badges, gutter connectors, the (still blank) overview
    assert view.overview._measure_pending  # it asked for the rest to be measured later
    for pane in view.panes:
        geo = pane.geometry_cache
        assert 0 < geo.measured < len(geo.starts) / 10
    assert view.gutters[0].links and view.gutters[0]._extents  # connectors on screen drawn
    monkeypatch.undo()
    view.overview._measure_pending = False
    view.overview.update()
    qtbot.waitUntil(lambda: all(p.geometry_cache.complete for p in view.panes))
    for pane in view.panes:  # measured a slice at a time, the positions are Qt's own
        geo = pane.geometry_cache
        for unit in (0, 7, len(geo.starts) // 2, len(geo.starts) - 1):
            assert geo.top(unit) == position_y(pane.document(), geo.starts[unit], bottom=False)
            assert geo.bottom(unit) == position_y(pane.document(), max(
                geo.starts[unit], geo.ends[unit] - 1), bottom=True)


def test_compare_view_entity_types_arriving_move_nothing(make_view, qtbot):
    """The model's many entity types must not shorten or widen the panes (the legend
    once wrapped to a second line when they arrived after the first look)."""
    import dataclasses

    from core.records import EntityRecord

    comparison = fire_story()
    view = make_view(comparison, size=(700, 480))
    view.set_layer_visible("entities", True)
    qtbot.wait(10)
    before = [pane.geometry().getRect() for pane in view.panes]
    labels = ("PERSON", "ORG", "GPE", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
              "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "QUANTITY")
    many = dataclasses.replace(comparison, versions=tuple(
        dataclasses.replace(version, entities=tuple(
            EntityRecord(0, 1, label, f"k{label}") for label in labels))
        for version in comparison.versions))
    view.set_comparison(many)
    qtbot.wait(10)
    assert [pane.geometry().getRect() for pane in view.panes] == before
    assert "quantity" in view.legend.toolTip().lower()  # the list clipped is in the tip
    view.set_layer_visible("entities", False)
    qtbot.wait(10)
    assert [pane.geometry().getRect() for pane in view.panes] == before
