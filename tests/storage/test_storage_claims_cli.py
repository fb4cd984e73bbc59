"""The `claims` commands, and the one root parser (global options, the app by default)."""

from __future__ import annotations

import argparse
import getpass
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import cli
from core.label_schema import SCHEMA_ID, default_labels
from core.storage import Library

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"
FIRST_LABEL = default_labels()[0].name


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(result: tuple[int, str, str], *words: str) -> None:
    status, out, err = result
    assert (status, out) == (2, "")
    assert err.startswith("variorum: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err


@pytest.fixture
def imported(capsys, files, db_path: Path) -> list[str]:
    """The three sample files imported as story 1; returns their texts by version id - 1."""
    assert run(capsys, "import", *files, "--db", db_path, "--story", "Budget")[0] == 0
    with Library.open(db_path) as lib:
        return [v.text for v in lib.list_versions(1)]


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


# The root parser


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "import", "{file}"],
        ["import", "{file}", "--db", "{db}"],
        ["import", "--db={db}", "{file}"],
    ],
)
def test_db_works_before_or_after_the_command(tmp_path: Path, files, argv) -> None:
    db = tmp_path / "lib.sqlite3"
    args = [a.format(db=db, file=files[0]) for a in argv]
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"1\tstored\t{files[0]}\n"
    with Library.open(db) as lib:
        assert [s.title for s in lib.list_stories()] == ["a"]


@pytest.mark.parametrize(
    ("argv", "files", "db", "demo", "model"),
    [
        ([], [], None, False, None),
        (["a.txt", "b.html"], ["a.txt", "b.html"], None, False, None),
        (["--db", "x.db", "a.txt"], ["a.txt"], "x.db", False, None),
        (["a.txt", "--db", "x.db", "--demo"], ["a.txt"], "x.db", True, None),
        (["--model", "en_x", "--demo"], [], None, True, "en_x"),
        (["--mod", "stories", "a.txt"], ["a.txt"], None, False, "stories"),
        (["gui", "a.txt", "--db=x.db"], ["a.txt"], "x.db", False, None),
    ],
)
def test_without_a_command_the_app_gets_the_files(argv, files, db, demo, model) -> None:
    args = cli.parse_args(argv)
    assert args.command == cli.GUI
    assert (args.files, args.demo, args.model) == (files, demo, model)
    assert args.db == (None if db is None else Path(db))


def test_main_hands_the_app_its_options() -> None:
    seen: list[argparse.Namespace] = []
    assert cli.main(["a.txt", "--db", "x.db"], gui=lambda a: seen.append(a) or 0) == 0
    assert (seen[0].files, seen[0].db) == (["a.txt"], Path("x.db"))


def test_command_in_skips_option_values() -> None:
    assert cli.command_in(["--db", "stories", "import", "f.txt"]) == "import"
    assert cli.command_in(["--db=x", "claims", "list"]) == "claims"
    assert cli.command_in(["--demo", "a.txt"]) is None
    assert cli.command_in(["--", "import"]) is None


def test_root_help_lists_the_commands(capsys) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    for command in cli.SUBCOMMANDS:
        assert command in out


def test_gui_command_without_an_app_is_a_one_line_error(capsys) -> None:
    one_line_error(run(capsys), "main.py")


# claims add


def test_claims_add_prints_the_id_and_stores(capsys, imported, db_path, monkeypatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "ana")
    start, end = _span(imported[0], "minister")
    status, out, err = run(
        capsys, "claims", "add", 1, start, end, "--label", FIRST_LABEL.upper(), "--db", db_path
    )
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "claim 1"
    assert f"version 1 [{start}:{end}] (origin): 'minister'" in out
    status, out, _ = run(
        capsys, "--db", db_path, "claims", "add", 2, 0, 6, "--label", FIRST_LABEL,
        "--status", "supported", "--note", "checked", "--author", "bo", "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert (data["id"], data["status"], data["note"], data["author"]) == (
        2,
        "verified",
        "checked",
        "bo",
    )
    with Library.open(db_path) as lib:
        first = lib.get_claim(1)
        assert first is not None and first.author == "ana"
        assert (first.origin.start, first.origin.end, first.origin.quote) == (
            start,
            end,
            "minister",
        )
        assert lib.get_label(first.label_id or 0).name == FIRST_LABEL  # type: ignore[union-attr]


