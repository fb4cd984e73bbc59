"""Baseline process for bench_cli.py: import spaCy, load the model, parse the texts, nothing else.

    python bench/spacy_baseline.py MODEL senter|full FILE...

``senter`` loads the model the way core/nlp.py does (parser excluded, senter enabled);
``full`` loads the default pipeline. Prints the phase times as JSON on stdout.
"""

from __future__ import annotations

import sys
import time

t0 = time.perf_counter()

import spacy  # noqa: E402  (its import time is one of the phases)


def main() -> None:
    t_import = time.perf_counter()
    name, mode, *paths = sys.argv[1:]
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            texts.append(handle.read())
    if mode == "full":
        nlp = spacy.load(name)
    else:
        nlp = spacy.load(name, exclude=["parser"])
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    t_load = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=8))
    t_parse = time.perf_counter()
    tokens = sum(len(doc) for doc in docs)
    print(
        f'{{"import_spacy": {t_import - t0:.4f}, "load_model": {t_load - t_import:.4f}, '
        f'"parse": {t_parse - t_load:.4f}, "tokens": {tokens}}}'
    )


if __name__ == "__main__":
    main()
