"""LibraryModel: a correct two-level tree, lazy versions, in-place refresh, filtering."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from ui.models.library_model import (
    KIND_ROLE,
    STORY_ID_ROLE,
    VERSION_ID_ROLE,
    LibraryModel,
    StoryItem,
    VersionItem,
)


@dataclass
class FakeSource:
    titles: dict[int, str] = field(default_factory=dict)
    versions_by_story: dict[int, list[VersionItem]] = field(default_factory=dict)
    version_reads: list[int] = field(default_factory=list)

    def stories(self):
        return [StoryItem(i, t, len(self.versions_by_story.get(i, [])))
                for i, t in self.titles.items()]

    def versions(self, story_id):
        self.version_reads.append(story_id)
        return list(self.versions_by_story.get(story_id, []))

    def add(self, story_id: int, title: str, labels: list[str]) -> None:
        self.titles[story_id] = title
        self.versions_by_story[story_id] = [
            VersionItem(story_id * 10 + n, story_id, label, n == 0)
            for n, label in enumerate(labels)
        ]


@pytest.fixture
def source():
    fake = FakeSource()
    fake.add(1, "Crane collapse", ["Meridian Wire", "CoastNews"])
    fake.add(2, "Harbour strike", ["Agency", "Rewrite A", "Rewrite B"])
    fake.add(3, "Empty story", [])
    return fake


@pytest.fixture
def model(qapp, source):
    model = LibraryModel(source)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def test_versions_are_not_read_until_asked_for(qapp, source):
    model = LibraryModel(source)
    assert model.rowCount() == 3
    assert model.hasChildren(model.index(0, 0))
    assert source.version_reads == []


def test_stories_are_top_level_and_versions_are_children(qapp, source):
    model = LibraryModel(source)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert model.data(first) == "Crane collapse"
    assert model.hasChildren(first)
    assert not model.hasChildren(model.index(2, 0))
    model.fetchMore(first)
    assert model.rowCount(first) == 2
    child = model.index(0, 0, first)
    assert model.data(child) == "Meridian Wire  (base)"
    assert model.data(child, Qt.ItemDataRole.FontRole).bold()
    assert model.data(child, VERSION_ID_ROLE) == 10
    assert model.data(child, STORY_ID_ROLE) == 1
    assert model.data(child, KIND_ROLE) == "version"
    assert model.parent(child) == first
    assert not model.canFetchMore(first)


def test_refresh_inserts_and_removes_stories_in_place(model, source):
    keep = QPersistentModelIndex(model.index(1, 0))
    del source.titles[1]
    source.add(4, "New story", ["One", "Two"])
    model.refresh()
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "Harbour strike", "Empty story", "New story"]
    assert keep.isValid()
    assert keep.row() == 0


def test_refresh_picks_up_renamed_story_and_new_base(model, source):
    first = model.story_index(1)
    model.fetchMore(first)
    source.titles[1] = "Renamed"
    versions = source.versions_by_story[1]
    source.versions_by_story[1] = [
        VersionItem(versions[1].id, 1, versions[1].label, True),
        VersionItem(versions[0].id, 1, versions[0].label, False),
    ]
    model.refresh([1])
    assert model.data(model.story_index(1)) == "Renamed"
    assert model.data(model.index(0, 0, model.story_index(1))) == "CoastNews  (base)"


def test_version_index_fetches_on_demand(model):
    index = model.version_index(2, 22)
    assert index.isValid()
    assert model.data(index) == "Rewrite B"
    assert model.version_at(index).label == "Rewrite B"
    assert model.story_at(index).title == "Harbour strike"
    assert not model.version_index(2, 999).isValid()
    assert not model.version_index(99, 10).isValid()


def test_filter_shows_only_matching_stories(model):
    model.set_story_filter({2})
    assert model.story_ids() == [2]
    model.set_story_filter(None)
    assert model.story_ids() == [1, 2, 3]


def test_invalid_indexes_are_harmless(model):
    assert model.data(QModelIndex()) is None
    assert model.index(5, 0) == QModelIndex()
    assert model.index(0, 1) == QModelIndex()
    assert model.story_at(QModelIndex()) is None


def test_model_over_the_real_library(qapp, tmp_path):
    from core.storage.library import Library
    from core.textio import load_text
    from ui.library_bridge import LibraryBridge

    with Library.open(tmp_path / "lib.sqlite3") as library:
        bridge = LibraryBridge(library)
        first = bridge.add_story([load_text("One.\n\nTwo.", "a.txt"), load_text("One!", "b.txt")])
        bridge.add_story([load_text("Other story.", "c.txt")], "Second")
        model = LibraryModel(bridge)
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        assert model.rowCount() == 2
        story = model.story_index(first)
        model.fetchMore(story)
        assert [model.data(model.index(r, 0, story)) for r in range(2)] == ["a  (base)", "b"]
        library.rename_story(first, "Renamed")
        library.delete_story(bridge.add_story([load_text("Gone.", "d.txt")]))
        model.refresh()
        assert [model.data(model.index(r, 0)) for r in range(2)] == ["Renamed", "Second"]
