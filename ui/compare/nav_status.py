"""The status-bar line that says where next / previous landed. Pure: no Qt.

"Change 3 of 28 · CoastNews · number: ‘at least 20’ → ‘30’"; at the last stop it says
so (the next press goes round), and after going round it says that too.
"""

from __future__ import annotations

from ui.compare.layers import NavTarget

#: kind → (title, singular, plural, the key that goes on).
_WORDS = {
    "change": ("Change", "change", "changes", "Alt+Down"),
    "quote": ("Altered quote", "altered quote", "altered quotes", "Alt+Shift+Down"),
    "claim": ("Claim", "claim", "claims", "Alt+Right"),
}


def nav_status(kind: str, index: int, count: int, target: NavTarget | None, name: str, *,
               wrapped: bool = False, forward: bool = True) -> str:
    """The line for stop ``index`` (1-based) of ``count``; ``name`` names the version."""
    title, one, many, key = _WORDS.get(kind, (kind.capitalize(), kind, kind + "s", ""))
    if target is None or not count:
        return f"No {many} in this story"
    parts = [f"{title} {index} of {count}"]
    if name:
        parts.append(name)
    if target.what:
        parts.append(target.what)
    line = " · ".join(parts)
    if wrapped:
        line = ("Back to the first: " if forward else "Back to the last: ") + line
    elif forward and index == count:
        line += f" — the last {one}; {key} goes back to the first"
    elif not forward and index == 1:
        key = key.replace("Down", "Up").replace("Right", "Left")
        line += f" — the first {one}; {key} goes round to the last"
    return line
