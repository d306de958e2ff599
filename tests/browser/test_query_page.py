"""The endpoint's query page in headless Chromium: offline, named queries as examples, results as a table."""

from __future__ import annotations

import ctypes
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

SHANHAI = Path(sys.executable).with_name("shanhai")


@pytest.fixture(scope="module")
def endpoint(seed_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = (tmp_path_factory.mktemp("page") / "serve.log").open("wb")
    proc = subprocess.Popen([str(SHANHAI), "serve", str(seed_out), "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=log,
                            preexec_fn=lambda: ctypes.CDLL(None).prctl(1, signal.SIGTERM))
    try:
        assert proc.stdout is not None
        match = re.search(r"(http://[^ ]+)/sparql", proc.stdout.readline().decode())
        assert match, "shanhai serve did not start"
        yield match.group(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        log.close()


def test_the_page_runs_named_queries_offline(chromium: Any, endpoint: str) -> None:
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(endpoint + "/")
    # (selectors, not wait_for_function: the page's CSP forbids eval, as it should)
    page.wait_for_selector("#named option[value=program-timeline]", state="attached")
    assert page.input_value("#named") == "who-helps-whom"
    assert "SELECT" in page.input_value("#query")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    cells = page.locator("#results td").all_inner_texts()
    assert "青岛市" in cells and "陇南市" in cells

    page.select_option("#named", "partners-of-region")
    page.fill("#params input[name=region]", "广元市")
    page.click("#run")
    page.wait_for_selector("#status:has-text('results')")  # the click set it to 'running…'
    partners = page.locator("#results td").all_inner_texts()
    assert "丽水市" in partners and "四川省" not in partners

    page.fill("#query", "SELECT ?x WHERE {\n  ?x ?y\n}")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert re.search(r"400 .*line \d+, column \d+", page.inner_text("#error"), re.S)

    assert errors == []
    assert requests and all(url.startswith(endpoint + "/") for url in requests)
    page.close()
