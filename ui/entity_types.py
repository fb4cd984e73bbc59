"""Entity types in plain words: "organisation", not spaCy's "ORG". Pure: no Qt."""

from __future__ import annotations

TYPE_NAMES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "location",
    "NORP": "group",
    "FAC": "facility",
    "DATE": "date",
    "TIME": "time",
    "CARDINAL": "number",
    "ORDINAL": "ordinal",
    "QUANTITY": "quantity",
    "MONEY": "money",
    "PERCENT": "percent",
    "EVENT": "event",
    "LAW": "law",
    "WORK_OF_ART": "work",
    "PRODUCT": "product",
    "LANGUAGE": "language",
}


def type_name(label: str) -> str:
    """The plain word for an entity label (an unknown label, lower-cased)."""
    return TYPE_NAMES.get(label, label.lower().replace("_", " "))
