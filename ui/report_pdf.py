"""The story report as PDF through Qt's own printing: QTextDocument laid out on a QPdfWriter.

Each page gets a header with the story title (elided to fit) and "Page n of N"
above a rule; the document's pages are drawn below it. The document never loads
a resource: ``loadResource`` answers nothing, so no markup in an article could make
it read a local file or the network (the report escapes all text anyway).

Usable headless: without a running application one is created, on Qt's
``offscreen`` platform unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from core.output import OutputError, check_output_path, file_mode_for, terminal_safe

PAPER_SIZES = ("a4", "letter")
#: Header and footer band heights, in points.
_HEADER_PT = 22.0
_MARGINS_MM = (14.0, 12.0, 14.0, 12.0)  # left, top, right, bottom


def _application() -> Any:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app


def _inert_document() -> Any:
    from PySide6.QtGui import QTextDocument

    class InertDocument(QTextDocument):
        """A document that loads no image, stylesheet or file, whatever its markup says."""

        def loadResource(self, _kind: int, _name: Any) -> Any:
            return None

    return InertDocument()


def write_pdf_report(html: str, path: Path, *, title: str, paper: str = "a4") -> int:
    """Lay ``html`` out and write it to ``path`` atomically; returns the number of pages."""
    check_output_path(path)
    _application()
    target = Path(os.path.realpath(path))
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pages = _render(html, temporary, title, paper)
        os.chmod(temporary, file_mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(f"cannot write {terminal_safe(str(path))}: {exc.strerror}") from None
    finally:
        with suppress(OSError):
            os.unlink(temporary)
    return pages


def _render(html: str, filename: str, title: str, paper: str) -> int:
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(filename)
    set_paper(writer, paper)
    writer.setTitle(title)
    writer.setCreator("Variorum")
    return paint_report(html, writer, title)


def set_paper(device: Any, paper: str) -> None:
    """A4 or Letter, with the report's margins, on a QPdfWriter or QPrinter."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    size = QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4
    device.setPageSize(QPageSize(size))
    device.setPageMargins(QMarginsF(*_MARGINS_MM), QPageLayout.Unit.Millimeter)


def paint_report(html: str, device: Any, title: str) -> int:
    """Lay the page out on a paged device (PDF writer or printer) and paint every page."""
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QPainter

    document = _inert_document()
    document.documentLayout().setPaintDevice(device)
    document.setHtml(html)
    area = device.pageLayout().paintRectPixels(device.resolution())
    band = _HEADER_PT * device.resolution() / 72.0
    body = QSizeF(area.width(), area.height() - band)
    document.setPageSize(body)
    count = document.pageCount()
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError(0, "the output could not be opened for writing")
    try:
        for page in range(count):
            if page:
                device.newPage()
            _header(painter, area.width(), band, title, page + 1, count)
            painter.save()
            painter.translate(0, band - page * body.height())
            top = page * body.height()
            _draw_page(document, painter, QRectF(0, top, body.width(), body.height()))
            painter.restore()
    finally:
        painter.end()
    return count


def _header(painter: Any, width: float, band: float, title: str, page: int, count: int) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

    font = QFont("sans-serif")
    font.setPointSizeF(8.0)
    painter.setFont(font)
    painter.setPen(QPen(QColor("#444444")))
    number = f"Page {page} of {count}"
    metrics = QFontMetricsF(font, painter.device())
    room = width - metrics.horizontalAdvance(number) - metrics.averageCharWidth() * 4
    shown = metrics.elidedText(_one_line(title), Qt.TextElideMode.ElideRight, room)
    text_box = QRectF(0, 0, width, band * 0.7)
    flags = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(text_box, int(flags | Qt.AlignmentFlag.AlignLeft), shown)
    painter.drawText(text_box, int(flags | Qt.AlignmentFlag.AlignRight), number)
    painter.drawLine(0, int(band * 0.75), int(width), int(band * 0.75))


def _one_line(text: str) -> str:
    """The title on one line, its bidi controls shown as tags (as in the report's body)."""
    from core.export.story_report import visible_controls

    return visible_controls(" ".join(text.split()))


def _draw_page(document: Any, painter: Any, clip: Any) -> None:
    from PySide6.QtGui import QAbstractTextDocumentLayout

    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    painter.setClipRect(clip)
    document.documentLayout().draw(painter, context)
