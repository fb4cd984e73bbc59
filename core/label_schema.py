"""The claim label schema: names, colours, shortcuts and one-line descriptions.

A schema travels as JSON (``{"schema": "variorum.labels/1", "source": ...,
"labels": [...]}``). Its shape is checked by pydantic, its sense by
:func:`validate_labels`; both report one line a person can act on, as
:class:`core.errors.InputError`. The default schema (``resources/labels/default.json``)
follows Full Fact's claim types, extended for news analysts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from core.errors import InputError

SCHEMA_ID = "variorum.labels/1"
#: The longest label name, as the library stores it.
NAME_LIMIT = 100
DESCRIPTION_LIMIT = 300
_SOURCE = "label schema"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SHORTCUT = re.compile(r"[1-9a-zA-Z]")


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """One label of a schema; ``shortcut`` is one key (1-9 or a letter) or None."""

    name: str
    colour: str
    shortcut: str | None
    description: str
    position: int


@cache
def _schema_model() -> Any:
    """The pydantic model of a schema file, built on first use: importing pydantic costs
    ~0.2 s, and opening the app (which seeds a new library's labels) does not need it."""
    from pydantic import AliasChoices, BaseModel, ConfigDict, Field

    class LabelModel(BaseModel):
        model_config = ConfigDict(strict=True, extra="forbid")

        name: str
        colour: str = Field(validation_alias=AliasChoices("colour", "color"))
        shortcut: str | None = None
        description: str = ""
        position: int | None = None

    class SchemaModel(BaseModel):
        model_config = ConfigDict(strict=True, extra="forbid")

        schema_id: str = Field(validation_alias="schema")
        source: str = ""
        labels: list[LabelModel]

    return SchemaModel


def default_labels() -> list[LabelSpec]:
    """The labels shipped in ``resources/labels/default.json``, in display order."""
    return list(_default_labels())


@cache
def _default_labels() -> tuple[LabelSpec, ...]:
    """The shipped file, read without pydantic (the test suite checks it against the full
    schema with ``read_label_schema``); its labels' sense is checked here all the same."""
    text = resources.files("resources.labels").joinpath("default.json").read_text("utf-8")
    labels = [LabelSpec(item["name"], item["colour"], item.get("shortcut"),
                        item.get("description", ""), item.get("position", index))
              for index, item in enumerate(json.loads(text)["labels"])]
    validate_labels(labels)
    return tuple(sorted(labels, key=lambda label: label.position))


def read_label_schema(text: str) -> list[LabelSpec]:
    """Labels from the JSON text of a schema file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            _SOURCE, f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    return parse_label_schema(data)


def parse_label_schema(data: object) -> list[LabelSpec]:
    """Labels from a decoded schema, sorted by position; raises InputError when invalid.

    A label without ``position`` takes its place in the list; ``color`` is accepted
    for ``colour``.
    """
    if not isinstance(data, dict):
        raise InputError(_SOURCE, f"expected a JSON object, not {_json_type(data)}")
    if "schema" in data and data["schema"] != SCHEMA_ID:
        raise InputError(
            _SOURCE, f"not a Variorum label schema: schema is {data['schema']!r}, not {SCHEMA_ID!r}"
        )
    from pydantic import ValidationError

    try:
        model = _schema_model().model_validate(data)
    except ValidationError as error:
        raise InputError(_SOURCE, _first_problem(error)) from None
    labels = [
        LabelSpec(
            m.name,
            m.colour,
            m.shortcut,
            m.description,
            index if m.position is None else m.position,
        )
        for index, m in enumerate(model.labels)
    ]
    validate_labels(labels)
    return sorted(labels, key=lambda label: label.position)


def dump_label_schema(labels: Sequence[LabelSpec], *, source: str = "") -> dict[str, Any]:
    """The JSON-ready form of ``labels`` (validated first, so it always reads back)."""
    validate_labels(labels)
    return {
        "schema": SCHEMA_ID,
        "source": source,
        "labels": [
            {
                "name": label.name,
                "colour": label.colour,
                "shortcut": label.shortcut,
                "description": label.description,
                "position": label.position,
            }
            for label in labels
        ],
    }


def validate_labels(labels: Sequence[LabelSpec]) -> None:
    """Raise InputError at the first label that is unusable or clashes with another."""
    for number, label in enumerate(labels, 1):
        _check_label(number, label)
    _check_unique(
        labels,
        lambda label: label.name.casefold(),
        lambda a, b: (
            f"two labels are called {a.name!r}"
            if a.name == b.name
            else f"the labels {a.name!r} and {b.name!r} differ only in case"
        ),
    )
    _check_unique(
        [label for label in labels if label.shortcut is not None],
        lambda label: (label.shortcut or "").casefold(),
        lambda a, b: f"shortcut {a.shortcut} is used by both {a.name} and {b.name}",
    )


def _check_label(number: int, label: LabelSpec) -> None:
    name = label.name
    if not name.strip():
        raise InputError(_SOURCE, f"label {number} has no name")
    if name != name.strip():
        raise InputError(_SOURCE, f"the label name {name!r} starts or ends with a space")
    if len(name) > NAME_LIMIT:
        raise InputError(
            _SOURCE,
            f"the label name {name[:24] + '…'!r} is too long "
            f"({len(name)} characters; at most {NAME_LIMIT})",
        )
    if not _COLOUR.fullmatch(label.colour):
        raise InputError(_SOURCE, f"{label.colour!r} is not a colour like #1f77b4 ({name})")
    if label.shortcut is not None and not _SHORTCUT.fullmatch(label.shortcut):
        raise InputError(
            _SOURCE, f"shortcut {label.shortcut!r} of {name} is not one key: use 1-9 or a letter"
        )
    if "\n" in label.description or len(label.description) > DESCRIPTION_LIMIT:
        raise InputError(
            _SOURCE,
            f"the description of {name} must be one line of at most {DESCRIPTION_LIMIT} characters",
        )
    if label.position < 0:
        raise InputError(_SOURCE, f"the position of {name} must be 0 or more, not {label.position}")


def _check_unique(
    labels: Sequence[LabelSpec],
    key: Callable[[LabelSpec], str],
    message: Callable[[LabelSpec, LabelSpec], str],
) -> None:
    seen: dict[str, LabelSpec] = {}
    for label in labels:
        first = seen.setdefault(key(label), label)
        if first is not label:
            raise InputError(_SOURCE, message(first, label))


def _first_problem(error: Any) -> str:
    problems = error.errors()
    first = problems[0]
    where = _where(first["loc"])
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    message = first["msg"][:1].lower() + first["msg"][1:]
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def _where(loc: tuple[int | str, ...]) -> str:
    parts = []
    for index, part in enumerate(loc):
        if isinstance(part, int) and index > 0 and loc[index - 1] == "labels":
            parts[-1] = f"label {part + 1}"
        else:
            parts.append("schema" if part == "schema_id" else str(part))
    return ", ".join(parts)


def _json_type(data: object) -> str:
    names = {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }
    return "null" if data is None else names.get(type(data), type(data).__name__)
