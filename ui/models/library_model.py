"""Stories and their versions as a two-level tree, holding ids plus lazily fetched rows.

The model reads through a small ``LibrarySource`` (the main window adapts the storage
``Library`` to it), so it knows nothing about SQL. Versions of a story are fetched
the first time the story is expanded (``canFetchMore``/``fetchMore``). ``refresh``
re-reads what changed and updates rows in place (insert, remove, dataChanged) rather
than resetting, so expansion and selection survive an edit or an undo.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ui.bidi import isolate

AnyIndex = QModelIndex | QPersistentModelIndex

STORY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VERSION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3

#: internalId of story rows; version rows carry their story's id (ids start at 1).
_STORY_NODE = 0


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One story as the tree shows it."""

    id: int
    title: str
    version_count: int
    detail: str = ""


@dataclass(frozen=True, slots=True)
class VersionItem:
    """One version as the tree shows it."""

    id: int
    story_id: int
    label: str
    is_base: bool
    detail: str = ""


class LibrarySource(Protocol):
    """What the tree reads: stories in display order, and each story's versions."""

    def stories(self) -> Sequence[StoryItem]: ...

    def versions(self, story_id: int) -> Sequence[VersionItem]: ...


class LibraryModel(QAbstractItemModel):
    """Stories at the top level, their versions below; the base version in bold."""

    def __init__(self, source: LibrarySource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter: frozenset[int] | None = None
        self._stories: list[StoryItem] = []
        self._versions: dict[int, list[VersionItem]] = {}  # only fetched stories
        self._stories = self._read_stories()

    # ------------------------------------------------------------------ lookups

    def story_row(self, story_id: int) -> int:
        return next((r for r, s in enumerate(self._stories) if s.id == story_id), -1)

    def story_index(self, story_id: int) -> QModelIndex:
        row = self.story_row(story_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    def version_index(self, story_id: int, version_id: int) -> QModelIndex:
        parent = self.story_index(story_id)
        if not parent.isValid():
            return QModelIndex()
        self._ensure_versions(story_id)
        rows = self._versions.get(story_id, [])
        row = next((r for r, v in enumerate(rows) if v.id == version_id), -1)
        return self.index(row, 0, parent) if row >= 0 else QModelIndex()

    def story_ids(self) -> list[int]:
        return [story.id for story in self._stories]

    def story_at(self, index: AnyIndex) -> StoryItem | None:
        """The story of a story row, or the story a version row belongs to."""
        if not index.isValid():
            return None
        story_id = index.internalId() or None
        if story_id is None:
            return self._stories[index.row()] if index.row() < len(self._stories) else None
        row = self.story_row(story_id)
        return self._stories[row] if row >= 0 else None

    def version_at(self, index: AnyIndex) -> VersionItem | None:
        story_id = index.internalId() if index.isValid() else 0
        if not story_id:
            return None
        rows = self._versions.get(story_id, [])
        return rows[index.row()] if index.row() < len(rows) else None

    # ------------------------------------------------------------------ refresh

    def set_story_filter(self, story_ids: Iterable[int] | None) -> None:
        """Show only these stories (search results); None shows all."""
        self._filter = None if story_ids is None else frozenset(story_ids)
        self.refresh()

    def refresh(self, story_ids: Iterable[int] = ()) -> None:
        """Re-read the story list, and the versions of ``story_ids`` (all fetched if empty)."""
        self._sync_stories(self._read_stories())
        wanted = set(story_ids) or set(self._versions)
        for story_id in wanted & set(self._versions):
            if self.story_row(story_id) >= 0:
                self._sync_versions(story_id, list(self._source.versions(story_id)))

    def _read_stories(self) -> list[StoryItem]:
        stories = list(self._source.stories())
        if self._filter is not None:
            stories = [s for s in stories if s.id in self._filter]
        return stories

    def _sync_stories(self, new: list[StoryItem]) -> None:
        keep = {story.id for story in new}
        for row in reversed(range(len(self._stories))):
            if self._stories[row].id not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._versions.pop(self._stories[row].id, None)
                del self._stories[row]
                self.endRemoveRows()
        for row, story in enumerate(new):
            current = self.story_row(story.id)
            if current == -1:
                self.beginInsertRows(QModelIndex(), row, row)
                self._stories.insert(row, story)
                self.endInsertRows()
                continue
            if current != row:
                self.beginMoveRows(QModelIndex(), current, current, QModelIndex(), row)
                self._stories.insert(row, self._stories.pop(current))
                self.endMoveRows()
            if self._stories[row] != story:
                self._stories[row] = story
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def _sync_versions(self, story_id: int, new: list[VersionItem]) -> None:
        parent = self.story_index(story_id)
        old = self._versions[story_id]
        if [v.id for v in old] == [v.id for v in new]:
            self._versions[story_id] = new
            if old != new and new:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(new) - 1, 0, parent))
            return
        if old:  # reordering (a new base) or removals: simplest correct move is a swap
            self.beginRemoveRows(parent, 0, len(old) - 1)
            self._versions[story_id] = []
            self.endRemoveRows()
        if new:
            self.beginInsertRows(parent, 0, len(new) - 1)
            self._versions[story_id] = new
            self.endInsertRows()

    def _ensure_versions(self, story_id: int) -> None:
        if story_id not in self._versions:
            parent = self.story_index(story_id)
            if parent.isValid() and self.canFetchMore(parent):
                self.fetchMore(parent)

    # ------------------------------------------------------------------ Qt model API

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._stories):
                return QModelIndex()
            return self.createIndex(row, 0, _STORY_NODE)
        if parent.internalId() != _STORY_NODE:
            return QModelIndex()  # versions have no children
        story_id = self._stories[parent.row()].id
        if row >= len(self._versions.get(story_id, [])):
            return QModelIndex()
        return self.createIndex(row, 0, story_id)

    def parent(self, index: AnyIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == _STORY_NODE:
            return QModelIndex()
        row = self.story_row(index.internalId())
        return self.createIndex(row, 0, _STORY_NODE) if row >= 0 else QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._stories)
        if parent.column() != 0 or parent.internalId() != _STORY_NODE:
            return 0
        return len(self._versions.get(self._stories[parent.row()].id, []))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._stories)
        if parent.internalId() != _STORY_NODE:
            return False
        story = self._stories[parent.row()]
        fetched = self._versions.get(story.id)
        return bool(fetched) if fetched is not None else story.version_count > 0

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if not parent.isValid() or parent.internalId() != _STORY_NODE:
            return False
        return self._stories[parent.row()].id not in self._versions

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        story_id = self._stories[parent.row()].id
        versions = list(self._source.versions(story_id))
        if not versions:
            self._versions[story_id] = []
            return
        self.beginInsertRows(parent, 0, len(versions) - 1)
        self._versions[story_id] = versions
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        version = self.version_at(index)
        if version is not None:
            return self._version_data(version, role)
        story = self.story_at(index)
        return self._story_data(story, role) if story is not None else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------------ roles

    @staticmethod
    def _story_data(story: StoryItem, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return isolate(story.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            count = f"{story.version_count} version{'s' if story.version_count != 1 else ''}"
            detail = f"\n{story.detail}" if story.detail else ""
            return f"{isolate(story.title)}\n{count}{detail}"
        if role == STORY_ID_ROLE:
            return story.id
        if role == KIND_ROLE:
            return "story"
        return None

    @staticmethod
    def _version_data(version: VersionItem, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            label = isolate(version.label)
            return f"{label}  (base)" if version.is_base else label
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(isolate(p) for p in (version.label, version.detail) if p)
        if role == Qt.ItemDataRole.FontRole and version.is_base:
            font = QFont()
            font.setBold(True)
            return font
        if role == STORY_ID_ROLE:
            return version.story_id
        if role == VERSION_ID_ROLE:
            return version.id
        if role == KIND_ROLE:
            return "version"
        return None
