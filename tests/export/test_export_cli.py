"""``report``, ``export`` and ``import-story`` on the command line: outputs, one-line errors."""

from __future__ import annotations

import json

import pytest
from export_factory import ODD_TEXTS, build_story, comparison_of

import core.export.cli as export_cli
import core.export.formats
from core.cli import main
from core.export.story_data import load_story_data
from core.storage.library import Library


@pytest.fixture
def stored(lib, monkeypatch):
    """A story in ``lib``; comparisons are hand-built (no spaCy) unless a test says otherwise."""
    story = build_story(lib, ODD_TEXTS)

    def fake_comparison(library, versions, **_):
        data = load_story_data(library, story)
        from dataclasses import replace

        return comparison_of(replace(data, versions=tuple(versions)))

    for module in (core.export.formats, export_cli):
        monkeypatch.setattr(module, "load_comparison", fake_comparison)
    return story


def _run(lib, *argv):
    return main([*argv, "--db", str(lib.path)])


@pytest.mark.parametrize("fmt", ["csv", "json", "w3c", "jsonl", "docbin", "claimreview"])
def test_every_format_is_written(lib, stored, tmp_path, fmt, capsys):
    out = tmp_path / f"out.{fmt}"
    assert _run(lib, "export", str(stored), "--format", fmt, "-o", str(out)) == 0
    data = out.read_bytes()
    assert data
    if fmt in ("json", "w3c", "claimreview"):
        assert isinstance(json.loads(data), dict)
    if fmt == "claimreview":
        assert "open claim(s) left out" in capsys.readouterr().err


def test_export_then_import_story(lib, stored, tmp_path, capsys):
    out = tmp_path / "story.json"
    assert _run(lib, "export", "Budget vote", "--format", "json", "-o", str(out)) == 0
    other = tmp_path / "other.sqlite3"
    assert main(["import-story", str(out), "--db", str(other)]) == 0
    assert "imported story 1 'Budget vote'" in capsys.readouterr().out
    with Library.open(other) as library:
        assert [s.title for s in library.list_stories()] == ["Budget vote"]


def test_report_html_by_suffix_and_sections(lib, stored, tmp_path):
    out = tmp_path / "report.html"
    args = ["report", str(stored), "-o", str(out), "--sections", "summary,claims"]
    assert _run(lib, *args) == 0
    page = out.read_text(encoding="utf-8")
    assert "id='summary'" in page and "id='claims'" in page and "id='diff'" not in page


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", "Budget vote", "-o", "r.txt"], "the report is .html or .pdf"),
        (["report", "No such story", "-o", "r.html"], "there is no story"),
        (["report", "Budget vote", "-o", "r.pdf"], "PDF reports need Qt"),
        (["report", "Budget vote", "-o", "r.html", "--versions", "999"], "not a live version"),
        (["export", "No such", "--format", "csv", "-o", "x.csv"], "there is no story"),
    ],
)
def test_bad_requests_give_one_line_and_status_2(
    lib, stored, tmp_path, monkeypatch, capsys, argv, expected
):
    monkeypatch.chdir(tmp_path)
    assert _run(lib, *argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("variorum: ") and expected in err and "\n" not in err


def test_output_over_the_library_is_refused(lib, stored, capsys):
    assert _run(lib, "export", str(stored), "--format", "csv", "-o", str(lib.path)) == 2
    assert "is also an input" in capsys.readouterr().err
    assert lib.integrity_check() == ["ok"]


def test_hostile_story_file_changes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "variorum.story/9"}', encoding="utf-8")
    target = tmp_path / "lib.sqlite3"
    assert main(["import-story", str(bad), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "newer Variorum" in err and err.count("\n") == 1
    with Library.open(target) as library:
        assert library.list_stories() == []


def test_bad_section_and_version_lists_are_usage_errors(lib, stored, capsys):
    with pytest.raises(SystemExit) as caught:
        _run(lib, "report", "1", "-o", "r.html", "--sections", "summary,nope")
    assert caught.value.code == 2
    assert "'nope' is not a section" in capsys.readouterr().err
