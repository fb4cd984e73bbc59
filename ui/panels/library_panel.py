"""The library panel: a search box over the full-text index, the story tree, import actions.

Everything the user asks for leaves as a request signal; ``main_window`` connects them.
Files dropped on the panel arrive as ``files_dropped(list[str], story)``: dropped on a
story's row they become its versions (``story`` is its id), elsewhere a new story (-1).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.models.library_model import LibraryModel
from ui.tool_button import tool_button

SEARCH_DELAY_MS = 250
#: ``files_dropped``'s story when the files make a new story.
NEW_STORY = -1


def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    """Paths of the local files a drag carries (URLs that are not files are ignored)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class LibraryPanel(QWidget):
    """Search box, story tree and import buttons."""

    story_selected = Signal(int)
    version_selected = Signal(int, int)
    files_dropped = Signal(list, int)
    open_requested = Signal()
    paste_requested = Signal()
    search_changed = Signal(str)
    rename_requested = Signal(int)
    delete_story_requested = Signal(int)
    delete_version_requested = Signal(int, int)
    set_base_requested = Signal(int, int)
    #: (story, version): re-import a corrected text for this version.
    replace_text_requested = Signal(int, int)
    #: (story, version): edit this version's outlet and publication date.
    properties_requested = Signal(int, int)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library_panel")
        self.setAcceptDrops(True)
        self.model = model
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search the library…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip("Find stories whose versions contain these words")
        self.tree = QTreeView(self)
        self.tree.setModel(model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.viewport().setAcceptDrops(True)
        self.tree.viewport().installEventFilter(self)
        self.empty_hint = QLabel("Drop article files here (on a story: its new versions), "
                                 "or use Open or Paste.", self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setEnabled(False)
        self.open_button = tool_button(self, "Open…", "Import article files as a new story")
        self.paste_button = tool_button(self, "Paste…", "Paste a version's text")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()
        self._update_hint()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.paste_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.open_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._emit_search)
        self._search_timer.timeout.connect(self._emit_search)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.model.rowsInserted.connect(self._update_hint)
        self.model.rowsRemoved.connect(self._update_hint)
        self.model.modelReset.connect(self._update_hint)

    # ------------------------------------------------------------------ state

    def select_story(self, story_id: int, version_id: int | None = None) -> None:
        """Select (without emitting) the story, or one of its versions, and show it."""
        index = (
            self.model.version_index(story_id, version_id)
            if version_id is not None
            else self.model.story_index(story_id)
        )
        if not index.isValid():
            return
        blocker = self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(blocker)
        self.tree.expand(self.model.story_index(story_id))
        self.tree.scrollTo(index)

    def current_story(self) -> int | None:
        story = self.model.story_at(self.tree.currentIndex())
        return story.id if story is not None else None

    def _update_hint(self) -> None:
        searching = bool(self.search_edit.text().strip())
        empty = self.model.rowCount() == 0
        self.empty_hint.setText(
            "No story matches this search." if searching else
            "Drop article files here, or use Open or Paste."
        )
        self.empty_hint.setVisible(empty)

    def _emit_search(self) -> None:
        self._search_timer.stop()
        self.search_changed.emit(self.search_edit.text().strip())
        self._update_hint()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        self._emit_for(indexes[0])

    def _emit_for(self, index: QModelIndex) -> None:
        version = self.model.version_at(index)
        if version is not None:
            self.version_selected.emit(version.story_id, version.id)
            return
        story = self.model.story_at(index)
        if story is not None:
            self.story_selected.emit(story.id)

    # ------------------------------------------------------------------ context menu

    def _show_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        menu = self.build_menu(index)
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def build_menu(self, index: QModelIndex) -> QMenu | None:
        """The context menu for a row (exposed for tests)."""
        story = self.model.story_at(index)
        if story is None:
            return None
        menu = QMenu(self)
        version = self.model.version_at(index)
        if version is None:
            menu.addAction("Rename story…", lambda: self.rename_requested.emit(story.id))
            menu.addAction("Delete story", lambda: self.delete_story_requested.emit(story.id))
            return menu
        base = menu.addAction(
            "Use as base version",
            lambda: self.set_base_requested.emit(version.story_id, version.id),
        )
        base.setEnabled(not version.is_base)
        menu.addAction(
            "Outlet and date…",
            lambda: self.properties_requested.emit(version.story_id, version.id),
        ).setStatusTip("Correct the version's outlet and publication date")
        menu.addAction(
            "Replace text from file…",
            lambda: self.replace_text_requested.emit(version.story_id, version.id),
        ).setStatusTip("Re-import a corrected text; claims and corrections follow it")
        menu.addAction(
            "Delete version",
            lambda: self.delete_version_requested.emit(version.story_id, version.id),
        )
        return menu

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(list(paths), NEW_STORY)

    def story_at(self, point: QPoint) -> int | None:
        """The story whose row (or one of whose versions' rows) is at ``point`` in the tree."""
        story = self.model.story_at(self.tree.indexAt(point))
        return story.id if story is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Drops on the tree: on a story's row, more versions of it; elsewhere a new story."""
        if watched is self.tree.viewport() and event.type() in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            paths = local_files(event)
            if not paths:
                event.ignore()
                return True
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                story = self.story_at(event.position().toPoint())
                self.files_dropped.emit(list(paths), NEW_STORY if story is None else story)
            return True
        return super().eventFilter(watched, event)


def story_titles(model: LibraryModel) -> Sequence[tuple[int, str]]:
    """(id, title) of every story the model shows, for choosers such as the paste dialog."""
    titles: list[tuple[int, str]] = []
    for row in range(model.rowCount()):
        story = model.story_at(model.index(row, 0))
        if story is not None:
            titles.append((story.id, story.title))
    return titles
