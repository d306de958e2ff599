"""Where extraction runs: this process, a local process pool, or a Dask cluster.

Every executor takes decoded documents and hands back their triples as they
complete, in any order; the build takes them in document-id order, so the
output does not depend on where or in which order documents ran.  Callers
keep at most :attr:`Executor.window` documents in flight, so memory stays
flat however large the corpus is.

The gazetteer and the segmenter are process-wide singletons
(:func:`~shanhai.extract.gazetteer.default`, :func:`~shanhai.extract.segment.default`).
Each worker loads them once, when it starts (:func:`warm`), never per document.

Spec strings (``--executor``): ``local`` (``--jobs 1`` in process, ``--jobs N``
a process pool), ``dask-local`` (a Dask ``LocalCluster`` on loopback) and
``dask://HOST:PORT`` or ``tcp://HOST:PORT`` (an existing Dask scheduler; its
workers need shanhai installed).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from abc import ABC, abstractmethod
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from ..extract import gazetteer as gazetteer_module
from ..extract import segment as segment_module
from ..extract.document import Document
from ..extract.pipeline import extract_document
from ..extract.records import Triple


class ExecutorError(Exception):
    """An executor could not be started or lost its workers."""


@dataclass(frozen=True)
class Extracted:
    """The result of one document: its triples, or why extraction failed."""

    key: int
    doc_id: str
    triples: tuple[Triple, ...] | None
    error: str | None
    seconds: float


def warm() -> None:
    """Load the gazetteer and the segmenter in this process (a worker initialiser).

    Called exactly as :func:`~shanhai.extract.pipeline.analyse` calls them, so
    the cached instances are the ones extraction uses.
    """
    gazetteer_module.default()
    segment_module.default()


def extract_one(key: int, doc: Document) -> Extracted:
    """Extract one document; a crash in a rule becomes a recorded failure, not a lost run."""
    started = time.perf_counter()
    try:
        triples = extract_document(doc).triples
    except Exception as exc:  # one bad document must not take the corpus down
        return Extracted(key, doc.doc_id, None, f"extraction failed: {type(exc).__name__}: {exc}",
                         time.perf_counter() - started)
    return Extracted(key, doc.doc_id, triples, None, time.perf_counter() - started)


class Executor(ABC):
    """Submit documents, collect what has completed."""

    #: How it shows in the report, e.g. ``local``, ``pool:4``, ``dask:tcp://…``.
    name: str = "local"
    workers: int = 1

    @property
    def window(self) -> int:
        """How many documents to keep in flight."""
        return max(2, 4 * self.workers)

    @property
    @abstractmethod
    def pending(self) -> int: ...

    @abstractmethod
    def submit(self, key: int, doc: Document) -> None: ...

    @abstractmethod
    def completed(self, block: bool) -> list[Extracted]:
        """Results ready now; with ``block``, wait for at least one (if any are pending)."""

    def close(self) -> None:
        return None

    def __enter__(self) -> Executor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SerialExecutor(Executor):
    """In this process, one document at a time."""

    def __init__(self) -> None:
        self.name, self.workers = "local", 1
        self._done: list[Extracted] = []

    @property
    def window(self) -> int:
        return 1

    @property
    def pending(self) -> int:
        return len(self._done)

    def submit(self, key: int, doc: Document) -> None:
        self._done.append(extract_one(key, doc))

    def completed(self, block: bool) -> list[Extracted]:
        done, self._done = self._done, []
        return done


class PoolExecutor(Executor):
    """A local pool of worker processes (spawned, so no state leaks in by fork)."""

    def __init__(self, workers: int) -> None:
        self.name, self.workers = f"pool:{workers}", workers
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm)
        self._futures: set[Future[Extracted]] = set()

    @property
    def pending(self) -> int:
        return len(self._futures)

    def submit(self, key: int, doc: Document) -> None:
        self._futures.add(self._pool.submit(extract_one, key, doc))

    def completed(self, block: bool) -> list[Extracted]:
        if not self._futures:
            return []
        done, _ = wait(self._futures, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        self._futures -= done
        out = []
        for future in done:
            try:
                out.append(future.result())
            except Exception as exc:  # BrokenProcessPool: a worker was killed (memory?)
                raise ExecutorError(
                    f"a worker process died: {exc} (out of memory? When calling from a script, "
                    "run the build under `if __name__ == \"__main__\":`, as workers start "
                    "by importing the main module)") from exc
        return out

    def close(self) -> None:
        for future in self._futures:
            future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _dask_plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmShanhai(WorkerPlugin):
        """Loads the gazetteer and segmenter when a worker joins, once per worker process."""

        name = "shanhai-warm"

        def setup(self, worker: Any) -> None:
            warm()

    return WarmShanhai()


def _local_cluster(workers: int) -> Any:
    """A scheduler and ``workers`` single-threaded worker processes on loopback."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None)


