from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ModelError
from core.nlp import _load

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=True)
    return result.stdout.strip()


def test_spacy_imports_without_its_command_line_which_still_works_when_asked() -> None:
    out = _run(
        "import sys\n"
        "from core.spacy_import import import_spacy\n"
        "spacy = import_spacy()\n"
        "print(any(m.startswith('spacy.cli') for m in sys.modules),\n"
        "      'spacy.cli.info' in sys.modules)\n"
        "info = spacy.info(silent=True)\n"
        "print(info['spacy_version'] == spacy.__version__)\n"
        "import spacy.cli\n"
        "print(hasattr(spacy.cli, 'app'), sys.modules['spacy.cli.info'].info_cli.__module__)\n"
    )
    assert out.splitlines() == ["False False", "True", "True spacy.cli.info"]


def test_a_spacy_already_imported_is_left_as_it_is() -> None:
    out = _run(
        "import sys, spacy\n"
        "from core.spacy_import import import_spacy\n"
        "print(import_spacy() is spacy, 'spacy.cli' in sys.modules, spacy.info.__module__)\n"
    )
    assert out == "True True spacy.cli.info"


def _saved_model(tmp_path: Path, special_case: bool) -> Path:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    if special_case:
        nlp.tokenizer.add_special_case("Harwickport", [{"ORTH": "Harwick"}, {"ORTH": "port"}])
    path = tmp_path / "model"
    nlp.to_disk(path)
    return path


def test_a_model_saved_with_its_own_tokenizer_rules_keeps_them(tmp_path) -> None:
    nlp = _load(str(_saved_model(tmp_path, special_case=True)))
    assert [t.text for t in nlp("Ships left Harwickport.")] == [
        "Ships", "left", "Harwick", "port", "."]


def test_a_model_saved_with_the_default_tokenizer_tokenizes_as_spacy_loads_it(tmp_path) -> None:
    import spacy

    path = _saved_model(tmp_path, special_case=False)
    text = "Mr. Smith didn't say \"we're done\" in N.Y.C. on Jan. 5th (www.example.org)."
    expected = [t.text for t in spacy.load(path)(text)]
    assert [t.text for t in _load(str(path))(text)] == expected


def test_a_model_without_its_tokenizer_file_is_a_clear_error(tmp_path) -> None:
    path = _saved_model(tmp_path, special_case=False)
    (path / "tokenizer").unlink()
    with pytest.raises(ModelError, match=r"spaCy model '.*model'"):
        _load(str(path))


def _entry_points():
    from importlib.metadata import EntryPoint, EntryPoints

    return EntryPoints([
        EntryPoint("custom_ner", "pkg.ner:make", "spacy_factories"),
        EntryPoint("other", "pkg.other:make", "spacy_factories"),
        EntryPoint("en_custom", "pkg.lang:English", "spacy_languages"),
        EntryPoint("tool", "pkg.cli:main", "console_scripts"),
    ])


@pytest.mark.parametrize("shape", ["selectable groups", "flat"])
def test_plugins_grouped_once_are_the_ones_catalogue_would_find(shape) -> None:
    import importlib.metadata
    import warnings

    from core.spacy_import import EntryPointsByGroup

    flat = _entry_points()
    if shape == "flat":
        available = flat
    else:
        with warnings.catch_warnings():  # Python 3.11's shape (deprecated dict interface)
            warnings.simplefilter("ignore", DeprecationWarning)
            available = importlib.metadata.SelectableGroups.load(flat)
    indexed = EntryPointsByGroup(available)
    for group in ("spacy_factories", "spacy_languages", "console_scripts", "spacy_missing"):
        assert list(indexed.select(group=group)) == list(flat.select(group=group))
    assert list(indexed.select(name="tool")) == list(flat.select(name="tool"))


def test_spacy_imported_here_finds_its_plugins_through_the_index() -> None:
    out = _run(
        "import catalogue\n"
        "from core.spacy_import import import_spacy\n"
        "spacy = import_spacy()\n"
        "index = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "print(type(index).__name__, list(index.select(group='spacy_factories')) == "
        "list(index.available.select(group='spacy_factories')))\n"
    )
    assert out == "EntryPointsByGroup True"
