"""Immutable records that flow between extraction stages.

Every record that points into a document carries half-open code-point offsets
into the *decoded* text, so ``text[start:end] == quote`` always holds.  Records
round-trip through JSON Lines without loss (see :func:`to_json` / :func:`from_json`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypeAlias

Scalar: TypeAlias = str | int | float | bool | None
Attrs: TypeAlias = tuple[tuple[str, Scalar], ...]


def attrs(mapping: Mapping[str, Scalar] | None = None, **kw: Scalar) -> Attrs:
    """Canonical (sorted, ``None``-free) attribute tuple, so records compare and hash by value."""
    merged = dict(mapping or {}, **kw)
    return tuple(sorted((k, v) for k, v in merged.items() if v is not None))


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of code points in a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised piece of text: a region, a year, an amount, a program title …

    ``key`` identifies what the mention refers to (an admin code for regions, a
    normalised name for programs); ``attrs`` holds kind-specific details.
    """

    kind: str
    start: int
    end: int
    text: str
    key: str
    rule: str
    attrs: Attrs = ()

    def get(self, name: str, default: Scalar = None) -> Scalar:
        for k, v in self.attrs:
            if k == name:
                return v
        return default


@dataclass(frozen=True, slots=True, order=True)
class EntityRef:
    """What a fact is about.  ``kind`` is ``region``, ``region_group``, ``program`` or ``organization``."""

    kind: str
    key: str
    label: str


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """Where a fact was read: the document, the exact quote and the rule that fired."""

    doc: str
    start: int
    end: int
    quote: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, order=True)
class Triple:
    """One extracted fact.

    ``predicate`` is one of :data:`PREDICATES`.  Binary facts between entities set
    ``object``; facts with a literal value (a year, an amount) set ``value``.
    ``qualifiers`` carry n-ary details such as ``start_year`` or ``unit``.
    """

    subject: EntityRef
    predicate: str
    evidence: Evidence
    object: EntityRef | None = None
    value: Scalar = None
    qualifiers: Attrs = field(default=())

    def q(self, name: str, default: Scalar = None) -> Scalar:
        for k, v in self.qualifiers:
            if k == name:
                return v
        return default


#: Predicates the extractors emit, and what each means.
PREDICATES: Mapping[str, str] = {
    "pairsWith": "helper region → recipient region (qualifiers: start_year, end_year)",
    "startedIn": "program → year it started (value: year; qualifiers: month, issuer)",
    "partOf": "region → containing region, as stated in the text",
    "amount": "entity or document → a quantity (value; qualifiers: unit, approximate, measure, year)",
    "locatedIn": "organization → region it invests or operates in",
    "renamedTo": "program → its new name (qualifiers: year)",
}


def _entity(data: Mapping[str, Any] | None) -> EntityRef | None:
    return None if data is None else EntityRef(**data)


#: Characters JSON leaves raw but line-splitting readers (``str.splitlines``, many
#: JSON Lines tools) take for line breaks; escaped so one record is one line.
_LINE_BREAKS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def to_json(record: Triple | Mention) -> str:
    """One JSON line for a record (Chinese kept readable, keys sorted)."""
    payload = asdict(record)
    payload["type"] = type(record).__name__
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    for raw, escaped in _LINE_BREAKS:
        text = text.replace(raw, escaped)
    return text


def from_json(line: str) -> Triple | Mention:
    """Inverse of :func:`to_json`."""
    data = json.loads(line)
    kind = data.pop("type")
    if kind == "Mention":
        data["attrs"] = tuple((k, v) for k, v in data["attrs"])
        return Mention(**data)
    if kind == "Triple":
        return Triple(
            subject=EntityRef(**data["subject"]),
            predicate=data["predicate"],
            evidence=Evidence(**data["evidence"]),
            object=_entity(data.get("object")),
            value=data.get("value"),
            qualifiers=tuple((k, v) for k, v in data.get("qualifiers", ())),
        )
    raise ValueError(f"unknown record type {kind!r}")


def write_jsonl(records: Iterable[Triple | Mention]) -> str:
    return "".join(to_json(r) + "\n" for r in records)


def read_jsonl(text: str) -> Iterator[Triple | Mention]:
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                yield from_json(line)
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"line {number}: {exc}") from exc
