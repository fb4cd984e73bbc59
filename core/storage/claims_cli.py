"""``claims``: tag, list, edit and link claims, and manage the label schema, headless.

``claims add`` takes the span as given (no snapping) and, with ``--counterparts``,
adds the claim's proposed appearance in every other version of the story, as the
GUI's accept key does. ``claims list --format json`` gives each claim with its
appearances and how each drifted from the origin. Every error is one line,
``variorum: <message>``, and exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.cli import add_model_option
from core.errors import InputError, StorageError, VariorumError
from core.limits import text_arg
from core.storage.cli_support import (
    Subparsers,
    add_common,
    emit,
    find_story,
    open_library,
    shorten,
    whole_number,
)
from core.storage.library import Library
from core.storage.rows import AppearanceRow, ClaimRow, LabelRow, VersionRow


def register(subparsers: Subparsers) -> None:
    """Add ``claims`` and its subcommands."""
    claims = subparsers.add_parser(
        "claims",
        help="tag, list, edit and link claims; the label schema",
        description="Claims tagged in the library's stories, and their labels.",
    )
    sub = claims.add_subparsers(dest="claims_command", required=True, metavar="ACTION")
    _register_list(sub)
    _register_add(sub)
    edit = sub.add_parser("edit", help="change a claim's label, status or note")
    edit.add_argument("claim", metavar="CLAIM_ID")
    edit.add_argument("--label", metavar="NAME", help="label name", type=text_arg)
    edit.add_argument(
        "--status", metavar="STATUS", help="e.g. open, supported, disputed", type=text_arg
    )
    edit.add_argument("--note", metavar="TEXT", type=text_arg)
    add_common(edit, cmd_edit)
    delete = sub.add_parser("delete", help="delete a claim and its appearances")
    delete.add_argument("claim", metavar="CLAIM_ID")
    add_common(delete, cmd_delete)
    link = sub.add_parser("link", help="add where a claim appears in another version")
    _span_arguments(link, first=("claim", "CLAIM_ID"))
    add_common(link, cmd_link)
    unlink = sub.add_parser("unlink", help="remove one appearance of a claim")
    unlink.add_argument("appearance", metavar="APPEARANCE_ID")
    add_common(unlink, cmd_unlink)
    _register_labels(sub)


def _register_list(sub: Subparsers) -> None:
    lister = sub.add_parser("list", help="list claims with their appearances and drift")
    lister.add_argument("--story", metavar="STORY", help="story id or title", type=text_arg)
    lister.add_argument("--version", metavar="VERSION_ID", help="claims appearing in a version")
    lister.add_argument("--label", metavar="NAME", help="label name", type=text_arg)
    lister.add_argument(
        "--status", metavar="STATUS", help="e.g. open, supported, disputed", type=text_arg
    )
    add_common(lister, cmd_list)


def _register_add(sub: Subparsers) -> None:
    add = sub.add_parser(
        "add",
        help="tag text[START:END] of a version as a claim",
        description="Tag the characters START to END (half-open, as given) of a version.",
    )
    _span_arguments(add)
    add.add_argument("--label", metavar="NAME", required=True, help="label name", type=text_arg)
    add.add_argument(
        "--status", metavar="STATUS", default="open", help="default: open", type=text_arg
    )
    add.add_argument("--note", metavar="TEXT", default="", type=text_arg)
    add.add_argument("--author", metavar="NAME", help="default: your user name", type=text_arg)
    add.add_argument(
        "--counterparts",
        action="store_true",
        help="also add the claim's proposed appearance in every other version (compares the "
        "story, cached; uses --model)",
    )
    add_model_option(add, default=argparse.SUPPRESS)
    add_common(add, cmd_add)


def _register_labels(sub: Subparsers) -> None:
    labels = sub.add_parser("labels", help="list, export or import the label schema (JSON)")
    way = labels.add_mutually_exclusive_group()
    way.add_argument("--export", metavar="FILE", type=Path, help="write the schema to FILE")
    way.add_argument("--import", dest="import_file", metavar="FILE", type=Path)
    labels.add_argument(
        "--replace", action="store_true", help="with --import: delete labels the file lacks"
    )
    add_common(labels, cmd_labels)


def _span_arguments(parser: argparse.ArgumentParser, first: tuple[str, str] | None = None) -> None:
    if first is not None:
        parser.add_argument(first[0], metavar=first[1])
    parser.add_argument("version", metavar="VERSION_ID")
    parser.add_argument("start", metavar="START", help="first character (0-based)")
    parser.add_argument("end", metavar="END", help="one past the last character")


# Commands


def cmd_add(args: argparse.Namespace) -> int:
    """Tag a claim; with --counterparts, its proposed appearances too."""
    version_id = whole_number(args.version, "VERSION_ID")
    start, end = whole_number(args.start, "START"), whole_number(args.end, "END")
    author = args.author if args.author is not None else _user_name()
    with open_library(args, create=False) as library:
        label = _label(library, args.label)
        version = library.get_version(version_id)
        if version is None:
            raise StorageError(f"there is no version {version_id}")
        proposals = _proposals(library, args, version, start, end) if args.counterparts else {}
        claim_id, _ = library.add_claim(
            version_id,
            start,
            end,
            label_id=label.id,
            status=args.status,
            note=args.note,
            author=author,
        )
        for other_id, (other_start, other_end) in proposals.items():
            library.add_appearance(claim_id, other_id, other_start, other_end)
        claim = _claim(library, claim_id)
        data = _claim_json(library, claim, {label.id: label.name})
    lines = [f"claim {claim.id}"] + [f"  {_appearance_text(a)}" for a in claim.appearances]
    emit(args, data, "\n".join(lines))
    return 0


def _proposals(
    library: Library, args: argparse.Namespace, version: VersionRow, start: int, end: int
) -> dict[int, tuple[int, int]]:
    """Counterpart spans by version id, from the story's (cached) comparison."""
    from core.claims import propose_counterparts
    from core.contract import comparison_from_json
    from core.stored_compare import compare_stored

    if not 0 <= start < end <= len(version.text):
        raise StorageError(
            f"the span {start}–{end} is not inside the text (0–{len(version.text)}) or is empty"
        )
    ids = [v.id for v in library.list_versions(version.story_id)]
    if len(ids) < 2:
        return {}
    payload, _ = compare_stored(library, ids, model_name=getattr(args, "model", None))
    comparison = comparison_from_json(json.loads(payload))
    spans = propose_counterparts(comparison, ids.index(version.id), start, end)
    return {ids[i]: (s.start, s.end) for i, s in spans.items() if s is not None}


