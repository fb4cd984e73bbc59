"""The app starts the model's process before Qt is imported; the command line never does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import wants_gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("argv", "gui"), [
    ([], True),
    (["a.txt", "b.txt"], True),
    (["--demo"], True),
    (["--db", "lib.sqlite3", "story.txt"], True),
    (["gui", "--demo"], True),
    (["compare", "a.txt", "b.txt"], False),
    (["--db", "lib.sqlite3", "stories"], False),
    (["claims", "list", "1"], False),
    (["--help"], False),
    (["a.txt", "-h"], False),
])
def test_wants_gui_tells_the_app_from_a_command(argv, gui):
    assert wants_gui(argv) is gui


def test_main_starts_the_model_before_qt_and_hands_it_to_the_window(tmp_path):
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import main
import ui.entry

def fake_gui_run(args, server):
    qt_loaded = "PySide6.QtCore" in sys.modules
    name = server.use_model(args.model).info().name
    print(type(server).__name__, qt_loaded, bool(name), flush=True)
    server.close()
    return 0

ui.entry.gui_run = fake_gui_run
if __name__ == "__main__":
    sys.exit(main.main(["--demo", "--db", {str(tmp_path / "lib.sqlite3")!r}]))
"""
    script = tmp_path / "start.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ParseServer", "False", "True"]
