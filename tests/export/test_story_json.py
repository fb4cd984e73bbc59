"""Story JSON: export, import into an empty library, compare every field; hostile files refused."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from export_factory import ODD_TEXTS, build_story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import InputError, StorageError
from core.export.story_data import StoryData, load_story_data
from core.export.story_json import (
    MAX_FILE_BYTES,
    dump_story,
    import_story_file,
    parse_story,
    story_document,
)
from core.storage.library import Library


def _portable(data: StoryData) -> dict:
    """Everything a story holds, with library ids replaced by positions (ids differ)."""
    versions = {v.id: i for i, v in enumerate(data.versions)}
    claims = sorted(data.claims, key=lambda c: (versions[c.origin.version_id], c.origin.start))

    def version(v):
        return asdict(v) | {"id": versions[v.id], "story_id": None}

    def claim(c):
        label = data.labels[c.label_id] if c.label_id is not None else None
        return asdict(c) | {
            "id": None, "story_id": None, "label_id": None,
            "label": None if label is None else (label.name, label.colour, label.description),
            "appearances": [
                asdict(a) | {"id": None, "claim_id": None, "version_id": versions[a.version_id]}
                for a in c.appearances
            ],
        }  # fmt: skip

    return {
        "title": data.story.title,
        "created_at": data.story.created_at,
        "versions": [version(v) for v in data.versions],
        "claims": [claim(c) for c in claims],
        "corrections": {
            versions[v]: [asdict(c) | {"id": None, "version_id": None} for c in rows]
            for v, rows in data.corrections.items()
        },
        "revisions": {
            versions[v]: [asdict(r) | {"id": None, "version_id": None} for r in rows]
            for v, rows in data.revisions.items()
        },
        "overrides": sorted(
            (
                versions[o.base_version_id],
                versions[o.other_version_id],
                o.base_unit,
                o.other_unit,
                o.kind,
            )
            for o in data.overrides
        ),
    }


def _round_trip(
    lib: Library, other: Library, story: int, path: Path
) -> tuple[StoryData, StoryData]:
    data = load_story_data(lib, story)
    path.write_text(dump_story(data), encoding="utf-8")
    summary = import_story_file(other, path)
    return data, load_story_data(other, summary.result.story_id)


def test_round_trip_keeps_every_field(lib, other_lib, tmp_path):
    story = build_story(lib, ODD_TEXTS, orphan=True)
    before, after = _round_trip(lib, other_lib, story, tmp_path / "story.json")
    assert _portable(after) == _portable(before)
    assert any(a.anchor == "orphaned" for c in after.claims for a in c.appearances)
    assert any(after.revisions.values())
    assert other_lib.integrity_check() == ["ok"]


def test_labels_match_by_name_and_missing_ones_are_added(lib, other_lib, tmp_path):
    story = build_story(lib, ODD_TEXTS)
    other_lib.add_label("Extra", "#123456", "x")
    path = tmp_path / "story.json"
    path.write_text(dump_story(load_story_data(lib, story)), encoding="utf-8")
    summary = import_story_file(other_lib, path)
    assert len(summary.result.labels_added) == 1
    assert summary.message().startswith("imported story ")
    assert other_lib.find_label("Extra") is not None


def test_title_taken_refused_then_imported_under_another(lib, other_lib, tmp_path):
    story = build_story(lib, ODD_TEXTS)
    path = tmp_path / "story.json"
    path.write_text(dump_story(load_story_data(lib, story)), encoding="utf-8")
    import_story_file(other_lib, path)
    with pytest.raises(StorageError, match="already has a story called"):
        import_story_file(other_lib, path)
    second = import_story_file(other_lib, path, title="Budget vote (copy)")
    assert other_lib.get_story(second.result.story_id).title == "Budget vote (copy)"


def _document(lib: Library) -> dict:
    return json.loads(json.dumps(story_document(load_story_data(lib, build_story(lib, ODD_TEXTS)))))


def _mutations():
    def set_path(doc, path, value):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return doc

    return {
        "wrong type": lambda d: set_path(d, ["versions", 0, "id"], "1"),
        "bool for int": lambda d: set_path(d, ["claims", 0, "appearances", 0, "start"], True),
        "huge string": lambda d: set_path(d, ["story", "title"], "x" * 10_000),
        "unknown field": lambda d: set_path(d, ["story", "owner"], "me"),
        "offset outside": lambda d: set_path(d, ["claims", 0, "appearances", 0, "end"], 10**6),
        "quote mismatch": lambda d: set_path(d, ["claims", 0, "appearances", 0, "quote"], "zz"),
        "negative offset": lambda d: set_path(d, ["claims", 0, "appearances", 0, "start"], -1),
        "hash mismatch": lambda d: set_path(d, ["versions", 0, "text"], "changed text"),
        "two origins": lambda d: set_path(d, ["claims", 0, "appearances", 1, "origin"], True),
        "unknown version": lambda d: set_path(d, ["claims", 0, "appearances", 0, "version_id"], 99),
        "unknown label": lambda d: set_path(d, ["claims", 0, "label_id"], 999),
        "no base": lambda d: set_path(d, ["versions", 0, "is_base"], False),
        "bad status": lambda d: set_path(d, ["claims", 0, "status"], "maybe"),
        "bad colour": lambda d: set_path(d, ["labels", 0, "colour"], "red;}"),
        "correction outside": lambda d: set_path(
            d, ["versions", 0, "corrections", 0, "end"], 10**7
        ),
        "override to itself": lambda d: set_path(
            d, ["alignment_overrides", 0, "other_version_id"], d["versions"][0]["id"]
        ),
        "deep nesting": lambda d: set_path(
            d, ["story", "title"], json.loads("[" * 500 + "]" * 500)
        ),
        "not an object": lambda d: [d],
    }


@pytest.mark.parametrize("name", list(_mutations()))
def test_hostile_file_refused_in_one_line_and_nothing_written(lib, other_lib, tmp_path, name):
    document = _mutations()[name](_document(lib))
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_story_file(other_lib, path)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400
    assert other_lib.list_stories() == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "is not JSON"),
        (b"", "is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "story file"),
        (json.dumps({"schema": "variorum.story/2"}).encode(), "newer Variorum"),
        (json.dumps({"schema": "something/1"}).encode(), "not a Variorum story file"),
        (json.dumps({"versions": []}).encode(), "not a Variorum story file"),
    ],
)
def test_unreadable_or_newer_files_refused(content, expected):
    with pytest.raises(InputError, match=expected):
        parse_story(content, "f.json")


def test_oversized_file_refused_before_reading(other_lib, tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="larger than"):
        import_story_file(other_lib, path)
    assert other_lib.list_stories() == []


def test_storage_failure_midway_rolls_everything_back(lib, other_lib, tmp_path):
    from core.export.story_json import read_story_file, to_import

    story = build_story(lib, ODD_TEXTS)
    path = tmp_path / "story.json"
    path.write_text(dump_story(load_story_data(lib, story)), encoding="utf-8")
    rows = to_import(read_story_file(path))
    broken = replace(rows, claims=(*rows.claims, replace(rows.claims[0], status="nonsense")))
    with pytest.raises(Exception, match="status"):
        other_lib.import_story(broken)
    assert other_lib.list_stories() == []
    assert [label.name for label in other_lib.list_labels()] == [
        label.name for label in Library.open(tmp_path / "fresh.sqlite3").list_labels()
    ]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.text(
            alphabet=st.sampled_from("ab😀𝔟\u200b\u200f\u202e\u05d0 \r\n\t"),
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=4,
    ),
    note=st.text(max_size=40),
)
def test_odd_unicode_round_trips(tmp_path_factory, words, note):
    folder = tmp_path_factory.mktemp("story")
    texts = [f"word{i} " + w + " tail" for i, w in enumerate(words)]
    with Library.open(folder / "a.sqlite3") as lib, Library.open(folder / "b.sqlite3") as other:
        story = build_story(lib, texts, note=note)
        before, after = _round_trip(lib, other, story, folder / "story.json")
        assert _portable(after) == _portable(before)
