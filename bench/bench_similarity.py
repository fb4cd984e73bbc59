"""Calibration of the sentence similarity against human judgements (MSRP and STS Benchmark).

Each sentence is normalised (``core.textio.load_text``), parsed with the engine's model
(``core.nlp.load_model``, ``nlp.pipe`` in batches) and reduced to one unit by
``core.features.unit_features`` (the whole sentence as one ``sentence`` unit, entities through
``core.entities.entity_records`` with the pair's acronym aliases). The score is
``core.features.similarity`` with an idf table over all sentences of the data set (a long
story's worth of units, as the engine's idf is over every unit of both versions).

Reported, with two baselines computed in the same run (rapidfuzz ``fuzz.token_sort_ratio`` of
the lowercased raw sentences, and the Jaccard index of their lowercase word sets):

* MSRP test (1,725 pairs): ROC AUC; accuracy and F1 (paraphrase = positive) at the best
  threshold (chosen on the test set itself, so optimistic) and at ``core.align.MIN_MATCH`` and
  ``MIN_MOVE``;
* STS Benchmark test (1,379 pairs): Pearson and Spearman correlation with the 0-5 human
  scores, overall, for the ``main-news`` genre and for the ``headlines`` file; and the share
  of pairs at or above MIN_MATCH / MIN_MOVE per band of human score;
* weights: the three signals (idf-weighted lemma cosine, token-sort ratio of the lemma strings,
  shared entity keys) are computed once and recombined with every (W_LEMMA, W_FUZZY, W_ENTITY)
  on a 0.05 grid summing to 1, mirroring ``similarity``; the best weights (mean of MSRP AUC,
  STS Spearman overall and STS Spearman headlines) are compared with the current ones, with
  bootstrap 95% intervals of the differences and a cross-check (weights chosen on one data set,
  scored on the other).

Data and licences: the files are read at run time from ``../shared/data`` (relative to the
folder the script runs from, the repository root; ``--data DIR`` elsewhere) (MSRP: Microsoft
Research Shared Source Licence, non-commercial; STS Benchmark: CC BY-SA 4.0 scores, texts under
their sources' terms). Nothing from them is copied into the repository; outputs are aggregate
figures only.

    PYTHONPATH=. python bench/bench_similarity.py [--quick] [--data DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import features  # noqa: E402
from core.align import MIN_MATCH, MIN_MOVE  # noqa: E402
from core.analysis import TextAnalysis, from_docs  # noqa: E402
from core.entities import acronym_aliases, entity_records  # noqa: E402
from core.features import UnitFeatures, idf_table, unit_features, unit_tokens  # noqa: E402
from core.nlp import load_model  # noqa: E402
from core.records import Unit  # noqa: E402
from core.textio import normalise  # noqa: E402

#: Relative to the working directory (the repository root, as bench/README.md runs it).
DEFAULT_DATA = Path("..") / "shared" / "data"
GRID_STEP = 0.05
BOOTSTRAP = 1000
_WORD = re.compile(r"\w+")


@dataclass
class Pairs:
    """One data set: sentence pairs, gold labels or scores, and a subset tag per pair."""

    name: str
    left: list[str]
    right: list[str]
    gold: np.ndarray
    tags: list[str]


def read_msrp(path: Path, limit: int | None) -> Pairs:
    """UTF-8 with BOM, tab-separated: Quality, #1 ID, #2 ID, #1 String, #2 String."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    left, right, gold = [], [], []
    for line in lines[:limit]:
        cells = line.split("\t")
        if len(cells) < 5:
            continue
        gold.append(int(cells[0]))
        left.append(cells[3])
        right.append(cells[4])
    return Pairs("MSRP", left, right, np.array(gold, dtype=float), ["all"] * len(gold))


