"""A SPARQL 1.1 Protocol endpoint over a built graph, with a small offline query page.

Why our own server and not the ``oxigraph`` binary or rdflib-endpoint: the
``oxigraph serve`` binary is an excellent server (``shanhai publish`` targets
it and any other Graph Store Protocol server), but it serves only its own
store, has no result cap or configurable body limit, and its page cannot offer
our named queries.  rdflib-endpoint pulls in FastAPI and loads its page from a
CDN.  This module is standard library ``http.server`` in front of
:mod:`shanhai.graph.workers`, so the same safe defaults hold on both stores
(rdflib in memory, or Oxigraph on disk) and nothing is fetched from the
network:

* read-only: SPARQL Update is refused with 403 unless ``allow_update``;
  ``SERVICE`` (federated queries) and ``LOAD`` are always refused;
* every query runs in a worker process that is killed when it passes the time
  limit, and answers are capped at ``max_results`` rows (the response says
  ``X-Shanhai-Truncated: true`` when rows were left out);
* request bodies over ``max_body`` bytes get 413 before they are read;
* it binds to loopback unless told otherwise, and sends no CORS headers
  unless ``cors`` names an origin;
* static files come from a fixed in-memory table, so no request path ever
  reaches the file system.

Routes: ``/sparql`` (GET, POST form, POST ``application/sparql-query``),
``/queries`` (the named queries as JSON), ``/queries/NAME?param=value`` (run a
named query with bound parameters), ``/`` and ``/static/…`` (the page).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .query import NamedQuery, ParameterError, named_queries
from .results import FORMATS
from .workers import Job, PoolError, Reply, StoreSource, WorkerPool

#: Result formats in the order used when the client accepts anything.
DEFAULT_ORDER = ("json", "xml", "csv", "tsv", "turtle", "ntriples")

_SERVICE = re.compile(r"(?<![\w:?$/#])SERVICE(?![\w-])", re.I)
_LOAD = re.compile(r"(?<![\w:?$/#])LOAD(?![\w-])", re.I)
_STATIC_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css",
                 ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_MAX_CONNECTIONS = 64


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_results: int = 10_000
    max_body: int = 1_000_000
    cors: str | None = None
    allow_update: bool = False
    workers: int = 2


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ------------------------------------------------------------------ content negotiation


def negotiate(accept: str | None, explicit: str | None = None) -> tuple[str, ...]:
    """Result formats the client takes, best first (``explicit`` is a ``format=`` parameter)."""
    if explicit:
        for name, spec in FORMATS.items():
            if explicit.lower() in (name, spec.media_type, *spec.aliases):
                return (name,)
        raise HttpError(400, f"unknown format {explicit!r}; use one of {', '.join(FORMATS)}")
    if not accept or not accept.strip():
        return DEFAULT_ORDER
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, i, media.lower()))
    out: list[str] = []
    for _, _, media in sorted(ranges):
        for name in DEFAULT_ORDER:
            spec = FORMATS[name]
            types = (spec.media_type, *spec.aliases)
            matches = (media == "*/*" or media in types
                       or (media.endswith("/*") and any(t.startswith(media[:-1]) for t in types)))
            if matches and name not in out:
                out.append(name)
    return tuple(out)


# ------------------------------------------------------------------ the endpoint


class Endpoint:
    """What the request handlers share: the pool, the limits, the page and the named queries."""

    def __init__(self, pool: WorkerPool, config: ServeConfig) -> None:
        self.pool = pool
        self.config = config
        self.named: dict[str, NamedQuery] = named_queries()
        self.catalog = json.dumps([q.summary() for q in self.named.values()],
                                  ensure_ascii=False).encode("utf-8")
        self.static = _static_files()

    def run(self, job: Job) -> Reply:
        try:
            if job.op == "update":
                return self.pool.broadcast(job, self.config.timeout)
            return self.pool.run(job, self.config.timeout)
        except PoolError as exc:
            raise HttpError(exc.status, exc.message) from None

    def check(self, op: str, text: str) -> None:
        if not text.strip():
            raise HttpError(400, f"empty {op}")
        if op == "update" and not self.config.allow_update:
            raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused "
                                 "(start it with --allow-update to accept updates)")
        if _SERVICE.search(text):
            raise HttpError(403, "federated queries (SERVICE) are disabled on this endpoint")
        if op == "update" and _LOAD.search(text):
            raise HttpError(403, "LOAD is disabled on this endpoint")


def _static_files() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("shanhai.graph") / "static"
    out = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1] if "." in entry.name else ""
        if entry.is_file() and suffix in _STATIC_TYPES:
            out[entry.name] = (entry.read_bytes(), _STATIC_TYPES[suffix])
    return out


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "shanhai"
    sys_version = ""
    timeout = 30  # seconds a connection may sit idle or trickle its request

    # -------------------------------------------------------------- plumbing

    @property
    def endpoint(self) -> Endpoint:
        return self.server.endpoint

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.quiet:
            return
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _headers(self, status: int, media: str, length: int, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith(("text/", "application/")) else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        cors = self.endpoint.config.cors
        if cors:
            self.send_header("Access-Control-Allow-Origin", cors)
            self.send_header("Access-Control-Expose-Headers", "X-Shanhai-Truncated, X-Shanhai-Results")
            if cors != "*":
                self.send_header("Vary", "Origin")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, status: int, body: bytes, media: str, extra: dict[str, str] | None = None) -> None:
        self._headers(status, media, len(body), extra)
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain")

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except HttpError as exc:
            self._error(exc.status, exc.message)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # a bug here must still answer, and must not kill the server
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._error(500, "internal error; see the server log")

    def handle_expect_100(self) -> bool:
        """Refuse an oversized body before the client sends it (curl waits for 100 Continue)."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        limit = self.endpoint.config.max_body
        if length > limit:
            self.close_connection = True
            self._error(413, f"request body of {length} bytes is over the limit of {limit} bytes "
                             "(set with --max-body)")
            return False
        return super().handle_expect_100()

    # -------------------------------------------------------------- verbs

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_HEAD(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        cors = self.endpoint.config.cors
        if cors:
            self.send_header("Access-Control-Allow-Origin", cors)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self) -> None:
        self._refuse_method()

    def do_DELETE(self) -> None:
        self._refuse_method()

    def do_PATCH(self) -> None:
        self._refuse_method()

    def _refuse_method(self) -> None:
        self.close_connection = True
        self._error(405, f"{self.command} is not supported here; use GET or POST on /sparql")

    # -------------------------------------------------------------- routes

    def _get(self) -> None:
        url = urlsplit(self.path)
        if len(url.query) > self.endpoint.config.max_body:
            raise HttpError(414, f"query string over the limit of {self.endpoint.config.max_body} bytes")
        path = url.path
        if path == "/sparql":
            form = _form(url.query)
            if not form and "text/html" in (self.headers.get("Accept") or ""):
                self.send_response(303)  # a person opened the endpoint in a browser: show the page
                self.send_header("Location", "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if "update" in form:
                self.endpoint.check("update", form["update"][0])
                raise HttpError(405, "SPARQL Update must be sent with POST")
            self._query(form)
        elif path in ("/", "/index.html"):
            self._static("index.html")
        elif path.startswith("/static/"):
            self._static(path[len("/static/"):])
        elif path == "/queries":
            self._send(200, self.endpoint.catalog, "application/json")
        elif path.startswith("/queries/"):
            self._named(unquote(path[len("/queries/"):]), url.query)
        else:
            raise HttpError(404, "not found")

    def _post(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            raise HttpError(404 if url.path not in ("/", "/queries") else 405, "POST queries to /sparql")
        body = self._body()
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            form = _form(body.decode("utf-8", "replace"))
            if "update" in form:
                self._update(form)
            else:
                self._query(form)
        elif media == "application/sparql-query":
            self._query({"query": [body.decode("utf-8", "replace")]}, url_form=_form(url.query))
        elif media == "application/sparql-update":
            self._update({"update": [body.decode("utf-8", "replace")]})
        else:
            raise HttpError(415, "send application/sparql-query, application/sparql-update "
                                 "or application/x-www-form-urlencoded")

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise HttpError(411, "send a Content-Length (chunked bodies are not accepted)")
        raw = self.headers.get("Content-Length")
        if raw is None:
            self.close_connection = True
            raise HttpError(411, "a POST needs a Content-Length")
        try:
            length = int(raw)
        except ValueError:
            self.close_connection = True
            raise HttpError(400, "bad Content-Length") from None
        limit = self.endpoint.config.max_body
        if length > limit or length < 0:
            self.close_connection = True  # the body is never read, so the connection cannot be reused
            raise HttpError(413, f"request body of {length} bytes is over the limit of {limit} bytes "
                                 "(set with --max-body)")
        return self.rfile.read(length)

    def _query(self, form: dict[str, list[str]], url_form: dict[str, list[str]] | None = None) -> None:
        params = {**(url_form or {}), **form}
        queries = params.get("query", [])
        if len(queries) != 1:
            raise HttpError(400, "give exactly one 'query' parameter")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise HttpError(400, "default-graph-uri and named-graph-uri are not supported here; "
                                 "use FROM or GRAPH in the query (the default graph is the union "
                                 "of all graphs)")
        text = queries[0]
        self.endpoint.check("query", text)
        formats = negotiate(self.headers.get("Accept"), _one(params, "format"))
        self._reply(self.endpoint.run(Job("query", text, formats=formats,
                                          limit=self.endpoint.config.max_results)))

    def _update(self, form: dict[str, list[str]]) -> None:
        updates = form.get("update", [])
        if len(updates) != 1:
            raise HttpError(400, "give exactly one 'update' parameter")
        self.endpoint.check("update", updates[0])
        self._reply(self.endpoint.run(Job("update", updates[0])))

    def _named(self, name: str, query: str) -> None:
        named = self.endpoint.named.get(name)
        if named is None:
            raise HttpError(404, f"no named query {name!r}; see /queries")
        form = _form(query)
        explicit = _one(form, "format")
        try:
            bindings = named.bindings({k: v[-1] for k, v in form.items() if k != "format"})
        except ParameterError as exc:
            raise HttpError(400, str(exc)) from None
        formats = negotiate(self.headers.get("Accept"), explicit)
        self._reply(self.endpoint.run(Job("query", named.text, bindings, formats,
                                          self.endpoint.config.max_results)))

    def _reply(self, reply: Reply) -> None:
        if reply.status >= 400:
            raise HttpError(reply.status, reply.body.decode("utf-8", "replace"))
        extra = {"X-Shanhai-Results": str(reply.count)}
        if reply.truncated:
            extra["X-Shanhai-Truncated"] = "true"
        if reply.status == 204:
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(reply.status, reply.body, reply.media_type, extra)

    def _static(self, name: str) -> None:
        entry = self.endpoint.static.get(name)
        if entry is None:
            raise HttpError(404, "not found")
        body, media = entry
        extra = {"Content-Security-Policy": _CSP} if media == "text/html" else {}
        self._send(200, body, media, extra)


def _form(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict",
                        max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HttpError(400, f"bad form data: {exc}") from None


def _one(form: dict[str, list[str]], key: str) -> str | None:
    values = form.get(key)
    return values[-1] if values else None


class EndpointServer(ThreadingHTTPServer):
    """A threading HTTP server that caps concurrent connections."""

    daemon_threads = True
    allow_reuse_address = True
    endpoint: Endpoint
    quiet: bool = False

    def __init__(self, address: tuple[str, int]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self._slots = threading.BoundedSemaphore(_MAX_CONNECTIONS)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 21\r\n"
                                b"Connection: close\r\n\r\ntoo many connections\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(source: StoreSource, config: ServeConfig, *,
          on_ready: Callable[[str], None] | None = None, quiet: bool = False) -> None:
    """Serve until SIGINT or SIGTERM; ``on_ready`` gets the URL once the port is open."""
    server = EndpointServer((config.host, config.port))
    server.quiet = quiet
    size = 1 if config.allow_update else config.workers
    try:
        pool = WorkerPool(StoreSource(source.spec, writable=config.allow_update), size,
                          close_fds=[server.fileno()])
    except BaseException:
        server.server_close()
        raise
    server.endpoint = Endpoint(pool, config)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    host, port = str(server.server_address[0]), server.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    try:
        if on_ready is not None:
            on_ready(f"http://{shown}:{port}/")
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        pool.close()