def test_author_defaults_to_nothing_without_a_user_name(capsys, imported, db_path, monkeypatch):
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert run(capsys, "claims", "add", 1, 0, 6, "--label", FIRST_LABEL, "--db", db_path)[0] == 0
    with Library.open(db_path) as lib:
        assert lib.get_claim(1).author == ""  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["1", "0", "100000"], ["span 0–100000", "not inside the text"]),
        (["1", "5", "5"], ["span 5–5", "empty"]),
        (["1", "-3", "4"], ["span -3–4"]),
        (["1", "x", "4"], ["START must be a whole number, not 'x'"]),
        (["99", "0", "4"], ["there is no version 99"]),
        (["1", "0", "4", "--status", "maybe"], ["'maybe' is not a status"]),
        (["1", "0", "4", "--label", "Nope"], ["there is no label 'Nope'", FIRST_LABEL]),
    ],
)
def test_claims_add_errors_are_one_line(capsys, imported, db_path, argv, words) -> None:
    label = [] if "--label" in argv else ["--label", FIRST_LABEL]
    one_line_error(run(capsys, "claims", "add", *argv, *label, "--db", db_path), *words)
    with Library.open(db_path) as lib:
        assert lib.list_claims() == []


def test_claims_add_with_counterparts_tags_every_version(capsys, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    demo = sorted(DEMO.glob("0*.txt"))
    assert run(capsys, "import", *demo, "--db", db, "--story", "Demo")[0] == 0
    text = demo[0].read_text(encoding="utf-8")
    start, end = _span(text, "Crane collapse")
    status, out, err = run(
        capsys, "claims", "add", 1, start, end, "--label", FIRST_LABEL, "--counterparts",
        "--db", db, "--format", "json",
    )  # fmt: skip
    assert status == 0, err
    appearances = json.loads(out)["appearances"]
    assert [a["version_id"] for a in appearances] == [1, 2, 3]
    with Library.open(db) as lib:
        for a in appearances[1:]:
            other = lib.get_version(a["version_id"]).text  # type: ignore[union-attr]
            assert other[a["start"] : a["end"]] == a["text"]
            assert a["text"].casefold() == "crane collapse"
        assert lib.cached_comparison([1, 2, 3], _model_key(lib), _engine()) is not None


def _model_key(lib: Library) -> str:
    row = lib._db.conn.execute("SELECT model_key FROM comparison").fetchone()
    return str(row[0])


def _engine() -> str:
    from core import ENGINE_VERSION

    return ENGINE_VERSION


# claims list, edit, delete, link, unlink


def _tag_budget_claims(capsys, texts: list[str], db: Path) -> None:
    """Claim 1 over "Critics disagreed" (A), also in B; claim 2 over "would pass" (A), in B."""
    run(capsys, "claims", "add", 1, *_span(texts[0], "Critics disagreed"), "--label", FIRST_LABEL,
        "--db", db)  # fmt: skip
    run(capsys, "claims", "link", 1, 2, *_span(texts[1], "Critics disagreed"), "--db", db)
    second = default_labels()[1].name
    run(capsys, "claims", "add", 1, *_span(texts[0], "would pass"), "--label", second,
        "--status", "disputed", "--db", db)  # fmt: skip
    run(capsys, "claims", "link", 2, 2, *_span(texts[1], "will pass"), "--db", db)
    capsys.readouterr()


def test_claims_list_json_shows_appearances_and_drift(capsys, imported, db_path) -> None:
    _tag_budget_claims(capsys, imported, db_path)
    status, out, _ = run(capsys, "claims", "list", "--db", db_path, "--format", "json")
    assert status == 0
    claims = json.loads(out)
    assert [c["id"] for c in claims] == [2, 1]  # in text order of the origin's version
    by_id = {c["id"]: c for c in claims}
    same = by_id[1]["appearances"]
    assert [(a["version_id"], a["origin"], a["drift"] is None) for a in same] == [
        (1, True, True),
        (2, False, False),
    ]
    assert (same[1]["text"], same[1]["drift"]["kinds"]) == ("Critics disagreed", ["verbatim"])
    assert same[1]["version"].endswith("b.md") and same[1]["outlet"] is None
    changed = by_id[2]["appearances"][1]["drift"]
    assert changed["label"] != "verbatim" and changed["details"]
    assert "verbatim" not in changed["kinds"] and changed["similarity"] < 1
    assert by_id[2]["absent_in"] == [3] and by_id[2]["status_word"] == "Disputed"


def test_claims_list_filters_and_text_table(capsys, imported, db_path) -> None:
    _tag_budget_claims(capsys, imported, db_path)

    def ids(*filters: object) -> list[int]:
        _, out, _ = run(capsys, "claims", "list", *filters, "--db", db_path, "--format", "json")
        return [c["id"] for c in json.loads(out)]

    assert ids("--story", "budget") == [2, 1]
    assert ids("--version", 2) == [2, 1]  # by position in version 2: "will pass" comes first
    assert ids("--version", 3) == []
    assert ids("--label", FIRST_LABEL) == [1]
    assert ids("--status", "Disputed") == [2]
    status, out, _ = run(capsys, "--db", db_path, "claims", "list", "--story", 1)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "label", "status", "quote"]
    assert lines[1].split()[0] == "2" and "'would pass'" in lines[1]
    assert any("version 2 " in line and "b.md: [" in line and "verbatim" in line for line in lines)
    one_line_error(run(capsys, "claims", "list", "--story", "nope", "--db", db_path), "'nope'")
    one_line_error(run(capsys, "claims", "list", "--status", "x", "--db", db_path), "status")
    one_line_error(run(capsys, "claims", "list", "--label", "x", "--db", db_path), "no label")


