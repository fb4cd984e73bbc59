"""Claims with one appearance per version, and entity corrections."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InputError, StorageError
from core.storage import CLAIM_STATUSES, AppearanceRow, Change, ClaimRow, Library
from core.storage.rows import row_maker
from core.textio import load_text


def _span(lib: Library, version_id: int, word: str) -> tuple[int, int]:
    text = lib.get_version(version_id).text  # type: ignore[union-attr]
    start = text.index(word)
    return start, start + len(word)


def test_add_claim_stores_the_claim_and_its_origin(lib: Library, story) -> None:
    story_id, ids = story
    label = lib.list_labels()[0].id
    start, end = _span(lib, ids[1], "minister")
    claim_id, change = lib.add_claim(
        ids[1], start, end, label_id=label, note="who?", status="disputed", author="ana"
    )
    row = lib.get_claim(claim_id)
    assert row is not None
    assert change == Change.of(claims=[claim_id], appearances=[row.origin.id])
    assert (row.story_id, row.label_id, row.status, row.note, row.author) == (
        story_id,
        label,
        "disputed",
        "who?",
        "ana",
    )
    assert row.created_at == row.modified_at
    (origin,) = row.appearances
    text = lib.get_version(ids[1]).text  # type: ignore[union-attr]
    assert origin == row.origin and origin.origin and origin.anchor == "exact"
    assert (origin.version_id, origin.start, origin.end, origin.quote) == (
        ids[1],
        start,
        end,
        "minister",
    )
    assert origin.prefix == text[max(0, start - 32) : start]
    assert origin.suffix == text[end : end + 32]


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, 10_000), (True, 3), (0.0, 3)]
)
def test_add_claim_rejects_bad_spans(lib: Library, story, start, end) -> None:
    _, ids = story
    with pytest.raises(StorageError, match="span"):
        lib.add_claim(ids[0], start, end)
    assert lib.list_claims() == []


def test_add_claim_rejects_bad_references(lib: Library, story) -> None:
    _, ids = story
    with pytest.raises(StorageError, match="no version"):
        lib.add_claim(999, 0, 1)
    with pytest.raises(StorageError, match="no label"):
        lib.add_claim(ids[0], 0, 1, label_id=4242)
    with pytest.raises(InputError, match="'maybe' is not a status"):
        lib.add_claim(ids[0], 0, 1, status="maybe")
    with pytest.raises(StorageError, match="note"):
        lib.add_claim(ids[0], 0, 1, note=None)  # type: ignore[arg-type]
    with pytest.raises(StorageError, match="author"):
        lib.add_claim(ids[0], 0, 1, author=7)  # type: ignore[arg-type]
    assert lib.list_claims() == []


def test_claim_redo_with_same_id(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6)
    lib.delete_claim(claim_id)
    assert lib.get_claim(claim_id) is None
    again, _ = lib.add_claim(ids[0], 0, 6, claim_id=claim_id)
    assert again == claim_id
    with pytest.raises(StorageError, match="already exists"):
        lib.add_claim(ids[0], 1, 6, claim_id=claim_id)


def test_update_claim(lib: Library, story) -> None:
    _, ids = story
    label = lib.list_labels()[0].id
    claim_id, _ = lib.add_claim(ids[0], 0, 6, label_id=label)
    assert not lib.update_claim(claim_id)
    assert lib.update_claim(claim_id, note="checked", status="verified") == Change.of(
        claims=[claim_id]
    )
    lib.update_claim(claim_id, label_id=None)
    row = lib.get_claim(claim_id)
    assert row is not None
    assert (row.note, row.status, row.label_id) == ("checked", "verified", None)
    assert row.modified_at >= row.created_at
    with pytest.raises(StorageError, match="no claim"):
        lib.update_claim(999, note="x")
    with pytest.raises(StorageError, match="no label"):
        lib.update_claim(claim_id, label_id=5555)
    with pytest.raises(InputError, match="status"):
        lib.update_claim(claim_id, status="perhaps")
    lib.update_claim(claim_id, status="Supported")  # the analysts' word for "verified"
    assert lib.get_claim(claim_id).status == "verified"  # type: ignore[union-attr]


def test_statuses_match_the_schema(lib: Library, story) -> None:
    _, ids = story
    for status in CLAIM_STATUSES:
        lib.add_claim(ids[0], 0, 3, status=status)
    assert {c.status for c in lib.list_claims()} == set(CLAIM_STATUSES)
    for status in CLAIM_STATUSES:
        assert [c.status for c in lib.list_claims(status=status)] == [status]
    assert [c.status for c in lib.list_claims(status="false")] == ["refuted"]


# Appearances


def test_appearances_one_per_version_origin_first(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[1], *_span(lib, ids[1], "minister"))
    third, change = lib.add_appearance(claim_id, ids[2], *_span(lib, ids[2], "budget"))
    first, _ = lib.add_appearance(claim_id, ids[0], *_span(lib, ids[0], "minister"))
    assert change == Change.of(claims=[claim_id], appearances=[third])
    row = lib.get_claim(claim_id)
    assert row is not None
    assert [(a.version_id, a.origin) for a in row.appearances] == [
        (ids[1], True),
        (ids[0], False),
        (ids[2], False),
    ]
    assert {type(a.origin) for a in row.appearances} == {bool}
    lib.set_base(story[0], ids[2])  # the base comes right after the origin
    row = lib.get_claim(claim_id)
    assert [a.version_id for a in row.appearances] == [ids[1], ids[2], ids[0]]  # type: ignore[union-attr]
    lib.set_base(story[0], ids[0])
    assert row.appearance_in(ids[2]).quote == "budget"  # type: ignore[union-attr]
    assert row.modified_at > row.created_at
    with pytest.raises(StorageError, match="already appears in version"):
        lib.add_appearance(claim_id, ids[0], 0, 6)
    with pytest.raises(StorageError, match="was tagged in version"):
        lib.add_appearance(claim_id, ids[1], 0, 6)
    assert lib.remove_appearance(first) == Change.of(claims=[claim_id], appearances=[first])
    again, _ = lib.add_appearance(claim_id, ids[0], 0, 6, appearance_id=first)
    assert again == first


def test_appearance_errors(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6)
    other_story, _ = lib.add_story("Other")
    foreign, _, _ = lib.add_version(other_story, load_text("Another text."))
    with pytest.raises(StorageError, match="not part of the story"):
        lib.add_appearance(claim_id, foreign, 0, 7)
    with pytest.raises(StorageError, match="span"):
        lib.add_appearance(claim_id, ids[1], 5, 5)
    with pytest.raises(StorageError, match="no claim"):
        lib.add_appearance(999, ids[1], 0, 6)
    with pytest.raises(StorageError, match="no version"):
        lib.add_appearance(claim_id, 999, 0, 6)
    origin = lib.get_claim(claim_id).origin.id  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="delete the claim"):
        lib.remove_appearance(origin)
    with pytest.raises(StorageError, match="no appearance"):
        lib.remove_appearance(999)
    taken, _ = lib.add_appearance(claim_id, ids[1], 0, 6)
    with pytest.raises(StorageError, match="already exists"):
        lib.add_appearance(claim_id, ids[2], 0, 6, appearance_id=taken)
    assert len(lib.get_claim(claim_id).appearances) == 2  # type: ignore[union-attr]


def test_schema_refuses_an_appearance_in_another_story(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6)
    other_story, _ = lib.add_story("Other")
    foreign, _, _ = lib.add_version(other_story, load_text("Another text."))
    with pytest.raises(StorageError, match="own story"), lib._db.transaction() as conn:
        conn.execute(
            "INSERT INTO claim_appearance (claim_id, version_id, start_char, end_char, quote, "
            "created_at) VALUES (?, ?, 0, 7, 'Another', 'now')",
            (claim_id, foreign),
        )
    with pytest.raises(StorageError, match="CHECK"), lib._db.transaction() as conn:
        conn.execute(
            "INSERT INTO claim_appearance (claim_id, version_id, quote, created_at) "
            "VALUES (?, ?, 'x', 'now')",
            (claim_id, ids[1]),
        )


def test_delete_and_restore_claim_exactly(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6, note="original", author="me")
    lib.add_appearance(claim_id, ids[1], 0, 6)
    snapshot = lib.get_claim(claim_id)
    assert snapshot is not None
    change = lib.delete_claim(claim_id)
    assert change == Change.of(claims=[claim_id], appearances=[a.id for a in snapshot.appearances])
    assert lib.get_claim(claim_id) is None
    assert lib._db.conn.execute("SELECT count(*) FROM claim_appearance").fetchone()[0] == 0
    assert lib.restore_claim(snapshot) == change
    assert lib.get_claim(claim_id) == snapshot
    with pytest.raises(StorageError, match="already exists"):
        lib.restore_claim(snapshot)
    with pytest.raises(StorageError, match="no claim"):
        lib.delete_claim(999)


def test_list_claims_filters_and_order(lib: Library, story) -> None:
    s1, ids = story
    labels = [r.id for r in lib.list_labels()[:2]]
    s2, _ = lib.add_story("Other")
    v_other, _, _ = lib.add_version(s2, load_text("Something else entirely."))
    c1, _ = lib.add_claim(ids[0], 10, 20, label_id=labels[0])
    c2, _ = lib.add_claim(ids[0], 0, 5, label_id=labels[1], status="verified")
    c3, _ = lib.add_claim(ids[1], 0, 5)
    c4, _ = lib.add_claim(v_other, 0, 9)
    lib.add_appearance(c1, ids[1], 30, 40)
    lib.add_appearance(c2, ids[1], 50, 60)
    assert [c.id for c in lib.list_claims()] == [c2, c1, c3, c4]
    assert [c.id for c in lib.list_claims(story_id=s1)] == [c2, c1, c3]
    assert [c.id for c in lib.list_claims(version_id=ids[0])] == [c2, c1]
    assert [c.id for c in lib.list_claims(version_id=ids[1])] == [c3, c1, c2]  # by position there
    assert [c.id for c in lib.list_claims(label_id=labels[0])] == [c1]
    assert [c.id for c in lib.list_claims(status="verified")] == [c2]
    assert [c.id for c in lib.list_claims(story_id=s2, version_id=ids[0])] == []
    assert [len(c.appearances) for c in lib.list_claims(version_id=ids[1])] == [1, 2, 2]
    assert lib.list_claims(story_id=12345) == []


def test_list_claims_runs_two_queries_whatever_the_count(lib: Library, story) -> None:
    _, ids = story
    for start in range(30):
        claim_id, _ = lib.add_claim(ids[0], start, start + 3)
        lib.add_appearance(claim_id, ids[1], start, start + 3)
    statements: list[str] = []
    lib._db.conn.set_trace_callback(statements.append)
    try:
        claims = lib.list_claims(story_id=story[0])
    finally:
        lib._db.conn.set_trace_callback(None)
    assert len(claims) == 30 and all(len(c.appearances) == 2 for c in claims)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


def test_claims_hide_with_their_origin_version(lib: Library, story) -> None:
    _, ids = story
    claim_id, _ = lib.add_claim(ids[0], 0, 6)
    lib.add_appearance(claim_id, ids[1], 0, 6)
    lib.delete_version(ids[1])
    row = lib.get_claim(claim_id)
    assert row is not None and [a.version_id for a in row.appearances] == [ids[0]]
    assert lib.list_claims(version_id=ids[1]) == []
    lib.restore_version(ids[1])
    lib.delete_version(ids[0])
    assert lib.get_claim(claim_id) is None
    assert lib.list_claims() == [] and lib.list_claims(version_id=ids[1]) == []
    assert lib.get_story(story[0]).claim_count == 0  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="no claim"):
        lib.add_appearance(claim_id, ids[2], 0, 6)
    lib.restore_version(ids[0])
    assert len(lib.get_claim(claim_id).appearances) == 2  # type: ignore[union-attr]


def test_purging_a_version_drops_its_appearances_and_the_claims_it_originated(
    lib: Library, story
) -> None:
    _, ids = story
    kept, _ = lib.add_claim(ids[0], 0, 6)
    lib.add_appearance(kept, ids[1], 0, 6)
    gone, _ = lib.add_claim(ids[1], 7, 12)
    lib.add_appearance(gone, ids[0], 7, 12)
    lib.delete_version(ids[1])
    lib.purge_deleted()
    assert lib.get_claim(gone) is None
    assert [a.version_id for a in lib.get_claim(kept).appearances] == [ids[0]]  # type: ignore[union-attr]
    conn = lib._db.conn
    assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM claim_appearance").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_claim_spans_property(tmp_path: Path) -> None:
    """Valid spans are stored exactly; invalid ones are refused and store nothing."""
    text = "Ünïcode café — “quoted” text, 42 words.\n\nSecond paragraph."
    with Library.open(tmp_path / "prop.sqlite3") as lib:
        story_id, _ = lib.add_story("S")
        version_id, _, _ = lib.add_version(story_id, load_text(text))
        other_id, _, _ = lib.add_version(story_id, load_text(text + " More."))
        stored = lib.get_version(version_id).text  # type: ignore[union-attr]
        texts = {v: lib.get_version(v).text for v in (version_id, other_id)}  # type: ignore[union-attr]

        @settings(max_examples=120, deadline=None)
        @given(st.integers(-3, len(stored) + 3), st.integers(-3, len(stored) + 3))
        def check(start: int, end: int) -> None:
            before = len(lib.list_claims())
            if 0 <= start < end <= len(stored):
                claim_id, _ = lib.add_claim(version_id, start, end)
                lib.add_appearance(claim_id, other_id, start, end)
                row = lib.get_claim(claim_id)
                assert row is not None
                for appearance in row.appearances:
                    assert (appearance.start, appearance.end) == (start, end)
                    text = texts[appearance.version_id]
                    assert appearance.quote == text[start:end]
                    assert appearance.prefix == text[max(0, start - 32) : start]
                    assert appearance.suffix == text[end : end + 32]
            else:
                with pytest.raises(StorageError):
                    lib.add_claim(version_id, start, end)
                assert len(lib.list_claims()) == before

        check()


# Entity corrections


def test_entity_corrections(lib: Library, story) -> None:
    _, ids = story
    start, end = _span(lib, ids[0], "Ana Lopez")
    cid, change = lib.add_entity_correction(ids[0], start, end, "PERSON", "ana lopez")
    assert change == Change.of(corrections=[ids[0]])
    not_entity, _ = lib.add_entity_correction(ids[0], 0, 6, None)
    rows = lib.list_entity_corrections(ids[0])
    assert [(r.id, r.quote, r.label, r.key) for r in rows] == [
        (not_entity, "Budget", None, None),
        (cid, "Ana Lopez", "PERSON", "ana lopez"),
    ]
    same, _ = lib.add_entity_correction(ids[0], start, end, "ORG")
    assert same == cid
    assert lib.list_entity_corrections(ids[0])[1].label == "ORG"
    assert lib.delete_entity_correction(cid) == Change.of(corrections=[ids[0]])
    assert not lib.delete_entity_correction(cid)
    again, _ = lib.add_entity_correction(ids[0], start, end, "PERSON", correction_id=cid)
    assert again == cid
    with pytest.raises(StorageError, match="span"):
        lib.add_entity_correction(ids[0], 5, 5, "ORG")


def test_row_maker_builds_the_same_frozen_rows() -> None:
    values = (1, 2, 3, 4, 9, "quote", "pre", "suf", True, "exact", "2024-01-01T00:00:00.000Z")
    made, plain = row_maker(AppearanceRow)(*values), AppearanceRow(*values)
    assert type(made) is AppearanceRow
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 5  # type: ignore[misc]
    assert dataclasses.replace(made, start=0).start == 0
    claim = row_maker(ClaimRow)(7, 1, None, "open", "", "", "t", "t", (made,))
    assert claim.origin is made and claim.appearance_in(3) is made
