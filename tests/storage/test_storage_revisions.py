"""Replacing a version's text: old text kept, claims and corrections re-anchored, caches dropped."""

from __future__ import annotations

import pytest

from core.errors import StorageError
from core.storage import AnchorCounts, Change, Library
from core.textio import load_text

OLD = (
    "Budget passes after late vote\n\n"
    "The minister said the budget would pass on Friday. Critics disagreed. "
    "Turnout was 40 per cent in the north. Officials will publish the full results next week."
)
NEW = (  # the headline reworded, two sentences swapped, a figure corrected
    "Budget passes after a tight ballot\n\n"
    "Critics disagreed. The minister said the budget would pass on Friday. "
    "Turnout was 41 per cent in the north. Officials will publish the full results next week."
)


@pytest.fixture
def version(lib: Library) -> tuple[int, int]:
    """(story id, version id) of a story whose only version has the text OLD."""
    story_id, _ = lib.add_story("Revisions")
    version_id, _, _ = lib.add_version(story_id, load_text(OLD, "old.txt"))
    return story_id, version_id


def _tag(lib: Library, version_id: int, words: str, **fields) -> int:
    text = lib.get_version(version_id).text  # type: ignore[union-attr]
    start = text.index(words)
    return lib.add_claim(version_id, start, start + len(words), **fields)[0]


def test_replacing_keeps_the_old_text_and_updates_the_version(lib: Library, version) -> None:
    story_id, version_id = version
    before = lib.get_version(version_id)
    report, change = lib.replace_version_text(version_id, load_text(NEW, "new.md"))
    row = lib.get_version(version_id)
    assert row is not None and before is not None
    assert (row.text, row.source, row.word_count) == (NEW, "new.md", len(NEW.split()))
    assert row.content_hash != before.content_hash and row.imported_at == before.imported_at
    (revision,) = lib.list_revisions(version_id)
    assert (revision.id, revision.text, revision.content_hash, revision.source) == (
        report.revision_id,
        OLD,
        before.content_hash,
        "old.txt",
    )
    assert change.versions == {version_id} and change.stories == {story_id}
    assert {h.version_id for h in lib.search("ballot")} == {version_id}
    assert lib.search("40") == []
    lib._db.conn.execute("INSERT INTO version_fts (version_fts) VALUES ('integrity-check')")
    assert lib.integrity_check() == ["ok"]


def test_appearances_follow_the_text_and_orphans_are_kept(lib: Library, version) -> None:
    _, version_id = version
    moved = _tag(lib, version_id, "The minister said")
    fuzzy = _tag(lib, version_id, "Turnout was 40 per cent")
    orphan = _tag(lib, version_id, "late vote", note="keep me")
    exact = _tag(lib, version_id, "full results")
    report, change = lib.replace_version_text(version_id, load_text(NEW))
    assert report.appearances == AnchorCounts(exact=1, moved=1, fuzzy=1, orphaned=1)
    rows = {c.id: c.origin for c in lib.list_claims()}
    assert {claim_id: rows[claim_id].anchor for claim_id in rows} == {
        moved: "moved",
        fuzzy: "fuzzy",
        orphan: "orphaned",
        exact: "exact",
    }
    for claim_id in (moved, fuzzy, exact):
        a = rows[claim_id]
        assert a.start is not None and a.end is not None
        assert a.quote == NEW[a.start : a.end]
        assert a.prefix == NEW[max(0, a.start - 32) : a.start]
        assert a.suffix == NEW[a.end : a.end + 32]
    assert rows[moved].start == NEW.index("The minister said")
    assert rows[fuzzy].quote == "Turnout was 41 per cent"
    assert (rows[orphan].start, rows[orphan].quote) == (None, "late vote")
    assert report.orphaned_appearances == (rows[orphan].id,)
    assert lib.get_claim(orphan).note == "keep me"  # type: ignore[union-attr]
    assert change.claims == {moved, fuzzy, orphan, exact}
    assert change.appearances == {a.id for a in rows.values()}


