"""Bidi controls and invisible characters are marked in the panes, and user text is isolated."""

from __future__ import annotations

from comparison_factory import make_comparison, make_row, make_version

from core.records import Alignment
from ui.bidi import isolate
from ui.compare.compare_view import CompareView

SPOOF = "The \u202egnp.exe\u202c file was attached."
UNCLOSED = "Officials said\u200b \u202ethe rest runs backwards."


def _view(qtbot) -> CompareView:
    base = make_version("a.txt", [[SPOOF, UNCLOSED]])
    other = make_version("b.txt", [[SPOOF, "Officials said the rest runs backwards."]])
    rows = (make_row(base, other, [0], [0], "identical"),
            make_row(base, other, [1], [1], "changed"))
    comparison = make_comparison([base, other], [Alignment(1, rows, ("verbatim", "rewritten"))])
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.set_comparison(comparison)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_control_is_marked_where_it_sits(qtbot):
    view = _view(qtbot)
    pane = view.panes[0]
    text = view.comparison().versions[0].text
    marks = sorted(r for r in pane.highlight_ranges() if r[2].startswith("control"))
    assert [(text[s], r) for s, _e, r in marks] == [
        ("\u202e", "control:RLO"), ("\u202c", "control:PDF"),
        ("\u200b", "control:ZWSP"), ("\u202e", "control_open:RLO")]
    unclosed = marks[-1][0]
    (tip,) = [t for t in pane.tips_at(pane.offsets.to_utf16(unclosed)) if "U+202E" in t]
    assert "never closed" in tip
    assert pane.document().toPlainText() == text  # the source's characters are kept


def test_isolate_wraps_only_text_that_holds_bidi_controls():
    assert isolate("Plain title") == "Plain title"
    assert isolate(SPOOF) == "\u2068" + SPOOF + "\u2069"
    assert isolate(UNCLOSED).endswith("\u202c\u2069")  # the open override is closed too
