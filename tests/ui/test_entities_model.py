"""EntitiesModel: a well-behaved table, numeric sorting, missing entities flagged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from core.records import EntityDiffRow
from ui.models.entities_model import (
    MISSING_BACKGROUND,
    ROW_ROLE,
    EntitiesModel,
    make_entities_proxy,
)

ROWS = (
    EntityDiffRow("kim jong un", "PERSON", "Kim Jong Un", (3, 2), ()),
    EntityDiffRow("seoul", "GPE", "Seoul", (1, 0), (1,)),
    EntityDiffRow("yonhap", "ORG", "Yonhap", (0, 12), (0,)),
    EntityDiffRow("august 17", "DATE", "August 17", (2, 1), ()),
)


@pytest.fixture
def model(qapp):
    model = EntitiesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(ROWS, ("Original", "Rewrite"))
    return model


def test_shape_and_headers(model):
    assert model.rowCount() == 4
    assert model.columnCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    # One name per version: the count columns carry the versions' names, not "Base", "V2".
    assert headers == ["Entity", "Type", "Original", "Rewrite"]
    tip = model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Mentions in Rewrite"
    base_tip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert base_tip == "Mentions in Original (the base)"


def test_short_names_head_the_count_columns(model):
    model.set_rows(ROWS, ("Meridian Wire, 2026-03-03", "CoastNews, 2026-03-03"),
                   ("Meridian Wire", "CoastNews"))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, 4)]
    assert headers == ["Meridian Wire", "CoastNews"]
    tip = model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Mentions in CoastNews, 2026-03-03"


def test_display_uses_plain_type_names_and_dash_for_zero(model):
    assert model.data(model.index(1, 1)) == "place"
    assert model.data(model.index(1, 3)) == "—"
    assert model.data(model.index(2, 3)) == "12"


def test_missing_cells_are_highlighted_and_named_in_tooltip(model):
    assert model.data(model.index(1, 3), Qt.ItemDataRole.BackgroundRole) == MISSING_BACKGROUND
    assert model.data(model.index(1, 2), Qt.ItemDataRole.BackgroundRole) is None
    assert "Missing in Rewrite" in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)


def test_proxy_sorts_counts_numerically(model):
    proxy = make_entities_proxy(model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy.sort(3, Qt.SortOrder.DescendingOrder)
    order = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert order == ["Yonhap", "Kim Jong Un", "August 17", "Seoul"]  # 12 before 2 before 1
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert proxy.data(proxy.index(0, 0), ROW_ROLE) == ROWS[3]


def test_proxy_filters_by_name(model):
    proxy = make_entities_proxy(model)
    proxy.setFilterFixedString("kim")
    assert proxy.rowCount() == 1


def test_clear_empties_the_table(model):
    model.clear()
    assert model.rowCount() == 0
    assert model.columnCount() == 2


def test_proxy_can_hide_entities_that_do_not_differ(model):
    proxy = make_entities_proxy(model)
    proxy.set_only_differences(True)
    names = {proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())}
    assert names == {"Kim Jong Un", "Seoul", "Yonhap", "August 17"}  # all four differ
    model.set_rows((*ROWS, EntityDiffRow("x", "ORG", "Same", (2, 2), ())), ("A", "B"))
    assert proxy.rowCount() == 4
    proxy.set_only_differences(False)
    assert proxy.rowCount() == 5
