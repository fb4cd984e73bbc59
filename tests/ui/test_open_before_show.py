"""A short story asked for on the command line is compared before the window is first shown,
so its first frame has the diff in it; anything long, special or unsure waits for the window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from window_fixtures import WINDOW_SIZE, Counting, wait_for_comparison

from core.quick_analysis import QUICK_MODEL
from core.textio import load_file
from ui.analysis import FIRST_LOOK_HERE_CHARS
from ui.main_window import MainWindow
from ui.options import GuiOptions
from ui.settings import Settings

ORIGINAL = ("Harbour reopens after storm\n\nThe port of Kelvale reopened on Monday, officials "
            "said.\n\n\"We are ready,\" Mayor Ana Ruiz said.\n")
REWRITE = ("Kelvale port back in business\n\nOfficials claimed the port of Kelvale reopened on "
           "Monday.\n\n\"We are ready now,\" Mayor Ana Ruiz told reporters.\n")


@pytest.fixture
def unshown(qtbot, open_library, dialogs):
    """A window built as the app builds it, not shown yet; closed after the test."""
    made: list[MainWindow] = []

    def make(*files: Path) -> MainWindow:
        window = MainWindow(open_library(), Settings(),
                            options=GuiOptions(files=tuple(map(str, files))),
                            hooks=Counting().hooks)
        qtbot.addWidget(window)
        window.resize(*WINDOW_SIZE)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        window.runner.shutdown(wait=True)


def _pair(tmp_path: Path, original: str = ORIGINAL) -> tuple[Path, Path]:
    a, b = tmp_path / "original.txt", tmp_path / "rewrite.txt"
    a.write_text(original, encoding="utf-8")
    b.write_text(REWRITE, encoding="utf-8")
    return a, b


def test_a_short_pair_is_compared_before_the_window_is_shown(qtbot, unshown, tmp_path):
    window = unshown(*_pair(tmp_path))
    window.open_before_show()
    assert not window.isVisible()
    first = window.compare_view.comparison()
    assert first is not None and first.model == QUICK_MODEL  # in the first frame
    assert window.centre.currentWidget() is window.compare_view
    assert window.statusBar().currentMessage().startswith("First look")
    story = window.current_story
    first_frame = _FirstPaint(window.compare_view.panes[1].viewport())
    window.show()
    qtbot.waitUntil(lambda: first_frame.width is not None)
    qtbot.wait(100)  # the zero-delay turns after the first frame (the dock's widening)
    # Laid out once, at the window's size: the text does not wrap again as it appears.
    assert window.compare_view.panes[1].viewport().width() == first_frame.width
    window.start()
    wait_for_comparison(qtbot, window)
    qtbot.waitUntil(lambda: window.compare_view.comparison().model != QUICK_MODEL,
                    timeout=60_000)
    assert window.current_story == story
    assert window.library_model.story_ids() == [story]  # start() did not import it again


class _FirstPaint(QObject):
    """The width ``widget`` had when it was first painted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.width: int | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.width is None:
            assert isinstance(watched, QWidget)
            self.width = watched.width()
        return False


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _long(tmp_path: Path) -> Path:
    path = tmp_path / "long.txt"
    paragraph = "The port of Kelvale reopened on Monday after the storm, officials said.\n\n"
    path.write_text(paragraph * (FIRST_LOOK_HERE_CHARS // len(paragraph) + 1),
                    encoding="utf-8")
    return path


def _unsure(tmp_path: Path) -> Path:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café était animé à Genève, a dit la députée.\n".encode("cp1252"))
    return path


@pytest.mark.parametrize("odd", [_fifo, _long, _unsure], ids=["fifo", "long", "unsure"])
def test_long_special_or_unsure_files_wait_for_the_window(qtbot, unshown, tmp_path, odd):
    a, _b = _pair(tmp_path)
    window = unshown(a, odd(tmp_path))
    window.ask_encoding = lambda _parent, _source: None  # keep the guess
    window.open_before_show()  # returns at once, even for a FIFO nobody writes to
    assert window.current_story is None
    assert window.compare_view.comparison() is None
    window.show()
    window.start()  # the worker reads them, with the window on screen
    qtbot.waitUntil(lambda: window.current_story is not None or not window.runner.is_busy(),
                    timeout=60_000)
    if odd is not _fifo:
        qtbot.waitUntil(lambda: window.current_story is not None, timeout=60_000)


def _long_pair(tmp_path: Path) -> tuple[Path, Path]:
    paragraph = "The port of Kelvale reopened on Monday after the storm, officials said.\n\n"
    a, b = tmp_path / "long_a.txt", tmp_path / "long_b.txt"
    times = FIRST_LOOK_HERE_CHARS // len(paragraph) // 2 + 1
    a.write_text(paragraph * times, encoding="utf-8")
    b.write_text(paragraph.replace("Monday", "Tuesday") * times, encoding="utf-8")
    return a, b


def _first_looks(qtbot, window: MainWindow) -> list[object]:
    delivered: list[object] = []
    window.analysis.comparison_ready.connect(
        lambda _story, prepared, _inputs: delivered.append(prepared.comparison))
    window.show()
    window.start()
    qtbot.waitUntil(lambda: any(c.model == QUICK_MODEL for c in delivered), timeout=60_000)
    return [c for c in delivered if c.model == QUICK_MODEL]


def test_a_long_pairs_first_look_is_the_one_its_own_process_made(qtbot, unshown, tmp_path,
                                                                 monkeypatch):
    from core.first_look_process import FirstLookProcess

    a, b = _long_pair(tmp_path)
    window = unshown(a, b)
    window.analysis.expect_first_look(FirstLookProcess([str(a), str(b)]))

    def not_here(*_args, **_kwargs):
        raise AssertionError("the first look was made in the window's process")

    monkeypatch.setattr("core.quick_analysis.quick_comparison", not_here)
    window.open_before_show()  # too long: nothing before the window shows
    (first,) = _first_looks(qtbot, window)
    assert [v.text for v in first.versions] == [load_file(a).text, load_file(b).text]


def test_a_first_look_of_other_files_is_not_used(qtbot, unshown, tmp_path):
    from core.first_look_process import FirstLookProcess

    a, b = _long_pair(tmp_path)
    window = unshown(a, b)
    window.analysis.expect_first_look(FirstLookProcess([str(b), str(a)]))  # the other order
    (first,) = _first_looks(qtbot, window)
    assert [v.text for v in first.versions] == [load_file(a).text, load_file(b).text]
