"""File ▸ Export report…, File ▸ Export… and File ▸ Import story…, self-contained.

:func:`install_export_actions` creates the three actions and adds them to a File
menu; the window only says how to get the library and the current story, and what
to do after an import. Everything is done by ``core.export``; the dialogs choose
and show. The report dialog previews the page as the PDF will lay it out (Qt's
rich text, resources never loaded) and offers Qt's print preview.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.errors import StorageError, VariorumError
from core.export.story_data import StoryData, chosen_versions, load_comparison, load_story_data
from core.export.story_report import SECTIONS, story_report_html
from core.output import write_bytes_output, write_output
from core.records import Comparison
from core.storage.changes import Change
from core.storage.library import Library
from core.storage.rows import VersionRow

LibraryGetter = Callable[[], Library]
StoryGetter = Callable[[], int | None]
OnImported = Callable[[int, Change], None]
#: The model's comparison on screen and its version ids (base first), or None.
ShownComparison = Callable[[], "tuple[tuple[int, ...], Comparison] | None"]
#: Asks for a file name: (parent, caption, filter) -> path or "" when cancelled.
PathAsker = Callable[[QWidget, str, str], str]
ID_ROLE = Qt.ItemDataRole.UserRole + 1
FORMAT_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("csv", "Claims as CSV (one row per appearance)", "CSV (*.csv)"),
    ("json", "Whole story (Variorum story file)", "Variorum story (*.json)"),
    ("w3c", "W3C Web Annotation (JSON-LD)", "JSON-LD (*.jsonld *.json)"),
    ("jsonl", "Prodigy / doccano JSONL", "JSON lines (*.jsonl)"),
    ("docbin", "spaCy DocBin (entities and claims)", "spaCy DocBin (*.spacy)"),
    ("claimreview", "ClaimReview (schema.org JSON-LD)", "JSON-LD (*.jsonld *.json)"),
)
_SUFFIXES = {"csv": ".csv", "json": ".json", "w3c": ".jsonld", "jsonl": ".jsonl",
             "docbin": ".spacy", "claimreview": ".jsonld"}  # fmt: skip


def ask_save_path(parent: QWidget, caption: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, "", filters)[0]


def ask_open_path(parent: QWidget, caption: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, caption, "", filters)[0]


@dataclass
class ExportActions:
    """The three actions :func:`install_export_actions` added to the menu."""

    report: QAction
    export: QAction
    import_story: QAction


def install_export_actions(
    window: QWidget,
    file_menu: QMenu,
    library_getter: LibraryGetter,
    current_story_getter: StoryGetter,
    on_imported: OnImported,
    shown_comparison: ShownComparison = lambda: None,
) -> ExportActions:
    """Add Export report…, Export… and Import story… to ``file_menu`` and wire them up.

    The two exports are enabled while ``current_story_getter()`` names a story
    (checked each time the menu opens); ``on_imported(story_id, change)`` runs after
    a successful import. ``shown_comparison()`` is the model's comparison on screen and
    its version ids: the report of those versions uses it, with nothing to read or parse.
    """

    def comparison_for(library: Library, versions: Sequence[VersionRow]) -> Comparison:
        shown = shown_comparison()
        if shown is not None and shown[0] == tuple(v.id for v in versions):
            return shown[1]
        return load_comparison(library, versions)

    report = QAction("Export &report…", window)
    report.setStatusTip("Write the current story's report as HTML or PDF")
    export = QAction("&Export…", window)
    export.setStatusTip("Write the current story's claims and data in a standard format")
    importer = QAction("&Import story…", window)
    importer.setStatusTip("Import a story file exported from another library")

    def open_report() -> None:
        story = current_story_getter()
        if story is not None:
            _run(window, lambda: ReportDialog(library_getter(), story, window,
                                              comparison_loader=comparison_for))

    def open_export() -> None:
        story = current_story_getter()
        if story is not None:
            _run(window, lambda: ExportDialog(library_getter(), story, window))

    def refresh() -> None:
        has_story = current_story_getter() is not None
        report.setEnabled(has_story)
        export.setEnabled(has_story)

    report.triggered.connect(open_report)
    export.triggered.connect(open_export)
    importer.triggered.connect(
        lambda: import_story_interactively(window, library_getter(), on_imported)
    )
    file_menu.aboutToShow.connect(refresh)
    file_menu.addSeparator()
    file_menu.addActions([report, export, importer])
    refresh()
    return ExportActions(report, export, importer)


def _run(parent: QWidget, make: Callable[[], QDialog]) -> None:
    try:
        dialog = make()
    except VariorumError as exc:
        QMessageBox.warning(parent, "Variorum", str(exc))
        return
    dialog.exec()


def import_story_interactively(
    parent: QWidget,
    library: Library,
    on_imported: OnImported,
    *,
    ask_path: PathAsker = ask_open_path,
) -> int | None:
    """Ask for a story file and import it; a title already taken asks for another."""
    from core.export.story_json import import_story_file

    name = ask_path(parent, "Import story", "Variorum story (*.json);;All files (*)")
    if not name:
        return None
    title: str | None = None
    while True:
        try:
            summary = import_story_file(library, Path(name), title=title)
        except StorageError as exc:
            if "already has a story called" not in str(exc):
                QMessageBox.warning(parent, "Import story", str(exc))
                return None
            title, ok = QInputDialog.getText(
                parent, "Import story", f"{exc}.\n\nTitle for the imported story:"
            )
            if not ok or not title.strip():
                return None
            continue
        except VariorumError as exc:
            QMessageBox.warning(parent, "Import story", str(exc))
            return None
        on_imported(summary.result.story_id, summary.change)
        QMessageBox.information(parent, "Import story", summary.message())
        return summary.result.story_id


class _InertBrowser(QTextBrowser):
    """A preview that follows no link and loads no image or file."""

    def loadResource(self, _kind: int, _name: Any) -> Any:
        return None


class ReportDialog(QDialog):
    """Choose the versions (the first ticked is the base) and sections; preview; save."""

    def __init__(
        self,
        library: Library,
        story_id: int,
        parent: QWidget | None = None,
        *,
        ask_path: PathAsker = ask_save_path,
        comparison_loader: Callable[..., Any] = load_comparison,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.data: StoryData = load_story_data(library, story_id)
        self.ask_path = ask_path
        self._load_comparison = comparison_loader
        self._comparisons: dict[tuple[int, ...], Any] = {}
        self.setWindowTitle(f"Export report: {self.data.story.title}")
        self.versions = QListWidget()
        for version in self.data.versions:
            self.versions.addItem(self._version_item(version))
        self.sections = {key: QCheckBox(title) for key, title in SECTIONS.items()}
        for box in self.sections.values():
            box.setChecked(True)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.preview = _InertBrowser()
        self.preview.setOpenLinks(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build_layout()
        self.update_preview()

    @staticmethod
    def _version_item(version: VersionRow) -> QListWidgetItem:
        name = version.outlet or version.title or version.source
        item = QListWidgetItem(f"{name}{'  (base)' if version.is_base else ''}")
        item.setData(ID_ROLE, version.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        return item

    def _build_layout(self) -> None:
        side = QVBoxLayout()
        side.addWidget(QLabel("Versions (the first ticked is the base):"))
        side.addWidget(self.versions)
        side.addWidget(QLabel("Sections:"))
        for box in self.sections.values():
            side.addWidget(box)
        side.addWidget(QLabel("Paper (PDF):"))
        side.addWidget(self.paper)
        self.update_button = QPushButton("&Update preview")
        self.print_button = QPushButton("&Print preview…")
        self.html_button = QPushButton("Save as &HTML…")
        self.pdf_button = QPushButton("Save as P&DF…")
        for button in (self.update_button, self.print_button, self.html_button, self.pdf_button):
            side.addWidget(button)
        side.addStretch(1)
        self.update_button.clicked.connect(self.update_preview)
        self.print_button.clicked.connect(self.print_preview)
        self.html_button.clicked.connect(lambda: self._save_as("html"))
        self.pdf_button.clicked.connect(lambda: self._save_as("pdf"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        body = QHBoxLayout()
        body.addLayout(side, 0)
        body.addWidget(self.preview, 1)
        main.addLayout(body)
        main.addWidget(self.message)
        main.addWidget(buttons)
        self.resize(1000, 700)

    def chosen_version_ids(self) -> list[int]:
        """The ticked versions in list order."""
        items = (self.versions.item(i) for i in range(self.versions.count()))
        return [i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

    def chosen_sections(self) -> list[str]:
        """The ticked sections in report order."""
        return [key for key, box in self.sections.items() if box.isChecked()]

    def report_html(self, *, for_qt: bool) -> str:
        """The report page for the current choices (VariorumError when they are not valid)."""
        versions = chosen_versions(self.data, self.chosen_version_ids())
        key = tuple(v.id for v in versions)
        if key not in self._comparisons:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._comparisons[key] = self._load_comparison(self.library, versions)
            finally:
                QGuiApplication.restoreOverrideCursor()
        return story_report_html(
            self.data, self._comparisons[key], versions, sections=self.chosen_sections(),
            for_qt=for_qt,
        )  # fmt: skip

    def update_preview(self) -> None:
        """Show the page for the current choices."""
        try:
            self.preview.setHtml(self.report_html(for_qt=True))
            self.message.setText("")
        except VariorumError as exc:
            self.message.setText(str(exc))

    def print_preview(self) -> None:
        """Qt's print preview of the report as it will print (header, page numbers)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ui.report_pdf import paint_report, set_paper

        try:
            html = self.report_html(for_qt=True)
        except VariorumError as exc:
            self.message.setText(str(exc))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_paper(printer, self.paper.currentData())
        dialog = QPrintPreviewDialog(printer, self)
        dialog.paintRequested.connect(lambda p: paint_report(html, p, self.data.story.title))
        dialog.exec()

    def _save_as(self, kind: str) -> None:
        filters = "HTML page (*.html)" if kind == "html" else "PDF (*.pdf)"
        name = self.ask_path(self, "Save the report", filters)
        if name:
            path = Path(name)
            self.save(path if path.suffix else path.with_suffix(f".{kind}"))

    def save(self, path: Path) -> bool:
        """Write the report (the suffix picks HTML or PDF); the outcome shows in the dialog."""
        from ui.report_pdf import write_pdf_report

        try:
            if path.suffix.lower() == ".pdf":
                pages = write_pdf_report(
                    self.report_html(for_qt=True), path, title=self.data.story.title,
                    paper=self.paper.currentData(),
                )  # fmt: skip
                self.message.setText(f"Wrote {path.name} ({pages} pages).")
            else:
                write_output(self.report_html(for_qt=False), path, inputs=[self.library.path])
                self.message.setText(f"Wrote {path.name}.")
        except VariorumError as exc:
            self.message.setText(str(exc))
            return False
        return True


