"""The app's start: the window first, then the model's process; the engine before Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"


def _env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "VARIORUM_TRACE": str(tmp_path / "trace")}


def _stamps(tmp_path: Path) -> list[str]:
    return [line.split()[0] for line in (tmp_path / "trace").read_text().splitlines()]


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


STOP_AT = """
import os, sys
sys.path.insert(0, {root!r})
import core.trace
real = core.trace.stamp

def stop_at(name):
    real(name)
    if name == "comparison":  # the model's comparison is painted
        os._exit(0)

core.trace.stamp = stop_at
import main
main.main(["--demo", "--db", {db!r}])
"""


def test_the_window_is_built_before_the_models_process_starts(tmp_path):
    """Started at launch, the model's work slowed the window's start (two cores); the
    demo (short) is compared before the window is shown, its first look in the first frame."""
    script = tmp_path / "app.py"
    script.write_text(STOP_AT.format(root=str(ROOT), db=str(tmp_path / "lib.sqlite3")),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=180, check=False, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    stamps = _stamps(tmp_path)
    assert stamps.index("window-built") < stamps.index("server-spawn")
    assert stamps.index("window-shown") < stamps.index("first-look")  # painted by then
    assert "first-look-spawn" not in stamps  # short: compared in the window's process
    assert stamps.index("server-spawn") < stamps.index("model-loaded") < stamps.index(
        "comparison")


def test_the_command_line_starts_no_models_process(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compare", str(DEMO / "01_original.txt"),
         str(DEMO / "02_rewrite.txt"), "--format", "json", "-o", str(tmp_path / "out.json")],
        capture_output=True, text=True, timeout=180, check=False, env=_env(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "server-spawn" not in _stamps(tmp_path)


def test_the_engine_is_imported_before_qt_reads_every_later_module(tmp_path):
    """PySide6 reads the source of each module imported after it; the engine's come first
    (ui.entry._import_the_engine_before_qt lists them: add any this test names)."""
    script = tmp_path / "probe.py"
    script.write_text(PROBE.format(root=str(ROOT), db=str(tmp_path / "lib.sqlite3")),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, check=False, env=_env(tmp_path))
    assert done.stdout.split() == ["none"], done.stdout + done.stderr[-2000:]


LONG_PAIR = """
import os, sys
sys.path.insert(0, {root!r})
import core.machine
import core.trace
core.machine.available_cores = lambda: 2  # whatever this machine has
real = core.trace.stamp

def stop_at(name):
    real(name)
    if name == "first-look":
        os._exit(0)

core.trace.stamp = stop_at
import main
main.main([*{files!r}, "--db", {db!r}])
"""


def test_a_long_pairs_first_look_is_made_beside_the_windows_start(tmp_path):
    from core.first_look_process import FIRST_LOOK_HERE_CHARS

    paragraph = "The port of Kelvale reopened on Monday after the storm, officials said.\n\n"
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path, day in zip(files, ("Monday", "Tuesday"), strict=True):
        path.write_text(paragraph.replace("Monday", day)
                        * (FIRST_LOOK_HERE_CHARS // len(paragraph)), encoding="utf-8")
    script = tmp_path / "app.py"
    script.write_text(LONG_PAIR.format(root=str(ROOT), files=[str(f) for f in files],
                                       db=str(tmp_path / "lib.sqlite3")), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=180, check=False, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    stamps = _stamps(tmp_path)
    assert stamps.index("first-look-spawn") < stamps.index("window-built")
    assert stamps.index("first-look-made") < stamps.index("first-look")
