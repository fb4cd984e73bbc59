"""`compare` under hostile input: outputs that would destroy, overrides that mean nothing,
bidi overrides in the text, and a cache that cannot be written."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from core.cli import main
from core.errors import StorageError
from core.storage import Library
from core.textio import load_text

TEXT_A = (
    "Budget passes after late vote\n\nThe minister said the budget would pass on Friday. "
    "Critics disagreed. The vote was 212 to 190.\n"
)
TEXT_B = TEXT_A.replace("Critics disagreed.", "Critics disagreed strongly.")
BIDI = "The \u202egnp.exe file is here."


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT_A + BIDI + "\n", encoding="utf-8")
    b.write_text(TEXT_B + BIDI.replace("here", "there") + "\n", encoding="utf-8")
    return a, b


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_an_output_onto_an_input_is_refused_and_the_input_kept(capsys, pair) -> None:
    a, b = pair
    before = b.read_bytes()
    status, _, err = run(capsys, "compare", a, b, "-o", b)
    assert status == 2 and "is also an input" in err and b.read_bytes() == before


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing/out.json", "does not exist"), (".", "is a folder"), ("/dev/full", "no space")],
)
def test_unwritable_outputs_fail_in_one_line(capsys, pair, target: str, message: str) -> None:
    a, b = pair
    path = target if target.startswith("/") else str(a.parent / target)
    status, _, err = run(capsys, "compare", a, b, "-o", path)
    assert status == 2 and message in err and err.count("\n") == 1


def test_pins_and_forbids_outside_the_texts_are_refused(capsys, pair) -> None:
    a, b = pair
    for option, value in (("--pin", "99:99"), ("--forbid", "99:0"), ("--pin", "0:99")):
        status, out, err = run(capsys, "compare", a, b, option, value)
        assert status == 2 and out == "" and "units, numbered 0–" in err


@pytest.mark.parametrize("named", ["two", "0", "-1", "1.5", "\u0663"])
def test_a_count_of_processes_that_is_not_one_fails_in_one_line(capsys, pair, monkeypatch,
                                                               named: str) -> None:
    a, b = pair
    monkeypatch.setenv("VARIORUM_NLP_PROCESSES", named)
    status, out, err = run(capsys, "compare", a, b)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "$VARIORUM_NLP_PROCESSES must be a whole number of processes" in err
    assert "Traceback" not in err


def test_a_pin_that_is_also_forbidden_is_refused(capsys, pair) -> None:
    a, b = pair
    status, _, err = run(capsys, "compare", a, b, "--pin", "0:0", "--forbid", "0:0")
    assert status == 2 and "contradict" in err


def test_bidi_overrides_stay_in_the_html_but_are_isolated_and_marked(capsys, pair) -> None:
    a, b = pair
    status, out, _ = run(capsys, "compare", a, b, "--format", "html")
    assert status == 0
    assert "\u202egnp.exe" in out  # the source's characters are kept
    cells = re.findall(r"<td class='(?:base|other)'>(.*?)</td>", out)
    for cell in cells:  # every override sits inside a <bdi> that closes in the same cell
        for match in re.finditer("\u202e", cell):
            opened = cell[: match.start()].count("<bdi>") - cell[: match.start()].count("</bdi>")
            assert opened >= 1
        assert cell.count("<bdi>") == cell.count("</bdi>")
    assert "data-c='RLO'" in out


def test_bidi_overrides_are_escaped_in_text_and_kept_in_json(capsys, pair) -> None:
    a, b = pair
    status, out, _ = run(capsys, "compare", a, b)
    assert status == 0 and "\u202e" not in out and "\\u202egnp.exe" in out
    status, out, _ = run(capsys, "compare", a, b, "--format", "json")
    assert status == 0 and "\u202e" not in out  # escaped as JSON: the same data
    texts = [v["text"] for v in json.loads(out)["versions"]]
    assert all("\u202egnp.exe" in t for t in texts)


def test_a_cache_that_cannot_be_written_still_prints_the_result(
    capsys, tmp_path, monkeypatch
) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as library:
        story_id, _ = library.add_story("Budget")
        ids = [library.add_version(story_id, load_text(t, n))[0]
               for t, n in ((TEXT_A, "a.txt"), (TEXT_B, "b.txt"))]  # fmt: skip
    monkeypatch.setattr("core.storage.db.BUSY_TIMEOUT_S", 0.2)
    locked, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(60)
        conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    locked.wait(10)
    try:
        status, out, err = run(capsys, "compare", str(ids[0]), str(ids[1]), "--db", db)
    finally:
        release.set()
        holder.join()
    assert status == 0 and out.startswith("Base: a.txt")
    assert "computed but not cached" in err and "busy" in err


def test_compare_stored_reports_cache_errors_instead_of_raising(tmp_path, monkeypatch) -> None:
    from core.stored_compare import compare_stored

    with Library.open(tmp_path / "lib.sqlite3") as library:
        story_id, _ = library.add_story("Budget")
        ids = [library.add_version(story_id, load_text(t, n))[0]
               for t, n in ((TEXT_A, "a.txt"), (TEXT_B, "b.txt"))]  # fmt: skip

        def full(*_args: object) -> None:
            raise StorageError("cannot save: the disk is full")

        monkeypatch.setattr(library, "save_comparison", full)
        errors: list[StorageError] = []
        payload, cached = compare_stored(library, ids, on_cache_error=errors.append)
        assert not cached and json.loads(payload)["versions"][0]["text"].startswith("Budget")
        assert [str(e) for e in errors] == ["cannot save: the disk is full"]
        with pytest.raises(StorageError):
            compare_stored(library, ids)