class ExportDialog(QDialog):
    """Choose a data format and save the current story in it."""

    def __init__(
        self,
        library: Library,
        story_id: int,
        parent: QWidget | None = None,
        *,
        ask_path: PathAsker = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.data = load_story_data(library, story_id)
        self.ask_path = ask_path
        self.setWindowTitle(f"Export: {self.data.story.title}")
        self.format = QComboBox()
        for key, text, _ in FORMAT_CHOICES:
            self.format.addItem(text, key)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save…")
        self.save_button.clicked.connect(self._save_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Format:"))
        layout.addWidget(self.format)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _save_clicked(self) -> None:
        key = self.format.currentData()
        filters = next(f for k, _, f in FORMAT_CHOICES if k == key)
        name = self.ask_path(self, "Export", f"{filters};;All files (*)")
        if name:
            path = Path(name)
            self.save(path if path.suffix else path.with_suffix(_SUFFIXES[key]))

    def save(self, path: Path, fmt: str | None = None) -> bool:
        """Write the chosen format to ``path``; the outcome and any notes show in the dialog."""
        from core.export.formats import export_bytes

        key = fmt or self.format.currentData()
        try:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                payload, notes = export_bytes(self.library, self.data, key)
                write_bytes_output(payload, path, inputs=[self.library.path])
            finally:
                QGuiApplication.restoreOverrideCursor()
        except VariorumError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(" ".join([f"Wrote {path.name}.", *_sentences(notes)]))
        return True


def _sentences(notes: Sequence[str]) -> list[str]:
    return [note[:1].upper() + note[1:] + ("" if note.endswith(".") else ".") for note in notes]
