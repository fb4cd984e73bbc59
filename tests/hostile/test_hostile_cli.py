"""The library commands under hostile input: one line, exit 2, nothing acting on the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main
from core.storage import Library

REPO = Path(__file__).resolve().parents[2]
TEXT = "Budget passes\n\nThe minister said the budget would pass on Friday. Critics disagreed.\n"
EVIL = b"evil\x1b]0;PWNED\x07\x1b[2J\xe2\x80\xae.txt"


@pytest.fixture(autouse=True)
def private_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv("VARIORUM_DB", str(path))
    return path


def write(folder: Path, name: bytes | str, data: bytes | str = TEXT) -> str:
    raw = os.path.join(os.fsencode(folder), os.fsencode(name))
    with open(raw, "wb") as handle:
        handle.write(data.encode() if isinstance(data, str) else data)
    return os.fsdecode(raw)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(status: int, err: str, *needles: str) -> None:
    assert status == 2, err
    assert err.count("\n") == 1 and err.startswith("variorum: ") and "Traceback" not in err
    for needle in needles:
        assert needle in err


def no_terminal_controls(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\u202e\x9b"), repr(text)


def test_control_characters_in_a_file_name_never_reach_the_terminal(capsys, tmp_path) -> None:
    path = write(tmp_path, EVIL)
    for argv in (["import", path], ["stories"], ["show", "1"], ["search", "minister"]):
        status, out, err = run(capsys, *argv)
        assert status == 0, err
        no_terminal_controls(out + err)
    status, out, _ = run(capsys, "stories", "--format", "json")
    titles = [story["title"] for story in json.loads(out)]
    no_terminal_controls(out)
    assert titles == ["evil\x1b]0;PWNED\x07\x1b[2J\u202e"]  # stored as the file was named


def test_a_file_name_with_a_newline_lists_as_one_line(capsys, tmp_path) -> None:
    run(capsys, "import", write(tmp_path, "two\nlines.txt"))
    status, out, _ = run(capsys, "stories")
    assert status == 0 and out.splitlines()[1].endswith("two\\nlines")


def test_non_utf8_file_names_import_with_a_visible_escape(capsys, tmp_path) -> None:
    status, out, err = run(capsys, "import", write(tmp_path, b"name\xff.txt"))
    assert status == 0, err
    assert "name\\xff.txt" in out
    with Library.open(create=False) as library:
        assert library.list_stories()[0].title == "name\\xff"


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "{f}", "--story", "bad\udcff"],
        ["import", "{f}", "--outlet", "bad\udcff"],
        ["search", "vote\udcff"],
        ["show", "bad\udcff"],
    ],
)
def test_non_utf8_arguments_are_usage_errors(capsys, tmp_path, argv: list[str]) -> None:
    argv = [a.format(f=write(tmp_path, "f.txt")) for a in argv]
    run(capsys, "import", write(tmp_path, "g.txt"))
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "not valid UTF-8 text (byte 0xff)" in capsys.readouterr().err


@pytest.mark.parametrize("limit", ["99999999999999999999", "0", "-1", "²", "1e3", ""])
def test_search_limits_are_bounded(capsys, limit: str) -> None:
    with pytest.raises(SystemExit):
        main(["search", "vote", "--limit", limit])
    assert "argument --limit" in capsys.readouterr().err


@pytest.mark.parametrize("key", ["99999999999999999999", "²", "１２"])
def test_show_with_odd_numbers_is_a_plain_error(capsys, tmp_path, key: str) -> None:
    run(capsys, "import", write(tmp_path, "f.txt"))
    status, _, err = run(capsys, "show", key)
    one_line_error(status, err)


def test_compare_with_a_huge_version_id_is_a_plain_error(capsys, tmp_path) -> None:
    run(capsys, "import", write(tmp_path, "f.txt"))
    status, _, err = run(capsys, "compare", "99999999999999999999", "1")
    one_line_error(status, err, "not an id")


def test_fifos_and_devices_are_refused_as_inputs(capsys, tmp_path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero", "/dev/urandom"):
        status, _, err = run(capsys, "import", path)
        one_line_error(status, err, "not a regular file")


@pytest.mark.parametrize("kind", ["fifo", "/dev/null", "folder"])
def test_non_files_are_refused_as_libraries(capsys, tmp_path, kind: str) -> None:
    db = {"fifo": tmp_path / "db", "/dev/null": Path("/dev/null"), "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(db)
    journal_existed = Path("/dev/null-journal").exists()
    status, _, err = run(capsys, "stories", "--db", str(db))
    one_line_error(status, err, "not a library file")
    assert Path("/dev/null-journal").exists() == journal_existed


def test_import_takes_max_bytes_and_says_how_to_raise_it(capsys, tmp_path) -> None:
    path = write(tmp_path, "f.txt")
    size = Path(path).stat().st_size
    status, _, err = run(capsys, "import", path, "--max-bytes", "10")
    one_line_error(status, err, f"({size} bytes; the limit is 10 bytes)", f"--max-bytes {size}")
    status, _, err = run(capsys, "import", path, "--max-bytes", str(size))
    assert status == 0, err


def test_import_with_a_chosen_encoding_stores_the_right_text(capsys, tmp_path) -> None:
    path = write(tmp_path, "f.txt", "Příliš žluťoučký kůň.\n".encode("cp1250"))
    status, _, err = run(capsys, "import", path, "--encoding", "cp1250")
    assert status == 0 and err == ""
    with Library.open(create=False) as library:
        version = library.list_versions(library.list_stories()[0].id)[0]
        assert library.get_version(version.id).text == "Příliš žluťoučký kůň."
        assert version.encoding == "cp1250"


def test_a_guessed_encoding_is_announced(capsys, tmp_path) -> None:
    path = write(tmp_path, "f.txt", "Élève, façade, naïve.\n".encode("latin-1"))
    status, _, err = run(capsys, "import", path)
    assert status == 0
    assert "note:" in err and "cp1252" in err and "--encoding" in err


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], cwd=REPO, check=False, timeout=120,
        **kwargs,
    )  # fmt: skip


def test_a_closed_pipe_ends_quietly(tmp_path, private_library) -> None:
    with Library.open(private_library) as library:
        for i in range(200):
            library.add_story(f"Story number {i}")
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = _cli("stories", stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert result.returncode == 141 and result.stderr == b""


def test_stdout_on_a_full_device_is_a_plain_error(private_library) -> None:
    with Library.open(private_library) as library:
        library.add_story("A story")
    with open("/dev/full", "wb") as full:
        result = _cli("stories", stdout=full, stderr=subprocess.PIPE)
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err and "Exception ignored" not in err
    assert err.strip() == "variorum: cannot write the output: no space left on the device"
