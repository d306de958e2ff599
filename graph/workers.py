"""Query workers that can be stopped: a pool of processes forked from a loaded store.

Why processes: a time limit is only real if it stops the work.  rdflib runs a
query in pure Python and pyoxigraph runs it in Rust without returning to
Python until a solution is ready, so neither can be interrupted from another
thread.  A worker process can: when a query runs past its limit the pool
kills that worker (``SIGKILL`` through a pidfd, so a recycled pid is never
hit) and forks a fresh one.

Why a *zygote*: loading the graph is the slow part (rdflib parses about 30k
triples/s), so it happens once, in a small single-threaded process forked
before the HTTP server starts any thread.  Workers are forked from it on
demand and share the loaded store copy-on-write; a replacement worker is
ready in milliseconds.  An on-disk Oxigraph store is not opened in the
zygote (RocksDB runs threads of its own); each worker opens it read-only.

The wire between the server and a worker is a Unix socket pair carrying
length-prefixed pickles.  Both ends are this module, in processes it forked,
so nothing untrusted is ever unpickled.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import queue
import select
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Node

from .engine import Engine, QueryError, QuerySyntaxError
from .results import FORMATS, FormatError

_HEADER = struct.Struct("!Q")
_PR_SET_PDEATHSIG = 1


class PoolError(Exception):
    """The pool could not do the job; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class StoreSource:
    """How a worker gets its store: prepared once in the zygote, opened in each worker."""

    spec: str
    writable: bool = False

    @property
    def kind(self) -> str:
        from .store import parse_spec

        return parse_spec(self.spec).kind

    def prepare(self) -> Engine | None:
        """In the zygote: load an in-memory store (shared with workers by fork)."""
        if self.kind == "memory":
            from .store import open_store

            return open_store(self.spec)
        return None

    def open(self, prepared: Engine | None) -> Engine:
        """In a worker: the inherited store, or an on-disk one opened here."""
        if prepared is not None:
            return prepared
        from .store import open_store

        return open_store(self.spec, read_only=not self.writable)


@dataclass(frozen=True)
class Job:
    """One request for a worker."""

    op: str  # "query" | "update"
    text: str
    bindings: Mapping[str, Node] = field(default_factory=dict)
    formats: tuple[str, ...] = ()  # acceptable result formats, best first
    limit: int | None = None


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    media_type: str = "text/plain"
    truncated: bool = False
    count: int = 0


# ------------------------------------------------------------------ framing


def _send(sock: socket.socket, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, n: int, deadline: float | None) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([sock], [], [], remaining)
            if not ready:
                raise TimeoutError
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


def _recv(sock: socket.socket, deadline: float | None = None) -> Any:
    (size,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size, deadline))
    return pickle.loads(_recv_exact(sock, size, deadline))


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphans left running)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


# ------------------------------------------------------------------ worker side


