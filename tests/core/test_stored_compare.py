"""Comparing stored versions through the library's parse and comparison caches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import ENGINE_VERSION
from core.storage.library import Library
from core.stored_compare import compare_stored

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def library(tmp_path, demo_sources):
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        story, _ = lib.add_story("Crane collapse")
        ids = [lib.add_version(story, s, make_base=i == 0)[0] for i, s in enumerate(demo_sources)]
        yield lib, ids


def test_second_comparison_comes_from_the_cache(library, nlp) -> None:
    lib, ids = library
    first, cached = compare_stored(lib, ids[:2])
    assert not cached
    name, version = nlp.meta["name"], nlp.meta["version"]
    assert all(lib.load_doc_analysis(i, name, version, ENGINE_VERSION) for i in ids[:2])
    second, cached = compare_stored(lib, ids[:2])
    assert cached and second == first


def test_a_new_pin_reanalyses_from_cached_parses(library, monkeypatch) -> None:
    lib, ids = library
    compare_stored(lib, ids[:2])
    lib.set_alignment_override(ids[0], ids[1], 1, 2, "pin")

    def no_parsing(nlp, texts, **kwargs):
        assert list(texts) == [], "parses should come from the cache"
        return []

    monkeypatch.setattr("core.nlp.parse_texts", no_parsing)
    payload, cached = compare_stored(lib, ids[:2])
    assert not cached
    rows = json.loads(payload)["alignments"][0]["rows"]
    assert [(r["base"], r["other"]) for r in rows if r["pinned"]] == [([1], [2])]


def test_cli_compares_stored_ids(tmp_path, library) -> None:
    lib, ids = library
    db = lib.path
    cmd = [sys.executable, str(ROOT / "main.py"), "compare", *map(str, ids), "--db", str(db)]
    first = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert len(json.loads(first.stdout)["versions"]) == 3
    assert "computed and cached" in first.stderr
    again = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert again.returncode == 0 and "from the cache" in again.stderr
    assert "Base:" in again.stdout
    missing = subprocess.run(
        [*cmd[:3], "999", "1", "--db", str(db)], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2 and "no such version" in missing.stderr


_TREATY = (
    "Treaty review\n\nThe treaty was signed at a summit in June last year, officials said.",
    "Treaty review opens\n\nThe treaty was signed at a summit last June, officials said.",
)


def _date_changes(payload: str) -> list[tuple[str, str]]:
    rows = json.loads(payload)["alignments"][0]["rows"]
    return [(c["direction"], c["note"]) for r in rows for c in r["changes"] if c["kind"] == "date"]


def test_stored_dates_resolve_relative_dates_and_a_new_date_reuses_the_parses(
    tmp_path, nlp, monkeypatch
) -> None:
    from core.textio import load_text

    with Library.open(tmp_path / "lib.sqlite3") as lib:
        story, _ = lib.add_story("Treaty")
        ids = [
            lib.add_version(story, load_text(text, f"v{i}.txt"), published="2026-03-12",
                            make_base=i == 0)[0]
            for i, text in enumerate(_TREATY)
        ]  # fmt: skip
        march, _ = compare_stored(lib, ids)
        assert _date_changes(march) == [
            ("reworded", "both June 2025, read from the publication date 2026-03-12")
        ]
        for version_id in ids:
            lib.update_version(version_id, published="2026-08-17")

        def no_parsing(nlp, texts, **kwargs):
            assert list(texts) == [], "a new date re-aligns from the cached parses"
            return []

        monkeypatch.setattr("core.nlp.parse_texts", no_parsing)
        august, cached = compare_stored(lib, ids)
        assert not cached
        assert _date_changes(august) == [
            ("changed", "June 2025 → June 2026, read from the publication date 2026-08-17")
        ]
