"""``shanhai serve`` as a real process, queried by real clients (SPARQLWrapper, curl, http.client)."""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from shanhai.graph.engine import Engine, open_engine
from shanhai.graph.query import named_queries, run_named
from shanhai.graph.results import parse_json

pytestmark = pytest.mark.server

SHANHAI = Path(sys.executable).with_name("shanhai")
TIMEOUT = 2.0  # the server's query time limit in these tests
MAX_RESULTS = 50
MAX_BODY = 20_000
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PAIRINGS = ("PREFIX shanhai: <https://w3id.org/shanhai/ontology#> "
            "SELECT ?h ?r WHERE { ?p a shanhai:Pairing ; shanhai:helper ?h ; shanhai:recipient ?r }")


class Server:
    """A ``shanhai serve`` child process on a free loopback port."""

    def __init__(self, args: list[str], log: Path) -> None:
        self.log = log.open("wb")
        self.proc = subprocess.Popen([str(SHANHAI), "serve", *args, "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=self.log,
                                     preexec_fn=_stop_with_parent)
        assert self.proc.stdout is not None
        line = _readline(self.proc.stdout, 120)
        match = re.search(r"(http://[^ ]+)/sparql", line)
        if not match:
            self.stop()
            raise RuntimeError(f"server did not start: {line!r}; log: {log.read_text()}")
        self.base = match.group(1)
        self.sparql = self.base + "/sparql"
        parts = urllib.parse.urlsplit(self.base)
        self.host, self.port = parts.hostname or "", parts.port or 0

    def descendants(self) -> set[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    stat = (entry / "stat").read_text()
                    ppid = int(stat.rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(entry.name))
        out, todo = set(), [self.proc.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                out.add(child)
                todo.append(child)
        return out

    def stop(self) -> set[int]:
        """Stop the server; return the pids of its processes still alive afterwards."""
        family = self.descendants()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        deadline = time.monotonic() + 5
        alive = family
        while alive and time.monotonic() < deadline:
            alive = {pid for pid in alive if _alive(pid)}
            time.sleep(0.05)
        for pid in alive:  # never leave anything behind, even when the test fails
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        return alive

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def query(self, text: str, accept: str = "application/sparql-results+json") -> tuple[int, dict[str, str], bytes]:
        body = urllib.parse.urlencode({"query": text}).encode()
        return self.request("POST", "/sparql", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})


def _stop_with_parent() -> None:
    """In the server child: SIGTERM if the test process dies, so no server outlives the tests."""
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _readline(stream: object, timeout: float) -> str:
    box: list[bytes] = []
    reader = threading.Thread(target=lambda: box.append(stream.readline()), daemon=True)  # type: ignore[attr-defined]
    reader.start()
    reader.join(timeout)
    return box[0].decode("utf-8", "replace") if box else ""


@pytest.fixture(scope="module")
def server(seed_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    srv = Server([str(seed_out), "--timeout", str(TIMEOUT), "--max-results", str(MAX_RESULTS),
                  "--max-body", str(MAX_BODY), "--quiet"], log)
    try:
        yield srv
    finally:
        leftovers = srv.stop()
        assert not leftovers, f"processes left running: {leftovers}"


@pytest.fixture(scope="module")
def local(seed_out: Path) -> Engine:
    return open_engine(seed_out, "oxigraph")


# ------------------------------------------------------------------ real clients


def test_sparqlwrapper_select_ask_and_construct(server: Server) -> None:
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(server.sparql)
    client.setQuery(PAIRINGS.replace("SELECT ?h ?r", "SELECT ?hl ?rl").replace(
        "shanhai:recipient ?r }", "shanhai:recipient ?r . ?h rdfs:label ?hl . ?r rdfs:label ?rl "
        "FILTER(lang(?hl) = 'zh' && lang(?rl) = 'zh') }").replace(
        "PREFIX shanhai:", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX shanhai:"))
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert ("青岛市", "陇南市") in {(b["hl"]["value"], b["rl"]["value"]) for b in bindings}

    client.setQuery("ASK { ?s a <https://w3id.org/shanhai/ontology#Pairing> }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index,call-overload]
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]

    client.setQuery("CONSTRUCT { ?r a ?c } WHERE { ?r a ?c ; <https://w3id.org/shanhai/ontology#adminCode> '510000' }")
    client.setReturnFormat(TURTLE)
    g = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(g) >= 1


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("accept, media, marker", [
    ("text/csv", "text/csv", "青岛市"),
    ("text/tab-separated-values", "text/tab-separated-values", '"青岛市"@zh'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<literal xml:lang=\"zh\">青岛市"),
    ("application/sparql-results+json", "application/sparql-results+json", '"value":"青岛市"'),
])
def test_curl_content_negotiation(server: Server, accept: str, media: str, marker: str) -> None:
    query = named_queries()["who-helps-whom"].text
    out = subprocess.run(["curl", "-sS", "-D", "-", "-H", f"Accept: {accept}",
                          "--data-urlencode", f"query={query}", server.sparql],
                         capture_output=True, timeout=60, check=True)
    head, _, body = out.stdout.partition(b"\r\n\r\n")
    assert b" 200 " in head.split(b"\r\n")[0]
    assert f"content-type: {media}; charset=utf-8" in head.decode().lower()
    assert marker in body.decode("utf-8")


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_get_and_graph_formats(server: Server) -> None:
    construct = "CONSTRUCT { ?r ?p ?o } WHERE { ?r <https://w3id.org/shanhai/ontology#adminCode> '510000' ; ?p ?o }"
    for accept, media, fmt in (("text/turtle", "text/turtle", "turtle"),
                               ("application/n-triples", "application/n-triples", "nt")):
        out = subprocess.run(["curl", "-sS", "-G", "-w", "\n%{content_type}", "-H", f"Accept: {accept}",
                              "--data-urlencode", f"query={construct}", server.sparql],
                             capture_output=True, timeout=60, check=True)
        body, _, ctype = out.stdout.decode("utf-8").rpartition("\n")
        assert ctype == f"{media}; charset=utf-8"
        g = Graph().parse(data=body, format=fmt)
        assert any(str(o) == "四川省" for o in g.objects())


def test_post_sparql_query_body_and_get(server: Server) -> None:
    status, headers, body = server.request("POST", "/sparql", PAIRINGS.encode(), {
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    posted = parse_json(body)
    status, _, body = server.request("GET", "/sparql?" + urllib.parse.urlencode({"query": PAIRINGS}),
                                     headers={"Accept": "application/json"})
    assert status == 200 and parse_json(body).values() == posted.values()


def test_a_select_cannot_be_turtle(server: Server) -> None:
    status, _, body = server.query(PAIRINGS, accept="text/turtle")
    assert status == 406 and b"rows" in body


def test_a_malformed_query_gets_400_with_the_position(server: Server) -> None:
    status, _, body = server.query("SELECT ?x WHERE {\n  ?x ?y\n}")
    assert status == 400
    assert re.search(rb"line \d+, column \d+", body)


# ------------------------------------------------------------------ named queries over HTTP


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_over_http_match_the_library(server: Server, local: Engine, name: str) -> None:
    status, _, body = server.request("GET", f"/queries/{name}", headers={"Accept": "application/json"})
    assert status == 200
    assert parse_json(body).values() == run_named(local, name).values()[:MAX_RESULTS]


def test_named_query_parameters_are_bound_not_pasted(server: Server, local: Engine) -> None:
    path = "/queries/partners-of-region?" + urllib.parse.urlencode({"region": "广元市"})
    status, _, body = server.request("GET", path)
    assert status == 200
    assert parse_json(body).values() == run_named(local, "partners-of-region", {"region": "广元市"}).values()
    for hostile in ('广元市" } ?s ?p ?o #', "}#"):
        path = "/queries/partners-of-region?" + urllib.parse.urlencode({"region": hostile})
        status, _, body = server.request("GET", path)
        assert status == 200 and parse_json(body).rows == ()
    status, _, body = server.request("GET", "/queries/network-as-of-year?year=soon")
    assert status == 400 and b"integer" in body
    status, _, body = server.request("GET", "/queries/partners-of-region?province=x")
    assert status == 400


def test_the_catalog_lists_named_queries(server: Server) -> None:
    status, headers, body = server.request("GET", "/queries")
    assert status == 200 and headers["content-type"].startswith("application/json")
    catalog = {q["name"]: q for q in json.loads(body)}
    assert set(catalog) == set(named_queries())
    assert catalog["partners-of-region"]["params"][0]["default"] == "四川省"


# ------------------------------------------------------------------ safety


def test_updates_are_refused(server: Server) -> None:
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status, _, body = server.request("POST", "/sparql", update.encode(),
                                     {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    form = urllib.parse.urlencode({"update": update}).encode()
    status, _, _ = server.request("POST", "/sparql", form,
                                  {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, _ = server.request("GET", "/sparql?" + urllib.parse.urlencode({"update": update}))
    assert status == 403
    status, _, body = server.query("ASK { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert status == 200 and json.loads(body)["boolean"] is False


def test_federated_queries_are_refused(server: Server) -> None:
    status, _, body = server.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body


@pytest.mark.parametrize("path", [
    "/../../etc/passwd",
    "/static/../../../../etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%252e%252e%252fetc%252fpasswd",
    "/static//etc/passwd",
    "//etc/passwd",
    "/static/..\\..\\etc\\passwd",
    "/static/app.js/../../../../etc/passwd",
    "/queries/../../etc/passwd",
])
def test_path_traversal_is_refused(server: Server, path: str) -> None:
    status, _, body = server.request("GET", path)
    assert status in (400, 404)
    assert b"root:" not in body


def test_an_oversized_body_gets_413(server: Server) -> None:
    big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY + 10)).encode()
    status, headers, body = server.request("POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert status == 413 and str(MAX_BODY) in body.decode()
    assert headers.get("connection") == "close"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_an_oversized_body_is_refused_before_it_is_sent(server: Server, tmp_path: Path) -> None:
    big = tmp_path / "big.rq"
    big.write_bytes(b"#" * (MAX_BODY * 50))
    out = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                          "Content-Type: application/sparql-query", "-H", "Expect: 100-continue",
                          "--data-binary", f"@{big}", server.sparql], capture_output=True, timeout=60)
    assert out.stdout == b"413"


def test_an_expensive_query_times_out_and_the_server_recovers(server: Server) -> None:
    started = time.monotonic()
    status, _, body = server.query(EXPENSIVE)
    elapsed = time.monotonic() - started
    assert status == 503 and b"timed out" in body
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    status, _, body = server.query("ASK { ?s ?p ?o }")  # a fresh worker took the killed one's place
    assert status == 200 and json.loads(body)["boolean"] is True


def test_results_are_capped_and_flagged(server: Server) -> None:
    status, headers, body = server.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200
    assert headers["x-shanhai-truncated"] == "true"
    assert len(parse_json(body).rows) == MAX_RESULTS == int(headers["x-shanhai-results"])
    status, headers, _ = server.query("SELECT ?s WHERE { ?s a <https://w3id.org/shanhai/ontology#Province> } LIMIT 3")
    assert status == 200 and "x-shanhai-truncated" not in headers


def test_loopback_by_default_and_no_cors(server: Server) -> None:
    assert server.host == "127.0.0.1"
    status, headers, _ = server.query("ASK { ?s ?p ?o }")
    assert status == 200
    assert not any(h.startswith("access-control-") for h in headers)


def test_small_concurrent_load_has_no_errors(server: Server) -> None:
    errors: list[str] = []
    query = ("SELECT ?l WHERE { ?r a <https://w3id.org/shanhai/ontology#Province> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")

    def client() -> None:
        for _ in range(10):
            status, _, body = server.query(query)
            if status != 200:
                errors.append(f"{status} {body[:80]!r}")

    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []


# ------------------------------------------------------------------ the page


def test_the_page_is_served_with_local_assets_only(server: Server) -> None:
    status, headers, body = server.request("GET", "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in headers["content-security-policy"]
    html = body.decode("utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(ref.startswith("/static/") for ref in refs)
    for ref in refs:
        status, headers, asset = server.request("GET", ref)
        assert status == 200
        text = asset.decode("utf-8")
        assert not re.search(r"(?:src|href|url)\s*[=(]\s*[\"']?https?:", text), ref
        assert "import(" not in text and "cdn" not in text.lower()
    status, _, js = server.request("GET", "/static/app.js")
    assert not re.search(rb"\.(inner|outer)HTML|insertAdjacentHTML|document\.write", js)
    assert b"/queries" in js and b"/sparql" in js


# ------------------------------------------------------------------ other stores and options


def test_serving_an_oxigraph_store_with_cors(seed_out: Path, tmp_path: Path, local: Engine) -> None:
    store = tmp_path / "seeds.oxigraph"
    srv = Server([str(seed_out), "--store", f"oxigraph:{store}", "--cors", "https://example.org",
                  "--timeout", str(TIMEOUT), "--quiet"], tmp_path / "log")
    try:
        assert (store / "CURRENT").is_file()  # loaded from the build on first use
        status, _, body = srv.request("GET", "/queries/who-helps-whom")
        assert status == 200
        assert parse_json(body).values() == run_named(local, "who-helps-whom").values()
        status, headers, _ = srv.query("ASK { ?s ?p ?o }")
        assert headers["access-control-allow-origin"] == "https://example.org"
        status, headers, _ = srv.request("OPTIONS", "/sparql", headers={
            "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
        assert status == 204 and "POST" in headers["access-control-allow-methods"]
        started = time.monotonic()
        status, _, body = srv.query(EXPENSIVE.replace("?g ?h ?i", "?g ?h ?i . ?j ?k ?l"))
        assert status == 503 and b"timed out" in body
        assert time.monotonic() - started < TIMEOUT + 3
        status, _, _ = srv.query("ASK { ?s ?p ?o }")
        assert status == 200
    finally:
        assert not srv.stop()


def test_allow_update_keeps_updates_across_a_worker_restart(seed_out: Path, tmp_path: Path) -> None:
    srv = Server([str(seed_out), "--allow-update", "--timeout", str(TIMEOUT), "--quiet"], tmp_path / "log")
    try:
        update = 'INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> "新"@zh } }'
        status, _, body = srv.request("POST", "/sparql", update.encode(),
                                      {"Content-Type": "application/sparql-update"})
        assert status == 204, body
        ask = 'ASK { <urn:x:a> <urn:x:b> "新"@zh }'
        assert json.loads(srv.query(ask)[2])["boolean"] is True
        assert srv.query(EXPENSIVE)[0] == 503  # kills the only worker
        assert json.loads(srv.query(ask)[2])["boolean"] is True  # the new one replayed the update
        status, _, _ = srv.request("POST", "/sparql", b"LOAD <file:///etc/passwd>",
                                   {"Content-Type": "application/sparql-update"})
        assert status == 403
    finally:
        assert not srv.stop()


def test_a_missing_graph_fails_fast(tmp_path: Path) -> None:
    out = subprocess.run([str(SHANHAI), "serve", str(tmp_path / "nothing"), "--port", "0"],
                         capture_output=True, timeout=60)
    assert out.returncode == 1
    assert b"no graph here" in out.stderr
