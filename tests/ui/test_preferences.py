"""Settings.author_name and the preferences dialog, driven by keys and clicks."""

from __future__ import annotations

import getpass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.dialogs.preferences import PreferencesDialog
from ui.settings import Settings, login_name


def test_author_defaults_to_the_login_name_without_storing_it(qapp, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "ana")
    settings = Settings()
    assert settings.author_name == "ana"
    assert not settings.author_name_is_set
    monkeypatch.setattr(getpass, "getuser", lambda: "bo")
    assert Settings().author_name == "bo"  # still the default, never copied into settings


@pytest.mark.parametrize("error", [OSError("no user"), KeyError("uid")])
def test_no_login_name_means_no_author(qapp, monkeypatch, error):
    def fail():
        raise error
    monkeypatch.setattr(getpass, "getuser", fail)
    assert login_name() == ""
    assert Settings().author_name == ""


def test_author_name_round_trips_including_an_empty_one(qapp, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "ana")
    settings = Settings()
    settings.author_name = "  Ana Lyst  "
    settings.sync()
    assert Settings().author_name == "Ana Lyst"
    settings.author_name = ""
    settings.sync()
    assert Settings().author_name == "" and Settings().author_name_is_set
    settings.author_name = None
    assert Settings().author_name == "ana" and not Settings().author_name_is_set


@pytest.fixture
def dialog(qtbot, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "ana")
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press(qtbot, dialog, which):
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_dialog_shows_the_name_and_explains_it(dialog):
    assert dialog.claims_page.author_edit.text() == "ana"
    texts = [label.text() for label in dialog.claims_page.findChildren(QLabel)]
    assert "Your name on the claims you tag; teams sharing a library will see it." in texts
    assert dialog.view_page.size_spin.value() == 11


def test_ok_stores_a_changed_name_and_text_size(qtbot, dialog):
    edit = dialog.claims_page.author_edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "Ana Lyst")
    dialog.tabs.setCurrentWidget(dialog.view_page)
    spin = dialog.view_page.size_spin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)
    assert dialog.changed == {"author_name", "font_size"}
    assert Settings().author_name == "Ana Lyst"
    assert Settings().font_size == 13


def test_ok_without_changes_stores_nothing(qtbot, dialog):
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)
    assert dialog.changed == set()
    assert not Settings().author_name_is_set


def test_cancel_leaves_settings_alone(qtbot, dialog):
    qtbot.keyClicks(dialog.claims_page.author_edit, "x")
    press(qtbot, dialog, dialog.buttons.StandardButton.Cancel)
    assert not Settings().author_name_is_set
    assert Settings().font_size == 11
