from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip


def test_compare_json_html_and_text(tmp_path) -> None:
    out = tmp_path / "c.json"
    result = _run(
        "compare", DEMO / "01_original.txt", DEMO / "02_rewrite.txt", "--format", "json", "-o", out
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["schema"].startswith("variorum.comparison/")
    assert len(payload["versions"]) == 2
    html = _run("compare", DEMO / "01_original.txt", DEMO / "02_rewrite.txt", "--format", "html")
    assert html.returncode == 0 and html.stdout.startswith("<!doctype html>")
    assert "<script" not in html.stdout and "grave" in html.stdout
    text = _run("compare", DEMO / "01_original.txt", DEMO / "03_update.txt")
    assert text.returncode == 0 and "number changed: at least 20 -> at least 26" in text.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (bytes(range(256)) * 10, "binary"), (b"x" * 5000, "too large")],
)
def test_bad_input_gives_one_line_and_status_2(tmp_path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = _run("compare", DEMO / "01_original.txt", bad, "--max-bytes", "4000")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert str(bad) in result.stderr and message in result.stderr


def test_missing_model_is_a_clear_message(tmp_path) -> None:
    result = _run(
        "compare", DEMO / "01_original.txt", DEMO / "02_rewrite.txt", "--model", "xx_no_such_model"
    )
    assert result.returncode == 2
    assert "xx_no_such_model" in result.stderr and "pip install" in result.stderr
    assert "Traceback" not in result.stderr


def test_pin_and_forbid_options(tmp_path) -> None:
    out = tmp_path / "c.json"
    args = ["compare", DEMO / "01_original.txt", DEMO / "02_rewrite.txt", "--format", "json"]
    result = _run(*args, "--pin", "1:2", "--forbid", "2:7", "-o", out)
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))["alignments"][0]["rows"]
    pinned = [r for r in rows if r["pinned"]]
    assert [(r["base"], r["other"]) for r in pinned] == [([1], [2])]
    assert not any(2 in r["base"] and 7 in r["other"] for r in rows)
    bad = _run(*args, "--pin", "1-2")
    assert bad.returncode == 2 and "expected B:O" in bad.stderr


def test_published_dates_of_files_resolve_relative_dates(tmp_path) -> None:
    base, other = tmp_path / "a.txt", tmp_path / "b.txt"
    base.write_text("Dam report\n\nThe dam was inspected in June last year, engineers said.\n")
    other.write_text("Dam report out\n\nThe dam was inspected last June, engineers said.\n")
    result = _run("compare", base, other, "--published", "2026-08-17", "2026-08-17")
    assert result.returncode == 0, result.stderr
    assert "June 2025 → June 2026, read from the publication date 2026-08-17" in result.stdout
    unknown = _run("compare", base, other, "--published", "-", "-")
    assert unknown.returncode == 0 and "read from" not in unknown.stdout


@pytest.mark.parametrize(
    ("dates", "message"),
    [(["2026-08-17"], "one date per version (2, base first"), (["last June", "-"], "ISO date")],
)
def test_published_needs_one_iso_date_per_file(tmp_path, dates: list[str], message: str) -> None:
    base, other = tmp_path / "a.txt", tmp_path / "b.txt"
    base.write_text("One sentence here.\n")
    other.write_text("One sentence there.\n")
    result = _run("compare", base, other, "--published", *dates)
    assert result.returncode == 2 and message in result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "library"),
    [
        (["a.txt", "b.txt"], False),  # the app: its start does not wait for the exports
        (["gui", "--demo"], False),
        (["compare", "a.txt", "b.txt"], False),
        (["compare", "3", "4"], True),  # stored ids: the library is needed
        (["stories"], True),
    ],
)
def test_only_commands_that_need_them_import_the_library_commands(argv, library) -> None:
    code = ("import sys\n"
            "from core.cli import parse_args\n"
            f"args = parse_args({argv!r})\n"
            "print(args.command, 'core.export.cli' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    command = "gui" if argv[0] not in ("gui", "compare", "stories") else argv[0]
    assert done.stdout.split() == [command, str(library)]
