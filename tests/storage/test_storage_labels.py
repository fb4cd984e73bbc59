"""Labels: editing, the default schema seeded once, JSON schema import and export."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from core.errors import InputError, StorageError, VariorumError
from core.label_schema import LabelSpec, default_labels, parse_label_schema
from core.storage import UNSET, Change, Library


@pytest.fixture
def bare(lib: Library) -> Library:
    """The library without its seeded default labels."""
    for label in lib.list_labels():
        lib.delete_label(label.id)
    return lib


def test_a_new_library_is_seeded_with_the_default_schema(lib: Library) -> None:
    expected = [(s.name, s.colour.lower(), s.shortcut, s.description) for s in default_labels()]
    rows = lib.list_labels()
    assert [(r.name, r.colour, r.shortcut, r.description) for r in rows] == expected
    assert [r.position for r in rows] == list(range(len(expected)))


def test_defaults_are_seeded_once_so_deleted_ones_stay_deleted(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        first = lib.list_labels()[0]
        lib.delete_label(first.id)
        assert not lib.ensure_default_labels()
    with Library.open(db_path) as lib:
        assert first.name not in {r.name for r in lib.list_labels()}


def test_an_existing_library_never_seeded_is_seeded_on_opening(db_path: Path) -> None:
    Library.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM label")
    conn.execute("DELETE FROM meta WHERE key = 'labels_seeded'")
    conn.commit()
    conn.close()
    with Library.open(db_path) as lib:
        assert len(lib.list_labels()) == len(default_labels())


def test_seeding_skips_taken_names_and_shortcuts(bare: Library) -> None:
    bare.add_label("Mine", "#123456", "1")
    bare.add_label("Prediction", "#000000", "q")
    bare._db.conn.execute("DELETE FROM meta WHERE key = 'labels_seeded'")
    change = bare.ensure_default_labels()
    rows = {r.name: r for r in bare.list_labels()}
    assert len(change.labels) == len(default_labels()) - 1
    assert rows["Prediction"].colour == "#000000"  # the analyst's label is left alone
    assert rows["Mine"].shortcut == "1"
    assert rows[default_labels()[0].name].shortcut is None  # its "1" was taken


def test_add_and_list_labels(bare: Library) -> None:
    a, change = bare.add_label("Claim", "#FF7F0E", "1", description="A checkable claim.")
    b, _ = bare.add_label("Source", "#1f77b4")
    assert change == Change.of(labels=[a])
    rows = bare.list_labels()
    assert [(r.id, r.name, r.colour, r.shortcut, r.position, r.description) for r in rows] == [
        (a, "Claim", "#ff7f0e", "1", 0, "A checkable claim."),
        (b, "Source", "#1f77b4", None, 1, ""),
    ]
    assert bare.get_label(a) == rows[0]
    assert bare.find_label("CLAIM") == rows[0]
    assert bare.get_label(999) is None and bare.find_label("nope") is None


def test_label_clashes_and_bad_values_have_clear_messages(bare: Library) -> None:
    bare.add_label("Claim", "#ff0000", "k")
    with pytest.raises(StorageError, match="a label called 'Claim' already exists"):
        bare.add_label("claim", "#00ff00")
    clash = re.escape("shortcut 'K' is already used by the label 'Claim'")
    with pytest.raises(StorageError, match=clash):
        bare.add_label("Other", "#00ff00", "K")
    for colour in ("red", "#fff", "#12345g", ""):
        with pytest.raises(VariorumError, match="colour"):
            bare.add_label("Other", colour)
    with pytest.raises(InputError, match="not one key"):
        bare.add_label("Other", "#00ff00", "Ctrl+1")
    with pytest.raises(InputError, match="one line"):
        bare.add_label("Other", "#00ff00", description="two\nlines")
    assert [r.name for r in bare.list_labels()] == ["Claim"]


def test_update_label(bare: Library) -> None:
    a, _ = bare.add_label("Claim", "#ff0000", "1")
    b, _ = bare.add_label("Quote", "#00ff00", "2")
    assert not bare.update_label(a)
    assert bare.update_label(a, name="Claims", colour="#0000FF") == Change.of(labels=[a])
    with pytest.raises(StorageError, match="already used"):
        bare.update_label(a, shortcut="2")
    bare.update_label(b, shortcut=None)
    bare.update_label(a, shortcut="2", position=5, description="Said to be so.")
    row = bare.get_label(a)
    assert row is not None
    assert (row.name, row.colour, row.shortcut, row.position, row.description) == (
        "Claims",
        "#0000ff",
        "2",
        5,
        "Said to be so.",
    )
    assert bare.get_label(b).shortcut is None  # type: ignore[union-attr]
    bare.update_label(a, name="Claims", shortcut=UNSET)  # its own name is not a clash
    with pytest.raises(InputError, match="position"):
        bare.update_label(a, position=-1)
    with pytest.raises(StorageError, match="no label"):
        bare.update_label(999, name="x")


def test_delete_label_in_use_needs_a_new_home(bare: Library, story) -> None:
    _, ids = story
    a, _ = bare.add_label("Claim", "#ff0000")
    b, _ = bare.add_label("Other", "#00ff00")
    claim_id, _ = bare.add_claim(ids[0], 0, 6, label_id=a)
    with pytest.raises(StorageError, match="used by 1 claim"):
        bare.delete_label(a)
    with pytest.raises(StorageError, match="being deleted"):
        bare.delete_label(a, reassign_to=a)
    change = bare.delete_label(a, reassign_to=b)
    assert change == Change.of(labels=[a, b], claims=[claim_id])
    assert bare.get_claim(claim_id).label_id == b  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="no label"):
        bare.delete_label(a)


def test_deleted_label_comes_back_with_its_id(bare: Library) -> None:
    a, _ = bare.add_label("Claim", "#ff0000", "1", description="d")
    row = bare.get_label(a)
    bare.delete_label(a)
    again, _ = bare.add_label("Claim", "#ff0000", "1", description="d", label_id=a)
    assert again == a and bare.get_label(a) == row
    with pytest.raises(StorageError, match="already exists"):
        bare.add_label("Different", "#ff0000", label_id=a)


# Schema import and export


def test_export_then_import_round_trips(lib: Library, db_path: Path) -> None:
    data = lib.export_labels(source="ours")
    assert data["source"] == "ours"
    assert parse_label_schema(json.loads(json.dumps(data))) == [
        LabelSpec(r.name, r.colour, r.shortcut, r.description, r.position)
        for r in lib.list_labels()
    ]
    before = lib.list_labels()
    lib.import_labels(parse_label_schema(data))
    assert lib.list_labels() == before


def test_import_merges_by_name_and_moves_shortcuts(bare: Library) -> None:
    a, _ = bare.add_label("Claim", "#ff0000", "1")
    b, _ = bare.add_label("Quote", "#00ff00", "2")
    keep, _ = bare.add_label("Mine", "#000000", "m")
    specs = [
        LabelSpec("claim", "#111111", "2", "swapped", 0),  # takes Quote's shortcut
        LabelSpec("Quote", "#222222", "1", "", 1),
        LabelSpec("New", "#333333", "n", "fresh", 2),
    ]
    change = bare.import_labels(specs)
    rows = {r.name: r for r in bare.list_labels()}
    assert set(rows) == {"claim", "Quote", "New", "Mine"}
    assert (rows["claim"].id, rows["claim"].shortcut, rows["claim"].colour) == (a, "2", "#111111")
    assert (rows["Quote"].id, rows["Quote"].shortcut) == (b, "1")
    assert rows["Mine"].id == keep and rows["New"].description == "fresh"
    assert change.labels == {a, b, rows["New"].id}


def test_import_refuses_a_shortcut_kept_by_another_label(bare: Library) -> None:
    bare.add_label("Mine", "#000000", "m")
    with pytest.raises(StorageError, match=r"shortcut 'm' of the imported label 'New'.*'Mine'"):
        bare.import_labels([LabelSpec("New", "#333333", "m", "", 0)])
    assert [r.name for r in bare.list_labels()] == ["Mine"]


def test_import_with_replace_deletes_unnamed_labels_unless_used(bare: Library, story) -> None:
    _, ids = story
    used, _ = bare.add_label("Used", "#000000", "u")
    bare.add_label("Spare", "#000000", "s")
    bare.add_claim(ids[0], 0, 6, label_id=used)
    specs = [LabelSpec("Fresh", "#123456", "s", "", 0)]
    with pytest.raises(StorageError, match="'Used' is used by 1 claim"):
        bare.import_labels(specs, replace=True)
    assert {r.name for r in bare.list_labels()} == {"Used", "Spare"}
    change = bare.import_labels([*specs, LabelSpec("used", "#654321", None, "", 1)], replace=True)
    rows = bare.list_labels()
    assert [(r.name, r.shortcut) for r in rows] == [("Fresh", "s"), ("used", None)]
    assert rows[1].id == used and len(change.labels) == 3


def test_import_validates_the_schema_first(bare: Library) -> None:
    bad = [LabelSpec("A", "#000000", "1", "", 0), LabelSpec("B", "#000000", "1", "", 1)]
    with pytest.raises(InputError, match="shortcut 1 is used by both A and B"):
        bare.import_labels(bad)
    with pytest.raises(InputError, match="colour"):
        bare.import_labels([LabelSpec("A", "blue", None, "", 0)])
    assert bare.list_labels() == []