def test_an_orphaned_origin_keeps_its_claim(lib: Library, version) -> None:
    _, version_id = version
    claim_id = _tag(lib, version_id, "Critics disagreed.", note="precious")
    text = "Completely different\n\nNothing of the old story survives in this one at all."
    report, _ = lib.replace_version_text(version_id, load_text(text))
    assert report.appearances == AnchorCounts(orphaned=1)
    claim = lib.get_claim(claim_id)
    assert claim is not None and claim.note == "precious"
    origin = claim.origin
    assert (origin.start, origin.end, origin.anchor, origin.quote) == (
        None,
        None,
        "orphaned",
        "Critics disagreed.",
    )
    assert report.orphaned_appearances == (origin.id,)
    assert lib.get_story(claim.story_id).claim_count == 1  # type: ignore[union-attr]
    snapshot = claim
    lib.delete_claim(claim_id)
    lib.restore_claim(snapshot)
    assert lib.get_claim(claim_id) == snapshot
    # the old text comes back: the orphan is found again
    report, _ = lib.replace_version_text(version_id, load_text(OLD))
    again = lib.get_claim(claim_id).origin  # type: ignore[union-attr]
    assert again.start is not None and OLD[again.start : again.end] == "Critics disagreed."
    assert report.appearances.orphaned == 0


def test_corrections_follow_the_text_or_are_reported(lib: Library, version) -> None:
    _, version_id = version
    start = OLD.index("minister")
    kept, _ = lib.add_entity_correction(version_id, start, start + 8, "ROLE")
    late = OLD.index("late vote")
    lost, _ = lib.add_entity_correction(version_id, late, late + 9, None)
    text = NEW
    report, change = lib.replace_version_text(version_id, load_text(text))
    (row,) = lib.list_entity_corrections(version_id)
    assert (row.id, row.quote, row.label) == (kept, "minister", "ROLE")
    assert text[row.start : row.end] == "minister"
    assert [c.id for c in report.removed_corrections] == [lost]
    assert report.removed_corrections[0].quote == "late vote"
    assert report.corrections.orphaned == 1 and report.corrections.total == 2
    assert change.corrections == {version_id}


def test_cached_analyses_are_dropped(lib: Library, version) -> None:
    story_id, version_id = version
    other, _, _ = lib.add_version(story_id, load_text("Another take\n\nOn the budget vote."))
    lib.save_doc_analysis(version_id, "m", "1", "e", b"docbin")
    lib.save_doc_analysis(other, "m", "1", "e", b"other")
    lib.save_comparison([version_id, other], "m", "e", "{}")
    _, change = lib.replace_version_text(version_id, load_text(NEW))
    assert change.analyses == {version_id}
    conn = lib._db.conn
    assert [r[0] for r in conn.execute("SELECT version_id FROM doc_analysis")] == [other]
    assert conn.execute("SELECT count(*) FROM comparison").fetchone()[0] == 0


def test_overrides_past_the_new_units_are_removed_and_reported(lib: Library, version) -> None:
    story_id, version_id = version
    other, _, _ = lib.add_version(story_id, load_text("Another take\n\nOn the budget vote."))
    for base_unit, other_unit in ((1, 1), (4, 1), (2, 5)):
        lib.set_alignment_override(version_id, other, base_unit, other_unit, "pin")
    lib.set_alignment_override(other, version_id, 1, 3, "forbid")
    report, change = lib.replace_version_text(version_id, load_text(NEW), unit_count=3)
    assert [(o.base_version_id, o.base_unit, o.other_unit) for o in report.removed_overrides] == [
        (version_id, 4, 1),
        (other, 1, 3),
    ]
    assert change.overrides == {version_id, other}
    left = lib.list_alignment_overrides(version_id, other)
    assert [(o.base_unit, o.other_unit) for o in left] == [(1, 1), (2, 5)]
    report, _ = lib.replace_version_text(version_id, load_text(OLD))  # no count: all stay
    assert report.removed_overrides == ()
    assert len(lib.list_alignment_overrides(version_id, other)) == 2


def test_same_text_changes_nothing_and_bad_input_is_refused(lib: Library, version) -> None:
    story_id, version_id = version
    report, change = lib.replace_version_text(version_id, load_text(OLD))
    assert (report.revision_id, change) == (None, Change())
    assert lib.list_revisions(version_id) == []
    twin, _, _ = lib.add_version(story_id, load_text(NEW))
    with pytest.raises(StorageError, match=f"version {twin} of this story already has that text"):
        lib.replace_version_text(version_id, load_text(NEW))
    source = load_text(NEW + " More.")
    with pytest.raises(StorageError, match="content hash"):
        lib.replace_version_text(
            version_id, type(source)(**{**_fields(source), "content_hash": "x"})
        )
    with pytest.raises(StorageError, match="no version"):
        lib.replace_version_text(999, source)
    with pytest.raises(StorageError, match="unit count"):
        lib.replace_version_text(version_id, source, unit_count=-1)
    assert lib.get_version(version_id).text == OLD  # type: ignore[union-attr]
    assert lib.list_revisions(version_id) == []


def _fields(source: object) -> dict[str, object]:
    return {name: getattr(source, name) for name in source.__dataclass_fields__}  # type: ignore[attr-defined]
