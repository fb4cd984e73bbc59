"""Reported speech, quotes of unquoted base text and typed changes' notes, driven with the
mouse in real widgets (offscreen): underlines drawn, tips, hover tints, the Details dock."""

from __future__ import annotations

import pytest
from comparison_factory import LETTER_DATE_NOTE, letter_story
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from ui.compare.compare_view import CompareView
from ui.compare.quote_layer import LINK_ROLE, UNQUOTED_ROLE
from ui.compare.text_pane import TextPane
from ui.dialogs.legend import LegendWidget, legend_entries
from ui.panels.details_dock import DetailsDock

NAMES = ("Ministry, 2026-08-17", "Daily, 2026-08-17")


@pytest.fixture
def view(qtbot) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1100, 520)
    view.set_comparison(letter_story(), names=NAMES)
    view.show()
    qtbot.waitExposed(view)
    return view


def _point(pane: TextPane, position: int) -> QPoint:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.offsets.to_utf16(position))
    return pane.cursorRect(cursor).center() + QPoint(3, 0)


def _at(view: CompareView, pane: int, words: str) -> tuple[TextPane, int]:
    return view.panes[pane], view.comparison().versions[pane].text.index(words)


def _hover(qtbot, view: CompareView, pane: int, words: str) -> None:
    text_pane, position = _at(view, pane, words)
    qtbot.mouseMove(text_pane.viewport(), _point(text_pane, position))
    QApplication.processEvents()


def _overlay_words(view: CompareView, pane: int) -> list[tuple[str, str]]:
    text = view.comparison().versions[pane].text
    return [(text[s:e], role) for s, e, role in view.panes[pane].spans.overlay_spans]


