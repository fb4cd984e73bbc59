"""The model in a process of its own: the same analyses, and it never outlives its parent."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ModelError
from core.parse_server import (
    REQUEST_CHARS,
    ParseServer,
    model_niceness,
    model_processes,
    request_groups,
)
from core.parsers import LocalParser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server():
    started = ParseServer()
    yield started
    started.close()


def test_the_server_parses_and_decodes_as_this_process_does(server, demo_sources):
    text = demo_sources[0].text
    local = LocalParser(processes=1)
    assert server.info() == local.info()
    (analysis, data), = server.parse([text])
    (expected, _data), = local.parse([text])
    assert analysis == expected
    assert server.decode(text, data) == expected
    assert server.decode(text, b"not a docbin") is None  # a cache miss, not a failure


def test_the_server_dies_with_its_parent(tmp_path):
    code = (f"import sys, time; sys.path.insert(0, {str(ROOT)!r})\n"
            "from core.parse_server import ParseServer\n"
            "if __name__ == '__main__':\n"
            "    server = ParseServer()\n"
            "    print(server.pid, flush=True)\n"
            "    server.info()\n"
            "    print('ready', flush=True)\n"
            "    time.sleep(120)\n")
    script = tmp_path / "parent.py"
    script.write_text(code, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert parent.stdout.readline().strip() == "ready"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(child):
            time.sleep(0.05)
        assert not _alive(child), "the model's process outlived the app"
    finally:
        parent.stdout.close()
        if parent.poll() is None:
            parent.kill()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_a_server_closed_while_it_loads_is_gone_at_once():
    loading = ParseServer()
    started = time.monotonic()
    loading.close()
    assert time.monotonic() - started < 1.0
    assert not loading.running
    loading.close()  # once: a second close changes nothing


@pytest.mark.parametrize(("cores", "expected"), [(1, 1), (2, 1), (3, 2), (16, 2)])
def test_the_model_leaves_a_core_to_the_window(monkeypatch, cores, expected):
    monkeypatch.delenv("VARIORUM_NLP_PROCESSES", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert model_processes() == expected


@pytest.mark.parametrize(("named", "expected"), [("1", 1), ("3", 3), (" 2 ", 2), ("", 1)])
def test_the_environment_names_the_models_processes(monkeypatch, named, expected):
    monkeypatch.setenv("VARIORUM_NLP_PROCESSES", named)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    assert model_processes() == expected


@pytest.mark.parametrize("named", ["0", "two", "-2", "²"])
def test_a_count_that_is_not_one_is_the_models_error_not_ignored(monkeypatch, named):
    monkeypatch.setenv("VARIORUM_NLP_PROCESSES", named)
    with pytest.raises(ModelError, match=r"\$VARIORUM_NLP_PROCESSES must be a whole number"):
        model_processes()


def test_the_window_hears_a_bad_count_of_processes_as_the_models_failure(monkeypatch):
    monkeypatch.setenv("VARIORUM_NLP_PROCESSES", "two")
    server = ParseServer()  # the child inherits the variable
    monkeypatch.undo()
    try:
        with pytest.raises(ModelError, match="not 'two'"):
            server.info()
    finally:
        server.close()


@pytest.mark.parametrize(("cores", "expected"), [(1, 5), (2, 0), (8, 0)])
def test_the_model_runs_lower_than_the_window_only_on_one_core(monkeypatch, cores, expected):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert model_niceness() == expected


def test_the_models_process_starts_at_its_lower_priority_and_this_thread_keeps_its_own(
        monkeypatch):
    from core.parse_server import SERVER_NICENESS

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})  # one core
    before = os.nice(0)
    started = ParseServer()
    try:
        fields = Path(f"/proc/{started.pid}/stat").read_text().rsplit(")", 1)[1].split()
        niceness = int(fields[16])  # field 19 of proc(5), counted after the name
    finally:
        started.close()
    assert niceness == max(before, SERVER_NICENESS)
    assert os.nice(0) == before


def test_a_long_text_is_parsed_on_the_servers_own_workers(monkeypatch, demo_sources):
    from concurrent.futures import ThreadPoolExecutor

    from core.nlp import PARALLEL_THRESHOLD

    monkeypatch.setenv("VARIORUM_NLP_PROCESSES", "2")  # whatever this machine's cores
    server = ParseServer()
    monkeypatch.undo()
    paragraph = demo_sources[0].text.strip() + "\n\n"
    text = paragraph * (PARALLEL_THRESHOLD // len(paragraph) + 1)
    assert len(text) > PARALLEL_THRESHOLD
    try:
        server.info()
        with ThreadPoolExecutor(1) as pool:
            parsing = pool.submit(server.parse, [text])
            workers: set[int] = set()
            while not parsing.done():
                workers |= _children(server.pid)
                time.sleep(0.02)
            (analysis, _data), = parsing.result()
        (short, _), = server.parse([paragraph])
    finally:
        server.close()
    assert workers  # a forked worker (a daemon could not fork)
    copies = len(text) // len(paragraph)
    # Every copy is there (the splitter may join a headline differently at a piece's edge).
    assert abs(len(analysis.sentence_starts) - len(short.sentence_starts) * copies) < copies * 3
    assert analysis.tokens[-1].end > len(text) - len(paragraph)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def test_closing_never_waits_for_a_parse_or_the_import(demo_sources):
    import threading

    busy = ParseServer()
    busy.info()
    failures: list[BaseException] = []

    def parse_long() -> None:
        try:
            busy.parse([demo_sources[0].text * 40])  # seconds of work on one process
        except Exception as exc:  # the close cut it short
            failures.append(exc)

    worker = threading.Thread(target=parse_long)
    worker.start()
    time.sleep(0.3)  # the request is in flight
    started = time.monotonic()
    busy.close()
    assert time.monotonic() - started < 1.5
    worker.join(timeout=10)
    assert not worker.is_alive() and failures  # told, not left hanging
    loading = ParseServer()  # still importing spaCy
    started = time.monotonic()
    loading.close()
    assert time.monotonic() - started < 1.0


def test_the_server_is_the_apps_one_extra_process(tmp_path):
    """No resource tracker or other helper beside it (spawn started one: 12 MiB more)."""
    code = (f"import os, sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from pathlib import Path\n"
            "from core.parse_server import ParseServer\n"
            "server = ParseServer()\n"
            "server.info()\n"
            "me = os.getpid()\n"
            "kids = Path(f'/proc/{me}/task/{me}/children').read_text().split()\n"
            "print(kids == [str(server.pid)])\n"
            "server.close()\n"
            "print(server.running)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_short_texts_go_in_one_request_and_come_back_in_order(demo_sources, tmp_path,
                                                              monkeypatch):
    trace = tmp_path / "trace"
    monkeypatch.setenv("VARIORUM_TRACE", str(trace))
    texts = [source.text for source in demo_sources]
    server = ParseServer()
    try:
        parsed = server.parse(texts)
    finally:
        server.close()
    local = LocalParser(processes=1).parse(texts)
    assert [analysis for analysis, _ in parsed] == [analysis for analysis, _ in local]
    stamps = trace.read_text(encoding="utf-8").split()
    assert stamps.count("parsed") == 1  # one request for all of them


@given(st.lists(st.integers(min_value=0, max_value=3 * REQUEST_CHARS), max_size=8))
def test_request_groups_keep_every_text_in_order_within_the_limit(sizes):
    texts = [f"{i}" * size for i, size in enumerate(sizes)]
    groups = request_groups(texts)
    assert [text for group in groups for text in group] == texts
    for group in groups:
        assert len(group) == 1 or sum(map(len, group)) <= REQUEST_CHARS
    for before, after in itertools.pairwise(groups):  # a group ends only when full
        assert sum(map(len, before)) + len(after[0]) > REQUEST_CHARS
