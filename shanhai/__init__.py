"""shanhai (山海): knowledge graphs from Chinese policy text.

The package maps the repository folders ``extract/`` → :mod:`shanhai.extract`,
``graph/`` → :mod:`shanhai.graph` and ``ontology/`` → :mod:`shanhai.ontology`.

For notebooks::

    >>> import shanhai
    >>> kg = shanhai.load("build/seeds")      # a build folder
    >>> kg.pairings()                         # who helps whom, as a DataFrame

Importing ``shanhai`` loads nothing heavy: :mod:`shanhai.api` (and with it
rdflib, pandas, networkx) is imported on first use.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("shanhai")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

if TYPE_CHECKING:  # pragma: no cover - typing only
    from shanhai.api import Corpus, KnowledgeGraph, figure_dir, load, seed_build

__all__ = ["Corpus", "KnowledgeGraph", "__version__", "figure_dir", "load", "seed_build"]

_LAZY = frozenset({"Corpus", "KnowledgeGraph", "figure_dir", "load", "seed_build"})


def __getattr__(name: str) -> Any:
    """Resolve the notebook API on first use (PEP 562), keeping ``import shanhai`` light."""
    if name in _LAZY:
        from shanhai import api

        return getattr(api, name)
    raise AttributeError(f"module 'shanhai' has no attribute {name!r}")
