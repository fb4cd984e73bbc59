"""The app starts the model's process before Qt is imported; the command line never does."""

from __future__ import annotations

import os
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


PROBE = """
import os, sys
sys.path.insert(0, {root!r})
import core.trace
real = core.trace.stamp

def probe(name):
    real(name)
    if name == "first-look":
        names = list(sys.modules)  # in the order they were imported
        late = [n for n in names[names.index("PySide6"):] if n.split(".")[0] == "core"]
        print(" ".join(late) or "none", flush=True)
        os._exit(0)

core.trace.stamp = probe
import main
main.main(["--demo", "--db", {db!r}])
"""


def test_the_engine_is_imported_before_qt_reads_every_later_module(tmp_path):
    """PySide6 reads the source of each module imported after it; the engine's come first
    (ui.entry._import_the_engine_before_qt lists them: add any this test names)."""
    script = tmp_path / "probe.py"
    script.write_text(PROBE.format(root=str(ROOT), db=str(tmp_path / "lib.sqlite3")),
                      encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "VARIORUM_TRACE": str(tmp_path / "trace")}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, check=False, env=env)
    assert done.stdout.split() == ["none"], done.stdout + done.stderr[-2000:]
