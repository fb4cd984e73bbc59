"""A claim tagged (or a note edited) in the app survives a SIGKILL right after the action."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _stress():
    spec = importlib.util.spec_from_file_location(
        "stress_claims_app_kill", ROOT / "bench" / "stress_claims_app_kill.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tag_and_note_survive_sigkill(tmp_path):
    stress = _stress()
    db = tmp_path / "library.sqlite3"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    kind, tagged = stress.run_round(db, "tag", "", env)
    assert kind == "TAGGED"
    stress.check(db, kind, tagged, "")
    kind, edited = stress.run_round(db, "note", "Killed right after this", env)
    assert (kind, edited) == ("NOTE", tagged)
    stress.check(db, kind, edited, "Killed right after this")