def test_claims_list_of_an_empty_library(capsys, imported, db_path) -> None:
    assert run(capsys, "claims", "list", "--db", db_path)[1] == "no claims\n"


def test_claims_edit_and_delete(capsys, imported, db_path) -> None:
    _tag_budget_claims(capsys, imported, db_path)
    label = default_labels()[2].name
    status, out, _ = run(
        capsys, "claims", "edit", 1, "--label", label, "--status", "false", "--note", "n",
        "--db", db_path,
    )  # fmt: skip
    assert (status, out) == (0, "claim 1 updated\n")
    with Library.open(db_path) as lib:
        claim = lib.get_claim(1)
        assert claim is not None
        assert (claim.status, claim.note) == ("refuted", "n")
        assert lib.get_label(claim.label_id or 0).name == label  # type: ignore[union-attr]
    one_line_error(run(capsys, "claims", "edit", 1, "--db", db_path), "nothing to change")
    one_line_error(run(capsys, "claims", "edit", 9, "--note", "x", "--db", db_path), "no claim 9")
    assert run(capsys, "claims", "delete", 1, "--db", db_path)[1] == "claim 1 deleted\n"
    one_line_error(run(capsys, "claims", "delete", 1, "--db", db_path), "there is no claim 1")
    with Library.open(db_path) as lib:
        assert [c.id for c in lib.list_claims()] == [2]


def test_claims_link_and_unlink(capsys, imported, db_path) -> None:
    run(capsys, "claims", "add", 1, 0, 6, "--label", FIRST_LABEL, "--db", db_path)
    status, out, _ = run(capsys, "claims", "link", 1, 3, 0, 6, "--db", db_path, "--format", "json")
    assert status == 0
    assert json.loads(out) == {"claim_id": 1, "appearance_id": 2, "quote": "Budget"}
    one_line_error(run(capsys, "claims", "link", 1, 3, 0, 6, "--db", db_path), "already appears")
    one_line_error(run(capsys, "claims", "link", 1, 1, 0, 6, "--db", db_path), "was tagged")
    one_line_error(run(capsys, "claims", "link", 1, 2, 0, 0, "--db", db_path), "span")
    one_line_error(run(capsys, "claims", "unlink", 1, "--db", db_path), "delete the claim")
    status, out, _ = run(capsys, "claims", "unlink", 2, "--db", db_path)
    assert (status, out) == (0, "appearance 2 of claim 1 removed\n")
    one_line_error(run(capsys, "claims", "unlink", 2, "--db", db_path), "no appearance 2")
    one_line_error(run(capsys, "claims", "unlink", "two", "--db", db_path), "APPEARANCE_ID")


