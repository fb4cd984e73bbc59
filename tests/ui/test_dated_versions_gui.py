"""A version's publication date in the app: relative dates read against it, and a new
date re-reads them from the cached parses (no parse), shown in the Changes tab."""

from __future__ import annotations

from window_fixtures import ANALYSIS_TIMEOUT_MS, wait_for_comparison

from core.textio import load_text

_TEXTS = (
    "Dam inspection\n\nThe dam was inspected in June last year, the water board said.",
    "Dam inspection due\n\nThe dam was inspected last June, the water board said.",
)


def _change_rows(window) -> list[tuple[str, str]]:
    changes = window.details.change_list
    return [(changes.topLevelItem(i).text(0), changes.topLevelItem(i).text(3))
            for i in range(changes.topLevelItemCount())]


def test_a_new_publication_date_re_reads_the_dates_from_cached_parses(
    qtbot, make_window, open_library, monkeypatch
):
    with open_library() as library:
        story, _ = library.add_story("Dam inspection")
        ids = [library.add_version(story, load_text(text, f"v{i}.txt"), outlet=outlet,
                                   published="2026-03-12", make_base=i == 0)[0]
               for i, (text, outlet) in enumerate(zip(_TEXTS, ("Board", "Daily"), strict=True))]
    window = make_window()
    wait_for_comparison(qtbot, window)
    assert _change_rows(window) == [
        ("date reworded (same date)", "both June 2025, read from the publication date 2026-03-12")]

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("a new date must not parse the texts again")

    monkeypatch.setattr("core.nlp.parse_texts", no_parsing)
    shown = window.compare_view.comparison()
    for version_id in ids:
        window.on_change(window.library.update_version(version_id, published="2026-08-17"))
    qtbot.waitUntil(lambda: window.details.comparison() is not shown
                    and window.details.comparison() is window.compare_view.comparison(),
                    timeout=ANALYSIS_TIMEOUT_MS)
    assert _change_rows(window) == [
        ("date changed", "June 2025 → June 2026, read from the publication date 2026-08-17")]
    assert [v.label for v in window.bridge.versions(story)] == [
        "Board, 2026-08-17", "Daily, 2026-08-17"]
