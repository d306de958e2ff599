"""Shared fixtures: the seed corpus, the gazetteer, and one seed build per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from shanhai.extract import gazetteer as gazetteer_module
from shanhai.extract import segment as segment_module
from shanhai.extract.document import Document
from shanhai.extract.gazetteer import Gazetteer
from shanhai.extract.pipeline import Extraction, extract_document
from shanhai.extract.segment import Segmenter
from shanhai.graph.corpus import Report, build_corpus

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return gazetteer_module.default()


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    return segment_module.default()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """The seed corpus built once per session (graph, page, report)."""
    out = tmp_path_factory.mktemp("seed-build")
    report = build_corpus([SEEDS], out)
    return out, report


@pytest.fixture(scope="session")
def seed_out(seed_build: tuple[Path, Report]) -> Path:
    return seed_build[0]


@pytest.fixture
def extract_text():
    """Extract facts from a literal text, as one document."""

    def run(text: str, doc_id: str = "t.txt") -> Extraction:
        return extract_document(Document.from_text(text, doc_id))

    return run
