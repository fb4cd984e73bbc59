"""The library commands: import, stories, show, search (text and JSON output, errors)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.storage import Library
from core.storage.cli import main, register
from core.textio import load_file

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_import_prints_each_id_and_stores(capsys, files, db_path: Path) -> None:
    status, out, err = run(
        capsys, "import", *files, "--db", db_path, "--story", "Budget", "--outlet", "AP"
    )
    assert (status, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(w, p) for _, w, p in lines] == [("stored", str(f)) for f in files]
    with Library.open(db_path) as lib:
        (story,) = lib.list_stories()
        assert story.title == "Budget"
        versions = lib.list_versions(story.id)
        assert [str(v.id) for v in versions] == [i for i, _, _ in lines]
        assert {v.outlet for v in versions} == {"AP"}


def test_import_again_reports_existing_and_base(capsys, files, db_path: Path) -> None:
    run(capsys, "import", *files[:2], "--db", db_path, "--story", "Budget")
    status, out, _ = run(
        capsys,
        "import",
        files[1],
        files[2],
        "--db",
        db_path,
        "--story",
        "budget",
        "--base",
        "--format",
        "json",
    )
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["created"] for r in records] == [False, True]
    assert {r["story_id"] for r in records} == {1}
    with Library.open(db_path) as lib:
        assert lib.get_story(1).base_version_id == records[0]["version_id"]  # type: ignore[union-attr]


def test_import_without_story_uses_the_first_file_name(capsys, files, db_path: Path) -> None:
    run(capsys, "import", files[2], "--db", db_path)
    with Library.open(db_path) as lib:
        assert [s.title for s in lib.list_stories()] == ["c"]


def test_import_with_a_bad_file_stores_nothing(capsys, files, db_path: Path) -> None:
    status, out, err = run(
        capsys, "import", files[0], files[0].parent / "missing.txt", "--db", db_path
    )
    assert status == 2
    assert out == ""
    assert err.startswith("variorum: ") and "missing.txt: no such file" in err
    assert not db_path.exists()


def test_stories_text_and_json(capsys, files, db_path: Path) -> None:
    run(capsys, "import", *files, "--db", db_path, "--story", "Budget")
    status, out, _ = run(capsys, "stories", "--db", db_path)
    assert status == 0
    assert out.splitlines()[1].split() == ["1", "3", "0", "Budget"]
    status, out, _ = run(capsys, "stories", "--db", db_path, "--format", "json")
    (story,) = json.loads(out)
    assert (story["title"], story["version_count"], story["base_version_id"]) == ("Budget", 3, 1)


def test_stories_of_an_empty_library(capsys, db_path: Path) -> None:
    Library.open(db_path).close()
    assert run(capsys, "stories", "--db", db_path)[1] == "no stories yet\n"


def test_show_by_id_or_title(capsys, files, db_path: Path) -> None:
    run(capsys, "import", *files, "--db", db_path, "--story", "Budget vote")
    with Library.open(db_path) as lib:
        label, _ = lib.add_label("Claim", "#ff0000")
        lib.add_claim(2, 0, 6, label_id=label, note="check")
    status, out, _ = run(capsys, "show", "budget VOTE", "--db", db_path)
    assert status == 0
    assert out.startswith("story 1: Budget vote\n")
    assert "*     1" in out and "Claim, open: 'Budget' — check" in out
    status, out, _ = run(capsys, "show", "1", "--db", db_path, "--format", "json")
    data = json.loads(out)
    assert [v["id"] for v in data["versions"]] == [1, 2, 3]
    assert data["versions"][0]["text"] == load_file(files[0]).text
    assert data["claims"][0]["label"] == "Claim"
    assert data["claims"][0]["appearances"][0]["quote"] == "Budget"


def test_show_unknown_story(capsys, files, db_path: Path) -> None:
    run(capsys, "import", files[0], "--db", db_path)
    status, out, err = run(capsys, "show", "Nope", "--db", db_path)
    assert (status, out) == (2, "")
    assert err == "variorum: there is no story with the id or title 'Nope'\n"


def test_search_text_and_json(capsys, files, db_path: Path) -> None:
    run(capsys, "import", *files, "--db", db_path, "--story", "Budget")
    status, out, _ = run(capsys, "search", "minister", "--db", db_path)
    assert status == 0
    assert len(out.splitlines()) == 2 and "[minister]" in out
    status, out, _ = run(capsys, "search", '"will', "AND(", "--db", db_path, "--format", "json")
    assert status == 0 and json.loads(out) == []
    assert run(capsys, "search", "zebra", "--db", db_path)[1] == "no matches\n"
    _, out, _ = run(capsys, "search", "budget", "--limit", "1", "--db", db_path, "--format", "json")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize("command", [["stories"], ["show", "1"], ["search", "x"]])
def test_read_commands_do_not_create_a_library(capsys, tmp_path: Path, command) -> None:
    path = tmp_path / "nowhere" / "library.sqlite3"
    status, _, err = run(capsys, *command, "--db", path)
    assert status == 2
    assert err == f"variorum: there is no library at {path}\n"
    assert not path.parent.exists()


def test_bad_library_file_is_one_line_error(capsys, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all, just notes\n" * 10)
    status, out, err = run(capsys, "stories", "--db", path)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("variorum: ") and "Traceback" not in err


def test_default_db_comes_from_the_environment(capsys, files, private_default_db) -> None:
    assert run(capsys, "import", files[0])[0] == 0
    assert private_default_db.exists()


def test_read_only_notice_goes_to_stderr(capsys, files, db_path: Path, monkeypatch) -> None:
    run(capsys, "import", files[0], "--db", db_path)
    from core.storage import db as db_module

    monkeypatch.setattr(db_module, "_writable", lambda path: False)
    status, out, err = run(capsys, "stories", "--db", db_path)
    assert out.splitlines()[1].split()[-1] == "a"
    assert status == 0 and "variorum: note:" in err and "read-only" in err
    status, _, err = run(capsys, "import", files[1], "--db", db_path)
    assert status == 2 and "read-only" in err


def test_register_adds_the_four_commands() -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    for argv in (["import", "f.txt"], ["stories"], ["show", "x"], ["search", "q"]):
        args = parser.parse_args([*argv, "--db", "x.sqlite3", "--format", "json"])
        assert callable(args.handler)
        assert args.db == Path("x.sqlite3") and args.format == "json"


def test_module_entry_point(files, tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "core.storage.cli", "import", str(files[0]), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"1\tstored\t{files[0]}\n"
    bad = subprocess.run(
        [sys.executable, "-m", "core.storage.cli", "show", "1", "--db", str(tmp_path / "no.db")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("variorum: there is no library") and "Traceback" not in bad.stderr
