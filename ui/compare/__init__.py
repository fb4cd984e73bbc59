"""The comparison view: panes, connectors, overview strip; ``layers`` is pure Python.

Import ``ui.compare.compare_view.CompareView`` for the widget; this package's
``__init__`` imports nothing, so ``ui.compare.layers`` stays usable without Qt.
"""

from __future__ import annotations
