"""The status bar: a message, and while work runs a progress bar with a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from ui.tasks import TaskRunner


class StatusLine(QObject):
    """Shows the runner's progress in ``bar``; emits ``cancel_requested`` from its button."""

    cancel_requested = Signal()

    def __init__(self, bar: QStatusBar, runner: TaskRunner) -> None:
        super().__init__(bar)
        self.bar = bar
        self.task_label = QLabel(bar)
        self.progress = QProgressBar(bar)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.progress.setMaximumHeight(14)
        self.cancel_button = QPushButton("Cancel", bar)
        self.cancel_button.setFlat(True)
        self.cancel_button.setToolTip("Stop the analysis")
        for widget in (self.task_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
        self.cancel_button.clicked.connect(self.cancel_requested)
        runner.busy_changed.connect(self.set_busy)
        runner.job_started.connect(self.set_job)
        runner.progress_changed.connect(self.set_progress)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.task_label.setVisible(busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(False)
        if busy:
            self.set_job("")

    def set_job(self, label: str) -> None:
        """A job began: name it, and show an indeterminate bar until it reports progress."""
        self.progress.setRange(0, 0)
        self.task_label.setText(f"{label}…" if label else "Working…")
        self.cancel_button.setVisible(label == "Analysing")

    def set_progress(self, label: str, fraction: float, message: str) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(round(fraction * 1000))
        self.task_label.setText(message or label)
        self.cancel_button.setVisible(label == "Analysing")

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.bar.showMessage(text, timeout_ms)
