"""Claims panel speed on 10,000 claims (offscreen Qt): filter, sort, one-row upsert, entry building.

Each case runs on a shown ``ClaimsPanel`` (360x700, offscreen) and includes the view's
reaction: after the model call, ``processEvents()`` delivers the relayout and the repaint.
The baseline, alternated with every case (order rotating each round), is a plain
``beginResetModel()/endResetModel()`` of the same rows followed by the same
``processEvents()``: what a model that rebuilt itself on every change would cost at
least. Medians of ``--reps`` rounds (default 15), with half the interquartile range.

``build_entries`` (storage rows -> ``ClaimEntry`` values, drift of every appearance) is
measured against a loop that builds the same ``ClaimEntry`` values from the rows without
drift or label lookups, in the same run, on new rows each round: *cold* is the first
build of those rows (every drift computed), *warm* the second (``claim_drift`` answers
from its caches, as when a story is shown again). Target: under 100 ms for 10,000 claims.

    PYTHONPATH=. python bench/bench_claims_panel.py [--claims N] [--reps N] [--quick]
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import argparse
import random
import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.claims import STATUS_WORDS
from core.storage.rows import AppearanceRow, ClaimRow, LabelRow
from ui.models.claim_entries import AppearanceEntry, ClaimEntry, build_entries
from ui.models.claim_filter import AUTHOR, DRIFT, LABEL, MODIFIED, NOTE, TEXT, ClaimFilter
from ui.models.claims_model import ClaimsModel
from ui.panels.claims_panel import ClaimsPanel

WORDS = ("the minister said at least 20 people were reportedly killed in the attack on "
         "tuesday police could not confirm officials denied any talks would collapse "
         "according to local sources thirty more died after the storm hit the coast").split()
VERSION_NAMES = ("Original", "Rewrite", "Update")
LABEL_NAMES = ("Statistic / number", "Quotation / attribution", "Causal claim", "Prediction",
               "Event / fact", "Opinion as fact", "Law or rule", "Personal experience", "Other")


def labels() -> list[LabelRow]:
    return [LabelRow(id=i + 1, name=name, colour=f"#{(i * 2654435761) % 0xFFFFFF:06x}",
                     shortcut=str(i + 1), position=i, description="")
            for i, name in enumerate(LABEL_NAMES)]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))


def _reworded(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(rng.choice((0, 0, 1, 3))):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def claim_rows(count: int, seed: int = 7) -> list[ClaimRow]:
    """``count`` claims over three versions: each tagged in one, found in 0-2 others."""
    rng = random.Random(seed)
    statuses = list(STATUS_WORDS)
    rows = []
    appearance_id = 0
    for claim_id in range(1, count + 1):
        origin_version = rng.randrange(3)
        quote = _sentence(rng)
        versions = [origin_version] + [v for v in range(3)
                                       if v != origin_version and rng.random() < 0.8]
        appearances = []
        for v in versions:
            appearance_id += 1
            text = quote if v == origin_version else _reworded(rng, quote)
            appearances.append(AppearanceRow(
                id=appearance_id, claim_id=claim_id, version_id=100 + v, start=claim_id * 40,
                end=claim_id * 40 + len(text), quote=text, prefix="", suffix="",
                origin=v == origin_version, anchor="exact", created_at="2024-05-01T10:00:00Z"))
        rows.append(ClaimRow(
            id=claim_id, story_id=1, label_id=rng.choice((None, *range(1, 10))),
            status=rng.choice(statuses), note=_sentence(rng) if rng.random() < 0.5 else "",
            author=rng.choice(("ana", "bo", "cy")),
            created_at=f"2024-05-{rng.randint(1, 28):02d}T10:00:00.000Z",
            modified_at=f"2024-06-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00.000Z",
            appearances=tuple(appearances)))
    return rows


def plain_entries(claims: list[ClaimRow]) -> list[ClaimEntry]:
    """Baseline for build_entries: the same values, no drift, no label lookup."""
    out = []
    for claim in claims:
        appearances = tuple(AppearanceEntry(
            a.id, a.version_id - 100, VERSION_NAMES[a.version_id - 100], a.start, a.end, a.quote,
            a.origin, a.anchor, (), "", ()) for a in claim.appearances)
        out.append(ClaimEntry(claim.id, claim.label_id, "", "", claim.status, claim.note,
                              claim.author, claim.created_at, claim.modified_at, appearances, ()))
    return out


def building(count: int, rounds: int, label_rows: list[LabelRow], version_ids: list[int]
             ) -> dict[str, list[float]]:
    """Entry building on fresh rows each round (new texts: the drift caches start cold)."""
    times: dict[str, list[float]] = {"build_entries cold": [], "build_entries warm": [],
                                     "baseline: plain entries": []}
    for round_ in range(rounds):
        rows = claim_rows(count, seed=1000 + round_)
        steps = [("build_entries cold", rows), ("build_entries warm", rows)]
        baseline = ("baseline: plain entries", rows)
        steps.insert(0 if round_ % 2 else 2, baseline)  # before or after, alternately
        for name, these in steps:
            start = time.perf_counter()
            if name.startswith("baseline"):
                plain_entries(these)
            else:
                build_entries(these, label_rows, version_ids, VERSION_NAMES)
            times[name].append(time.perf_counter() - start)
    return times


def timed(step: Callable[[], object], app: QApplication) -> float:
    start = time.perf_counter()
    step()
    app.processEvents()
    return time.perf_counter() - start


def median_spread(samples: list[float]) -> tuple[float, float]:
    quartiles = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return statistics.median(samples), (quartiles[2] - quartiles[0]) / 2


def alternate(cases: dict[str, Callable[[], object]], reps: int, app: QApplication
              ) -> dict[str, list[float]]:
    """Run every case ``reps`` times, rotating the order each round."""
    names = list(cases)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(reps):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in order:
            times[name].append(timed(cases[name], app))
    return times


def toggling(model: ClaimsModel, first: ClaimFilter) -> Callable[[], None]:
    """Alternate between ``first`` and no filter, so every call changes the rows."""
    state = {"on": False}

    def step() -> None:
        state["on"] = not state["on"]
        model.set_filter(first if state["on"] else ClaimFilter())

    return step


def sorting(model: ClaimsModel, column: int) -> Callable[[], None]:
    state = {"order": Qt.SortOrder.AscendingOrder}

    def step() -> None:
        descending = state["order"] == Qt.SortOrder.AscendingOrder
        state["order"] = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        model.sort(column, state["order"])

    return step


def upserting(model: ClaimsModel, entries: list[ClaimEntry]) -> Callable[[], None]:
    state = {"i": 0}

    def step() -> None:
        state["i"] += 1
        entry = entries[(state["i"] * 7919) % len(entries)]
        note = f"edited {state['i']}"
        model.upsert(ClaimEntry(entry.claim_id, entry.label_id, entry.label_name,
                                entry.label_colour, entry.status, note, entry.author,
                                entry.created_at, entry.modified_at, entry.appearances,
                                entry.missing_in))

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--build-reps", type=int, default=5,
                        help="rounds of entry building (each on new rows; cold drift is slow)")
    parser.add_argument("--quick", action="store_true", help="5 rounds, 2 of entry building")
    args = parser.parse_args()
    reps = 5 if args.quick else args.reps
    if args.quick:
        args.build_reps = 2
    app = QApplication([])
    rows, label_rows = claim_rows(args.claims), labels()
    version_ids = [100, 101, 102]

    build = building(args.claims, min(reps, args.build_reps), label_rows, version_ids)
    entries = build_entries(rows, label_rows, version_ids, VERSION_NAMES)

    panel = ClaimsPanel()
    panel.resize(360, 700)
    panel.set_claims(entries, VERSION_NAMES, label_rows)
    panel.show()
    app.processEvents()
    model = panel.model

    def reset() -> None:
        model.beginResetModel()
        model.endResetModel()

    cases: dict[str, Callable[[], object]] = {
        "baseline: reset": reset,
        "filter label": toggling(model, ClaimFilter(label_id=3)),
        "filter status": toggling(model, ClaimFilter(status="disputed")),
        "filter drift": toggling(model, ClaimFilter(drift="reworded")),
        "filter missing": toggling(model, ClaimFilter(missing_in=1)),
        "filter text": toggling(model, ClaimFilter(text="minister said")),
        "sort label": sorting(model, LABEL),
        "sort drift": sorting(model, DRIFT),
        "sort text": sorting(model, TEXT),
        "sort note": sorting(model, NOTE),
        "sort author": sorting(model, AUTHOR),
        "sort modified": sorting(model, MODIFIED),
        "upsert one row": upserting(model, entries),
    }
    times = alternate(cases, reps, app)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.claims} claims, {reps} rounds, load average {load:.2f}")
    build_base, _ = median_spread(build["baseline: plain entries"])
    for name, samples in build.items():
        median, spread = median_spread(samples)
        print(f"  {name:<26} {median * 1000:8.1f} ms ± {spread * 1000:5.1f}"
              f"   {median / build_base:5.2f}× plain entries")
    base, _ = median_spread(times["baseline: reset"])
    for name, samples in times.items():
        median, spread = median_spread(samples)
        print(f"  {name:<26} {median * 1000:8.1f} ms ± {spread * 1000:5.1f}"
              f"   {median / base:5.2f}× reset")


if __name__ == "__main__":
    main()
