"""``shanhai publish`` into a real Oxigraph server, and the same answers from it as locally."""

from __future__ import annotations

import ctypes
import http.server
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from rdflib import Dataset
from shanhai.graph.cli import main
from shanhai.graph.engine import Engine, inline_values, open_engine
from shanhai.graph.io import trig_text
from shanhai.graph.publish import AUTH_ENV, PublishError, auth_header, graphs_of, publish, remote_counts
from shanhai.graph.query import named_queries, run_named
from shanhai.graph.results import QueryResult, parse_json

pytestmark = pytest.mark.server

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` process on loopback; yields its base URL."""
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location.parent / "oxigraph.log").open("wb")
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log,
                            preexec_fn=lambda: ctypes.CDLL(None).prctl(1, signal.SIGTERM))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def remote(base: str, text: str) -> QueryResult:
    body = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(f"{base}/query", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return parse_json(resp.read())


def total(base: str) -> int:
    result = remote(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(str(result.rows[0][0]))


@pytest.fixture(scope="module")
def published(oxigraph_server: str, seed_out: Path) -> str:
    result = CliRunner().invoke(main, [
        "publish", str(seed_out), "--endpoint", f"{oxigraph_server}/query",
        "--graph-store", f"{oxigraph_server}/store"])
    assert result.exit_code == 0, result.output
    assert "verified" in result.stdout
    return oxigraph_server


@pytest.fixture(scope="module")
def local(seed_out: Path) -> Engine:
    return open_engine(seed_out, "memory")


def test_every_graph_arrives_whole(published: str, seed_out: Path) -> None:
    ds = Dataset()
    ds.parse(seed_out / "graph.trig", format="trig")
    expected = {str(g.identifier): len(g) for g in ds.graphs() if len(g)}
    assert remote_counts(f"{published}/query") == expected
    assert "https://w3id.org/shanhai/id/graph/background" in expected


def remote_union(base: str, text: str) -> QueryResult:
    """Ask Oxigraph with its default graph as the union of the named graphs, as shanhai does."""
    body = urllib.parse.urlencode({"query": text, "union-default-graph": ""}).encode()
    req = urllib.request.Request(f"{base}/query", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return parse_json(resp.read())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_server_gives_the_same_answers_as_locally(published: str, local: Engine, name: str) -> None:
    q = named_queries()[name]
    expected = run_named(local, name)
    assert expected.rows
    assert remote_union(published, inline_values(q.text, q.bindings())).values() == expected.values()


def test_parameters_travel_as_values(published: str, local: Engine) -> None:
    q = named_queries()["partners-of-region"]
    for region in ("广元市", '广元市" } ?s ?p ?o #'):
        bindings = q.bindings({"region": region})
        expected = run_named(local, "partners-of-region", {"region": region}).values()
        assert remote_union(published, inline_values(q.text, bindings)).values() == expected


def test_publishing_again_replaces_instead_of_duplicating(published: str, seed_out: Path) -> None:
    before = total(published)
    report = publish(seed_out, f"{published}/query", f"{published}/store")
    assert total(published) == before == report.triples
    assert not report.mismatches()


def test_a_removed_document_graph_is_pruned(published: str, seed_out: Path, tmp_path: Path) -> None:
    ds = Dataset()
    ds.parse(seed_out / "graph.trig", format="trig")
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier))
    dropped = next(g for g in graphs if not str(g.identifier).endswith("background"))
    smaller = Dataset()
    for g in graphs:
        if g.identifier != dropped.identifier:
            target = smaller.graph(g.identifier)
            for triple in g:
                target.add(triple)
    path = tmp_path / "smaller.trig"
    path.write_text(trig_text(smaller), encoding="utf-8")
    try:
        report = publish(path, f"{published}/query", f"{published}/store", prune=True)
        assert report.pruned == [str(dropped.identifier)]
        assert str(dropped.identifier) not in remote_counts(f"{published}/query")
        assert not report.mismatches()
    finally:
        publish(seed_out, f"{published}/query", f"{published}/store")  # leave the server as the others expect


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str, str | None]]] = []

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append(("PUT", self.path, self.headers.get("Authorization")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_auth_header_comes_from_the_environment(recorder: str, seed_out: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "Bearer s3cr3t-t0ken"
    monkeypatch.setenv(AUTH_ENV, f"Authorization: {secret}")
    result = CliRunner().invoke(main, ["publish", str(seed_out), "--endpoint", f"{recorder}/sparql",
                                       "--graph-store", f"{recorder}/data", "--no-verify", "--no-prune"])
    assert result.exit_code == 0, result.output
    assert secret not in result.output
    assert {auth for _, _, auth in _Recorder.seen} == {secret}
    graphs = {urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["graph"][0]
              for _, path, _ in _Recorder.seen}
    assert graphs == set(graphs_of(seed_out))


def test_a_malformed_auth_header_and_an_unreachable_server_are_errors(seed_out: Path) -> None:
    with pytest.raises(PublishError, match="Header-Name"):
        auth_header({AUTH_ENV: "just-a-token"})
    with pytest.raises(PublishError, match="Header-Name"):
        auth_header({AUTH_ENV: "X-Key: a\r\nInjected: b"})
    port = free_port()
    result = CliRunner().invoke(main, ["publish", str(seed_out), "--endpoint",
                                       f"http://127.0.0.1:{port}/sparql", "--timeout", "5"])
    assert result.exit_code == 1
    assert "cannot reach the server" in result.output
