"""Check, before Qt starts, that Linux has the system libraries Qt's xcb plugin needs.

Without them Qt prints "could not load the Qt platform plugin" and aborts the process,
which tells a user nothing they can act on. This module names the missing libraries
and the packages that provide them instead. It never imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: Exit status when the window cannot be opened for want of system libraries.
EXIT_MISSING_LIBRARIES = 2


@dataclass(frozen=True, slots=True)
class SystemLibrary:
    """A shared library the xcb plugin loads, and the packages that ship it."""

    soname: str
    debian: str
    fedora: str


#: What PySide6's libqxcb.so and libQt6XcbQpa.so link against beyond the usual X11 core.
XCB_LIBRARIES: tuple[SystemLibrary, ...] = (
    SystemLibrary("libxcb.so.1", "libxcb1", "libxcb"),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
)

Loader = Callable[[str], object]


def uses_xcb(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt will pick the xcb platform plugin in this environment."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        # "wayland;xcb" falls back to xcb only when Wayland fails: check the first choice.
        return requested.split(";")[0].split(":")[0] == "xcb"
    # Qt 6 prefers Wayland in a Wayland session and uses xcb everywhere else.
    return not (environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland")


def missing_libraries(
    libraries: Sequence[SystemLibrary] = XCB_LIBRARIES, loader: Loader = ctypes.CDLL
) -> list[SystemLibrary]:
    """The libraries that the dynamic loader cannot open."""
    missing: list[SystemLibrary] = []
    for library in libraries:
        try:
            loader(library.soname)
        except OSError:
            missing.append(library)
    return missing


def describe_missing(missing: Sequence[SystemLibrary]) -> str:
    """One line naming the missing libraries and the packages to install."""
    names = ", ".join(lib.soname for lib in missing)
    debian = " ".join(dict.fromkeys(lib.debian for lib in missing))
    fedora = " ".join(dict.fromkeys(lib.fedora for lib in missing))
    return (
        f"Variorum cannot open its window: Qt's X11 (xcb) support needs system libraries "
        f"that are missing ({names}). Install them with "
        f"'sudo apt install {debian}' (Debian/Ubuntu) or 'sudo dnf install {fedora}' (Fedora)."
    )


def check_platform(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    loader: Loader = ctypes.CDLL,
) -> str | None:
    """Return a message for the user when the window cannot open, else None."""
    if not uses_xcb(environ, platform):
        return None
    missing = missing_libraries(loader=loader)
    return describe_missing(missing) if missing else None
