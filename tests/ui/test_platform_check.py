"""The xcb library check names missing libraries and their packages instead of a Qt abort."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.platform_check import (
    EXIT_MISSING_LIBRARIES,
    XCB_LIBRARIES,
    check_platform,
    describe_missing,
    missing_libraries,
    uses_xcb,
)

ROOT = Path(__file__).resolve().parents[2]


def _loader_missing(*sonames: str):
    def load(name: str) -> object:
        if name in sonames:
            raise OSError(f"{name}: cannot open shared object file")
        return object()

    return load


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}, "linux", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_uses_xcb_follows_qt_platform_choice(environ, platform, expected):
    assert uses_xcb(environ, platform) is expected


def test_missing_libraries_reports_only_unloadable_ones():
    missing = missing_libraries(loader=_loader_missing("libxcb-cursor.so.0", "libxcb-icccm.so.4"))
    assert [lib.soname for lib in missing] == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]


def test_message_names_debian_and_fedora_packages_on_one_line():
    message = check_platform(
        {"QT_QPA_PLATFORM": "xcb"},
        "linux",
        loader=_loader_missing("libxcb-cursor.so.0", "libxkbcommon-x11.so.0"),
    )
    assert message is not None
    assert "\n" not in message
    assert "libxcb-cursor.so.0" in message
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in message
    assert "sudo dnf install xcb-util-cursor libxkbcommon-x11" in message


def test_no_message_when_everything_loads_or_platform_is_not_xcb():
    assert check_platform({"QT_QPA_PLATFORM": "xcb"}, "linux", loader=_loader_missing()) is None
    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    assert check_platform(offscreen, "linux", loader=_loader_missing("libxcb.so.1")) is None


def test_shared_packages_are_listed_once():
    message = describe_missing([lib for lib in XCB_LIBRARIES if lib.fedora == "libxcb"])
    assert "'sudo dnf install libxcb' (Fedora)" in message


def test_entry_point_exits_2_with_the_message_when_libraries_are_missing(tmp_path):
    # A real process: the check must run before QApplication exists, and exit 2 cleanly.
    script = (
        "import ui.platform_check as pc, ui.entry as entry;"
        "pc.missing_libraries = lambda *a, **k: [pc.XCB_LIBRARIES[3]];"
        "raise SystemExit(entry.gui_main(['--demo']))"
    )
    env = {"QT_QPA_PLATFORM": "xcb", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "VARIORUM_DB": str(tmp_path / "lib.sqlite3")}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert done.returncode == EXIT_MISSING_LIBRARIES
    assert "libxcb-cursor.so.0" in done.stderr
    assert "Traceback" not in done.stderr
    assert "could not load the Qt platform plugin" not in done.stderr
