"""Tagging claims in the real window, driven by real key and mouse events (offscreen)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from window_fixtures import wait_for_comparison

from core.textio import load_file
from ui.compare.text_pane import TextPane


def _point(pane: TextPane, position: int) -> QPoint:
    """The viewport point of code point ``position`` (its left edge, mid-line)."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.offsets.to_utf16(position))
    return pane.cursorRect(cursor).center()


def drag_select(qtbot, pane: TextPane, start: int, end: int) -> None:
    """Select code points ``[start, end)`` with the mouse, as an analyst would."""
    pane.scroll_to_span(start)
    viewport = pane.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_point(pane, start))
    qtbot.mouseMove(viewport, _point(pane, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_point(pane, end))


def find(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def window(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    return window


def stored_claims(window):
    return window.library.list_claims(story_id=window.current_story)


def test_select_with_the_mouse_and_press_a_number_tags_a_claim(qtbot, window):
    pane = window.compare_view.panes[0]
    text = window.comparison.versions[0].text
    sentence = next(u for u in window.comparison.versions[0].units
                    if u.kind == "sentence" and text[u.start:u.end].split()[0].isalpha()
                    and len(text[u.start:u.end].split()[0]) > 3)
    # Start inside a word and stop inside another: the claim snaps to whole words.
    drag_select(qtbot, pane, sentence.start + 2, sentence.end - 3)
    assert pane.textCursor().hasSelection()
    qtbot.keyClick(pane, Qt.Key.Key_1)
    claims = stored_claims(window)
    assert len(claims) == 1
    origin = claims[0].appearances[0]
    label = window.library.get_label(claims[0].label_id)
    assert label.shortcut == "1"
    assert origin.start == sentence.start
    assert text[origin.start:origin.end] == origin.quote
    assert origin.quote[-1].isalnum()  # the sentence's full stop is trimmed
    assert claims[0].author == window.settings.author_name
    # drawn in the pane and listed in the panel, without reloading the comparison
    assert any(r[2] == f"claim:{claims[0].id}" for r in pane.highlight_ranges())
    assert window.claims.panel.model.rowCount() == 1


def test_shift_arrows_select_and_the_proposals_are_answered_by_keys(qtbot, window):
    pane = window.compare_view.panes[0]
    base = window.comparison.versions[0]
    unit = base.units[2]
    pane.setFocus()
    cursor = pane.textCursor()
    cursor.setPosition(pane.offsets.to_utf16(unit.start))
    pane.setTextCursor(cursor)
    for _ in range(3):
        qtbot.keyClick(pane, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier
                       | Qt.KeyboardModifier.ControlModifier)
    assert pane.textCursor().hasSelection()
    qtbot.keyClick(pane, Qt.Key.Key_2)
    tagger = window.claims.tagger
    assert [p.pane for p in tagger.pending] == [1, 2]
    proposal = tagger.pending[0]
    assert any(r[2].startswith("proposal") for r in window.compare_view.panes[1].highlight_ranges())
    qtbot.keyClick(pane, Qt.Key.Key_Return)  # accept in version 2
    qtbot.keyClick(pane, Qt.Key.Key_Escape)  # skip version 3
    assert tagger.pending == []
    (claim,) = stored_claims(window)
    versions = [a.version_id for a in claim.appearances]
    ids = window.inputs.version_ids
    assert versions == [ids[0], ids[1]]
    other = claim.appearances[1]
    assert (other.start, other.end) == (proposal.start, proposal.end)
    entry = window.claims.controller.entries[claim.id]
    assert entry.missing_in == (2,)
    assert entry.appearances[1].drift_label  # the drift is measured and shown


def test_label_status_and_note_edits_undo_and_redo(qtbot, window):
    pane = window.compare_view.panes[1]
    unit = window.comparison.versions[1].units[3]
    drag_select(qtbot, pane, unit.start, unit.end)
    qtbot.keyClick(pane, Qt.Key.Key_3)
    (claim,) = stored_claims(window)
    labels = window.library.list_labels()
    other_label = next(label for label in labels if label.id != claim.label_id)
    panel = window.claims.panel
    panel.edit_requested.emit(claim.id, "label", other_label.id)
    panel.edit_requested.emit(claim.id, "status", "refuted")
    for note in ("Check", "Check with", "Check with the port authority"):
        panel.edit_requested.emit(claim.id, "note", note)
    stored = window.library.get_claim(claim.id)
    assert (stored.label_id, stored.status, stored.note) == (
        other_label.id, "refuted", "Check with the port authority")
    stack = window.undo_stack
    assert stack.count() == 4  # tag, label, status, and the three note edits merged
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.get_claim(claim.id).note == ""
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.library.get_claim(claim.id).label_id == claim.label_id
    window.undo_stack.undo()
    assert window.library.get_claim(claim.id) is None
    assert window.claims.panel.model.rowCount() == 0
    assert not any(r[2].startswith("claim:") for r in pane.highlight_ranges())
    for _ in range(4):
        window.undo_stack.redo()
    again = window.library.get_claim(claim.id)  # the same id, back with everything
    assert (again.label_id, again.status, again.note) == (
        other_label.id, "refuted", "Check with the port authority")
    assert window.claims.panel.model.rowCount() == 1


def test_delete_key_in_the_panel_deletes_and_undo_restores(qtbot, window):
    pane = window.compare_view.panes[0]
    unit = window.comparison.versions[0].units[1]
    drag_select(qtbot, pane, unit.start, unit.end)
    qtbot.keyClick(pane, Qt.Key.Key_1)
    (claim,) = stored_claims(window)
    panel = window.claims.panel
    panel.show()
    panel.raise_()
    table = panel.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert stored_claims(window) == []
    window.undo_stack.undo()
    assert [c.id for c in stored_claims(window)] == [claim.id]


def test_claims_are_there_after_a_restart(qtbot, make_window, window):
    pane = window.compare_view.panes[2]
    unit = window.comparison.versions[2].units[2]
    drag_select(qtbot, pane, unit.start, unit.end)
    qtbot.keyClick(pane, Qt.Key.Key_4)
    window.claims.panel.edit_requested.emit(stored_claims(window)[0].id, "note", "Ask the union")
    (before,) = stored_claims(window)
    window.close()
    reopened = make_window()
    wait_for_comparison(qtbot, reopened)
    qtbot.waitUntil(lambda: reopened.claims.panel.model.rowCount() == 1)
    (after,) = stored_claims(reopened)
    assert after == before
    role = f"claim:{after.id}"
    assert any(r[2] == role for r in reopened.compare_view.panes[2].highlight_ranges())


def test_next_claim_moves_through_the_claims(qtbot, window):
    base = window.comparison.versions[0]
    pane = window.compare_view.panes[0]
    for unit in (base.units[4], base.units[1]):
        drag_select(qtbot, pane, unit.start, unit.end)
        qtbot.keyClick(pane, Qt.Key.Key_1)
        qtbot.keyClick(pane, Qt.Key.Key_Escape)
        qtbot.keyClick(pane, Qt.Key.Key_Escape)
    view = window.compare_view
    claims = window.claims.controller
    first_tagged, second_tagged = sorted(claims.entries)
    qtbot.keyClick(pane, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert claims.selected == second_tagged  # in reading order, not the order of tagging
    assert pane.painter.selected_claim == second_tagged
    assert not pane.textCursor().hasSelection()  # washed, not hidden under a selection
    assert view.next_claim()
    assert claims.selected == first_tagged
    assert window.claims.panel.selected_claims() == [first_tagged]
    assert not view.next_claim()


def test_entity_corrections_apply_without_parsing_again(qtbot, window, monkeypatch):
    version = window.comparison.versions[0]
    entity = next(e for e in version.entities if e.label == "CARDINAL")
    surface = version.text[entity.start:entity.end]

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("a correction must not parse the texts again")

    monkeypatch.setattr("core.nlp.parse_texts", no_parsing)
    shown = window.compare_view.comparison()
    window.claims.menu.correct(0, entity.start, entity.end, None,
                               f"Mark “{surface}” as not an entity")
    qtbot.waitUntil(lambda: window.compare_view.comparison() is not shown, timeout=30_000)
    fixed = window.compare_view.comparison().versions[0]
    assert (entity.start, entity.end) not in {(e.start, e.end) for e in fixed.entities}
    window.compare_view.set_layer_visible("entities", True)
    drawn = window.compare_view.panes[0].highlight_ranges()
    assert (entity.start, entity.end, "corrected:") in drawn
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: any((e.start, e.end) == (entity.start, entity.end)
                                for e in window.compare_view.comparison().versions[0].entities),
                    timeout=30_000)


def test_a_corrected_text_carries_its_claims_and_flags_the_lost_ones(qtbot, window, tmp_path,
                                                                       dialogs):
    pane = window.compare_view.panes[1]
    version = window.comparison.versions[1]
    kept, lost = version.units[3], version.units[5]
    for unit in (kept, lost):
        drag_select(qtbot, pane, unit.start, unit.end)
        qtbot.keyClick(pane, Qt.Key.Key_1)
        qtbot.keyClick(pane, Qt.Key.Key_Escape)
        qtbot.keyClick(pane, Qt.Key.Key_Escape)
    kept_claim, lost_claim = sorted(stored_claims(window), key=lambda c: c.id)
    kept_text = kept_claim.appearances[0].quote
    corrected = version.text.replace(version.text[lost.start:lost.end], "")
    corrected = "A correction was appended at the top.\n\n" + corrected
    path = tmp_path / "corrected.txt"
    path.write_text(corrected, encoding="utf-8")
    corrected = load_file(path).text  # as Variorum reads it (whitespace normalised)
    version_id = window.inputs.version_ids[1]
    window.replace_text(version_id, str(path))
    qtbot.waitUntil(lambda: dialogs or window.library.get_version(version_id).text == corrected,
                    timeout=30_000)
    assert dialogs == []
    moved = window.library.get_claim(kept_claim.id).appearances[0]
    assert corrected[moved.start:moved.end] == kept_text and moved.anchor != "orphaned"
    orphan = window.library.get_claim(lost_claim.id)  # kept, flagged, never dropped
    assert orphan.appearances[0].anchor == "orphaned"
    assert "not found" in window.status.bar.currentMessage()
    window.undo_stack.undo()
    assert window.library.get_version(version_id).text == version.text


def test_many_claims_load_on_a_worker_and_edits_meanwhile_are_kept(qtbot, window):
    from ui.claims.controller import SYNC_CLAIMS

    base = window.comparison.versions[0]
    ids = window.inputs.version_ids
    label = window.library.list_labels()[0]
    text = base.text
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    for start, end in words[: SYNC_CLAIMS + 50]:
        window.library.add_claim(ids[0], start, end, label_id=label.id)
    controller = window.claims.controller
    controller.show_story(window.inputs, window.comparison)
    assert controller._pending is not None  # still building on the worker
    extra, _change = window.library.add_claim(ids[0], *words[-1], label_id=label.id)
    window.on_change(_change)  # an edit while the entries are being built
    qtbot.waitUntil(lambda: controller._pending is None, timeout=30_000)
    assert len(controller.entries) == SYNC_CLAIMS + 51 and extra in controller.entries
    assert window.claims.panel.model.rowCount() == SYNC_CLAIMS + 51