# claims labels


def test_claims_labels_list_export_import(capsys, imported, db_path, tmp_path: Path) -> None:
    status, out, _ = run(capsys, "claims", "labels", "--db", db_path)
    assert status == 0 and FIRST_LABEL in out and len(out.splitlines()) == 1 + len(default_labels())
    _, out, _ = run(capsys, "claims", "labels", "--db", db_path, "--format", "json")
    assert [label["name"] for label in json.loads(out)["labels"]] == [
        s.name for s in default_labels()
    ]
    exported = tmp_path / "labels.json"
    assert run(capsys, "claims", "labels", "--export", exported, "--db", db_path)[0] == 0
    schema = json.loads(exported.read_text(encoding="utf-8"))
    schema["labels"] = [
        {"name": "Rumour", "colour": "#123456", "shortcut": "r", "description": "Unsourced."}
    ]
    exported.write_text(json.dumps(schema), encoding="utf-8")
    status, out, _ = run(capsys, "claims", "labels", "--import", exported, "--db", db_path)
    assert status == 0 and "1 label(s) imported" in out
    with Library.open(db_path) as lib:
        assert len(lib.list_labels()) == len(default_labels()) + 1
    assert (
        run(capsys, "claims", "labels", "--import", exported, "--replace", "--db", db_path)[0] == 0
    )
    with Library.open(db_path) as lib:
        assert [(r.name, r.shortcut) for r in lib.list_labels()] == [("Rumour", "r")]


def test_claims_labels_errors(capsys, imported, db_path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    one_line_error(run(capsys, "claims", "labels", "--import", bad, "--db", db_path), str(bad))
    bad.write_text(
        json.dumps({"schema": SCHEMA_ID, "labels": [{"name": "X", "colour": "red"}]}),
        encoding="utf-8",
    )
    one_line_error(run(capsys, "claims", "labels", "--import", bad, "--db", db_path), "colour")
    missing = tmp_path / "missing.json"
    one_line_error(
        run(capsys, "claims", "labels", "--import", missing, "--db", db_path), "cannot be read"
    )
    one_line_error(run(capsys, "claims", "labels", "--replace", "--db", db_path), "--import")
    run(capsys, "claims", "add", 1, 0, 6, "--label", FIRST_LABEL, "--db", db_path)
    bad.write_text(
        json.dumps({"schema": SCHEMA_ID, "labels": [{"name": "Only", "colour": "#000000"}]}),
        "utf-8",
    )
    one_line_error(
        run(capsys, "claims", "labels", "--import", bad, "--replace", "--db", db_path),
        f"{FIRST_LABEL!r} is used by 1 claim",
    )


@pytest.mark.parametrize(
    "argv", [["claims", "list"], ["claims", "labels"], ["claims", "delete", "1"]]
)
def test_claims_commands_do_not_create_a_library(capsys, tmp_path: Path, argv) -> None:
    path = tmp_path / "nowhere" / "library.sqlite3"
    one_line_error(run(capsys, *argv, "--db", path), "there is no library")
    assert not path.parent.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["claims", "edit", "99999999999999999999", "--note", "x"],
        ["claims", "link", "1", "²", "0", "3"],
        ["claims", "add", "1", "0", "99999999999999999999", "--label", FIRST_LABEL],
    ],
)
def test_odd_numbers_are_one_line_errors(capsys, imported, db_path, argv) -> None:
    one_line_error(run(capsys, *argv, "--db", db_path))


def test_non_utf8_text_arguments_are_usage_errors(capsys, imported, db_path) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["claims", "add", "1", "0", "3", "--label", FIRST_LABEL, "--note", "bad\udcff"])
    assert raised.value.code == 2
    assert "not valid UTF-8 text (byte 0xff)" in capsys.readouterr().err