class DaskExecutor(Executor):
    """A Dask ``distributed`` cluster: documents are tasks, results stream back as they finish."""

    def __init__(self, address: str | None, workers: int, connect_timeout: float = 20.0) -> None:
        try:
            from distributed import Client, as_completed
        except ImportError as exc:
            raise ExecutorError(
                "the Dask executor needs dask.distributed: pip install 'shanhai[dask]'"
            ) from exc
        self._cluster: Any = None
        try:
            if address is None:
                self._cluster = _local_cluster(workers)
                self._client = Client(self._cluster)
                self._client.wait_for_workers(workers, timeout=120)
                self.name = f"dask-local:{workers}"
            else:
                self._client = Client(address, timeout=connect_timeout)
                self.name = f"dask:{address}"
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        info = self._client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))
        self._client.register_plugin(_dask_plugin(), name="shanhai-warm")
        self._ac = as_completed(with_results=False)
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, key: int, doc: Document) -> None:
        task = f"shanhai-extract-{key}-{doc.sha256[:16]}"
        self._ac.add(self._client.submit(extract_one, key, doc, key=task, pure=False, retries=1))
        self._pending += 1

    def completed(self, block: bool) -> list[Extracted]:
        if not self._pending:
            return []
        batch = self._ac.next_batch(block=block)
        out = []
        for future in batch:
            self._pending -= 1
            try:
                out.append(future.result())
            except Exception as exc:  # KilledWorker and friends
                raise ExecutorError(f"a Dask task failed: {type(exc).__name__}: {exc}") from exc
            finally:
                future.release()
        return out

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()


def parse_spec(spec: str) -> tuple[str, str | None]:
    """``(kind, address)`` for an ``--executor`` value; ValueError names the valid forms."""
    spec = spec.strip()
    if spec in ("", "local"):
        return "local", None
    if spec == "dask-local":
        return "dask", None
    for scheme in ("dask://", "tcp://"):
        if spec.startswith(scheme) and len(spec) > len(scheme):
            rest = spec[len(scheme):].rstrip("/")
            if ":" not in rest:
                raise ValueError(f"{spec!r}: give the scheduler's port, e.g. dask://{rest}:8786")
            return "dask", f"tcp://{rest}"
    raise ValueError(f"{spec!r} is not an executor; use local, dask-local or dask://HOST:PORT")


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def make_executor(
    spec: str = "local", jobs: int | None = None, *, connect_timeout: float = 20.0
) -> Executor:
    """The executor for ``spec``.

    ``jobs`` is the number of processes (local; default 1) or of LocalCluster
    workers (``dask-local``; default: every core); 0 means every core.
    """
    kind, address = parse_spec(spec)
    if jobs is not None and jobs < 0:
        raise ValueError(f"jobs must be 0 (all cores) or more, not {jobs}")
    if kind == "local":
        n = default_jobs() if jobs == 0 else (jobs or 1)
        return SerialExecutor() if n == 1 else PoolExecutor(n)
    return DaskExecutor(address, jobs or default_jobs(), connect_timeout)