def _no_network(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook for workers: a query may not reach the network or start programs.

    rdflib fetches ``SERVICE`` endpoints and ``FROM``/``LOAD`` URLs with urllib;
    this stops that even if the server's own checks missed a form.
    """
    if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request",
                 "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        raise PermissionError(f"{event} is not allowed while answering a query")


def _answer(engine: Engine, job: Job) -> Reply:
    if job.op == "update":
        try:
            engine.update(job.text)
        except QuerySyntaxError as exc:
            return Reply(400, exc.describe().encode())
        except QueryError as exc:
            return Reply(400, str(exc).encode())
        return Reply(204, b"")
    try:
        result = engine.query(job.text, job.bindings, limit=job.limit)
    except QuerySyntaxError as exc:
        return Reply(400, exc.describe().encode())
    except QueryError as exc:
        return Reply(400, str(exc).encode())
    except PermissionError as exc:
        return Reply(403, f"refused: {exc}".encode())
    fits = [f for f in job.formats if result.kind in FORMATS[f].kinds]
    if not fits:
        wanted = ", ".join(FORMATS[f].media_type for f in job.formats) or "nothing"
        kind = "triples" if result.kind == "graph" else "rows"
        return Reply(406, f"this query returns {kind}, which cannot be written as {wanted}".encode())
    fmt = FORMATS[fits[0]]
    try:
        body = fmt.write(result)
    except FormatError as exc:  # pragma: no cover - fits[] already matched the kind
        return Reply(406, str(exc).encode())
    return Reply(200, body, fmt.media_type, result.truncated, len(result))


def _worker_loop(sock: socket.socket, source: StoreSource, prepared: Engine | None) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        engine = source.open(prepared)
    except Exception as exc:  # the store could not be opened: say so, then stop
        _send(sock, ("error", f"{type(exc).__name__}: {exc}"))
        return
    import rdflib.plugins.sparql

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    sys.addaudithook(_no_network)
    _send(sock, ("ready", os.getpid()))
    while True:
        try:
            job = _recv(sock)
        except (EOFError, OSError):
            return
        try:
            reply = _answer(engine, job)
        except Exception as exc:  # never let one query take the worker down silently
            reply = Reply(500, f"internal error: {type(exc).__name__}: {exc}".encode())
        _send(sock, reply)


# ------------------------------------------------------------------ zygote side


def _zygote_loop(ctrl: socket.socket, source: StoreSource) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    try:
        prepared = source.prepare()
    except Exception as exc:
        _send(ctrl, ("error", f"{exc}"))
        return
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    _send(ctrl, ("ready", os.getpid()))
    children: set[int] = set()
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(ctrl, 16, 1)
        except OSError:
            msg, fds = b"", []
        if not msg or not fds:
            for pid in children:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            return
        pid = os.fork()
        if pid == 0:
            ctrl.close()
            _die_with_parent()
            conn = socket.socket(fileno=fds[0])
            try:
                _worker_loop(conn, source, prepared)
            finally:
                os._exit(0)
        os.close(fds[0])
        children.add(pid)
        ctrl.sendall(struct.pack("!i", pid))


# ------------------------------------------------------------------ server side


@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    pidfd: int | None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()
        if self.pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self.pidfd)
            self.pidfd = None


class WorkerPool:
    """``size`` worker processes answering :class:`Job`s, each within a time limit.

    Start it before any thread exists (it forks).  ``close_fds`` are closed in
    the forked processes (the server's listening socket, for one).
    """

    def __init__(self, source: StoreSource, size: int = 2, *, close_fds: Iterable[int] = ()) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.source = source
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._spawn_lock = threading.Lock()
        self._closed = False
        self._journal: list[Job] = []  # updates applied to in-memory copies, for new workers
        self.restarts = 0
        ctrl, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # the zygote
            ctrl.close()
            for fd in close_fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
            try:
                _zygote_loop(child, source)
            finally:
                os._exit(0)
        child.close()
        self._zygote_pid = pid
        self._ctrl = ctrl
        status = _recv(ctrl)
        if status[0] != "ready":
            self.close()
            raise PoolError(500, f"cannot load the store {source.spec}: {status[1]}")
        try:
            for _ in range(size):
                self._idle.put(self._spawn())
        except PoolError:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        with self._spawn_lock:
            if self._closed:
                raise PoolError(503, "the server is shutting down")
            mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                socket.send_fds(self._ctrl, [b"w"], [theirs.fileno()])
                (pid,) = struct.unpack("!i", _recv_exact(self._ctrl, 4, time.monotonic() + 30))
            finally:
                theirs.close()
        try:
            hello = _recv(mine, time.monotonic() + 120)
        except (EOFError, TimeoutError, OSError):
            mine.close()
            raise PoolError(500, "a query worker did not start") from None
        if hello[0] != "ready":
            mine.close()
            raise PoolError(500, f"a query worker could not open the store: {hello[1]}")
        pidfd = None
        with contextlib.suppress(OSError, AttributeError):
            pidfd = os.pidfd_open(pid)
        return _Worker(pid, mine, pidfd)

    def run(self, job: Job, timeout: float) -> Reply:
        """Answer ``job`` in a free worker; a worker that runs past ``timeout`` s is killed."""
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolError(503, f"server busy: no query worker became free within {timeout:g} s") from None
        try:
            _send(worker.sock, job)
            reply: Reply = _recv(worker.sock, time.monotonic() + timeout)
        except TimeoutError:
            self._replace(worker)
            raise PoolError(503, f"query timed out: it ran longer than the limit of {timeout:g} s "
                                 "and was stopped (the limit is set with --timeout)") from None
        except (EOFError, OSError):
            self._replace(worker)
            raise PoolError(500, "the query worker died while answering; it has been restarted") from None
        self._idle.put(worker)
        return reply

    def broadcast(self, job: Job, timeout: float) -> Reply:
        """Run ``job`` on every worker (updates must reach every copy of the store)."""
        taken: list[_Worker] = []
        try:
            for _ in range(self.size):
                taken.append(self._idle.get(timeout=timeout))
        except queue.Empty:
            for worker in taken:
                self._idle.put(worker)
            raise PoolError(503, f"server busy: the workers did not become free within {timeout:g} s") from None
        reply = Reply(204, b"")
        try:
            for i, worker in enumerate(taken):
                try:
                    _send(worker.sock, job)
                    reply = _recv(worker.sock, time.monotonic() + timeout)
                except (TimeoutError, EOFError, OSError):
                    taken[i] = self._fresh(worker)
                    raise PoolError(503, f"update did not finish within {timeout:g} s; "
                                         "it was stopped") from None
                if reply.status >= 400:
                    break
            else:
                if self.source.kind == "memory":
                    self._journal.append(job)
        finally:
            for worker in taken:
                self._idle.put(worker)
        return reply

    def _fresh(self, worker: _Worker) -> _Worker:
        """Kill ``worker`` and start another, replaying the updates a memory store had seen."""
        worker.kill()
        self.restarts += 1
        fresh = self._spawn()
        for job in self._journal:
            _send(fresh.sock, job)
            _recv(fresh.sock, time.monotonic() + 600)
        return fresh

    def _replace(self, worker: _Worker) -> None:
        try:
            self._idle.put(self._fresh(worker))
        except PoolError:
            if not self._closed:
                raise

    def close(self) -> None:
        with self._spawn_lock:
            if self._closed:
                return
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break
        with contextlib.suppress(OSError):
            self._ctrl.close()  # the zygote kills any worker still running, then exits
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            done, _ = os.waitpid(self._zygote_pid, os.WNOHANG)
            if done:
                return
            time.sleep(0.02)
        with contextlib.suppress(OSError):
            os.kill(self._zygote_pid, signal.SIGKILL)
            os.waitpid(self._zygote_pid, 0)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
