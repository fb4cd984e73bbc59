"""Labels, claims, claim links and entity corrections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import StorageError
from core.storage import CLAIM_STATUSES, UNSET, Change, Library
from core.textio import load_text

# Labels


def test_add_and_list_labels(lib: Library) -> None:
    a, change = lib.add_label("Claim", "#FF7F0E", "1")
    b, _ = lib.add_label("Source", "#1f77b4")
    assert change == Change.of(labels=[a])
    rows = lib.list_labels()
    assert [(r.id, r.name, r.colour, r.shortcut, r.position) for r in rows] == [
        (a, "Claim", "#ff7f0e", "1", 0),
        (b, "Source", "#1f77b4", None, 1),
    ]
    assert lib.get_label(a) == rows[0]
    assert lib.get_label(999) is None


def test_label_clashes_have_clear_messages(lib: Library) -> None:
    lib.add_label("Claim", "#ff0000", "Ctrl+1")
    with pytest.raises(StorageError, match="a label called 'Claim' already exists"):
        lib.add_label("claim", "#00ff00")
    clash = re.escape("shortcut 'ctrl+1' is already used by the label 'Claim'")
    with pytest.raises(StorageError, match=clash):
        lib.add_label("Other", "#00ff00", "ctrl+1")
    for colour in ("red", "#fff", "#12345g", ""):
        with pytest.raises(StorageError, match="colour"):
            lib.add_label("Other", colour)


def test_update_label(lib: Library) -> None:
    a, _ = lib.add_label("Claim", "#ff0000", "1")
    b, _ = lib.add_label("Quote", "#00ff00", "2")
    assert not lib.update_label(a)
    assert lib.update_label(a, name="Claims", colour="#0000FF") == Change.of(labels=[a])
    with pytest.raises(StorageError, match="already used"):
        lib.update_label(a, shortcut="2")
    lib.update_label(b, shortcut=None)
    lib.update_label(a, shortcut="2", position=5)
    row = lib.get_label(a)
    assert (row.name, row.colour, row.shortcut, row.position) == ("Claims", "#0000ff", "2", 5)
    assert lib.get_label(b).shortcut is None  # type: ignore[union-attr]
    lib.update_label(a, name="Claims", shortcut=UNSET)  # its own name is not a clash


def test_delete_label_in_use_needs_a_new_home(lib: Library, story) -> None:
    _, ids = story
    a, _ = lib.add_label("Claim", "#ff0000")
    b, _ = lib.add_label("Other", "#00ff00")
    claim_id, _ = lib.add_claim(ids[0], 0, 6, a)
    with pytest.raises(StorageError, match="used by 1 claim"):
        lib.delete_label(a)
    with pytest.raises(StorageError, match="being deleted"):
        lib.delete_label(a, reassign_to=a)
    change = lib.delete_label(a, reassign_to=b)
    assert change == Change.of(labels=[a, b], claims=[claim_id])
    assert lib.get_claim(claim_id).label_id == b  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="no label"):
        lib.delete_label(a)


def test_deleted_label_comes_back_with_its_id(lib: Library) -> None:
    a, _ = lib.add_label("Claim", "#ff0000", "1")
    lib.delete_label(a)
    again, _ = lib.add_label("Claim", "#ff0000", "1", label_id=a)
    assert again == a
    with pytest.raises(StorageError, match="already exists"):
        lib.add_label("Different", "#ff0000", label_id=a)


def test_ensure_default_labels_runs_once(lib: Library) -> None:
    lib.add_label("Mine", "#123456", "1")
    defaults = [("Claim", "#ff0000", "1"), ("Mine", "#000000", "2"), ("Quote", "#00ff00", "3")]
    change = lib.ensure_default_labels(defaults)
    names = {r.name: r.shortcut for r in lib.list_labels()}
    assert names == {"Mine": "1", "Claim": None, "Quote": "3"}
    assert len(change.labels) == 2
    quote = next(r for r in lib.list_labels() if r.name == "Quote")
    lib.delete_label(quote.id)
    assert not lib.ensure_default_labels(defaults)
    assert "Quote" not in {r.name for r in lib.list_labels()}


# Claims


def test_add_claim_stores_quote_and_fields(lib: Library, story) -> None:
    story_id, ids = story
    label, _ = lib.add_label("Claim", "#ff0000")
    text = lib.get_version(ids[1]).text  # type: ignore[union-attr]
    start = text.index("minister")
    claim_id, change = lib.add_claim(
        ids[1], start, start + 8, label, note="who?", status="disputed"
    )
    assert change == Change.of(claims=[claim_id])
    row = lib.get_claim(claim_id)
    assert row is not None
    assert (row.version_id, row.story_id, row.start, row.end, row.quote) == (
        ids[1],
        story_id,
        start,
        start + 8,
        "minister",
    )
    assert (row.label_id, row.status, row.note) == (label, "disputed", "who?")
    assert row.created_at == row.modified_at


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
        lib.add_claim(ids[0], 0, 1, label_id=42)
    with pytest.raises(StorageError, match="status"):
        lib.add_claim(ids[0], 0, 1, status="maybe")
    with pytest.raises(StorageError, match="note"):
        lib.add_claim(ids[0], 0, 1, note=None)  # type: ignore[arg-type]


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
    label, _ = lib.add_label("Claim", "#ff0000")
    claim_id, _ = lib.add_claim(ids[0], 0, 6, label)
    assert not lib.update_claim(claim_id)
    assert lib.update_claim(claim_id, note="checked", status="verified") == Change.of(
        claims=[claim_id]
    )
    lib.update_claim(claim_id, label_id=None)
    row = lib.get_claim(claim_id)
    assert (row.note, row.status, row.label_id) == ("checked", "verified", None)
    assert row.modified_at >= row.created_at
    with pytest.raises(StorageError, match="no claim"):
        lib.update_claim(999, note="x")
    with pytest.raises(StorageError, match="no label"):
        lib.update_claim(claim_id, label_id=55)


def test_list_claims_filters(lib: Library, story) -> None:
    s1, ids = story
    s2, _ = lib.add_story("Other")
    v_other, _, _ = lib.add_version(s2, load_text("Something else entirely."))
    c1, _ = lib.add_claim(ids[0], 10, 20)
    c2, _ = lib.add_claim(ids[0], 0, 5)
    c3, _ = lib.add_claim(ids[1], 0, 5)
    c4, _ = lib.add_claim(v_other, 0, 9)
    assert [c.id for c in lib.list_claims()] == [c2, c1, c3, c4]
    assert [c.id for c in lib.list_claims(story_id=s1)] == [c2, c1, c3]
    assert [c.id for c in lib.list_claims(version_id=ids[0])] == [c2, c1]
    assert [c.id for c in lib.list_claims(story_id=s2, version_id=ids[0])] == []


def test_statuses_match_the_schema(lib: Library, story) -> None:
    _, ids = story
    for status in CLAIM_STATUSES:
        lib.add_claim(ids[0], 0, 3, status=status)
    assert {c.status for c in lib.list_claims()} == set(CLAIM_STATUSES)


def test_claim_spans_property(tmp_path: Path) -> None:
    """Valid spans are stored exactly; invalid ones are refused and store nothing."""
    text = "Ünïcode café — “quoted” text, 42 words.\n\nSecond paragraph."
    with Library.open(tmp_path / "prop.sqlite3") as lib:
        story_id, _ = lib.add_story("S")
        version_id, _, _ = lib.add_version(story_id, load_text(text))
        stored = lib.get_version(version_id).text  # type: ignore[union-attr]

        @settings(max_examples=120, deadline=None)
        @given(st.integers(-3, len(stored) + 3), st.integers(-3, len(stored) + 3))
        def check(start: int, end: int) -> None:
            before = len(lib.list_claims())
            if 0 <= start < end <= len(stored):
                claim_id, _ = lib.add_claim(version_id, start, end)
                row = lib.get_claim(claim_id)
                assert row is not None
                assert (row.start, row.end, row.quote) == (start, end, stored[start:end])
            else:
                with pytest.raises(StorageError):
                    lib.add_claim(version_id, start, end)
                assert len(lib.list_claims()) == before

        check()


# Links


def test_links_are_symmetric_and_idempotent(lib: Library, story) -> None:
    _, ids = story
    a, _ = lib.add_claim(ids[0], 0, 6)
    b, _ = lib.add_claim(ids[1], 0, 6)
    c, _ = lib.add_claim(ids[2], 0, 6)
    assert lib.link_claims(b, a) == Change.of(links=[a, b])
    assert not lib.link_claims(a, b)
    lib.link_claims(c, a)
    assert [r.id for r in lib.linked_claims(a)] == [b, c]
    assert [r.id for r in lib.linked_claims(b)] == [a]
    assert lib.unlink_claims(b, a) == Change.of(links=[a, b])
    assert not lib.unlink_claims(a, b)
    assert [r.id for r in lib.linked_claims(a)] == [c]


def test_links_stay_within_one_story_across_versions(lib: Library, story) -> None:
    _, ids = story
    a, _ = lib.add_claim(ids[0], 0, 6)
    same_version, _ = lib.add_claim(ids[0], 7, 12)
    other_story, _ = lib.add_story("Other")
    v, _, _ = lib.add_version(other_story, load_text("Another text."))
    foreign, _ = lib.add_claim(v, 0, 7)
    with pytest.raises(StorageError, match="itself"):
        lib.link_claims(a, a)
    with pytest.raises(StorageError, match="same version"):
        lib.link_claims(a, same_version)
    with pytest.raises(StorageError, match="different stories"):
        lib.link_claims(a, foreign)
    with pytest.raises(StorageError, match="no claim"):
        lib.link_claims(a, 999)


def test_delete_and_restore_claim_with_links(lib: Library, story) -> None:
    _, ids = story
    a, _ = lib.add_claim(ids[0], 0, 6, note="original")
    b, _ = lib.add_claim(ids[1], 0, 6)
    lib.link_claims(a, b)
    snapshot, linked = lib.get_claim(a), [r.id for r in lib.linked_claims(a)]
    assert lib.delete_claim(a) == Change.of(claims=[a], links=[a, b])
    assert lib.linked_claims(b) == []
    change = lib.restore_claim(snapshot, [*linked, 999])  # type: ignore[arg-type]
    assert change == Change.of(claims=[a], links=[a, b])
    assert lib.get_claim(a) == snapshot
    assert [r.id for r in lib.linked_claims(b)] == [a]
    with pytest.raises(StorageError, match="already exists"):
        lib.restore_claim(snapshot)  # type: ignore[arg-type]


# Entity corrections


def test_entity_corrections(lib: Library, story) -> None:
    _, ids = story
    text = lib.get_version(ids[0]).text  # type: ignore[union-attr]
    start = text.index("Ana Lopez")
    cid, change = lib.add_entity_correction(ids[0], start, start + 9, "PERSON", "ana lopez")
    assert change == Change.of(corrections=[ids[0]])
    not_entity, _ = lib.add_entity_correction(ids[0], 0, 6, None)
    rows = lib.list_entity_corrections(ids[0])
    assert [(r.id, r.quote, r.label, r.key) for r in rows] == [
        (not_entity, "Budget", None, None),
        (cid, "Ana Lopez", "PERSON", "ana lopez"),
    ]
    same, _ = lib.add_entity_correction(ids[0], start, start + 9, "ORG")
    assert same == cid
    assert lib.list_entity_corrections(ids[0])[1].label == "ORG"
    assert lib.delete_entity_correction(cid) == Change.of(corrections=[ids[0]])
    assert not lib.delete_entity_correction(cid)
    again, _ = lib.add_entity_correction(ids[0], start, start + 9, "PERSON", correction_id=cid)
    assert again == cid
    with pytest.raises(StorageError, match="span"):
        lib.add_entity_correction(ids[0], 5, 5, "ORG")
