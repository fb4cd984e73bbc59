"""Bringing texts in: files opened or dropped (as a new story or more versions of one,
with outlets and dates), pasted text, the demo, a corrected text for a version.

Files are read on the worker and stored on the GUI thread; the window shows the
story afterwards. ``MainWindow.ask_import`` and ``ask_encoding`` are the questions
put to the analyst (tests answer them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from core.errors import VariorumError
from core.first_look_process import files_bytes
from core.textio import SourceText, load_file, load_text
from ui.demo import load_demo
from ui.dialogs.import_dialog import ImportPlan
from ui.dialogs.paste_dialog import PasteDialog, PastedVersion
from ui.library_bridge import VersionMeta, read_files
from ui.messages import reanchor_summary, user_message
from ui.panels.library_panel import story_titles

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


class Importer:
    """The window's imports; every result goes through ``window.show_story``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def open_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Open versions of a new story", "",
                                                FILE_FILTER)
        if paths:
            self.import_files(paths)

    def add_files_dialog(self) -> None:
        """File ▸ Add Versions to This Story: the files become versions of the story shown."""
        if self.window.current_story is None:
            self.open_files_dialog()
            return
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Add versions to this story", "",
                                                FILE_FILTER)
        if paths:
            self.import_files(paths, self.window.current_story)

    def _files_dropped(self, paths: list[str], story_id: int = -1) -> None:
        """Files dropped on a story become its versions; elsewhere (-1), a new story."""
        self.import_files(paths, story_id if story_id >= 0 else None)

    def import_files(self, paths: list[str], story_id: int | None = None, *,
                     ask: bool = True) -> None:
        """Read files on the worker; store them on the GUI thread as a story or versions.

        With ``ask`` the analyst confirms where they go and gives outlets and dates.
        """
        w = self.window
        w.status.show_message(f"Reading {len(paths)} file{'s' if len(paths) != 1 else ''}…")
        w.runner.submit(
            lambda _state: read_files(paths),
            label="Reading files",
            on_success=lambda result: self._files_read(result, story_id, ask),
            on_failure=lambda error: w.show_error("Files not imported", user_message(error)),
        )

    def import_small_files_now(self, paths: Sequence[str], limit: int) -> bool:
        """Read and store ``paths`` as a new story on this thread, when they are fewer
        than ``limit`` bytes together and read without a problem or a question (an
        unsure encoding); else do nothing and say False. A FIFO, a device or a folder is
        not looked into (``files_bytes``)."""
        total = files_bytes(paths)
        if total is None or total >= limit:
            return False
        sources, problems = read_files(paths)
        if problems or not sources or any(source.encoding_unsure for source in sources):
            return False
        self._files_read((sources, problems), None, ask=False)
        return True

    def _files_read(self, result: tuple[list[SourceText], list[str]], story_id: int | None,
                    ask: bool = False) -> None:
        sources, problems = result
        self.window.status.show_message("")  # "Reading…" is over, whatever comes next
        if problems:
            self.window.show_error("Some files were not imported", "\n".join(problems))
        if not sources:
            return
        plan: ImportPlan | None = ImportPlan.proposed(sources, story_id, self._current_title())
        if ask:
            plan = self.window.ask_import(self.window, plan)
            if plan is None:
                self.window.status.show_message("Import cancelled", 4000)
                return
        sources = list(plan.sources)
        plural = "s" if len(sources) != 1 else ""
        stored = self._store(sources, plan.story_id, plan.meta if plan.has_meta() else (),
                             said=f"Imported {len(sources)} version{plural}")
        for source in (s for s in sources if s.encoding_unsure) if stored else ():
            self._check_encoding(stored, source)

    def _current_title(self) -> tuple[int, str] | None:
        current, model = self.window.current_story, self.window.library_model
        if current is None:
            return None
        story = model.story_at(model.story_index(current))
        return (current, story.title) if story is not None else None

    def _check_encoding(self, story_id: int, source: SourceText) -> None:
        """Say which encoding an unsure file was read with; offer to read it again."""
        self.window.status.show_message(
            f"{source.source}: read as {source.encoding} (not certain). "
            + " ".join(source.notes), 15000)
        choice = self.window.ask_encoding(self.window, source)
        if choice is None:
            return
        version = next((v for v in self.window.library.list_versions(story_id)
                        if v.content_hash == source.content_hash), None)
        if version is None:
            return
        self.window.runner.submit(
            lambda _state: load_file(source.source, encoding=choice),
            label="Reading the file again",
            on_success=lambda again: self._text_read(version.id, again),
            on_failure=lambda error: self.window.show_error("File not read again",
                                                            user_message(error)),
        )

    def replace_text_dialog(self, _story_id: int, version_id: int) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Corrected text of this version", "",
                                              FILE_FILTER)
        if path:
            self.replace_text(version_id, path)

    def replace_text(self, version_id: int, path: str) -> None:
        """Read ``path`` on the worker, then re-import it as ``version_id``'s text."""
        self.window.runner.submit(
            lambda _state: load_file(path),
            label="Reading the corrected text",
            on_success=lambda source: self._text_read(version_id, source),
            on_failure=lambda error: self.window.show_error("Text not replaced",
                                                            user_message(error)),
        )

    def _text_read(self, version_id: int, source: SourceText) -> None:
        command = self.window.editor.replace_text(version_id, source)
        if command is not None and command.report is not None:
            self.window.status.show_message(reanchor_summary(command.report), 12000)

    def paste_dialog(self) -> None:
        dialog = PasteDialog(story_titles(self.window.library_model), self.window.current_story,
                             self.window)
        if dialog.exec() == PasteDialog.DialogCode.Accepted:
            self.import_pasted(dialog.result_value())

    def import_pasted(self, pasted: PastedVersion) -> None:
        try:
            source = load_text(pasted.text, pasted.label)
        except VariorumError as exc:
            self.window.show_error("Text not added", str(exc))
            return
        self._store([source], pasted.story_id)

    def open_demo(self) -> None:
        try:
            demo = load_demo()
            story_id = self.window.bridge.find_story_with(demo.sources)
            if story_id is None:
                story_id = self.window.bridge.add_story(demo.sources, demo.title, demo.meta)
        except VariorumError as exc:
            self.window.show_error("Demo story not available", str(exc))
            return
        self.window.library_model.refresh()
        self.window.show_story(story_id)

    def _store(self, sources: list[SourceText], story_id: int | None,
               meta: Sequence[VersionMeta] = (), *, said: str = "") -> int | None:
        """Store the texts as a new story or versions of ``story_id``; the story, or None.

        ``said`` is put in the status bar once they are stored, before the story is
        shown: what showing it says (a first look made at once) comes after."""
        bridge = self.window.bridge
        try:
            if story_id is None:
                story_id = bridge.find_story_with(sources) or bridge.add_story(sources, meta=meta)
            else:
                bridge.add_versions(story_id, sources, meta)
        except VariorumError as exc:
            self.window.show_error("Not stored", str(exc))
            return None
        if said:
            self.window.status.show_message(said, 5000)
        self.window.library_model.refresh([story_id])
        self.window.show_story(story_id, force=True)
        return story_id

