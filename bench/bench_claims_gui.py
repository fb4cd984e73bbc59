"""Claim tagging in the real window (offscreen Qt), against baselines from the same run.

* ``tag``: with 1,000 claims already in a 10,000-word story (bench/textgen.py), a selection
  in the base pane and a key press ("1"), until the claim is committed to the library and
  the pane has repainted with it (``viewport().repaint()``, synchronous). Baseline: a plain
  ``repaint()`` of the same pane with the same layers. Median and 99th percentile.
* ``realign``: a link (pin) made on an 800-word pair, until the re-aligned comparison is on
  screen, with the parses from the cache (no spaCy pipeline run). Baseline: the full
  analysis of the same pair (Analyse again: parse + compare) in the same run.

Run: ``.venv/bin/python bench/bench_claims_gui.py [--trials 200] [--claims 1000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import textgen  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.claims import snap_to_words  # noqa: E402


def _wait(app: QApplication, condition, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        time.sleep(0.002)


def _window(app: QApplication, files: list[Path]):
    from core.storage.library import Library
    from ui.main_window import MainWindow
    from ui.options import GuiOptions
    from ui.settings import Settings

    window = MainWindow(Library.open(os.environ["VARIORUM_DB"]), Settings(),
                        options=GuiOptions(files=tuple(str(f) for f in files)))
    window.resize(1400, 900)
    window.show()
    window.start()
    _wait(app, lambda: window.compare_view.comparison() is not None
          and not window.runner.is_busy())
    return window


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_tag(app: QApplication, tmp: Path, trials: int, claims: int) -> dict[str, float]:
    base, other = textgen.story_pair(10_000, seed=3)
    files = [tmp / "tag_a.txt", tmp / "tag_b.txt"]
    files[0].write_text(base, encoding="utf-8")
    files[1].write_text(other, encoding="utf-8")
    window = _window(app, files)
    library, ids = window.library, window.inputs.version_ids
    units = window.comparison.versions[0].units
    label = next(label for label in library.list_labels() if label.shortcut == "1")
    rng = random.Random(7)
    text = window.comparison.versions[0].text
    for _ in range(claims):  # whole sentences and phrases inside them, overlapping at times
        unit = rng.choice(units)
        span = snap_to_words(text, rng.randrange(unit.start, unit.end), unit.end)
        if span is not None:
            library.add_claim(ids[0], span.start, span.end, label_id=label.id, author="bench")
    window.claims.controller.refresh((), labels=True)
    _wait(app, lambda: window.claims.controller._pending is None)  # entries built on a worker
    claims = len(window.claims.controller.entries)
    pane = window.compare_view.panes[0]
    tagger = window.claims.tagger
    tagged, repaint = [], []
    for _ in range(trials):
        unit = rng.choice(units)
        pane.scroll_to_span(unit.start)
        app.processEvents()
        cursor = QTextCursor(pane.document())
        cursor.setPosition(pane.offsets.to_utf16(unit.start))
        cursor.setPosition(pane.offsets.to_utf16(unit.start + 12), QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        app.processEvents()
        started = time.perf_counter()
        pane.viewport().repaint()
        repaint.append(time.perf_counter() - started)
        before = len(window.claims.controller.entries)
        started = time.perf_counter()
        QTest.keyClick(pane, Qt.Key.Key_1)
        pane.viewport().repaint()
        tagged.append(time.perf_counter() - started)
        assert len(window.claims.controller.entries) == before + 1
        tagger.cancel()
    window.close()
    return {
        "claims before": float(claims),
        "tag median ms": statistics.median(tagged) * 1000,
        "tag p99 ms": _percentile(tagged, 0.99) * 1000,
        "repaint median ms": statistics.median(repaint) * 1000,
        "repaint p99 ms": _percentile(repaint, 0.99) * 1000,
    }


def bench_realign(app: QApplication, tmp: Path, trials: int) -> dict[str, float]:
    base, other = textgen.story_pair(800, seed=5)
    files = [tmp / "link_a.txt", tmp / "link_b.txt"]
    files[0].write_text(base, encoding="utf-8")
    files[1].write_text(other, encoding="utf-8")
    window = _window(app, files)
    story = window.current_story
    relinked, full = [], []
    units = len(window.comparison.versions[0].units)
    for trial in range(trials):
        shown = window.compare_view.comparison()
        started = time.perf_counter()
        window.editor.override_units(story, "pin", 1, trial % units, trial % units)
        _wait(app, lambda s=shown: window.compare_view.comparison() is not s
              and not window.runner.is_busy())
        relinked.append(time.perf_counter() - started)
        shown = window.compare_view.comparison()
        started = time.perf_counter()
        window.reanalyse()
        _wait(app, lambda s=shown: window.compare_view.comparison() is not s
              and not window.runner.is_busy())
        full.append(time.perf_counter() - started)
    window.close()
    return {"realign median ms": statistics.median(relinked) * 1000,
            "full analysis median ms": statistics.median(full) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--realign-trials", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        os.environ["VARIORUM_DB"] = str(tmp / "library.sqlite3")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        app = QApplication.instance() or QApplication([])
        tag = bench_tag(app, tmp, args.trials, args.claims)
        print(f"tag a claim, {int(tag['claims before'])} claims in a 10,000-word story:")
        print(f"  key press to committed and painted: median {tag['tag median ms']:.1f} ms, "
              f"p99 {tag['tag p99 ms']:.1f} ms")
        print(f"  plain repaint of the pane:         median {tag['repaint median ms']:.1f} ms, "
              f"p99 {tag['repaint p99 ms']:.1f} ms")
        print(f"  ratio (median): {tag['tag median ms'] / tag['repaint median ms']:.1f}x")
        os.environ["VARIORUM_DB"] = str(tmp / "library2.sqlite3")
        realign = bench_realign(app, tmp, args.realign_trials)
        print("re-align after a link, 800-word pair:")
        print(f"  link to re-aligned view: median {realign['realign median ms']:.0f} ms")
        print(f"  full analysis (parse + compare): median "
              f"{realign['full analysis median ms']:.0f} ms")
        print(f"  ratio: {realign['realign median ms'] / realign['full analysis median ms']:.2f}x")


if __name__ == "__main__":
    main()
