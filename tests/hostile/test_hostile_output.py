"""Outputs: atomic, never over an input, plain errors; nothing printed can act on a terminal."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.invisibles import BIDI_CONTROLS
from core.output import (
    OutputError,
    SafeTextStream,
    json_safe,
    markup_safe,
    terminal_safe,
    write_output,
)

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(BIDI_CONTROLS) + "]")
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()))  # surrogates too


@given(ANY_TEXT)
def test_terminal_safe_leaves_nothing_that_acts_on_a_terminal(text: str) -> None:
    shown = terminal_safe(text)
    assert not _UNSAFE.search(shown)
    shown.encode("utf-8")  # printable on any UTF-8 terminal
    assert "\n" not in terminal_safe(text, keep_newlines=False)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf"))))
def test_terminal_safe_changes_no_ordinary_text(text: str) -> None:
    assert terminal_safe(text) == text


def test_the_escapes_name_what_was_there() -> None:
    evil = "evil\x1b]0;PWNED\x07\x1b[2J\u202egnp.exe\x9b\udcff.txt"
    assert terminal_safe(evil) == "evil\\x1b]0;PWNED\\x07\\x1b[2J\\u202egnp.exe\\u009b\\xff.txt"


@given(st.recursive(ANY_TEXT | st.integers(), lambda kids: st.lists(kids) | st.dictionaries(
    ANY_TEXT, kids), max_leaves=8))  # fmt: skip
def test_json_safe_is_the_same_json_data(value: object) -> None:
    dumped = json.dumps(value, ensure_ascii=False)
    safe = json_safe(dumped)
    assert not _UNSAFE.search(safe)
    assert json.loads(safe) == value


@given(ANY_TEXT)
def test_markup_safe_keeps_bidi_controls_and_nothing_else_unsafe(text: str) -> None:
    shown = markup_safe(text)
    assert [c for c in shown if c in BIDI_CONTROLS] == [c for c in text if c in BIDI_CONTROLS]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", shown)


def test_safe_stream_escapes_writes_and_reports_a_full_device_once() -> None:
    class Full(io.StringIO):
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    inner = Full()
    stream = SafeTextStream(inner)  # type: ignore[arg-type]
    stream.write("a\x1b[2Jb\n")
    assert inner.getvalue() == "a\\x1b[2Jb\n"
    with pytest.raises(OutputError, match="no space left"):
        stream.flush()
    assert stream.broken
    stream.write("more")  # dropped quietly: the failure was already told
    stream.flush()


def test_broken_pipe_passes_through_for_a_quiet_exit() -> None:
    class Closed(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):
        SafeTextStream(Closed()).write("x")  # type: ignore[arg-type]


def test_write_output_replaces_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_output("new text", target)
    assert target.read_text() == "new text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def fail(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="no space left on the device"):
        write_output("new", target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "b.txt"
    source.write_text("input")
    hard_link = tmp_path / "link.txt"
    os.link(source, hard_link)
    symlink = tmp_path / "sym.txt"
    symlink.symlink_to(source)
    for alias in (source, hard_link, symlink, tmp_path / "." / "b.txt"):
        with pytest.raises(OutputError, match="is also an input"):
            write_output("x", alias, inputs=[source])
    assert source.read_text() == "input"


def test_a_symlinked_output_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output("new", link)
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda d: d / "missing" / "out.txt", "the folder .* does not exist"),
        (lambda d: d, "is a folder"),
        (lambda _d: Path("/dev/full"), "no space left on the device"),
        (lambda d: d / "file.txt" / "out.txt", "is not a folder"),
    ],
)
def test_unwritable_outputs_are_one_line_errors(tmp_path: Path, make_path, message: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(OutputError, match=message):
        write_output("text", make_path(tmp_path))


def test_surrogates_in_the_text_cannot_leave_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_output("name\udcff.txt", target)
    assert target.read_text(encoding="utf-8") == "name\\udcff.txt"
