"""Generate ``ns.py`` and ``context.jsonld`` from ``shanhai.ttl``.

The Turtle is the source of truth; the Python namespace and the JSON-LD
context are views of it.  Run ``python -m shanhai.ontology.generate`` after
editing the Turtle; ``--check`` exits 1 when the generated files are stale
(the test suite does the same check).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from . import files

NAMESPACE = "https://w3id.org/shanhai/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/shanhai/ontology")

#: Prefixes written into the JSON-LD context (and used to shorten IRIs in it).
CONTEXT_PREFIXES: dict[str, str] = {
    "shanhai": NAMESPACE,
    "id": "https://w3id.org/shanhai/id/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}

_KINDS = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "object property"),
    (OWL.DatatypeProperty, "datatype property"),
    (OWL.AnnotationProperty, "annotation property"),
)


@dataclass(frozen=True)
class Term:
    """One term the ontology declares, in or outside the shanhai namespace."""

    iri: URIRef
    kind: str
    label_en: str
    label_zh: str
    range: URIRef | None

    @property
    def local(self) -> str:
        text = str(self.iri)
        return text[max(text.rfind("#"), text.rfind("/")) + 1:]

    @property
    def own(self) -> bool:
        return str(self.iri).startswith(NAMESPACE)


def _label(g: Graph, node: URIRef, lang: str) -> str:
    values = sorted(str(o) for o in g.objects(node, RDFS.label)
                    if isinstance(o, Literal) and o.language == lang)
    return values[0] if values else ""


def terms(g: Graph) -> list[Term]:
    """Every declared class and property, sorted by IRI."""
    found: dict[URIRef, Term] = {}
    for owl_kind, kind in _KINDS:
        for node in g.subjects(RDF.type, owl_kind):
            if not isinstance(node, URIRef) or node in found:
                continue
            rng = g.value(node, RDFS.range)
            found[node] = Term(node, kind, _label(g, node, "en"), _label(g, node, "zh"),
                               rng if isinstance(rng, URIRef) else None)
    return [found[k] for k in sorted(found)]


def load(path: Path | None = None) -> Graph:
    g = Graph()
    g.parse(path or files.ontology_path(), format="turtle")
    return g


def version(g: Graph) -> str:
    return str(g.value(ONTOLOGY_IRI, OWL.versionInfo) or "")


def ns_source(g: Graph) -> str:
    """The text of ``ns.py``: a closed rdflib namespace with one attribute per term."""
    own = [t for t in terms(g) if t.own]
    lines = [
        '"""The shanhai ontology as a closed rdflib namespace.',
        "",
        "Generated from shanhai.ttl by ``python -m shanhai.ontology.generate``; do not edit.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        f'VERSION = "{version(g)}"',
        "",
        "",
        "class SHANHAI(DefinedNamespace):",
        f'    """山海本体 / shanhai ontology {version(g)}: a term not in the Turtle is an error.',
        "",
        "    Generated from shanhai.ttl; see ontology/README.md.",
        '    """',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NAMESPACE}")',
    ]
    for kind in ("class", "object property", "datatype property", "annotation property"):
        group = sorted((t for t in own if t.kind == kind), key=lambda t: t.local)
        if not group:
            continue
        lines.append("")
        lines.append(f"    # {kind}")
        for t in group:
            lines.append(f"    {t.local}: URIRef  # {t.label_zh} / {t.label_en}")
    return "\n".join(lines) + "\n"


def _curie(iri: str) -> str:
    for prefix, ns in CONTEXT_PREFIXES.items():
        if iri.startswith(ns) and iri != ns:
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def context(g: Graph) -> dict[str, object]:
    """The JSON-LD context: prefixes, then one term per declared class and property."""
    ctx: dict[str, object] = dict(CONTEXT_PREFIXES)
    for t in sorted(terms(g), key=lambda t: (t.local, str(t.iri))):
        if t.local in ctx:
            raise ValueError(f"JSON-LD term {t.local!r} is defined twice ({t.iri})")
        if t.kind == "class":
            ctx[t.local] = _curie(str(t.iri))
            continue
        definition: dict[str, str] = {"@id": _curie(str(t.iri))}
        if t.kind == "object property":
            definition["@type"] = "@id"
        elif t.range is not None and t.range not in (XSD.string, RDF.langString, RDFS.Literal):
            definition["@type"] = _curie(str(t.range))
        ctx[t.local] = definition
    return {"@context": ctx}


def context_text(g: Graph) -> str:
    return json.dumps(context(g), ensure_ascii=False, indent=2) + "\n"


def outputs(g: Graph | None = None) -> dict[Path, str]:
    """Each generated file and the text it should have."""
    g = g if g is not None else load()
    return {files.ns_path(): ns_source(g), files.context_path(): context_text(g)}


def stale(g: Graph | None = None) -> list[Path]:
    """Generated files whose content differs from what the Turtle gives."""
    return [p for p, text in outputs(g).items()
            if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args != ["--check"]:
        sys.stderr.write("usage: python -m shanhai.ontology.generate [--check]\n")
        return 2
    if args == ["--check"]:
        out_of_date = stale()
        for path in out_of_date:
            sys.stderr.write(f"{path}: out of date; run python -m shanhai.ontology.generate\n")
        return 1 if out_of_date else 0
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
