"""The PDF report through Qt's printing: pages, header, inert document, and `main.py report`."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from export_factory import ODD_TEXTS, build_story, comparison_of
from test_story_report import HOSTILE_ARTICLE

import core.export.cli as export_cli
import main
from core.export.story_data import load_story_data
from core.export.story_report import story_report_html
from ui.report_pdf import _inert_document, write_pdf_report


def _pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _page(lib, texts=ODD_TEXTS):
    data = load_story_data(lib, build_story(lib, texts))
    return data, story_report_html(data, comparison_of(data), data.versions, for_qt=True)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_has_the_pages_it_reports(qapp, lib, tmp_path, paper):
    data, page = _page(lib)
    out = tmp_path / "r.pdf"
    pages = write_pdf_report(page * 6, out, title=data.story.title, paper=paper)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pages > 1 and _pages_in(pdf) == pages


def test_letter_and_a4_pages_differ_in_size(qapp, lib, tmp_path):
    _data, page = _page(lib)
    boxes = []
    for paper in ("a4", "letter"):
        out = tmp_path / f"{paper}.pdf"
        write_pdf_report(page, out, title="t", paper=paper)
        boxes.append(re.search(rb"/MediaBox\s*\[([^\]]+)\]", out.read_bytes()).group(1).split())
    assert [round(float(x)) for x in boxes[0]] == [0, 0, 595, 842]
    assert [round(float(x)) for x in boxes[1]] == [0, 0, 612, 792]


def test_document_loads_no_resource(qapp):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    document = _inert_document()
    document.setHtml("<img src='file:///etc/passwd'><link rel=stylesheet href='http://x/y.css'>")
    assert (
        document.resource(QTextDocument.ResourceType.ImageResource, QUrl("file:///etc/passwd"))
        is None
    )


def test_hostile_article_prints_as_text(qapp, lib, tmp_path):
    _data, page = _page(lib, [HOSTILE_ARTICLE, HOSTILE_ARTICLE + " again"])
    document = _inert_document()
    document.setHtml(page)
    text = document.toPlainText()
    assert "<script>alert('article')</script>" in text
    assert "\u202e" not in text and "[RLO]" in text
    out = tmp_path / "hostile.pdf"
    assert write_pdf_report(page, out, title="<script>x</script>\u202e") >= 1


def test_main_report_pdf_needs_no_display(lib, tmp_path, monkeypatch, capsys):
    story = build_story(lib, ODD_TEXTS)
    monkeypatch.setattr(
        export_cli, "load_comparison",
        lambda library, versions, **_: comparison_of(
            replace(load_story_data(library, story), versions=tuple(versions))
        ),
    )  # fmt: skip
    out = tmp_path / "report.pdf"
    assert main.main(["report", str(story), "-o", str(out), "--db", str(lib.path)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert re.search(r"wrote a \d+-page PDF report", capsys.readouterr().err)