def read_sts(path: Path, limit: int | None) -> Pairs:
    """Tab-separated: genre, file, years, id, score, sentence1, sentence2 (+2 columns on some)."""
    left, right, gold, tags = [], [], [], []
    lines = path.read_text(encoding="utf-8").splitlines()
    if limit:  # a spread of every genre, not the first rows only
        lines = lines[:: max(1, len(lines) // limit)]
    for line in lines:
        cells = line.split("\t")
        if len(cells) < 7:
            continue
        gold.append(float(cells[4]))
        left.append(cells[5])
        right.append(cells[6])
        tags.append(f"{cells[0]}|{cells[1]}")
    return Pairs("STS", left, right, np.array(gold), tags)


# -- Signals -------------------------------------------------------------------------------------


@dataclass
class Signals:
    """Per pair: the components ``similarity`` combines, and what it returned."""

    current: np.ndarray  # features.similarity as the engine computes it
    cosine: np.ndarray
    fuzzy: np.ndarray
    shared: np.ndarray  # NaN when neither side has an entity
    fixed: np.ndarray  # NaN, or the score of a short-cut branch (identical text, no lemmas)
    baseline_fuzz: np.ndarray
    baseline_jaccard: np.ndarray


def _analyse(nlp: object, texts: list[str]) -> list[TextAnalysis]:
    docs = nlp.pipe(texts, batch_size=128)  # type: ignore[attr-defined]
    return [from_docs(text, [(0, doc)]) for text, doc in zip(texts, docs, strict=True)]


def _unit(text: str, analysis: TextAnalysis, aliases: dict[str, str]) -> UnitFeatures:
    units = (Unit(0, len(text), "sentence", 0),)
    entities = entity_records(text, analysis.entities, aliases)
    tokens = unit_tokens(analysis.tokens, units)
    return unit_features(text, units, tokens, entities)[0]


def signals(pairs: Pairs, nlp: object) -> Signals:
    texts_l = [normalise(t) or "." for t in pairs.left]
    texts_r = [normalise(t) or "." for t in pairs.right]
    analyses = _analyse(nlp, texts_l + texts_r)
    n = len(texts_l)
    units_l, units_r = [], []
    for k in range(n):
        a, b = analyses[k], analyses[n + k]
        aliases = {**acronym_aliases(a.text, a.entities), **acronym_aliases(b.text, b.entities)}
        units_l.append(_unit(texts_l[k], a, aliases))
        units_r.append(_unit(texts_r[k], b, aliases))
    idf = idf_table(units_l, units_r)
    out = {k: np.full(n, np.nan) for k in ("current", "cosine", "fuzzy", "shared", "fixed")}
    base_fuzz, base_jacc = np.zeros(n), np.zeros(n)
    for k, (fa, fb) in enumerate(zip(units_l, units_r, strict=True)):
        out["current"][k] = features.similarity(fa, fb, idf)
        if fa.text == fb.text:
            out["fixed"][k] = 1.0
        elif not fa.lemmas or not fb.lemmas:
            out["fixed"][k] = out["current"][k]
        out["cosine"][k] = features.weighted_cosine(fa.lemmas, fb.lemmas, idf)
        out["fuzzy"][k] = fuzz.token_sort_ratio(fa.lemma_string, fb.lemma_string) / 100
        if fa.entity_keys or fb.entity_keys:
            union = fa.entity_keys | fb.entity_keys
            out["shared"][k] = len(fa.entity_keys & fb.entity_keys) / len(union)
        raw_l, raw_r = pairs.left[k].lower(), pairs.right[k].lower()
        base_fuzz[k] = fuzz.token_sort_ratio(raw_l, raw_r) / 100
        words_l, words_r = set(_WORD.findall(raw_l)), set(_WORD.findall(raw_r))
        base_jacc[k] = len(words_l & words_r) / max(1, len(words_l | words_r))
    return Signals(**out, baseline_fuzz=base_fuzz, baseline_jaccard=base_jacc)


def combine(s: Signals, w_lemma: float, w_fuzzy: float, w_entity: float) -> np.ndarray:
    """``features.similarity`` with other weights (same branches, same cap at 1)."""
    with_entities = w_lemma * s.cosine + w_fuzzy * s.fuzzy + w_entity * np.nan_to_num(s.shared)
    without = (w_lemma * s.cosine + w_fuzzy * s.fuzzy) / (w_lemma + w_fuzzy)
    score = np.where(np.isnan(s.shared), without, with_entities)
    score = np.where(np.isnan(s.fixed), score, s.fixed)
    return np.minimum(1.0, score)


# -- Metrics -------------------------------------------------------------------------------------


def ranks(x: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their average rank (as scipy.stats.rankdata)."""
    order = np.argsort(x, kind="mergesort")
    sorted_x = x[order]
    boundaries = np.flatnonzero(np.diff(sorted_x)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(x)]))
    averages = (starts + ends + 1) / 2  # mean of the 1-based positions start+1..end
    result = np.empty(len(x))
    result[order] = np.repeat(averages, ends - starts)
    return result


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    return pearson(ranks(x), ranks(y))


def auc(score: np.ndarray, label: np.ndarray) -> float:
    """ROC AUC as the Mann-Whitney statistic (ties count one half)."""
    positive = label == 1
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    r = ranks(score)
    return float((r[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def at_threshold(score: np.ndarray, label: np.ndarray, threshold: float) -> tuple[float, float]:
    """(accuracy, F1 of the positive class) predicting positive when score >= threshold."""
    predicted = score >= threshold
    positive = label == 1
    tp = float((predicted & positive).sum())
    fp = float((predicted & ~positive).sum())
    fn = float((~predicted & positive).sum())
    accuracy = float((predicted == positive).mean())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, f1


def best_threshold(score: np.ndarray, label: np.ndarray) -> tuple[float, float, float]:
    """(threshold, accuracy, F1) at the threshold with the best accuracy."""
    candidates = np.unique(score)
    best = (0.0, 0.0, 0.0)
    for t in candidates:
        accuracy, f1 = at_threshold(score, label, float(t))
        if accuracy > best[1]:
            best = (float(t), accuracy, f1)
    return best


# -- Report --------------------------------------------------------------------------------------

Metric = Callable[[np.ndarray, np.ndarray], float]


def _subsets(sts: Pairs) -> dict[str, np.ndarray]:
    tags = np.array(sts.tags)
    return {
        "all": np.ones(len(tags), dtype=bool),
        "main-news": np.char.startswith(tags, "main-news|"),
        "headlines": np.char.endswith(tags, "|headlines"),
    }


def objective(msrp: tuple[np.ndarray, np.ndarray], sts: tuple[np.ndarray, np.ndarray],
              headlines: np.ndarray) -> float:  # fmt: skip
    """Mean of MSRP AUC, STS Spearman overall and STS Spearman on headlines."""
    (m_score, m_gold), (s_score, s_gold) = msrp, sts
    return (
        auc(m_score, m_gold)
        + spearman(s_score, s_gold)
        + spearman(s_score[headlines], s_gold[headlines])
    ) / 3


def weight_grid() -> list[tuple[float, float, float]]:
    steps = round(1 / GRID_STEP)
    return [
        (round(i * GRID_STEP, 2), round(j * GRID_STEP, 2), round((steps - i - j) * GRID_STEP, 2))
        for i in range(steps + 1)
        for j in range(steps + 1 - i)
        if i + j > 0
    ]


def bootstrap_diff(
    metric: Metric, a: np.ndarray, b: np.ndarray, gold: np.ndarray, seed: int = 0
) -> tuple[float, float, float]:
    """metric(a) - metric(b) and its 95% bootstrap interval over resampled pairs."""
    rng = np.random.default_rng(seed)
    n = len(gold)
    diffs = []
    for _ in range(BOOTSTRAP):
        idx = rng.integers(0, n, n)
        diffs.append(metric(a[idx], gold[idx]) - metric(b[idx], gold[idx]))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return metric(a, gold) - metric(b, gold), float(low), float(high)


def main() -> None:
    parser = argparse.ArgumentParser(description="Calibrate core.features.similarity")
    parser.add_argument("--quick", action="store_true", help="400 pairs of each set")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder with msrp/ and stsbenchmark/"
    )
    args = parser.parse_args()
    msrp_path = args.data / "msrp" / "msr_paraphrase_test.txt"
    sts_path = args.data / "stsbenchmark" / "sts-test.csv"
    missing = [p for p in (msrp_path, sts_path) if not p.is_file()]
    if missing:
        raise SystemExit(
            "bench_similarity needs the evaluation data, read in place and never copied: "
            + ", ".join(str(p) for p in missing)
            + " not found (pass --data DIR with msrp/ and stsbenchmark/ inside)"
        )
    limit = 400 if args.quick else None
    msrp, sts = read_msrp(msrp_path, limit), read_sts(sts_path, limit)
    start = time.perf_counter()
    nlp = load_model(None)
    sig_m, sig_s = signals(msrp, nlp), signals(sts, nlp)
    print(f"parsed {2 * (len(msrp.gold) + len(sts.gold)):,} sentences in "
          f"{time.perf_counter() - start:.1f}s")  # fmt: skip
    current_w = (features.W_LEMMA, features.W_FUZZY, features.W_ENTITY)
    for sig in (sig_m, sig_s):
        drift = float(np.nanmax(np.abs(combine(sig, *current_w) - sig.current)))
        if drift > 1e-6:
            print(f"WARNING: recombined scores differ from features.similarity by {drift:.4f}; "
                  "the formula in core/features.py changed, update combine()")  # fmt: skip
    subsets = _subsets(sts)
    _report_scores(msrp, sts, sig_m, sig_s, subsets)
    _report_bands(sts, sig_s)
    _report_weights(msrp, sts, sig_m, sig_s, subsets, current_w)


def _report_scores(
    msrp: Pairs, sts: Pairs, sig_m: Signals, sig_s: Signals, subsets: dict[str, np.ndarray]
) -> None:
    print()
    pos = msrp.gold.mean()
    print(f"MSRP ({len(msrp.gold):,} pairs, {pos:.1%} paraphrases; all-positive: "
          f"acc {pos:.3f}, F1 {2 * pos / (1 + pos):.3f})")  # fmt: skip
    header = (f"{'score':<22} {'AUC':>6} {'best thr':>8} {'acc':>6} {'F1':>6} "
              f"{'acc@MATCH':>9} {'F1@MATCH':>8} {'acc@MOVE':>8} {'F1@MOVE':>7}")  # fmt: skip
    print(header)
    print(f"{'':<22} {'':>6} {'':>8} {'':>6} {'':>6} {MIN_MATCH:>9} {MIN_MATCH:>8} "
          f"{MIN_MOVE:>8} {MIN_MOVE:>7}")  # fmt: skip
    rows_m = {
        "variorum similarity": sig_m.current,
        "token_sort_ratio (raw)": sig_m.baseline_fuzz,
        "jaccard (word sets)": sig_m.baseline_jaccard,
    }
    for name, score in rows_m.items():
        threshold, accuracy, f1 = best_threshold(score, msrp.gold)
        acc_match, f1_match = at_threshold(score, msrp.gold, MIN_MATCH)
        acc_move, f1_move = at_threshold(score, msrp.gold, MIN_MOVE)
        print(f"{name:<22} {auc(score, msrp.gold):>6.3f} {threshold:>8.3f} {accuracy:>6.3f} "
              f"{f1:>6.3f} {acc_match:>9.3f} {f1_match:>8.3f} {acc_move:>8.3f} "
              f"{f1_move:>7.3f}")  # fmt: skip
    print()
    counts = {k: int(v.sum()) for k, v in subsets.items()}
    print(f"STS Benchmark test: Pearson / Spearman with the human score "
          f"(all {counts['all']:,}, main-news {counts['main-news']}, "
          f"headlines {counts['headlines']} pairs)")  # fmt: skip
    print(f"{'score':<22} " + " ".join(f"{k:>15}" for k in subsets))
    rows_s = {
        "variorum similarity": sig_s.current,
        "token_sort_ratio (raw)": sig_s.baseline_fuzz,
        "jaccard (word sets)": sig_s.baseline_jaccard,
    }
    for name, score in rows_s.items():
        cells = [
            f"{pearson(score[m], sts.gold[m]):.3f} / {spearman(score[m], sts.gold[m]):.3f}"
            for m in subsets.values()
        ]
        print(f"{name:<22} " + " ".join(f"{c:>15}" for c in cells))


def _report_bands(sts: Pairs, sig_s: Signals) -> None:
    print()
    print("STS: share of pairs the aligner would accept, by human score band "
          "(variorum similarity; all genres)")  # fmt: skip
    print(f"{'human score':<12} {'pairs':>6} {'median sim':>10} {f'>= MATCH {MIN_MATCH}':>15} "
          f"{f'>= MOVE {MIN_MOVE}':>14}")  # fmt: skip
    for low in range(5):
        high = low + 1
        band = (sts.gold >= low) & ((sts.gold < high) if high < 5 else (sts.gold <= high))
        if not band.any():
            continue
        score = sig_s.current[band]
        match, move = (score >= MIN_MATCH).mean(), (score >= MIN_MOVE).mean()
        print(f"{f'{low}-{high}':<12} {int(band.sum()):>6} {np.median(score):>10.3f} "
              f"{match:>15.1%} {move:>14.1%}")  # fmt: skip


def _report_weights(
    msrp: Pairs,
    sts: Pairs,
    sig_m: Signals,
    sig_s: Signals,
    subsets: dict[str, np.ndarray],
    current_w: tuple[float, float, float],
) -> None:
    head = subsets["headlines"]
    grid = weight_grid()
    table = [_row(sig_m, sig_s, msrp, sts, head, w) for w in grid]
    by_objective = max(table, key=lambda row: row[4])
    best_msrp = max(table, key=lambda row: row[1])
    best_sts = max(table, key=lambda row: row[2])
    current = _row(sig_m, sig_s, msrp, sts, head, current_w)
    raw_m, raw_s = _with_raw_fuzzy(sig_m), _with_raw_fuzzy(sig_s)
    raw_best = max((_row(raw_m, raw_s, msrp, sts, head, w) for w in grid), key=lambda row: row[4])
    print()
    print(f"weights (W_LEMMA, W_FUZZY, W_ENTITY) on a {GRID_STEP} grid, {len(grid)} combinations")
    print(f"{'':<26} {'weights':<18} {'MSRP AUC':>8} {'STS rho':>8} {'head rho':>8} "
          f"{'objective':>9}")  # fmt: skip
    for label, row in (
        ("current", current),
        ("best objective", by_objective),
        ("best MSRP AUC", best_msrp),
        ("best STS Spearman", best_sts),
        ("variant: fuzzy on raw text", raw_best),
    ):
        w = "(" + ", ".join(f"{x:.2f}" for x in row[0]) + ")"
        print(f"{label:<26} {w:<18} {row[1]:>8.3f} {row[2]:>8.3f} {row[3]:>8.3f} {row[4]:>9.3f}")
    # honest check: weights chosen on one set, scored on the other
    on_sts = combine(sig_s, *best_msrp[0])
    on_msrp = combine(sig_m, *best_sts[0])
    cur_s, cur_m = combine(sig_s, *current_w), combine(sig_m, *current_w)
    print(f"cross-check: MSRP-best weights on STS rho {spearman(on_sts, sts.gold):.3f} "
          f"(current {spearman(cur_s, sts.gold):.3f}); STS-best weights on MSRP AUC "
          f"{auc(on_msrp, msrp.gold):.3f} (current {auc(cur_m, msrp.gold):.3f})")  # fmt: skip
    best_m, best_s = combine(sig_m, *by_objective[0]), combine(sig_s, *by_objective[0])
    print("best-objective minus current, with bootstrap 95% intervals "
          f"({BOOTSTRAP} resamples of pairs):")  # fmt: skip
    checks = (
        ("MSRP AUC", auc, best_m, cur_m, msrp.gold),
        ("STS Spearman", spearman, best_s, cur_s, sts.gold),
        ("STS headlines Spearman", spearman, best_s[head], cur_s[head], sts.gold[head]),
    )
    material = False
    for name, metric, a, b, gold in checks:
        diff, low, high = bootstrap_diff(metric, a, b, gold)
        significant = low > 0
        material = material or (significant and diff >= 0.01)
        print(f"  {name:<24} {diff:+.3f} [{low:+.3f}, {high:+.3f}]"
              f"{'  (interval above 0)' if significant else ''}")  # fmt: skip
    verdict = "yes" if material else "no"
    print(f"material improvement (>= +0.01 with the interval above 0 on some metric): {verdict}")
    _report_equivalent_thresholds(sts, cur_s, best_s, by_objective[0])


def _report_equivalent_thresholds(
    sts: Pairs, current: np.ndarray, proposed: np.ndarray, weights: tuple[float, float, float]
) -> None:
    """Thresholds for the proposed weights that accept as many unrelated pairs as today's."""
    unrelated, close = sts.gold < 1, sts.gold >= 4
    print(f"thresholds for weights {weights} accepting the same share of STS 0-1 pairs:")
    for name, threshold in (("MIN_MATCH", MIN_MATCH), ("MIN_MOVE", MIN_MOVE)):
        share = float((current[unrelated] >= threshold).mean())
        equivalent = float(np.quantile(proposed[unrelated], 1 - share))
        kept_now = float((current[close] >= threshold).mean())
        kept_new = float((proposed[close] >= equivalent).mean())
        print(f"  {name} {threshold:.2f} -> {equivalent:.2f} (0-1 pairs accepted {share:.1%}; "
              f"4-5 pairs accepted {kept_now:.1%} -> {kept_new:.1%})")  # fmt: skip


def _row(
    sig_m: Signals,
    sig_s: Signals,
    msrp: Pairs,
    sts: Pairs,
    head: np.ndarray,
    w: tuple[float, float, float],
) -> tuple[tuple[float, float, float], float, float, float, float]:
    m, s = combine(sig_m, *w), combine(sig_s, *w)
    return (
        w,
        auc(m, msrp.gold),
        spearman(s, sts.gold),
        spearman(s[head], sts.gold[head]),
        objective((m, msrp.gold), (s, sts.gold), head),
    )


def _with_raw_fuzzy(sig: Signals) -> Signals:
    """The signals with the lemma-string token-sort ratio replaced by the raw-text one."""
    return replace(sig, fuzzy=sig.baseline_fuzz)


if __name__ == "__main__":
    main()