def _tip(qtbot, view: CompareView, pane: int, words: str) -> str:
    text_pane, position = _at(view, pane, words)
    point = _point(text_pane, position)
    event = QHelpEvent(QEvent.Type.ToolTip, point, text_pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(text_pane.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    return QToolTip.text()


def _underline_pixels(pane: TextPane, start: int, end: int, colour: str) -> int:
    """Pixels of ``colour`` along the bottom of the first line of ``[start, end)``."""
    image = pane.viewport().grab().toImage()
    left, right = _point(pane, start), _point(pane, end - 1)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.offsets.to_utf16(start))
    rect = pane.cursorRect(cursor)
    found = 0
    for y in range(rect.center().y(), rect.bottom() + 4):
        row = right.x() if right.y() == left.y() else pane.viewport().width()
        found += sum(1 for x in range(left.x(), row)
                     if image.pixelColor(x, y).name() == colour)
    return found


def test_quote_of_unquoted_base_words_is_underlined_on_both_sides(view):
    comparison = view.comparison()
    unquoted = comparison.quote_checks[0].rows[1]
    quote = comparison.versions[1].quotes[unquoted.other_quote]
    sky = view.panes[0].painter.palette.style(UNQUOTED_ROLE).underline_color.name()
    blue = view.panes[1].painter.palette.style("quote_unquoted_in_base").underline_color.name()
    assert _underline_pixels(view.panes[0], unquoted.base_span.start, unquoted.base_span.end,
                             sky) > 20
    assert _underline_pixels(view.panes[1], quote.start, quote.end, blue) > 10


def test_hovering_the_quote_tints_the_base_words_it_reproduces(qtbot, view):
    _hover(qtbot, view, 1, "flooded village before")
    assert _overlay_words(view, 0) == [
        ("will reach every flooded village before the winter", LINK_ROLE)]
    _hover(qtbot, view, 1, "Minister promises")
    assert _overlay_words(view, 0) == []


def test_hovering_a_paraphrased_quote_tints_its_reported_speech(qtbot, view):
    _hover(qtbot, view, 0, "grateful")
    assert _overlay_words(view, 1) == [
        ("The minister thanked his counterpart for his steady support, the ministry said.",
         LINK_ROLE)]


def test_tips_name_the_status_and_the_linked_words(qtbot, view):
    tip = _tip(qtbot, view, 1, "flooded village")
    assert "Quote in Daily, 2026-08-17: quoted from the base text (unquoted there)" in tip
    assert "The base says, unquoted: “will reach every flooded village" in tip
    tip = _tip(qtbot, view, 0, "grateful")
    assert "Quote paraphrased as reported speech in Daily, 2026-08-17" in tip
    tip = _tip(qtbot, view, 1, "last June")
    assert "Date changed: “June last year” → “last June”" in tip and LETTER_DATE_NOTE in tip


@pytest.fixture
def dock(qtbot) -> DetailsDock:
    dock = DetailsDock()
    qtbot.addWidget(dock)
    dock.resize(520, 600)
    dock.set_comparison(letter_story(), NAMES)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def _click_row(qtbot, dock: DetailsDock, tab: int, row: int) -> list[tuple[int, str]]:
    tree = dock.quote_list if tab == 1 else dock.change_list
    qtbot.mouseClick(dock.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dock.tabs.tabBar().tabRect(tab).center())
    requested: list[tuple[int, int, int]] = []
    dock.span_requested.connect(lambda v, s, e: requested.append((v, s, e)))
    rect = tree.visualItemRect(tree.topLevelItem(row))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    versions = letter_story().versions
    return [(v, versions[v].text[s:e]) for v, s, e in requested]


def test_quotes_tab_names_the_statuses_and_selects_the_linked_words(qtbot, dock):
    quotes = dock.quote_list
    statuses = [quotes.topLevelItem(i).text(0) for i in range(quotes.topLevelItemCount())]
    assert [" ".join(s.split()) for s in statuses] == [
        "paraphrased as reported speech", "quoted from the base text (unquoted there)"]
    width = quotes.fontMetrics().horizontalAdvance("quoted from the base text")
    assert quotes.header().sectionSize(0) < width  # the status wraps, the quote keeps room
    assert all(quotes.visualItemRect(quotes.topLevelItem(i)).height()
               >= 3 * quotes.fontMetrics().height() for i in range(2))  # whole quotes, wrapped
    assert quotes.topLevelItem(0).text(2).startswith("reported as: “The minister thanked")
    assert _click_row(qtbot, dock, 1, 1) == [
        (1, "will reach every flooded village before the winter"),
        (0, "will reach every flooded village before the winter")]
    assert _click_row(qtbot, dock, 1, 0)[1] == (
        1, "The minister thanked his counterpart for his steady support, the ministry said.")


def test_changes_tab_says_why_a_date_changed(qtbot, dock):
    changes = dock.change_list
    assert changes.headerItem().text(3) == "Why"
    item = changes.topLevelItem(0)
    assert (item.text(0), item.text(3)) == ("date changed", LETTER_DATE_NOTE)
    assert LETTER_DATE_NOTE in item.toolTip(1)
    lines = changes.visualItemRect(item).height() / changes.fontMetrics().height()
    assert lines >= 2  # the reason wraps in its column instead of being cut
    assert _click_row(qtbot, dock, 2, 0) == [(0, "June last year"), (1, "last June")]


def _near(colour, want) -> bool:
    """The same colour, or one of its hue blended into the background (anti-aliased)."""
    if colour.name() == want.name():
        return True
    hue = abs(colour.hsvHue() - want.hsvHue())
    return min(hue, 360 - hue) <= 8 and colour.hsvSaturationF() >= 0.6 * want.hsvSaturationF()


def test_legend_draws_the_new_quote_marks(qtbot):
    legend = LegendWidget()
    qtbot.addWidget(legend)
    legend.resize(legend.sizeHint())
    legend.show()
    image = legend.grab().toImage()
    for role in ("quote_paraphrased", "quote_unquoted_in_base", UNQUOTED_ROLE, LINK_ROLE):
        row = next(i for i, e in enumerate(legend.entries) if e.role == role)
        top = 4 + row * 28
        want = legend.sample_colour(role)
        assert want.hsvSaturationF() > 0.2, role  # a colour of its own, not the text's
        assert any(_near(image.pixelColor(x, y), want)
                   for x in range(8, 180) for y in range(top, top + 28)), role
    meanings = " ".join(e.meaning for e in legend_entries())
    assert "Paraphrased as reported speech" in meanings
    assert "Quoted from the base text (unquoted there)" in meanings
