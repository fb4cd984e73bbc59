"""The claim label schema: the shipped default, parsing, dumping and every error message."""

from __future__ import annotations

import copy
import itertools
import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from core.errors import InputError
from core.label_schema import (
    SCHEMA_ID,
    LabelSpec,
    default_labels,
    dump_label_schema,
    parse_label_schema,
    read_label_schema,
    validate_labels,
)

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "resources" / "labels" / "default.json"
TWO = [
    LabelSpec("Statistic", "#332288", "1", "A number.", 0),
    LabelSpec("Quote", "#882255", "2", "Words said.", 1),
]


def _schema(*labels: dict) -> dict:
    return {"schema": SCHEMA_ID, "labels": list(labels)}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> list[float]:
    return [_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]


def _contrast_on_white(colour: str) -> float:
    r, g, b = _rgb(colour)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = _rgb(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return math.dist(_lab(a), _lab(b))


def test_default_labels_follow_the_brief_typology():
    labels = default_labels()
    assert [label.name for label in labels] == [
        "Statistic / number", "Quotation / attribution", "Causal claim", "Prediction",
        "Event / fact", "Opinion as fact", "Law or rule", "Personal experience", "Other",
    ]  # fmt: skip
    assert [label.shortcut for label in labels] == [str(n) for n in range(1, 10)]
    assert [label.position for label in labels] == list(range(9))
    assert all(label.description.endswith(".") for label in labels)


def test_default_file_names_its_typology_and_version():
    data = json.loads(DEFAULT_FILE.read_text("utf-8"))
    assert data["schema"] == SCHEMA_ID
    assert "Full Fact" in data["source"]
    assert "Konstantinovskiy" in data["source"]


def test_default_colours_show_as_outlines_and_stay_apart():
    colours = [label.colour for label in default_labels()]
    # WCAG 2.1 non-text contrast (3:1) against a white page
    assert all(_contrast_on_white(c) >= 3 for c in colours)
    closest = min(_distance(a, b) for a, b in itertools.combinations(colours, 2))
    assert closest >= 20


def test_default_colours_differ_from_the_diff_tints():
    from ui.compare.palette import OKABE_ITO

    hues = [OKABE_ITO[name] for name in ("sky", "green", "vermillion", "purple", "orange")]
    assert min(_distance(c.colour, h) for c in default_labels() for h in hues) >= 20


def test_default_labels_are_a_fresh_list_each_time():
    first = default_labels()
    first.clear()
    assert len(default_labels()) == 9


def test_dump_and_parse_round_trip():
    data = dump_label_schema(default_labels(), source="test")
    assert data["schema"] == SCHEMA_ID
    assert data["source"] == "test"
    assert parse_label_schema(json.loads(json.dumps(data))) == default_labels()


def test_parse_fills_defaults_and_sorts_by_position():
    labels = parse_label_schema(
        _schema(
            {"name": "Late", "colour": "#112233", "position": 5},
            {"name": "Early", "color": "#445566", "shortcut": "e", "position": 1},
            {"name": "Unplaced", "colour": "#778899"},
        )
    )
    assert labels == [
        LabelSpec("Early", "#445566", "e", "", 1),
        LabelSpec("Unplaced", "#778899", None, "", 2),
        LabelSpec("Late", "#112233", None, "", 5),
    ]


def test_read_label_schema_reads_json_text():
    text = json.dumps(dump_label_schema(TWO))
    assert read_label_schema(text) == TWO


def test_read_label_schema_says_where_the_json_breaks():
    expected = r"^label schema: not JSON \(line 2, column 2: Extra data\)$"
    with pytest.raises(InputError, match=expected):
        read_label_schema('{"schema": "variorum.labels/1"\n}}')


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object, not a list"),
        (None, "expected a JSON object, not null"),
        ({"schema": "other/2", "labels": []}, "not a Variorum label schema: schema is 'other/2'"),
        ({"schema": SCHEMA_ID}, "labels: field required"),
        ({"labels": []}, "schema: field required"),
        (_schema({"colour": "#112233"}), "label 1, name: field required"),
        (_schema({"name": "A", "colour": 112233}), "label 1, colour: input should be a valid str"),
        (
            _schema({"name": "A", "colour": "#112233"}, {"name": "B", "colour": "#112233", "x": 1}),
            "label 2, x: extra inputs are not permitted",
        ),
        (_schema({"name": "A", "colour": "#112233", "position": True}), "label 1, position: "),
        (_schema({"name": 3, "colour": 4}), r"label 1, name: .* \(and 1 more\)"),
    ],
)
def test_parse_reports_the_shape_problem_in_one_line(data, message):
    with pytest.raises(InputError, match=message) as caught:
        parse_label_schema(data)
    assert str(caught.value).startswith("label schema: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "label 2 has no name"),
        ({"name": " Quote"}, "the label name ' Quote' starts or ends with a space"),
        ({"name": "Q" * 101}, r"is too long \(101 characters; at most 100\)"),
        ({"colour": "#12345"}, "'#12345' is not a colour like #1f77b4 \\(Quote\\)"),
        ({"colour": "red"}, "'red' is not a colour like #1f77b4"),
        ({"shortcut": "10"}, "shortcut '10' of Quote is not one key: use 1-9 or a letter"),
        ({"shortcut": "0"}, "shortcut '0' of Quote is not one key"),
        ({"shortcut": ""}, "shortcut '' of Quote is not one key"),
        ({"shortcut": "1"}, "shortcut 1 is used by both Statistic and Quote"),
        ({"name": "Statistic"}, "two labels are called 'Statistic'"),
        ({"name": "STATISTIC"}, "the labels 'Statistic' and 'STATISTIC' differ only in case"),
        ({"description": "x" * 301}, "the description of Quote must be one line of at most 300"),
        ({"description": "two\nlines"}, "the description of Quote must be one line"),
        ({"position": -1}, "the position of Quote must be 0 or more, not -1"),
    ],
)
def test_validate_names_the_problem(change, message):
    labels = [TWO[0], replace(TWO[1], **change)]
    with pytest.raises(InputError, match=message):
        validate_labels(labels)
    with pytest.raises(InputError, match=message):
        dump_label_schema(labels)


def test_shortcut_letters_collide_ignoring_case():
    labels = [replace(TWO[0], shortcut="q"), replace(TWO[1], shortcut="Q")]
    with pytest.raises(InputError, match="shortcut q is used by both Statistic and Quote"):
        validate_labels(labels)


def test_validate_accepts_letters_and_no_shortcut():
    validate_labels([replace(TWO[0], shortcut="s"), replace(TWO[1], shortcut=None)])
    validate_labels([replace(TWO[0], shortcut=None), replace(TWO[1], shortcut=None)])


def test_parse_runs_the_same_checks():
    data = dump_label_schema(TWO)
    broken = copy.deepcopy(data)
    broken["labels"][1]["shortcut"] = "1"
    with pytest.raises(InputError, match="shortcut 1 is used by both Statistic and Quote"):
        parse_label_schema(broken)


def test_the_shipped_schema_passes_the_full_schema_check():
    from importlib import resources

    text = resources.files("resources.labels").joinpath("default.json").read_text("utf-8")
    assert read_label_schema(text) == default_labels()  # start-up reads it without pydantic
