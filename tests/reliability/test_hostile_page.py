"""A hostile corpus, built with the CLI and opened in headless Chromium: nothing may run.

Attack strings sit in program titles, next to regions and pairing sentences, and
in file names, so the extractors carry them into labels, evidence quotes and
document ids, and the page has to show them.  The test opens every node and
relation panel and searches for the attack text, then checks that no dialog
opened, nothing was logged as an error, nothing was fetched, the sentinel
global stayed undefined, no element carries an event handler or a
``javascript:`` link, and the attack strings are on screen as plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
CLOSE = "</script><script>window.__pwned=2;alert(2)</script>"
IMG = '<img src=x onerror="window.__pwned=3;alert(3)">'
JS_LINK = "javascript:window.__pwned=4;alert(4)"
ANCHOR = '<a href="javascript:window.__pwned=5">点我</a>'
SVG = "<svg/onload=window.__pwned=6>"
LONE = "\ud800"

#: file name → text (written as UTF-8, lone surrogates passed through as bytes)
FILES = {
    f"{IMG}.txt": (f"1994年国务院制定并实施《国家八七{SCRIPT}扶贫攻坚计划》。\n"
                   f"1996年，浙江省对口帮扶四川省广元市。{CLOSE}\n"),
    f"{JS_LINK}.txt": (f"2016年，青岛市对口帮扶陇南市。{ANCHOR}\n"
                       f"2017年国务院印发《{JS_LINK}协作计划》。\n"),
    "lone.txt": (f"1996年，福建省与宁夏回族自治区建立对口扶贫协作关系，"
                 f"实施《闽宁{LONE}协作{CLOSE}计划》。浙江省投入资金7400余万元{IMG}。\n"
                 f"2018年国务院印发《{SVG}{ANCHOR}行动计划》。\n"),
}
#: strings that must reach the page as visible text
SHOWN = [SCRIPT, CLOSE, IMG, f"{JS_LINK}.txt", f"闽宁\ufffd协作{CLOSE}计划"]


def test_hostile_corpus_page_executes_nothing(tmp_path: Path, cli_build, chromium: Any) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    build = cli_build(folder)
    assert build.exit_code == 0, build.output
    quotes = "\n".join(r["evidence"]["quote"] + "\n" + r["evidence"]["doc"] for r in build.records())
    for attack in SHOWN:
        assert attack in quotes, f"the corpus must carry {attack!r} into the evidence"

    context = chromium.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    url = (build.out / "graph.html").as_uri()
    try:
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        nodes = page.evaluate("window.shanhai.data.nodes.length")
        edges = page.evaluate("window.shanhai.data.edges.length")
        assert nodes >= 8 and edges >= 5
        seen: list[str] = []
        for k in range(nodes):
            page.evaluate("k => window.shanhai.select(k)", k)
            seen.append(page.evaluate("window.shanhai.panelText()"))
        for k in range(edges):
            page.evaluate("k => window.shanhai.showEdge(k)", k)
            seen.append(page.evaluate("window.shanhai.panelText()"))
        page.mouse.move(700, 430)
        page.locator("#search").fill("<script")
        page.locator("#search").press("Enter")
        page.wait_for_timeout(300)
        shown = "\n".join(seen)
        for attack in SHOWN:
            assert attack in shown, f"{attack!r} is shown as text"
        assert page.evaluate("typeof window.__pwned") == "undefined"
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(e =>
                 [...e.attributes].filter(a => /^on/i.test(a.name)
                   || /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name))"""
        )
        assert handlers == []
        assert page.locator("img, svg a, a[href^='javascript']").count() == 0
        # attack text may sit only in the inert JSON data block, never in code
        carriers = page.evaluate(
            """() => [...document.scripts].filter(s => s.textContent.includes('__pwned'))
                 .map(s => s.type)""")
        assert carriers == ["application/json"]
    finally:
        context.close()
    assert dialogs == []
    assert errors == []
    assert requests == [url]
