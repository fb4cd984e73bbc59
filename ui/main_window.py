"""The main window: owns the Library, the undo stack and the TaskRunner; all wiring is here.

Child widgets only emit requests (``story_selected``, ``span_requested``,
``link_requested``…); this module connects them to storage calls, undo commands,
background jobs and the other widgets.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from core.errors import StorageError, VariorumError
from core.quick_analysis import QUICK_MODEL
from core.records import Comparison
from core.storage.changes import Change
from ui import help_menu
from ui.analysis import FIRST_LOOK_HERE_CHARS, AnalysisController, EngineHooks
from ui.bidi import isolate
from ui.change_routing import route
from ui.claims.feature import ClaimsFeature
from ui.commands import EditContext
from ui.compare.prepared import PreparedComparison
from ui.dialogs.encoding_prompt import ask_encoding
from ui.dialogs.export_dialog import install_export_actions
from ui.dialogs.import_dialog import ask_import
from ui.dialogs.paste_dialog import PastedVersion
from ui.edits import LibraryEditor
from ui.importer import Importer
from ui.library_bridge import LibraryBridge, StoryInputs
from ui.menus import build_actions, build_menus
from ui.messages import user_message
from ui.models.library_model import LibraryModel
from ui.options import GuiOptions, resolve_db_path
from ui.panels.details_dock import DetailsDock
from ui.panels.library_panel import LibraryPanel, local_files
from ui.settings import Settings
from ui.status import StatusLine
from ui.tasks import TaskRunner
from ui.trace import milestone
from ui.window_layout import WindowLayout

if TYPE_CHECKING:
    from core.storage.library import Library

log = logging.getLogger(__name__)

#: After a story from the cache has painted, wait this long before spaCy starts loading.
MODEL_LOAD_DELAY_MS = 300


class MainWindow(QMainWindow):
    """Library on the left, the comparison in the middle, details and claims on the right."""

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        options: GuiOptions | None = None,
        runner: TaskRunner | None = None,
        hooks: EngineHooks | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setAcceptDrops(True)
        self.options = options or GuiOptions()
        self.settings = settings
        self.library = library
        self.bridge = LibraryBridge(library)
        self.runner = runner or TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.analysis = AnalysisController(
            self.bridge,
            self.runner,
            model_name=self.options.model or settings.model_name,
            model_key_hint=settings.model_key,
            hooks=hooks,
            parent=self,
        )
        self.current_story: int | None = None
        #: The story whose last analysis failed, and why (until another starts).
        self._not_analysed: tuple[int, str] | None = None
        #: The words of the last failure told in a dialog (``_tell_once``).
        self._last_told = ""
        #: What was asked for was opened by ``open_before_show``; ``start`` need not.
        self._opened_before_show = False
        #: Asks which encoding to read an unsure file with (tests answer for the analyst).
        self.ask_encoding = ask_encoding
        #: Asks where imported files go and their outlets and dates (tests answer too).
        self.ask_import = ask_import
        self.comparison: Comparison | None = None
        #: What the comparison on screen was made from (version ids and names, base first).
        self.inputs: StoryInputs | None = None
        self._shown_story: int | None = None
        self._shown_once = False
        self._build()
        self._wire()
        self._restore_state()

    @classmethod
    def create(cls, settings: Settings, options: GuiOptions,
               hooks: EngineHooks | None = None) -> MainWindow | None:
        """Open the library and build the window; tell the user and return None on failure."""
        from core.storage.library import Library

        path = resolve_db_path(options.db, settings.db_path)
        try:
            library = Library.open(path)
        except (VariorumError, OSError) as exc:
            message = str(exc) if isinstance(exc, VariorumError) else user_message(exc)
            text = f"The library {path} cannot be opened.\n\n{message}"
            QMessageBox.critical(None, "Variorum", text)
            return None
        return cls(library, settings, options=options, hooks=hooks)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        from ui.compare.compare_view import CompareView

        self.setWindowTitle("Variorum")
        self.library_model = LibraryModel(self.bridge, self)
        self.library_panel = LibraryPanel(self.library_model, self)
        self.library_panel.setMinimumWidth(160)
        self.compare_view = CompareView(self)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.placeholder)
        self.centre.addWidget(self.compare_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(self.centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.details = DetailsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details)
        self.actions = build_actions(self, self.undo_stack)
        self.status = StatusLine(self.statusBar(), self.runner)
        context = EditContext(self.library, self.on_change, self._edit_failed)
        self.claims = ClaimsFeature(self, view=self.compare_view, context=context,
                                    undo_stack=self.undo_stack, settings=self.settings,
                                    status=self.status)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.claims.panel)
        self.tabifyDockWidget(self.details, self.claims.panel)
        self.details.raise_()
        self.layout_state = WindowLayout(self, self.splitter, self.library_panel,
                                         [self.details, self.claims.panel], self.settings)
        self.menus = build_menus(
            self, self.actions, self.compare_view.actions,
            [self.details.toggleViewAction(), self.claims.panel.toggleViewAction()],
            edit_extra=[self.claims.edit_labels_action, self.claims.history_action,
                        self.claims.preferences_action],
            panels=[self.layout_state.toggle_library, self.layout_state.toggle_side],
        )
        self.importer = Importer(self)
        self.editor = LibraryEditor(
            context, self.bridge, self.library_model, self.undo_stack, self
        )
        self.exports = install_export_actions(
            self, self.menus["file"], lambda: self.library, lambda: self.current_story,
            self._story_imported, self._model_comparison_shown)
        self._show_placeholder("Opening the library…")

    def _model_comparison_shown(self) -> tuple[tuple[int, ...], Comparison] | None:
        """The model's comparison on screen (not a first look) and its version ids."""
        if self.comparison is None or self.inputs is None \
                or self.comparison.model == QUICK_MODEL:
            return None
        return tuple(self.inputs.version_ids), self.comparison

    def _story_imported(self, story_id: int, change: Change) -> None:
        self.library_model.refresh(change.stories or [story_id])
        self.show_story(story_id)

    def _wire(self) -> None:
        a, panel, view = self.actions, self.library_panel, self.compare_view
        a.open_files.triggered.connect(self.open_files_dialog)
        a.add_files.triggered.connect(self.importer.add_files_dialog)
        a.legend.triggered.connect(self.show_legend)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.paste_text.triggered.connect(self.importer.paste_dialog)
        a.import_demo.triggered.connect(self.open_demo)
        a.reanalyse.triggered.connect(self.reanalyse)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(view.open_find)
        a.about.triggered.connect(self.about)
        panel.story_selected.connect(self.show_story)
        panel.version_selected.connect(lambda story, _version: self.show_story(story))
        panel.files_dropped.connect(self.importer._files_dropped)
        panel.open_requested.connect(self.open_files_dialog)
        panel.paste_requested.connect(self.importer.paste_dialog)
        panel.search_changed.connect(self.search)
        panel.rename_requested.connect(self.editor.rename_story)
        panel.delete_story_requested.connect(self.editor.delete_story)
        panel.delete_version_requested.connect(self.editor.delete_version)
        panel.set_base_requested.connect(self.editor.set_base)
        panel.properties_requested.connect(self.editor.edit_version)
        panel.replace_text_requested.connect(self.importer.replace_text_dialog)
        self.details.span_requested.connect(view.select_span)
        self.details.other_selected.connect(view.set_partner)
        view.partner_changed.connect(self.details.show_other_version)
        view.status_message.connect(self._view_status)
        view.panes_rearranged.connect(self._recount_compared)
        view.link_requested.connect(lambda o, b, u: self._override("pin", o, b, u))
        view.unlink_requested.connect(lambda o, b, u: self._override("forbid", o, b, u))
        self.analysis.comparison_ready.connect(self._comparison_ready)
        self.analysis.analysis_started.connect(self._analysis_started)
        self.analysis.analysis_failed.connect(self._analysis_failed)
        self.analysis.model_ready.connect(self._model_ready)
        self.analysis.model_failed.connect(self._model_failed)
        self.status.cancel_requested.connect(self._cancel_analysis)

    # ------------------------------------------------------------------ startup

    def start(self) -> None:
        """After ``show()``: open what was asked for (unless ``open_before_show`` did);
        the model starts loading at once.

        It loads in a process of its own (``core.parse_server``), so importing spaCy
        and parsing never hold this process's interpreter lock: the window paints the
        first look and the cached stories while it loads.
        """
        notice = getattr(self.library, "notice", None)
        if notice:
            self.status.show_message(notice)
        if not self._opened_before_show:
            QTimer.singleShot(0, self._open_initial)
        # While the cache reader or the model works, the view warms its first paint.
        self.compare_view.warm_up()
        # The model loads at once, in its own process, and stays warm for every analysis.
        QTimer.singleShot(0, self.analysis.load_model_in_background)

    def open_before_show(self) -> None:
        """Open what was asked for before the window is first shown, when it is short and
        reads without a question: its first look is then in the window's first frame, as
        Meld's diff is in its, not 150 ms later. Anything else waits for ``start``."""
        self.layout_state.settle_before_show()
        with self.analysis.first_looks_here():
            if self.options.files:
                self._opened_before_show = self.importer.import_small_files_now(
                    list(self.options.files), FIRST_LOOK_HERE_CHARS)
            else:
                self._open_initial()
                self._opened_before_show = True

    def _open_initial(self) -> None:
        if self.options.files:  # asked for on the command line: nothing to confirm
            self.import_files(list(self.options.files), ask=False)
        elif self.options.demo or self.bridge.is_empty():
            self.open_demo()
        else:
            stories = self.library_model.story_ids()
            last = self.settings.last_story
            self.show_story(last if last in stories else stories[0])

    # ------------------------------------------------------------------ imports

    def open_files_dialog(self) -> None:
        self.importer.open_files_dialog()

    def import_files(self, paths: list[str], story_id: int | None = None, *,
                     ask: bool = True) -> None:
        """Read files on the worker and store them (see ``Importer.import_files``)."""
        self.importer.import_files(paths, story_id, ask=ask)

    def replace_text(self, version_id: int, path: str) -> None:
        self.importer.replace_text(version_id, path)

    def import_pasted(self, pasted: PastedVersion) -> None:
        self.importer.import_pasted(pasted)

    def open_demo(self) -> None:
        self.importer.open_demo()

    # ------------------------------------------------------------------ showing a story

    def show_story(self, story_id: int, force: bool = False) -> None:
        if story_id == self.current_story and self.comparison is not None and not force:
            return
        self.current_story = story_id
        self.library_panel.select_story(story_id)
        self._update_title(story_id)
        self.analysis.open_story(story_id, force=force)

    def _update_title(self, story_id: int) -> None:
        story = self.library_model.story_at(self.library_model.story_index(story_id))
        self.setWindowTitle(f"{isolate(story.title)} — Variorum" if story else "Variorum")

    def reanalyse(self) -> None:
        self._last_told = ""  # asked again: a failure is worth its dialog again
        if self.current_story is not None:
            self.analysis.open_story(self.current_story, force=True, reparse=True)

    def _analysis_started(self, story_id: int) -> None:
        self._not_analysed = None
        self.analysis.load_model_in_background()  # queued before the analysis: a head start
        if self.comparison is None or story_id != self._shown_story:
            self._show_placeholder("Analysing the versions…")

    def _comparison_ready(self, story_id: int, prepared: PreparedComparison | None,
                          inputs: StoryInputs) -> None:
        self.comparison = comparison = prepared.comparison if prepared is not None else None
        same_story = story_id == self._shown_story
        self._shown_story = story_id
        self.inputs = inputs
        QTimer.singleShot(MODEL_LOAD_DELAY_MS, self.analysis.load_model_in_background)
        self.compare_view.slices.cancel("hand-over")
        if comparison is None or prepared is None:
            self.claims.show_story(inputs, None)
            self.details.clear()
            self._show_placeholder("This story has no versions. Add one: File ▸ Add Versions "
                                   "to This Story…, or drop a file here.")
            return
        scroll = self.compare_view.scroll_positions() if same_story else None
        self.compare_view.set_comparison(prepared, inputs.version_ids, inputs.names,
                                         inputs.short_names)
        self.centre.setCurrentWidget(self.compare_view)
        if scroll is not None:  # a re-alignment keeps the analyst's place
            self.compare_view.restore_scroll_positions(scroll)
        self.claims.show_story(inputs, comparison)
        milestone("first-look" if comparison.model == QUICK_MODEL else "comparison")
        count = len(comparison.versions)
        failure = self._not_analysed
        if comparison.model == QUICK_MODEL and failure and failure[0] == story_id:
            self._say_not_analysed(failure[1], comparison)
        elif comparison.model == QUICK_MODEL:
            self.status.show_message("First look: sentences aligned and words compared; "
                                     "entities, quotes and typed changes follow", 0)
        else:
            self.status.show_message(self._compared_message(count), 8000)
        # The panes paint first; the details dock fills in a later turn of the event loop.
        self.compare_view.slices.start("hand-over",
                                       [lambda: self._fill_details(comparison, inputs)])

    def _fill_details(self, comparison: Comparison, inputs: StoryInputs) -> None:
        if comparison is self.comparison:  # not replaced in the meantime
            self.details.set_comparison(comparison, inputs.names, inputs.short_names)
            self.details.show_other_version(self.compare_view.partner())

    def _compared_message(self, count: int) -> str:
        if count == 1:
            return "One version: add another to compare"
        shown = len(self.compare_view.shown_panes())
        if shown < count:
            return (f"{count} versions compared; {shown} fit side by side: ⇄ in a header "
                    "or F6 swaps the others in (Ctrl+Shift+B collapses the library)")
        return f"{count} versions compared"

    def _recount_compared(self) -> None:
        """The status bar's "N versions compared; M fit side by side" counted again when
        the panes on screen change (the side panels collapsed, the window widened)."""
        comparison = self.comparison
        if comparison is None or comparison.model == QUICK_MODEL:
            return
        count = len(comparison.versions)
        if self.statusBar().currentMessage().startswith(f"{count} versions compared"):
            self.status.show_message(self._compared_message(count), 8000)

    def _view_status(self, text: str) -> None:
        if text:
            self.status.show_message(text, 12000)
        else:
            self.statusBar().clearMessage()

    def _cancel_analysis(self) -> None:
        self.analysis.cancel()
        self.status.show_message("Analysis cancelled", 4000)
        if self.centre.currentWidget() is self.placeholder:
            self._show_placeholder("Analysis cancelled. Press F5 to analyse again.")

    def _analysis_failed(self, story_id: int, message: str) -> None:
        if story_id != self.current_story:
            return
        self._not_analysed = (story_id, message)  # a first look still to come says so
        if self.comparison is not None and self._shown_story == story_id \
                and self.centre.currentWidget() is self.compare_view:
            # What is on screen (a first look, an earlier comparison) is still right.
            self._say_not_analysed(message, self.comparison)
        else:
            self._show_placeholder(f"This story could not be analysed.\n{message}")
        self._tell_once("Analysis failed", message)

    def _say_not_analysed(self, message: str, kept: Comparison) -> None:
        what = "first look" if kept.model == QUICK_MODEL else "last comparison"
        self.status.show_message(f"Not analysed: {message} (the {what} stays on screen)")

    def _tell_once(self, title: str, message: str) -> None:
        """A dialog, unless it would repeat the one just shown (a missing model fails
        its load and the analysis waiting for it with the same words)."""
        if message == self._last_told:
            return
        self._last_told = message
        QMessageBox.warning(self, title, message)

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.centre.setCurrentWidget(self.placeholder)

    def _model_ready(self, key: str) -> None:
        self.settings.model_key = key
        self.status.show_message(f"Language model ready ({key})", 3000)

    def _model_failed(self, message: str) -> None:
        self.status.show_message("No language model: analysis is unavailable")
        self._tell_once("Language model missing", message)

    # ------------------------------------------------------------------ find, search

    def search(self, query: str) -> None:
        try:
            self.library_model.set_story_filter(self.bridge.search(query) if query else None)
        except VariorumError as exc:
            self.status.show_message(str(exc), 5000)

    # ------------------------------------------------------------------ edits (undoable)

    def on_change(self, change: Change | None) -> None:
        """Send a storage ``Change`` to the views it touches (everything when None)."""
        ids = self.inputs.version_ids if self.inputs is not None else ()
        routes = route(change, self.current_story, ids)
        self.library_model.refresh(routes.stories or ())
        stories = self.library_model.story_ids()
        if self.current_story is not None and self.current_story not in stories:
            self.current_story = self.comparison = self.inputs = None
            self.details.clear()
            self.claims.clear()
            self._show_placeholder("The story was deleted. Undo (Ctrl+Z) brings it back.")
            return
        if self.current_story is None:
            return
        self._update_title(self.current_story)
        if routes.reshow:
            self.show_story(self.current_story, force=True)
        elif routes.realign:
            self.analysis.open_story(self.current_story, force=True)
        if routes.claims or routes.labels:
            self.claims.on_change(change, labels=routes.labels)

    def _override(self, kind: str, other: int, base_unit: int, other_unit: int) -> None:
        if self.current_story is not None:
            self.editor.override_units(self.current_story, kind, other, base_unit, other_unit)

    def _edit_failed(self, error: BaseException) -> None:
        self.show_error("Not changed", user_message(error))
        self.on_change(None)

    # ------------------------------------------------------------------ messages

    def show_error(self, title: str, message: str) -> None:
        """A plain-words dialog; the status line keeps the first line."""
        self.status.show_message(message.splitlines()[0] if message else title, 8000)
        QMessageBox.warning(self, title, message)

    def show_legend(self) -> QDialog:
        """Help ▸ Legend, drawn with the palette of the moment."""
        return help_menu.show_legend(self)

    def show_shortcuts(self) -> QDialog:
        """Help ▸ Keyboard Shortcuts, read from the menus."""
        return help_menu.show_shortcuts(self, self.menus)

    def about(self) -> None:
        help_menu.about(self)

    # ------------------------------------------------------------------ drops, state

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.acceptProposedAction() if local_files(event) else event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event)
        if paths:
            event.acceptProposedAction()
            self.import_files(paths, self.current_story)

    def _restore_state(self) -> None:
        self.layout_state.restore()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.layout_state.first_shown()

    def save_state(self) -> None:
        self.layout_state.save()
        self.settings.last_story = self.current_story
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.claims.shutdown()
        self.analysis.shutdown()
        self.runner.shutdown(wait=False)
        try:
            self.library.close()
        except StorageError as exc:
            log.warning("library not closed cleanly: %s", exc)
        super().closeEvent(event)
