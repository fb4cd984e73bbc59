"""Analysis caches and alignment overrides: reuse only when every key part matches."""

from __future__ import annotations

import pytest

from core.errors import StorageError
from core.storage import AlignmentOverrideRow, Change, Library


def test_doc_analysis_roundtrip_and_keys(lib: Library, story) -> None:
    _, ids = story
    assert lib.save_doc_analysis(ids[0], "en_core", "3.8.0", "1", b"\x00bin") == Change.of(
        analyses=[ids[0]]
    )
    assert lib.load_doc_analysis(ids[0], "en_core", "3.8.0", "1") == b"\x00bin"
    for key in (("other", "3.8.0", "1"), ("en_core", "3.7.0", "1"), ("en_core", "3.8.0", "2")):
        assert lib.load_doc_analysis(ids[0], *key) is None
    assert lib.load_doc_analysis(ids[1], "en_core", "3.8.0", "1") is None
    lib.save_doc_analysis(ids[0], "en_core", "3.8.0", "1", b"newer")
    assert lib.load_doc_analysis(ids[0], "en_core", "3.8.0", "1") == b"newer"


def test_doc_analysis_is_not_reused_for_another_text(lib: Library, story) -> None:
    _, ids = story
    lib.save_doc_analysis(ids[0], "m", "1", "1", b"x")
    # Only a changed text hash can explain this; the schema forbids changing the text, so
    # simulate a cache row written for another text.
    with lib._db.transaction() as conn:
        conn.execute("UPDATE doc_analysis SET text_hash = 'stale'")
    assert lib.load_doc_analysis(ids[0], "m", "1", "1") is None


def test_comparison_cache_keys(lib: Library, story) -> None:
    _, ids = story
    change = lib.save_comparison(ids[:2], "en@3.8", "1", '{"ok": true}')
    assert change == Change.of(analyses=ids[:2])
    assert lib.cached_comparison(ids[:2], "en@3.8", "1") == '{"ok": true}'
    assert lib.cached_comparison(ids[1::-1], "en@3.8", "1") is None  # another base
    assert lib.cached_comparison(ids, "en@3.8", "1") is None
    assert lib.cached_comparison(ids[:2], "en@3.9", "1") is None
    assert lib.cached_comparison(ids[:2], "en@3.8", "2") is None
    lib.save_comparison(ids[:2], "en@3.8", "1", '{"ok": 2}')
    assert lib.cached_comparison(ids[:2], "en@3.8", "1") == '{"ok": 2}'


def test_comparison_goes_stale_when_overrides_change(lib: Library, story) -> None:
    _, ids = story
    lib.save_comparison(ids, "m", "1", "{}")
    lib.set_alignment_override(ids[0], ids[2], 1, 0, "forbid")
    assert lib.cached_comparison(ids, "m", "1") is None
    lib.save_comparison(ids, "m", "1", '{"with": "override"}')
    assert lib.cached_comparison(ids, "m", "1") == '{"with": "override"}'
    lib.set_alignment_override(ids[0], ids[2], 1, 0, "pin")  # same pair, other kind
    assert lib.cached_comparison(ids, "m", "1") is None
    lib.save_comparison(ids, "m", "1", "{}")
    lib.remove_alignment_override(ids[0], ids[2], 1, 0)
    assert lib.cached_comparison(ids, "m", "1") is None
    # Overrides of a pair outside this comparison do not matter.
    lib.save_comparison(ids[:2], "m", "1", "{}")
    lib.set_alignment_override(ids[1], ids[2], 0, 0, "pin")
    assert lib.cached_comparison(ids[:2], "m", "1") == "{}"


def test_comparison_of_deleted_version_is_a_miss(lib: Library, story) -> None:
    _, ids = story
    lib.save_comparison(ids[:2], "m", "1", "{}")
    lib.delete_version(ids[1])
    assert lib.cached_comparison(ids[:2], "m", "1") is None
    lib.restore_version(ids[1])
    assert lib.cached_comparison(ids[:2], "m", "1") == "{}"


def test_comparison_checks_its_versions(lib: Library, story) -> None:
    _, ids = story
    other, _ = lib.add_story("Other")
    from core.textio import load_text

    foreign, _, _ = lib.add_version(other, load_text("Other text."))
    with pytest.raises(StorageError, match="one story"):
        lib.save_comparison([ids[0], foreign], "m", "1", "{}")
    with pytest.raises(StorageError, match="twice"):
        lib.save_comparison([ids[0], ids[0]], "m", "1", "{}")
    with pytest.raises(StorageError, match="at least one"):
        lib.save_comparison([], "m", "1", "{}")
    with pytest.raises(StorageError, match="JSON text"):
        lib.save_comparison(ids, "m", "1", b"{}")  # type: ignore[arg-type]


def test_alignment_overrides(lib: Library, story) -> None:
    _, ids = story
    change = lib.set_alignment_override(ids[0], ids[1], 2, 3, "pin")
    assert change == Change.of(overrides=[ids[0], ids[1]])
    lib.set_alignment_override(ids[0], ids[1], 0, 0, "forbid")
    lib.set_alignment_override(ids[0], ids[1], 2, 3, "forbid")
    assert lib.list_alignment_overrides(ids[0], ids[1]) == [
        AlignmentOverrideRow(ids[0], ids[1], 0, 0, "forbid"),
        AlignmentOverrideRow(ids[0], ids[1], 2, 3, "forbid"),
    ]
    assert lib.list_alignment_overrides(ids[1], ids[0]) == []
    assert lib.remove_alignment_override(ids[0], ids[1], 0, 0) == change
    assert not lib.remove_alignment_override(ids[0], ids[1], 0, 0)
    with pytest.raises(StorageError, match="'pin' or 'forbid'"):
        lib.set_alignment_override(ids[0], ids[1], 0, 0, "maybe")  # type: ignore[arg-type]
    with pytest.raises(StorageError, match="negative"):
        lib.set_alignment_override(ids[0], ids[1], -1, 0, "pin")
    with pytest.raises(StorageError, match="two different"):
        lib.set_alignment_override(ids[0], ids[0], 0, 0, "pin")


def test_cache_saves_are_skipped_when_read_only(db_path, story, lib: Library) -> None:
    _, ids = story
    with Library.open(db_path, read_only=True) as ro:
        assert not ro.save_doc_analysis(ids[0], "m", "1", "1", b"x")
        assert not ro.save_comparison(ids, "m", "1", "{}")
        assert ro.load_doc_analysis(ids[0], "m", "1", "1") is None


def test_a_new_publication_date_makes_the_cached_comparison_stale(lib: Library, story) -> None:
    _, ids = story
    lib.save_comparison(ids[:2], "en@3.8", "1", '{"ok": true}')
    lib.update_version(ids[1], outlet="Wire")  # a name, not a date: still fresh
    assert lib.cached_comparison(ids[:2], "en@3.8", "1") == '{"ok": true}'
    lib.update_version(ids[1], published="2026-08-17")
    assert lib.cached_comparison(ids[:2], "en@3.8", "1") is None
    lib.save_comparison(ids[:2], "en@3.8", "1", '{"dated": true}')
    assert lib.cached_comparison(ids[:2], "en@3.8", "1") == '{"dated": true}'
    lib.update_version(ids[1], published=None)
    assert lib.cached_comparison(ids[:2], "en@3.8", "1") is None


def test_a_date_edit_names_the_version_as_edited_in_its_properties(lib: Library, story) -> None:
    _, ids = story
    change = lib.update_version(ids[0], published="2026-03-12")
    assert change == Change.of(versions=[ids[0]], properties=[ids[0]])
