"""Errors whose message is fit to show a user as it is (one line, no traceback)."""

from __future__ import annotations


class VariorumError(Exception):
    """Base of every error Variorum reports to a person."""


class InputError(VariorumError):
    """A file or text that cannot be read as a story version."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ModelError(VariorumError):
    """No usable spaCy model."""


class StorageError(VariorumError):
    """A library database that cannot be opened or written."""


class CancelledError(VariorumError):
    """Work stopped because the caller asked it to."""

    def __init__(self) -> None:
        super().__init__("cancelled")
