"""Everything Variorum writes out: files (atomically, never over an input) and terminal text.

Files: the output goes to a temporary file in the target's folder and is renamed over
the target once complete, so a failed write leaves the old file (or none), never a
truncated one. Devices and pipes (``/dev/stdout``, ``/dev/full``, ``>(cat)``) are
written directly. An output that is one of the inputs is refused before anything runs.

Terminals: ``terminal_safe`` makes control characters, bidi controls and undecodable
bytes (from file names and arguments) visible escapes, so a file named
``evil\\e]0;PWNED\\a.txt`` cannot retitle or clear the terminal. ``SafeTextStream``
applies it to everything written to stdout/stderr while a command runs.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal, TextIO

from core.errors import VariorumError
from core.invisibles import BIDI_CONTROLS

StreamMode = Literal["text", "json", "markup"]

_C0_C1 = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
_BIDI = "".join(BIDI_CONTROLS)
_UNSAFE = {
    "text": re.compile(f"[{_C0_C1}{_SURROGATES}{_BIDI}]"),
    "json": re.compile(f"[{_C0_C1}{_SURROGATES}{_BIDI}]"),
    "markup": re.compile(f"[{_C0_C1}{_SURROGATES}]"),
}
_LINE_BREAKS = re.compile("[\t\n\r]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


class OutputError(VariorumError):
    """An output that cannot be written (no folder, a folder, a full disk, an input)."""


def terminal_safe(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every character that could act on a terminal shown as an escape.

    C0/DEL controls become ``\\x1b``, C1 controls ``\\u009b``, bidi controls ``\\u202e``,
    and bytes that were not valid text (surrogate escapes from file names and
    arguments) ``\\xff``. ``keep_newlines=False`` also escapes tab, newline and CR, for
    one-line fields such as titles. Everything else is left as it is.
    """
    if not keep_newlines:
        text = _LINE_BREAKS.sub(lambda m: _NAMED[m.group()], text)
    return _UNSAFE["text"].sub(_visible_escape, text)


def json_safe(text: str) -> str:
    """JSON text with the same characters written as ``\\uXXXX`` escapes (the same data)."""
    return _UNSAFE["json"].sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def markup_safe(text: str) -> str:
    """HTML text with controls and undecodable bytes escaped; bidi controls are kept.

    The HTML report isolates every piece of text, so bidi controls there are safe and
    are the source's own characters.
    """
    return _UNSAFE["markup"].sub(_visible_escape, text)


def _visible_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x80:
        return _NAMED.get(match.group(), f"\\x{code:02x}")
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid text (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


_ESCAPERS: dict[StreamMode, Callable[[str], str]] = {
    "text": terminal_safe,
    "json": json_safe,
    "markup": markup_safe,
}


class SafeTextStream:
    """A text stream that escapes what it is given and reports a write failure once.

    A closed pipe (``variorum stories | head -1``) raises BrokenPipeError for the
    caller to end quietly; any other failure (a full device) is an OutputError. After
    a failure the stream is ``broken`` and drops further output: the error was told.
    """

    def __init__(self, inner: TextIO, mode: StreamMode = "text") -> None:
        self.inner = inner
        self.broken = False
        self._escape = _ESCAPERS[mode]

    def write(self, text: str) -> int:
        if not self.broken:
            self._guard(self.inner.write, self._escape(text))
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            self._guard(self.inner.flush)

    def _guard(self, call: Callable[..., object], *args: str) -> None:
        try:
            call(*args)
        except OSError as exc:
            self.broken = True
            if isinstance(exc, BrokenPipeError):
                raise
            raise OutputError(f"cannot write the output: {_reason(exc)}") from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@contextmanager
def safe_streams(stdout_mode: StreamMode = "text") -> Iterator[None]:
    """Route sys.stdout and sys.stderr through SafeTextStream for the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeTextStream(saved[0], stdout_mode)  # type: ignore[assignment]
    sys.stderr = SafeTextStream(saved[1], "text")  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def check_output_path(path: Path, inputs: Iterable[Path | str] = ()) -> None:
    """Raise OutputError when ``path`` cannot be an output: a folder, an input, no folder."""
    if path.is_dir():
        raise OutputError(f"{terminal_safe(str(path))} is a folder; give a file name to write")
    for source in inputs:
        if _same_file(path, Path(source)):
            raise OutputError(
                f"{terminal_safe(str(path))} is also an input; writing it would destroy the "
                "input: choose another output file"
            )
    folder = _parent(path)
    if not folder.exists():
        raise OutputError(
            f"cannot write {terminal_safe(str(path))}: the folder "
            f"{terminal_safe(str(folder))} does not exist"
        )
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {terminal_safe(str(path))}: {terminal_safe(str(folder))} is not a folder"
        )


def write_output(text: str, path: Path | None, *, inputs: Iterable[Path | str] = ()) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically, or to stdout when ``path`` is None."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_bytes_output(text.encode("utf-8", "backslashreplace"), path, inputs=inputs)


def write_bytes_output(data: bytes, path: Path, *, inputs: Iterable[Path | str] = ()) -> None:
    """Write ``data`` to ``path`` atomically (a file, never stdout), refusing an input."""
    check_output_path(path, list(inputs))
    try:
        if _is_special(path):
            _write_direct(path, data)
        else:
            _write_atomic(Path(os.path.realpath(path)), data)
    except OSError as exc:
        raise OutputError(f"cannot write {terminal_safe(str(path))}: {_reason(exc)}") from None


def _write_direct(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _write_atomic(target: Path, data: bytes) -> None:
    mode = _mode_for(target)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def file_mode_for(target: Path) -> int:
    """The permissions a new output file gets: the old file's, else what the umask allows."""
    return _mode_for(target)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _is_special(path: Path) -> bool:
    """Whether ``path`` exists and is a device, pipe or socket (written in place)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _parent(path: Path) -> Path:
    return Path(os.path.realpath(path)).parent if path.is_symlink() else path.parent


def _reason(exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "a file is in the way of its folder",
        errno.EISDIR: "it is a folder",
        errno.EFBIG: "the file is too large for the file system",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
