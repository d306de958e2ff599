"""The per-document extraction cache in ``OUT/cache/``.

One JSON Lines file per document: a header line (document id, content hash,
size, fact counts) and then the document's triples.  An entry is found by

* the sha256 of the file's bytes, so a changed file misses and a file that
  did not change is never extracted again, and
* the document id, because evidence names the document it was read in,

inside a folder named for the extractor: :data:`~shanhai.extract.registry.EXTRACTOR_VERSION`
plus a hash of the extractor's code and data and of the segmenter and
gazetteer packages, so an edited rule can never be answered from an old entry.

Entries are written atomically (a temporary file renamed into place) and
checked when read (a truncated or foreign file is a miss), so a build killed
at any point resumes from whole entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import secrets
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..extract import registry
from ..extract.records import Triple, from_json
from . import iri
from .build import DocumentRecord

#: Bump when the entry layout changes.
FORMAT = 1
#: Packages whose data or behaviour shape what the extractor emits.
_PACKAGES = ("jieba", "jionlp", "cpca", "opencc-python-reimplemented", "pyahocorasick", "cn2an")
_SUFFIXES = (".py", ".tsv", ".txt", ".csv", ".json")


@cache
def fingerprint() -> str:
    """``{EXTRACTOR_VERSION}-{hash}``: changes whenever the extractor could behave differently."""
    digest = hashlib.sha256(f"format={FORMAT}\nversion={registry.EXTRACTOR_VERSION}\n".encode())
    package = Path(registry.__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in _SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in _PACKAGES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    safe = "".join(c if c.isalnum() or c in ".-_" else "_" for c in registry.EXTRACTOR_VERSION)
    return f"{safe}-{digest.hexdigest()[:12]}"


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def triple_json(triple: Triple) -> str:
    """:func:`~shanhai.extract.records.to_json` of a triple, the same text, without a deep copy."""
    payload = _plain(triple)
    payload["type"] = type(triple).__name__
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _replace(path: Path, data: bytes) -> None:
    """Write beside ``path``, then rename over it: readers see a whole entry or none.

    Unlike :func:`~.io.atomic_write` this does not fsync: an entry is checked
    when it is read (header, line count), so the rare entry a power cut
    truncates is a cache miss, and a corpus of thousands of documents does
    not wait for thousands of disk flushes.  A killed process loses nothing
    that was renamed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@dataclass(frozen=True)
class Entry:
    """What the header of a cache entry says about its document."""

    doc_id: str
    sha256: str
    chars: int
    facts: tuple[tuple[str, int], ...]
    triples: int
    path: Path


class CacheError(Exception):
    """A cache entry that was valid when looked up can no longer be read."""


class DocumentCache:
    """Extraction results by (content hash, document id), under ``root``."""

    def __init__(self, root: Path, version: str | None = None) -> None:
        self.root = root
        self.folder = root / f"extract-{version or fingerprint()}"

    def entry_path(self, sha256: str, doc_id: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}-{iri.digest('document', doc_id)}.jsonl"

    def lookup(self, sha256: str, doc_id: str) -> Entry | None:
        """The entry for this content and id, or ``None`` (missing, truncated or foreign)."""
        path = self.entry_path(sha256, doc_id)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header_line, _, body = data.partition(b"\n")
        try:
            header = json.loads(header_line)
            entry = Entry(
                doc_id=header["doc_id"],
                sha256=header["sha256"],
                chars=int(header["chars"]),
                facts=tuple((str(k), int(v)) for k, v in header["facts"]),
                triples=int(header["triples"]),
                path=path,
            )
        except (ValueError, KeyError, TypeError):
            return None
        if (header.get("format") != FORMAT or entry.doc_id != doc_id or entry.sha256 != sha256
                or body.count(b"\n") != entry.triples):
            return None
        return entry

    def store(self, record: DocumentRecord) -> tuple[Path, str]:
        """Write one document's triples; returns the entry's path and the triples' JSON Lines."""
        counts = Counter(t.predicate for t in record.triples)
        header = {
            "format": FORMAT,
            "doc_id": record.doc_id,
            "sha256": record.sha256,
            "chars": record.chars,
            "facts": sorted(counts.items()),
            "triples": len(record.triples),
        }
        body = "".join(triple_json(t) + "\n" for t in record.triples)
        text = json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n" + body
        path = self.entry_path(record.sha256, record.doc_id)
        _replace(path, text.encode("utf-8", "surrogatepass"))
        return path, body

    def load(self, entry_path: Path, path: str) -> DocumentRecord:
        """The record in the entry at ``entry_path``; ``path`` is where the file is now."""
        return self.load_with_jsonl(entry_path, path)[0]

    def load_with_jsonl(self, entry_path: Path, path: str) -> tuple[DocumentRecord, str]:
        """The record and its triples as JSON Lines (what records.jsonl holds for it)."""
        try:
            text = entry_path.read_bytes().decode("utf-8", "surrogatepass")
            header = json.loads(text[: text.index("\n")])
            doc_id, sha256, chars, count = (
                header["doc_id"], header["sha256"], int(header["chars"]), int(header["triples"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CacheError(f"{entry_path}: not a readable cache entry: {exc}") from exc
        lines = text.split("\n")[1:]
        if len(lines) != count + 1 or lines[-1]:
            raise CacheError(f"{entry_path}: holds {len(lines) - 1} triples, not {count}")
        triples: list[Triple] = []
        for number, line in enumerate(lines[:-1], 2):
            try:
                record = from_json(line)
            except (ValueError, TypeError, KeyError) as exc:
                raise CacheError(f"{entry_path}:{number}: {exc}") from exc
            if not isinstance(record, Triple):
                raise CacheError(f"{entry_path}:{number}: not a triple")
            triples.append(record)
        body = text[text.index("\n") + 1 :]
        return DocumentRecord(doc_id, path, sha256, chars, tuple(triples)), body

    def entries(self) -> Iterator[Path]:
        if self.folder.is_dir():
            yield from self.folder.glob("*/*.jsonl")

    def prune(self, keep: Iterable[Path]) -> int:
        """Remove entries not in ``keep`` and folders of other extractor versions."""
        wanted = {p.resolve() for p in keep}
        removed = 0
        for path in list(self.entries()):
            if path.resolve() not in wanted:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        for tmp in self.folder.glob("*/.*.tmp"):  # left by a build killed mid-write
            with contextlib.suppress(OSError):
                tmp.unlink()
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.is_dir() and other.name.startswith("extract-") and other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        return removed
