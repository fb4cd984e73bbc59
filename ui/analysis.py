"""Open a story's comparison: from the library's cache at once, else by running the engine.

The engine runs on the TaskRunner's one worker with ``key="analysis"``, so opening
another story supersedes (cancels and drops) an analysis still running. Results are
saved to the cache on the GUI thread, where the library's SQLite connection lives.

Whatever the source, the GUI thread receives a ``PreparedComparison``: decoding a
cached analysis and deriving what the view shows happen on a thread (a second
runner for cached ones, so they never queue behind the model loading or an
analysis), and a 50,000-word story reaches the window without freezing it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from core.collector import collector_paused, settle_long_lived
from core.errors import CancelledError, ModelError, VariorumError
from core.first_look_process import FIRST_LOOK_HERE_CHARS, FirstLookProcess
from ui.compare.prepared import PreparedComparison, prepare
from ui.library_bridge import comparison_payload, decode_comparison
from ui.messages import user_message
from ui.tasks import TaskRunner, TaskState

if TYPE_CHECKING:
    from core.parsers import Parser
    from core.records import Comparison
    from core.stored_compare import ParsedComparison, StoredInputs
    from ui.library_bridge import LibraryBridge, StoryInputs

log = logging.getLogger(__name__)

T = TypeVar("T")
#: The cache write waits this long after a hand-over, so it does not share an event-loop
#: turn with the first paint or the details dock (zero-delay timers all run in one turn).
SAVE_DELAY_MS = 100
Engine = Callable[..., "ParsedComparison"]
#: Makes the parser that runs the model (called once, on the worker thread).
ParserFactory = Callable[[str | None], "Parser"]


@dataclass(frozen=True, slots=True)
class EngineHooks:
    """The core functions the controller calls; tests pass counting fakes."""

    compare: Engine
    make_parser: ParserFactory


def default_hooks() -> EngineHooks:
    """The engine of the app: the model in a process of its own (``ParseServer``)."""
    from core.parse_server import ParseServer
    from core.stored_compare import compare_with_parses

    return EngineHooks(compare_with_parses, ParseServer)


@dataclass(slots=True)
class _Unsaved:
    """An analysis waiting for its cache write; its JSON is made on the reader thread."""

    inputs: StoryInputs
    parsed: ParsedComparison
    payload: str | None = None


class AnalysisController(QObject):
    """Turns "show story N" into a Comparison, from cache or from the engine.

    Signals:
        comparison_ready(int story_id, object prepared, object inputs): a
            ``PreparedComparison`` (None for a story with one version) and the
            ``StoryInputs`` it was made from (version ids and names, base first)
        analysis_started(int story_id)
        analysis_failed(int story_id, str message)
        model_ready(str model_key)
        model_failed(str message)
    """

    comparison_ready = Signal(int, object, object)
    analysis_started = Signal(int)
    analysis_failed = Signal(int, str)
    model_ready = Signal(str)
    model_failed = Signal(str)

    def __init__(
        self,
        bridge: LibraryBridge,
        runner: TaskRunner,
        *,
        model_name: str | None = None,
        model_key_hint: str | None = None,
        hooks: EngineHooks | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._runner = runner
        self._hooks = hooks or default_hooks()
        self.model_name = model_name
        #: Known once the model has loaded; until then the key remembered from last run.
        self.model_key: str | None = None
        self._model_key_hint = model_key_hint or _installed_key(model_name)
        self.current_story: int | None = None
        self.engine_runs = 0
        self._model_requested = False
        #: Analyses not cached yet, oldest first.
        self._unsaved: list[_Unsaved] = []
        #: Decodes cached analyses, apart from the worker that loads the model and analyses.
        self._reader = TaskRunner(self)
        #: Parses decoded on the worker, kept for the next re-alignment (worker-only).
        self._analyses: dict[tuple[str, str], object] = {}
        #: Runs the model; made on the worker by ``_parser_once``.
        self._parser: Parser | None = None
        #: Show a first look (aligned and diffed without spaCy) while the model parses.
        self.first_look = True
        #: Make a short story's first look on this thread, at once (``first_looks_here``).
        self._first_look_here = False
        #: A first look made in a process of its own while the window started, for the
        #: first story opened (``expect_first_look``).
        self._pending_first_look: FirstLookProcess | None = None
        #: The one the reader is waiting for.
        self._awaited_first_look: FirstLookProcess | None = None
        #: Each open_story is a request; a first look never replaces the model's result.
        self._request = 0
        self._final_request = -1

    def shutdown(self) -> None:
        """Cache what is not cached yet; stop the reader (the shared worker is the window's)
        and the model's process."""
        self.save_pending()
        self._reader.shutdown(wait=False)
        if self._pending_first_look is not None:
            self._pending_first_look.close()
            self._pending_first_look = None
        if self._awaited_first_look is not None:  # the reader waits for it: no longer
            self._awaited_first_look.stop()
        close = getattr(self._parser, "close", None)
        if close is not None:
            close()

    def _parser_once(self) -> Parser:
        """The parser, made on first use (on the worker: a local one loads the model), and
        again when its process has stopped (killed, crashed): "analyse again (F5) to start
        it again", as ``ParseServer`` tells the user, then does."""
        if self._parser is not None and not getattr(self._parser, "running", True):
            getattr(self._parser, "close", lambda: None)()
            self._parser = None
        if self._parser is None:
            self._parser = self._hooks.make_parser(self.model_name)
        return self._parser

    # ------------------------------------------------------------------ model

    def load_model_in_background(self) -> None:
        """Load spaCy on the worker so the first analysis does not wait for it (once)."""
        if self._model_requested or self._runner.is_closed:
            return
        self._model_requested = True
        self._runner.submit(
            lambda _state: self._parser_once().info().key,
            label="Loading the language model",
            on_success=self._model_loaded,
            on_failure=self._model_not_loaded,
        )

    def _model_loaded(self, key: str) -> None:
        stale_guess = self.model_key is None and self._model_key_hint not in (None, key)
        self.model_key = key
        self.model_ready.emit(key)
        if stale_guess and self.current_story is not None:
            self.open_story(self.current_story)  # the cache hit was for another model

    def _model_not_loaded(self, error: BaseException) -> None:
        self._model_requested = False
        self.model_failed.emit(_plain(error))

    def cache_key(self) -> str | None:
        return self.model_key or self._model_key_hint

    # ------------------------------------------------------------------ stories

    def open_story(self, story_id: int, *, force: bool = False, reparse: bool = False) -> None:
        """Show ``story_id``: its cached comparison, or analyse it in the background.

        ``force`` skips the cached comparison (a link, pin or correction changed what it
        depends on); cached parses are still used, so nothing is parsed again, unless
        ``reparse`` asks for the whole analysis from scratch (Analyse again).
        """
        self.save_pending()  # a result still waiting for its cache write is found there
        self.current_story = story_id
        self._request += 1
        try:
            inputs = self._bridge.story_inputs(story_id)
        except VariorumError as exc:
            self.analysis_failed.emit(story_id, str(exc))
            return
        if not inputs.sources:
            self.cancel()
            self.comparison_ready.emit(story_id, None, inputs)
            return
        payload = None if force or reparse else self._cached(inputs)
        if payload is None:
            self._analyse(story_id, inputs, reparse=reparse)
            return
        self._runner.cancel_key("analysis")
        self._reader.submit(
            lambda _state: _off_thread(
                lambda: prepare(decode_comparison(payload), names=inputs.names)),
            key="open",
            label="Opening the stored analysis",
            on_success=lambda prepared: self._deliver(story_id, inputs, prepared),
            on_failure=lambda error: self._cache_unreadable(story_id, inputs, error),
        )

    def cancel(self) -> None:
        self._runner.cancel_key("analysis")
        self._reader.cancel_key("open")
        self._reader.cancel_key("quick")

    def _cached(self, inputs: StoryInputs) -> str | None:
        key = self.cache_key()
        if key is None:
            return None
        try:
            return self._bridge.cached_payload(inputs, key)
        except VariorumError as exc:  # a broken cache entry is not worth an error dialog
            log.warning("ignoring cached analysis: %s", exc)
            return None

    def _cache_unreadable(self, story_id: int, inputs: StoryInputs, error: BaseException) -> None:
        log.warning("ignoring unreadable cached analysis: %s", error)
        if story_id == self.current_story:
            self._analyse(story_id, inputs)

    def _deliver(self, story_id: int, inputs: StoryInputs, prepared: PreparedComparison) -> None:
        if story_id == self.current_story:
            self.comparison_ready.emit(story_id, prepared, inputs)

    def _analyse(self, story_id: int, inputs: StoryInputs, *, reparse: bool = False) -> None:
        self.engine_runs += 1
        compare, name = self._hooks.compare, self.model_name
        stored = inputs.stored()
        if reparse:
            self._analyses.clear()
        cached = [None] * len(inputs.version_ids) if reparse else self._cached_parses(inputs)

        kept = self._analyses

        def build(state: TaskState) -> tuple[PreparedComparison, ParsedComparison]:
            result = run_engine(compare, stored, cached, name, state, kept, self._parser_once())
            return prepare(result.comparison, names=inputs.names), result  # off the GUI thread

        def work(state: TaskState) -> tuple[PreparedComparison, ParsedComparison]:
            # The collector stays paused through the parse too: measured on a 20k-word
            # pair, the same peak memory, 12% faster, and 174 cyclic objects left over.
            return _off_thread(lambda: build(state))

        self._reader.cancel_key("open")
        self.analysis_started.emit(story_id)
        request = self._request
        if self.first_look and any(
                data is None and (source.content_hash, self.model_key) not in kept
                for data, source in zip(cached, inputs.sources, strict=True)):
            self._first_look(story_id, request, inputs)
        self._runner.submit(
            work,
            key="analysis",
            label="Analysing",
            on_success=lambda result: self._analysed(story_id, inputs, result, request),
            on_failure=lambda error: self._failed(story_id, error),
        )

    @contextmanager
    def first_looks_here(self) -> Iterator[None]:
        """Within this block, a first look of versions shorter than ``FIRST_LOOK_HERE_CHARS``
        together is made on this thread and delivered before the call returns: the window
        opens a story before it is first shown, and its first frame has the diff in it."""
        self._first_look_here = True
        try:
            yield
        finally:
            self._first_look_here = False

    def expect_first_look(self, process: FirstLookProcess) -> None:
        """The next first look is ``process``'s when it compared the very sources stored
        (the files the window was started on); otherwise it is made here as usual."""
        if self._pending_first_look is not None:
            self._pending_first_look.close()
        self._pending_first_look = process

    def _first_look(self, story_id: int, request: int, inputs: StoryInputs) -> None:
        """Align and diff without spaCy on the reader while the model parses: the panes
        paint in a fraction of a second and the model's layers follow, same offsets."""
        from core.quick_analysis import quick_comparison

        stored = inputs.stored()
        pending, self._pending_first_look = self._pending_first_look, None
        if pending is not None and (stored.overrides or stored.corrections):
            pending.close()  # made without them
            pending = None

        self._awaited_first_look = pending

        def compared() -> Comparison:
            made = pending.comparison_for(stored.sources) if pending is not None else None
            self._awaited_first_look = None
            return made or quick_comparison(
                stored.sources, overrides=stored.overrides, corrections=stored.corrections)

        def build() -> PreparedComparison:
            return _off_thread(lambda: prepare(compared(), names=inputs.names))

        def delivered(prepared: PreparedComparison) -> None:
            if request == self._request and self._final_request != request:
                self._deliver(story_id, inputs, prepared)

        def failed(error: BaseException) -> None:
            log.warning("no first look: %s", error)

        if self._first_look_here and sum(
                len(source.text) for source in stored.sources) < FIRST_LOOK_HERE_CHARS:
            try:
                prepared = build()
            except Exception as exc:  # as on the reader: the model's comparison still comes
                failed(exc)
                return
            delivered(prepared)
            return
        self._reader.submit(lambda _state: build(), key="quick", label="Comparing",
                            on_success=delivered, on_failure=failed)

    def _cached_parses(self, inputs: StoryInputs) -> list[bytes | None]:
        try:
            return self._bridge.cached_parses(inputs, self.model_name)
        except VariorumError as exc:  # the parse cache is optional
            log.warning("ignoring cached parses: %s", exc)
            return [None] * len(inputs.version_ids)

    def _analysed(
        self,
        story_id: int,
        inputs: StoryInputs,
        result: tuple[PreparedComparison, ParsedComparison],
        request: int | None = None,
    ) -> None:
        prepared, parsed = result
        self._final_request = self._request if request is None else request
        if self.model_key is None:
            self.model_key = prepared.comparison.model
        self._deliver(story_id, inputs, prepared)
        # The cache's JSON is made on the reader after the hand-over and written in a
        # turn of its own: a long story's entry is megabytes, and the analyst should see
        # the result (or a re-alignment) first.
        entry = _Unsaved(inputs, parsed)
        self._unsaved.append(entry)
        self._reader.submit(
            lambda _state: comparison_payload(parsed.comparison),
            label="Caching the analysis",
            on_success=lambda payload: self._payload_ready(entry, payload),
            on_failure=lambda error: log.warning("analysis not cached: %s", error),
        )

    def _payload_ready(self, entry: _Unsaved, payload: str) -> None:
        entry.payload = payload
        QTimer.singleShot(SAVE_DELAY_MS, self.save_pending)

    def save_pending(self) -> None:
        """Write the analyses not cached yet (``shutdown`` does too, before the library closes)."""
        while self._unsaved:
            entry = self._unsaved.pop(0)
            payload = entry.payload or comparison_payload(entry.parsed.comparison)
            try:
                self._bridge.save_analysis(entry.inputs, entry.parsed, payload)
            except VariorumError as exc:
                log.warning("analysis not cached: %s", exc)

    def _failed(self, story_id: int, error: BaseException) -> None:
        if isinstance(error, CancelledError):
            return
        if not isinstance(error, VariorumError):
            log.error("analysis failed", exc_info=error)
        self.analysis_failed.emit(story_id, _plain(error))


def run_engine(
    compare: Engine,
    inputs: StoredInputs,
    cached: Sequence[bytes | None],
    model_name: str | None,
    state: TaskState,
    analyses: dict[tuple[str, str], object] | None = None,
    parser: Parser | None = None,
) -> ParsedComparison:
    """The worker side: the engine with progress and cancellation bridged to ``state``."""
    return compare(
        inputs,
        cached,
        model_name=model_name,
        progress=state.progress,
        should_stop=state.should_stop,
        processes=1,  # forking a threaded Qt process is unsafe (the server is a fresh interpreter)
        analyses=analyses,
        parser=parser,
    )


def _off_thread(build: Callable[[], T]) -> T:
    """Run bulk work on a worker without the collector stalling the GUI thread.

    A full collection holds the interpreter lock for as long as it scans (tens to
    hundreds of ms once spaCy is loaded), and the GUI thread waits: so the collector is
    paused while ``build`` allocates, and what it built (a model, a comparison that
    stays on screen) is exempted from later scans.
    """
    with collector_paused():
        result = build()
        settle_long_lived()  # before the collector resumes, or its first pass scans it all
    return result


def _plain(error: BaseException) -> str:
    if isinstance(error, ModelError | VariorumError):
        return str(error)
    return user_message(error)


def _installed_key(model_name: str | None) -> str | None:
    from core.nlp import installed_model_key

    return installed_model_key(model_name)
