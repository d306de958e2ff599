"""Runs the stages on one document: mentions, then relations.

:func:`extract_document` is pure: a :class:`~.document.Document` in, a sorted
tuple of :class:`~.records.Triple` out.  Gazetteer and segmenter load once per
process (see :func:`~.gazetteer.default`, :func:`~.segment.default`).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gazetteer as gazetteer_module
from . import segment as segment_module
from .context import Analysis
from .document import Document
from .gazetteer import Gazetteer
from .records import Mention, Triple, to_json
from .registry import RECOGNIZERS, RULES
from .segment import Segmenter


@dataclass(frozen=True)
class Extraction:
    doc: Document
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]


def analyse(
    doc: Document, gazetteer: Gazetteer | None = None, segmenter: Segmenter | None = None
) -> Analysis:
    gaz = gazetteer or gazetteer_module.default()
    seg = segmenter or segment_module.default()
    an = Analysis(doc=doc, gazetteer=gaz, segmenter=seg)
    for recognize in RECOGNIZERS.values():
        an.add(list(recognize(an)))
    return an


def extract_document(
    doc: Document, gazetteer: Gazetteer | None = None, segmenter: Segmenter | None = None
) -> Extraction:
    an = analyse(doc, gazetteer, segmenter)
    triples: set[Triple] = set()
    for rule in RULES.values():
        triples.update(rule(an))
    return Extraction(doc, tuple(an.mentions), tuple(sorted(triples, key=_sort_key)))


def _sort_key(t: Triple) -> tuple[object, ...]:
    # the JSON text last makes the order total: triples that differ only in their rule or
    # confidence would otherwise keep the set's (hash-seed dependent) order
    return (t.evidence.start, t.evidence.end, t.predicate, t.subject.key,
            t.object.key if t.object else "", str(t.value), t.qualifiers, to_json(t))
