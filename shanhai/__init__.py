"""shanhai (山海): knowledge graphs from Chinese policy text.

The package maps the repository folders ``extract/`` → :mod:`shanhai.extract`,
``graph/`` → :mod:`shanhai.graph` and ``ontology/`` → :mod:`shanhai.ontology`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("shanhai")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

__all__ = ["__version__"]
