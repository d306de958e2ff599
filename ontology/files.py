"""Where the ontology's files are (package data next to this module)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def ontology_path() -> Path:
    """``shanhai.ttl``: the OWL ontology, the source of truth for the vocabulary."""
    return _HERE / "shanhai.ttl"


def shapes_path() -> Path:
    """``shapes.ttl``: the SHACL shapes the graph is validated against."""
    return _HERE / "shapes.ttl"


def context_path() -> Path:
    """``context.jsonld``: the published JSON-LD context (generated from the ontology)."""
    return _HERE / "context.jsonld"


def ns_path() -> Path:
    """``ns.py``: the generated rdflib namespace."""
    return _HERE / "ns.py"
