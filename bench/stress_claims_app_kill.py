"""SIGKILL the running app right after a claim is tagged (or its note edited); nothing is lost.

Each round starts the real window (offscreen Qt) on one library holding the demo story, tags
a sentence with a real key press ("1") — or, every other round, edits the note of the claim
tagged last — prints what it did once the call returned, and is killed with SIGKILL the moment
the parent reads that line. The parent then opens the library and checks that the claim (or
the note) is there and that SQLite's integrity check says "ok".

Run: ``.venv/bin/python bench/stress_claims_app_kill.py [--rounds 50]``.
tests/ui/test_claims_kill.py runs two rounds of the same child in the test suite.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(mode: str, note: str) -> int:
    """Tag (``tag``) or edit the last claim's note (``note``), print, then wait to be killed."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from core.storage.library import Library
    from ui.main_window import MainWindow
    from ui.options import GuiOptions
    from ui.settings import Settings

    app = QApplication([])
    window = MainWindow(Library.open(os.environ["VARIORUM_DB"]), Settings(),
                        options=GuiOptions(demo=True))
    window.show()
    window.start()
    deadline = time.monotonic() + 120
    while window.compare_view.comparison() is None or window.runner.is_busy():
        app.processEvents()
        if time.monotonic() > deadline:
            print("TIMEOUT", flush=True)
            return 1
        time.sleep(0.005)
    claims = window.library.list_claims(story_id=window.current_story)
    if mode == "note" and claims:
        claim = claims[-1]
        window.claims.panel.edit_requested.emit(claim.id, "note", note)
        print(f"NOTE {claim.id}", flush=True)
    else:
        pane = window.compare_view.panes[0]
        units = window.comparison.versions[0].units
        unit = units[len(claims) % len(units)]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(pane.offsets.to_utf16(unit.start))
        cursor.setPosition(pane.offsets.to_utf16(unit.end), QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        pane.setFocus()
        QTest.keyClick(pane, Qt.Key.Key_1)
        newest = max(c.id for c in window.library.list_claims(story_id=window.current_story))
        print(f"TAGGED {newest}", flush=True)
    while True:  # killed here, with the window open and the library not closed
        app.processEvents()
        time.sleep(0.01)


def run_round(db: Path, mode: str, note: str, env: dict[str, str]) -> tuple[str, int]:
    """One child: returns what it printed (kind, claim id) after killing it."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--note", note],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**env, "VARIORUM_DB": str(db)})
    try:
        line = (proc.stdout.readline() if proc.stdout else "").split()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        if proc.stdout:
            proc.stdout.close()
    if len(line) != 2 or line[0] not in ("TAGGED", "NOTE"):
        raise RuntimeError(f"the child did not report a claim: {line!r}")
    return line[0], int(line[1])


def check(db: Path, kind: str, claim_id: int, note: str) -> None:
    """The claim (and for a note edit, its note) survived; the file is sound."""
    from core.storage.library import Library

    with Library.open(db) as library:
        assert library.integrity_check() == ["ok"], "the library is damaged"
        claim = library.get_claim(claim_id)
        assert claim is not None, f"claim {claim_id} was lost"
        if kind == "NOTE":
            assert claim.note == note, f"the note of claim {claim_id} was lost"


def stress(rounds: int, folder: Path) -> list[float]:
    db = folder / "library.sqlite3"
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"),
           "XDG_DATA_HOME": str(folder / "data"), "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for index in range(rounds):
        mode = "note" if index % 2 else "tag"
        note = f"note written in round {index}"
        started = time.monotonic()
        kind, claim_id = run_round(db, mode, note, env)
        check(db, kind, claim_id, note)
        times.append(time.monotonic() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--child", choices=("tag", "note"))
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.note)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        times = stress(args.rounds, Path(folder))
    print(f"{len(times)} rounds killed with SIGKILL right after a tag or a note edit: "
          f"nothing lost, integrity ok (median round {sorted(times)[len(times) // 2]:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
