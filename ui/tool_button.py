"""The flat tool button with a text and a tip that the window's bars and panels use."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(parent: QWidget, text: str, tip: str) -> QToolButton:
    """A raised-on-hover button showing ``text``, with ``tip`` as its tooltip."""
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button
