"""Import spaCy without its command-line interface, and with its plugins indexed.

``import spacy`` runs ``from .cli.info import info``, which imports the whole of spaCy's
CLI (typer, weasel, requests, httpx, every ``spacy ...`` command): about a third of
spaCy's import time, and nothing Variorum's processes use. While spaCy imports, a
stand-in for ``spacy.cli.info`` gives it an ``info`` that imports the real one when it
is called; the stand-in is removed as soon as spaCy is in, so a later ``import
spacy.cli`` (a plugin, a user's script) gets the real package.

Loading a model looks up plugins (entry points) a few hundred times, and ``catalogue``
filters every installed package's entry points each time: a fifth of the load. They are
grouped once instead; the same entry points are found.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections import defaultdict
from typing import Any

_CLI_INFO = "spacy.cli.info"


def import_spacy() -> types.ModuleType:
    """``spacy``, imported now (without its CLI) unless something imported it already."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_in = _cli_info_stand_in()
    had_real = sys.modules.setdefault(_CLI_INFO, stand_in) is not stand_in
    try:
        spacy = importlib.import_module("spacy")
    finally:
        if not had_real and sys.modules.get(_CLI_INFO) is stand_in:
            del sys.modules[_CLI_INFO]
    _index_entry_points()
    return spacy


class EntryPointsByGroup:
    """``catalogue.AVAILABLE_ENTRY_POINTS`` whose ``select(group=...)`` is one lookup."""

    def __init__(self, available: Any) -> None:
        self.available = available
        # Python 3.11's SelectableGroups is a dict of groups (its own methods warn that
        # the dict interface is deprecated); later Pythons give the entry points flat.
        flat = ([e for group in dict.values(available) for e in group]
                if isinstance(available, dict) else list(available))
        groups: defaultdict[str, list[Any]] = defaultdict(list)
        for entry_point in flat:
            groups[entry_point.group].append(entry_point)
        self.groups = {name: tuple(found) for name, found in groups.items()}

    def select(self, **params: Any) -> Any:
        if params.keys() == {"group"}:
            return self.groups.get(params["group"], ())
        return self.available.select(**params)


def _index_entry_points() -> None:
    import catalogue

    if not isinstance(catalogue.AVAILABLE_ENTRY_POINTS, EntryPointsByGroup):
        catalogue.AVAILABLE_ENTRY_POINTS = EntryPointsByGroup(catalogue.AVAILABLE_ENTRY_POINTS)


def _cli_info_stand_in() -> types.ModuleType:
    module = types.ModuleType(_CLI_INFO, "Stand-in while spaCy imports (core.spacy_import).")
    module.info = _real_info  # type: ignore[attr-defined]
    return module


def _real_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real function, its CLI imported on the first call."""
    real = importlib.import_module(_CLI_INFO)
    return real.info(*args, **kwargs)
