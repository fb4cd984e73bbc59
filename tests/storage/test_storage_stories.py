"""Stories and versions: adding, deduplicating, base choice, soft delete and restore, purge."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import StorageError
from core.storage import Change, Library
from core.textio import SourceText, load_text


def test_add_story_returns_id_and_change(lib: Library) -> None:
    story_id, change = lib.add_story("  Budget vote  ")
    assert change == Change.of(stories=[story_id])
    story = lib.get_story(story_id)
    assert story is not None
    assert (story.title, story.version_count, story.claim_count) == ("Budget vote", 0, 0)
    assert story.base_version_id is None


@pytest.mark.parametrize("title", ["", "   ", "\n"])
def test_add_story_rejects_empty_title(lib: Library, title: str) -> None:
    with pytest.raises(StorageError, match="cannot be empty"):
        lib.add_story(title)


def test_story_titles_are_unique_ignoring_case(lib: Library) -> None:
    lib.add_story("Budget vote")
    with pytest.raises(StorageError, match="already exists"):
        lib.add_story("BUDGET VOTE")


def test_ensure_story_finds_or_creates(lib: Library) -> None:
    first, created, change = lib.ensure_story("Budget vote")
    again, created_again, change_again = lib.ensure_story("budget VOTE")
    assert (created, created_again) == (True, False)
    assert first == again
    assert change == Change.of(stories=[first])
    assert not change_again


def test_rename_story(lib: Library) -> None:
    a, _ = lib.add_story("A")
    b, _ = lib.add_story("B")
    assert lib.rename_story(a, "a (renamed)") == Change.of(stories=[a])
    assert lib.find_story("A (RENAMED)").id == a  # type: ignore[union-attr]
    lib.rename_story(b, "b")  # a change of case only is allowed
    with pytest.raises(StorageError, match="already exists"):
        lib.rename_story(b, "A (renamed)")
    with pytest.raises(StorageError, match="no story 999"):
        lib.rename_story(999, "x")


def test_list_stories_counts_and_base(lib: Library, story: tuple[int, list[int]]) -> None:
    story_id, ids = story
    other, _ = lib.add_story("Empty")
    lib.add_claim(ids[1], 0, 6)
    rows = lib.list_stories()
    assert [r.id for r in rows] == [story_id, other]
    assert (rows[0].version_count, rows[0].claim_count, rows[0].base_version_id) == (3, 1, ids[0])
    assert (rows[1].version_count, rows[1].base_version_id) == (0, None)


def test_add_version_stores_everything(lib: Library) -> None:
    story_id, _ = lib.add_story("S")
    source = load_text("Headline\n\nBody text here.", "a.html")
    version_id, created, change = lib.add_version(
        story_id, source, outlet=" AP ", byline="Ana", published="2024-05-17", make_base=True
    )
    assert created
    assert change == Change.of(stories=[story_id], versions=[version_id])
    row = lib.get_version(version_id)
    assert row is not None
    assert row.text == source.text
    assert row.content_hash == source.content_hash
    assert (row.outlet, row.byline, row.published) == ("AP", "Ana", "2024-05-17")
    assert row.source == "a.html"
    assert row.word_count == 4
    assert row.is_base
    assert row.imported_at.endswith("Z")


def test_add_version_deduplicates_within_story_only(lib: Library, texts: list[SourceText]) -> None:
    s1, _ = lib.add_story("One")
    s2, _ = lib.add_story("Two")
    v1, created1, _ = lib.add_version(s1, texts[0])
    v1_again, created_again, change = lib.add_version(s1, texts[0])
    v2, created2, _ = lib.add_version(s2, texts[0])
    assert (created1, created_again, created2) == (True, False, True)
    assert v1 == v1_again != v2
    assert not change
    assert len(lib.list_versions(s1)) == 1


def test_add_version_checks_hash_and_story(lib: Library, texts: list[SourceText]) -> None:
    story_id, _ = lib.add_story("S")
    forged = SourceText("x.txt", texts[0].text, "0" * 64, "text", "utf-8")
    with pytest.raises(StorageError, match="content hash"):
        lib.add_version(story_id, forged)
    with pytest.raises(StorageError, match="no story 77"):
        lib.add_version(77, texts[0])
    with pytest.raises(StorageError, match="ISO 8601"):
        lib.add_version(story_id, texts[0], published="last Friday")


def test_add_versions_is_all_or_nothing(lib: Library, texts: list[SourceText]) -> None:
    story_id, _ = lib.add_story("S")
    results, change = lib.add_versions(story_id, texts[:2], outlet="AP")
    assert [created for _, created in results] == [True, True]
    assert change.versions == {v for v, _ in results}
    bad = SourceText("bad.txt", "x", "0" * 64, "text", "utf-8")
    with pytest.raises(StorageError):
        lib.add_versions(story_id, [texts[2], bad])
    assert len(lib.list_versions(story_id)) == 2


def test_first_version_is_base_and_set_base(lib: Library, story: tuple[int, list[int]]) -> None:
    story_id, ids = story
    assert [v.id for v in lib.list_versions(story_id)] == ids
    assert lib.set_base(story_id, ids[2]) == Change.of(stories=[story_id], versions=[ids[2]])
    versions = lib.list_versions(story_id)
    assert [v.id for v in versions] == [ids[2], ids[0], ids[1]]
    assert [v.is_base for v in versions] == [True, False, False]
    other, _ = lib.add_story("Other")
    with pytest.raises(StorageError, match="not part of story"):
        lib.set_base(other, ids[0])


def test_make_base_on_existing_text(lib: Library, story: tuple[int, list[int]], texts) -> None:
    story_id, ids = story
    version_id, created, change = lib.add_version(story_id, texts[1], make_base=True)
    assert (version_id, created) == (ids[1], False)
    assert change == Change.of(stories=[story_id], versions=[ids[1]])
    assert lib.get_story(story_id).base_version_id == ids[1]  # type: ignore[union-attr]


def test_update_version_metadata(lib: Library, story: tuple[int, list[int]]) -> None:
    _, ids = story
    assert not lib.update_version(ids[0])
    lib.update_version(ids[0], outlet="Reuters", published="2024-05-17T10:00:00+02:00")
    lib.update_version(ids[0], byline=None)
    row = lib.get_version(ids[0])
    assert (row.outlet, row.published, row.byline) == (  # type: ignore[union-attr]
        "Reuters",
        "2024-05-17T10:00:00+02:00",
        None,
    )


def test_delete_and_restore_version_keeps_id_claims_and_base(lib: Library, story) -> None:
    story_id, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6, note="keep me")
    change = lib.delete_version(ids[0])
    assert change == Change.of(stories=[story_id], versions=[ids[0]])
    assert lib.get_version(ids[0]) is None
    assert lib.get_claim(claim_id) is None
    assert [v.id for v in lib.list_versions(story_id)] == [ids[1], ids[2]]
    assert lib.get_story(story_id).base_version_id == ids[1]  # type: ignore[union-attr]
    lib.restore_version(ids[0])
    assert lib.get_version(ids[0]).is_base  # type: ignore[union-attr]
    assert lib.get_claim(claim_id).note == "keep me"  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="no deleted version"):
        lib.restore_version(ids[0])


def test_reimport_after_delete_blocks_restore(lib: Library, story, texts) -> None:
    story_id, ids = story
    lib.delete_version(ids[2])
    new_id, created, _ = lib.add_version(story_id, texts[2])
    assert created and new_id != ids[2]
    with pytest.raises(StorageError, match="same text"):
        lib.restore_version(ids[2])


def test_delete_and_restore_story(lib: Library, story) -> None:
    story_id, ids = story
    lib.add_claim(ids[1], 0, 6)
    lib.delete_story(story_id)
    assert lib.list_stories() == []
    assert lib.get_version(ids[0]) is None
    assert lib.list_claims() == []
    with pytest.raises(StorageError):
        lib.list_versions(story_id)
    lib.restore_story(story_id)
    assert [v.id for v in lib.list_versions(story_id)] == ids
    assert len(lib.list_claims(story_id=story_id)) == 1


def test_restore_story_refuses_a_taken_title(lib: Library, story) -> None:
    story_id, _ = story
    lib.delete_story(story_id)
    lib.add_story("budget vote")
    with pytest.raises(StorageError, match="already exists"):
        lib.restore_story(story_id)
    with pytest.raises(StorageError, match="no deleted story"):
        lib.restore_story(12345)


def test_purge_deleted_cascades(lib: Library, story) -> None:
    story_id, ids = story
    label_id = lib.list_labels()[0].id
    c1, _ = lib.add_claim(ids[0], 0, 6, label_id=label_id)
    c2, _ = lib.add_claim(ids[1], 0, 6, label_id=label_id)
    lib.add_appearance(c1, ids[1], 0, 6)
    lib.add_entity_correction(ids[0], 4, 11, "ORG")
    lib.save_doc_analysis(ids[0], "m", "1", "1", b"docbin")
    lib.save_comparison(ids, "m", "1", "{}")
    lib.delete_version(ids[0])
    assert not lib.purge_deleted(older_than=timedelta(days=30))
    change = lib.purge_deleted()
    assert change.versions == {ids[0]}
    conn = lib._db.conn
    for table in ("entity_correction", "doc_analysis", "comparison"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    # c1 went with its origin's version (and its appearance in ids[1] with it)
    assert [r[0] for r in conn.execute("SELECT id FROM claim")] == [c2]
    assert [r[0] for r in conn.execute("SELECT version_id FROM claim_appearance")] == [ids[1]]
    lib.delete_story(story_id)
    lib.purge_deleted()
    assert conn.execute("SELECT count(*) FROM version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] == 0
    conn.execute("INSERT INTO version_fts (version_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO claim_fts (claim_fts) VALUES ('integrity-check')")
    assert lib.integrity_check() == ["ok"]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_ids_are_never_reused_after_purge(lib: Library, texts) -> None:
    story_id, _ = lib.add_story("S")
    v1, _, _ = lib.add_version(story_id, texts[0])
    lib.delete_version(v1)
    lib.purge_deleted()
    v2, _, _ = lib.add_version(story_id, texts[0])
    assert v2 > v1
