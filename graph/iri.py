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

ONTOLOGY = "https://w3id.org/shanhai/ontology#"
RESOURCE = "https://w3id.org/shanhai/id/"

SH = Namespace(ONTOLOGY)
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


def extractor(rule: str) -> URIRef:
    name = rule.split(":")[0].replace("/", "-v")
    return URIRef(f"{RESOURCE}extractor/{name}")


def year(value: int) -> URIRef:
    return URIRef(f"{RESOURCE}year/{value}")
