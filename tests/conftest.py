"""Shared fixtures: the real model, loaded once, and the demo story compared once."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.textio import SourceText, load_file

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo"


@pytest.fixture(scope="session")
def nlp():
    from core.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def demo_sources() -> list[SourceText]:
    return [
        load_file(DEMO / name) for name in ("01_original.txt", "02_rewrite.txt", "03_update.txt")
    ]


@pytest.fixture(scope="session")
def demo_comparison(nlp, demo_sources):
    from core.compare import compare_versions

    return compare_versions(demo_sources, nlp=nlp)