def cmd_list(args: argparse.Namespace) -> int:
    """List claims with their appearances and drift."""
    with open_library(args, create=False) as library:
        story = find_story(library, args.story).id if args.story else None
        version = whole_number(args.version, "--version") if args.version else None
        label = _label(library, args.label).id if args.label else None
        claims = library.list_claims(
            story_id=story, version_id=version, label_id=label, status=args.status
        )
        names = {r.id: r.name for r in library.list_labels()}
        versions: dict[int, list[VersionRow]] = {}
        data = [_claim_json(library, c, names, versions) for c in claims]
    if args.format == "json":
        emit(args, data, "")
        return 0
    if not claims:
        print("no claims")
        return 0
    print(f"{'id':>5}  {'label':<24} {'status':<12} quote")
    for claim, shown in zip(claims, data, strict=True):
        print(
            f"{claim.id:>5}  {shorten(shown['label'] or 'unlabelled', 24):<24} "
            f"{shown['status_word']:<12} {shorten(claim.origin.quote, 60)!r}"
        )
        for a in shown["appearances"]:
            drift = a["drift"]["label"] if a["drift"] else "origin"
            where = f"[{a['start']}:{a['end']}]" if a["start"] is not None else "(orphaned)"
            print(f"{'':>7}version {a['version_id']} {a['version']}: {where} {drift}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Change a claim's label, status or note."""
    claim_id = whole_number(args.claim, "CLAIM_ID")
    if args.label is None and args.status is None and args.note is None:
        raise VariorumError("nothing to change: give --label, --status or --note")
    with open_library(args, create=False) as library:
        fields: dict[str, Any] = {"note": args.note, "status": args.status}
        if args.label is not None:
            fields["label_id"] = _label(library, args.label).id
        library.update_claim(claim_id, **fields)
        claim = _claim(library, claim_id)
        data = _claim_json(library, claim, {r.id: r.name for r in library.list_labels()})
    emit(args, data, f"claim {claim_id} updated")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete a claim."""
    claim_id = whole_number(args.claim, "CLAIM_ID")
    with open_library(args, create=False) as library:
        library.delete_claim(claim_id)
    emit(args, {"deleted": claim_id}, f"claim {claim_id} deleted")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    """Add where a claim appears in another version."""
    claim_id = whole_number(args.claim, "CLAIM_ID")
    version_id = whole_number(args.version, "VERSION_ID")
    start, end = whole_number(args.start, "START"), whole_number(args.end, "END")
    with open_library(args, create=False) as library:
        appearance_id, _ = library.add_appearance(claim_id, version_id, start, end)
        appearance = _claim(library, claim_id).appearance_in(version_id)
    assert appearance is not None and appearance.id == appearance_id
    data = {"claim_id": claim_id, "appearance_id": appearance_id, "quote": appearance.quote}
    emit(args, data, f"appearance {appearance_id}: {_appearance_text(appearance)}")
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    """Remove one appearance of a claim."""
    appearance_id = whole_number(args.appearance, "APPEARANCE_ID")
    with open_library(args, create=False) as library:
        change = library.remove_appearance(appearance_id)
    (claim_id,) = change.claims
    data = {"claim_id": claim_id, "removed": appearance_id}
    emit(args, data, f"appearance {appearance_id} of claim {claim_id} removed")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    """List, export or import the label schema."""
    if args.replace and args.import_file is None:
        raise VariorumError("--replace goes with --import FILE")
    if args.import_file is not None:
        return _import_labels(args)
    with open_library(args, create=False) as library:
        schema = library.export_labels(source=str(library.path))
        labels = library.list_labels()
    if args.export is not None:
        _write_schema(args.export, schema)
        text = f"{len(labels)} label(s) written to {args.export}"
        emit(args, {"exported": len(labels), "file": str(args.export)}, text)
        return 0
    if args.format == "json":
        emit(args, schema, "")
        return 0
    print(_labels_table(labels))
    return 0


def _import_labels(args: argparse.Namespace) -> int:
    from core.label_schema import read_label_schema

    path: Path = args.import_file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read ({exc})") from None
    try:
        specs = read_label_schema(text)
    except InputError as exc:
        raise InputError(str(path), exc.problem) from None
    with open_library(args, create=True) as library:
        change = library.import_labels(specs, replace=args.replace)
        count = len(library.list_labels())
    data = {"imported": len(specs), "changed": sorted(change.labels), "labels": count}
    emit(args, data, f"{len(specs)} label(s) imported from {path}; the library has {count}")
    return 0


def _write_schema(path: Path, schema: dict[str, Any]) -> None:
    try:
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as exc:
        raise VariorumError(f"cannot write {path}: {exc.strerror or exc}") from None


def _labels_table(labels: Sequence[LabelRow]) -> str:
    if not labels:
        return "no labels"
    lines = [f"{'id':>4}  key  colour   name"]
    for r in labels:
        about = f" — {r.description}" if r.description else ""
        lines.append(f"{r.id:>4}  {r.shortcut or '-':<3}  {r.colour}  {r.name}{about}")
    return "\n".join(lines)


# Helpers


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (getpass raises several kinds)
        return ""


def _label(library: Library, name: str) -> LabelRow:
    label = library.find_label(name)
    if label is None:
        known = ", ".join(r.name for r in library.list_labels()) or "none yet"
        raise StorageError(f"there is no label {name!r} (labels: {known})")
    return label


def _claim(library: Library, claim_id: int) -> ClaimRow:
    claim = library.get_claim(claim_id)
    if claim is None:
        raise StorageError(f"there is no claim {claim_id}")
    return claim


def _appearance_text(a: AppearanceRow) -> str:
    where = f"[{a.start}:{a.end}]" if a.start is not None else "(orphaned)"
    origin = " (origin)" if a.origin else ""
    return f"version {a.version_id} {where}{origin}: {shorten(a.quote)!r}"


def _claim_json(
    library: Library,
    claim: ClaimRow,
    labels: dict[int, str],
    versions: dict[int, list[VersionRow]] | None = None,
) -> dict[str, Any]:
    """A claim as JSON: its fields, and each appearance with its drift from the origin.

    ``versions`` caches each story's versions across calls.
    """
    from core.claims import STATUS_WORDS, claim_drift, drift_label

    versions = {} if versions is None else versions
    if claim.story_id not in versions:
        versions[claim.story_id] = library.list_versions(claim.story_id)
    story_versions = {v.id: v for v in versions[claim.story_id]}
    origin = claim.origin.quote
    appearances = []
    for a in claim.appearances:
        drift = None
        if not a.origin:
            found = claim_drift(origin, a.quote if a.start is not None else None)
            drift = {
                "kinds": list(found.kinds),
                "details": list(found.details),
                "similarity": found.similarity,
                "label": drift_label(found),
            }
        version = story_versions.get(a.version_id)
        appearances.append(
            {
                "id": a.id,
                "version_id": a.version_id,
                "version": _version_name(version),
                "outlet": version.outlet if version else None,
                "start": a.start,
                "end": a.end,
                "text": a.quote,
                "origin": a.origin,
                "anchor": a.anchor,
                "drift": drift,
            }
        )
    present = {a.version_id for a in claim.appearances}
    return {
        "id": claim.id,
        "story_id": claim.story_id,
        "label": labels.get(claim.label_id) if claim.label_id is not None else None,
        "status": claim.status,
        "status_word": STATUS_WORDS.get(claim.status, claim.status),
        "note": claim.note,
        "author": claim.author,
        "created_at": claim.created_at,
        "modified_at": claim.modified_at,
        "appearances": appearances,
        "absent_in": [v for v in story_versions if v not in present],
    }


def _version_name(version: VersionRow | None) -> str:
    if version is None:
        return "?"
    return version.outlet or version.title or version.source
