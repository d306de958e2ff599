"""Shared fixtures: the seed corpus, the gazetteer, and one seed build per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from shanhai.extract import gazetteer as gazetteer_module
from shanhai.extract import segment as segment_module
from shanhai.extract.document import Document
from shanhai.extract.gazetteer import Gazetteer
from shanhai.extract.pipeline import Extraction, extract_document
from shanhai.extract.segment import Segmenter
from shanhai.graph.corpus import Report, build_corpus

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
#: Flags for headless Chromium as root in a closed network (no background fetches at all).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole run (Playwright allows one sync session at a time)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed; `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
