"""In-place editors of the claims table: a combo box for the label and the status.

The choices come from the model (``ClaimsModel.choices``); picking one commits at once.
Other editable cells (the note's first line) keep Qt's line edit.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.claims_model import ClaimsModel

AnyIndex = QModelIndex | QPersistentModelIndex


class ClaimsDelegate(QStyledItemDelegate):
    """Combo boxes for the columns whose model offers choices."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        model = index.model()
        choices = model.choices(index.column()) if isinstance(model, ClaimsModel) else []
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setObjectName("claim_choice_editor")
        for text, value in choices:
            combo.addItem(text, value)
        combo.activated.connect(lambda _row, combo=combo: self._commit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            return
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)
