"""The only place IRIs are minted.

* Regions with an admin code: ``…/id/region/{code}``.
* Everything else: ``…/id/{type}/{hash}``, the hash taken over the type and a
  normalised key, so the same thing read twice gets the same IRI and no
  Chinese text ever appears in an IRI.
"""

from __future__ import annotations

import hashlib
import unicodedata

from rdflib import Namespace, URIRef

from ..ontology.ns import SHANHAI

ONTOLOGY = "https://w3id.org/shanhai/ontology#"
RESOURCE = "https://w3id.org/shanhai/id/"

#: The ontology namespace, closed: a term missing from ontology/shanhai.ttl raises.
SH = SHANHAI
ID = Namespace(RESOURCE)

_HASH_LEN = 16


def normalise_key(key: str) -> str:
    """NFKC, no whitespace, lower-case Latin: the form that identity is judged on."""
    return "".join(unicodedata.normalize("NFKC", key).split()).lower()


def digest(*parts: str) -> str:
    joined = "\x1f".join(normalise_key(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LEN]


def region(key: str) -> URIRef:
    """A region: its admin code, or a hash for places below a county (no public code)."""
    if key.isdigit():
        return URIRef(f"{RESOURCE}region/{key}")
    return URIRef(f"{RESOURCE}region/x-{digest('region', key)}")


def entity(kind: str, key: str) -> URIRef:
    if kind == "region":
        return region(key)
    return URIRef(f"{RESOURCE}{kind.replace('_', '-')}/{digest(kind, key)}")


def document(doc_id: str) -> URIRef:
    return URIRef(f"{RESOURCE}document/{digest('document', doc_id)}")


def document_graph(doc_id: str) -> URIRef:
    """The named graph that holds one document's facts."""
    return URIRef(f"{RESOURCE}graph/{digest('document', doc_id)}")


BACKGROUND_GRAPH = URIRef(f"{RESOURCE}graph/background")


def fact(*parts: str) -> URIRef:
    """A fact node (Pairing, ProgramStart, Amount …): hash of its defining parts."""
    kind = parts[0]
    return URIRef(f"{RESOURCE}{kind}/{digest(*parts)}")


def evidence(doc_id: str, start: int, end: int, rule: str, fact_iri: str) -> URIRef:
    return URIRef(f"{RESOURCE}evidence/{digest(doc_id, str(start), str(end), rule, fact_iri)}")


def _slug(text: str) -> str:
    """``text`` when it is a safe IRI segment (ASCII letters, digits, ``._-``), else its hash."""
    if text and all(c.isascii() and (c.isalnum() or c in "._-") for c in text):
        return text
    return digest("slug", text)


def extractor(version: str) -> URIRef:
    """A release of the extractor (a ``prov:SoftwareAgent``)."""
    return URIRef(f"{RESOURCE}extractor/{_slug(version)}")


def extraction(rule: str, version: str) -> URIRef:
    """Running one rule family (``pairing/1`` of ``pairing/1:pairword``) of an extractor release.

    Evidence is ``prov:wasGeneratedBy`` this node, so the IRI names both the rule
    and the version: a change of either gives new provenance.
    """
    name = rule.split(":")[0].replace("/", "-v")
    return URIRef(f"{RESOURCE}extraction/{_slug(name)}/{_slug(version)}")


def year(value: int) -> URIRef:
    return URIRef(f"{RESOURCE}year/{value}")
