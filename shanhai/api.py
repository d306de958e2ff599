"""The notebook API: one object over a build folder, answering in DataFrames.

``shanhai.load(DIR)`` opens what ``shanhai build … --out DIR`` wrote and gives a
:class:`Corpus`.  Tables come back as :class:`pandas.DataFrame` with plain Python
values (labels as ``str``, years as ``int``, amounts as ``float``), networks as
networkx graphs, and every fact can be traced to its quote::

    >>> import shanhai
    >>> kg = shanhai.load("build/seeds")
    >>> kg.pairings()[["helper", "recipient", "start_year"]].head(3)
    >>> kg.evidence(("浙江省", "广元市"))            # the quotes behind a pairing
    >>> kg.in_context(kg.evidence("国家八七扶贫攻坚计划"))  # quote marked in its text

pandas, networkx and rdflib are imported when first needed, so ``import shanhai``
stays light.  Nothing here writes files.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx
    import pandas as pd
    from rdflib import Dataset
    from rdflib.term import Node

__all__ = [
    "BuildNotFoundError",
    "Corpus",
    "EntityLookupError",
    "HTMLTable",
    "KnowledgeGraph",
    "figure_dir",
    "find_repo_root",
    "load",
    "seed_build",
]

#: Environment variable naming the build folder the notebooks use.
BUILD_ENV = "SHANHAI_BUILD"
#: Environment variable naming the folder the notebooks save figures into.
FIGURES_ENV = "SHANHAI_FIGURES"

_ONTOLOGY = "https://w3id.org/shanhai/ontology#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    _XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
)
_FLOAT_TYPES = frozenset(_XSD + t for t in ("decimal", "double", "float"))


class BuildNotFoundError(FileNotFoundError):
    """The folder holds no ``graph.trig``: it was never built, or the path is wrong."""


class EntityLookupError(LookupError):
    """A name matched no entity, or more than one; the message lists the candidates."""


# --------------------------------------------------------------------------- queries

_PREFIXES = """\
PREFIX shanhai: <https://w3id.org/shanhai/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""

_EVIDENCE = """
  ?fact prov:wasDerivedFrom ?ev .
  ?ev shanhai:sourceDocument ?d ; shanhai:charStart ?start ; shanhai:charEnd ?end ;
      shanhai:quote ?quote .
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?ev shanhai:rule ?rule }
"""

_FACT_KIND = """
  { ?fact a shanhai:Pairing . BIND("pairsWith" AS ?kind) }
  UNION { ?fact a shanhai:Amount . BIND("amount" AS ?kind) }
  UNION { ?fact a rdf:Statement ; rdf:predicate ?pred .
          BIND(STRAFTER(STR(?pred), "#") AS ?kind) }
"""

_Q_DOCUMENTS = _PREFIXES + """
SELECT ?doc ?chars ?path ?sha256 WHERE {
  ?d a shanhai:Document ; dcterms:identifier ?doc .
  OPTIONAL { ?d shanhai:charCount ?chars }
  OPTIONAL { ?d shanhai:path ?path }
  OPTIONAL { ?d shanhai:sha256 ?sha256 }
} ORDER BY ?doc
"""

_Q_FACTS_PER_DOC = _PREFIXES + """
SELECT ?doc ?kind (COUNT(DISTINCT ?fact) AS ?n) WHERE {
  ?fact prov:wasDerivedFrom ?ev .
  ?ev shanhai:sourceDocument ?d . ?d dcterms:identifier ?doc .
""" + _FACT_KIND + """
} GROUP BY ?doc ?kind
"""

_Q_PAIRINGS = _PREFIXES + """
SELECT ?helper ?recipient (MIN(?sy) AS ?start_year) (MAX(?ey) AS ?end_year)
       (COUNT(DISTINCT ?ev) AS ?evidence) (COUNT(DISTINCT ?d) AS ?documents)
       ?helper_code ?recipient_code ?helper_iri ?recipient_iri ?fact WHERE {
  ?fact a shanhai:Pairing ; shanhai:helper ?helper_iri ; shanhai:recipient ?recipient_iri ;
        prov:wasDerivedFrom ?ev .
  ?ev shanhai:sourceDocument ?d .
  ?helper_iri rdfs:label ?helper . FILTER(lang(?helper) = "zh")
  ?recipient_iri rdfs:label ?recipient . FILTER(lang(?recipient) = "zh")
  OPTIONAL { ?helper_iri shanhai:adminCode ?helper_code }
  OPTIONAL { ?recipient_iri shanhai:adminCode ?recipient_code }
  OPTIONAL { ?fact shanhai:startYear ?sy }
  OPTIONAL { ?fact shanhai:endYear ?ey }
} GROUP BY ?helper ?recipient ?helper_code ?recipient_code ?helper_iri ?recipient_iri ?fact
"""

_Q_PROGRAMS = _PREFIXES + """
SELECT ?program ?type ?started ?start_date ?issuer
       (COUNT(DISTINCT ?ev) AS ?evidence) ?program_iri ?fact WHERE {
  ?fact a rdf:Statement ; rdf:subject ?program_iri ; rdf:predicate shanhai:startedIn ;
        rdf:object ?started ; prov:wasDerivedFrom ?ev .
  ?program_iri rdfs:label ?program . FILTER(lang(?program) = "zh")
  OPTIONAL { ?program_iri a ?cls .
             FILTER(STRSTARTS(STR(?cls), STR(shanhai:))) BIND(STRAFTER(STR(?cls), "#") AS ?type) }
  OPTIONAL { ?fact shanhai:startDate ?start_date }
  OPTIONAL { ?fact shanhai:issuer ?issuer }
} GROUP BY ?program ?type ?started ?start_date ?issuer ?program_iri ?fact
"""

_Q_AMOUNTS = _PREFIXES + """
SELECT ?value ?unit ?approximate ?measure ?year ?surface ?subject ?subject_code ?subject_type
       ?doc ?start ?end ?quote ?fact ?subject_iri WHERE {
  ?fact a shanhai:Amount ; shanhai:value ?value .
  OPTIONAL { ?fact shanhai:unit ?unit }
  OPTIONAL { ?fact shanhai:approximate ?approximate }
  OPTIONAL { ?fact shanhai:measure ?measure }
  OPTIONAL { ?fact shanhai:year ?year }
  OPTIONAL { ?fact shanhai:surface ?surface }
  OPTIONAL {
    ?fact shanhai:amountOf ?subject_iri .
    ?subject_iri rdfs:label ?subject . FILTER(lang(?subject) = "zh")
    OPTIONAL { ?subject_iri shanhai:adminCode ?subject_code }
    OPTIONAL { ?subject_iri a ?scls . FILTER(STRSTARTS(STR(?scls), STR(shanhai:)))
               BIND(STRAFTER(STR(?scls), "#") AS ?subject_type) }
  }
""" + _EVIDENCE + """
}
"""

_Q_EVIDENCE_OF_FACT = _PREFIXES + "SELECT ?doc ?start ?end ?quote ?fact ?kind ?rule WHERE {\n" + (
    _EVIDENCE + _FACT_KIND + "}"
)

_Q_FACTS_OF_ENTITY = _PREFIXES + """
SELECT DISTINCT ?doc ?start ?end ?quote ?fact ?kind ?rule WHERE {
  { ?fact shanhai:helper ?x } UNION { ?fact shanhai:recipient ?x }
  UNION { ?fact shanhai:amountOf ?x } UNION { ?fact rdf:subject ?x } UNION { ?fact rdf:object ?x }
""" + _EVIDENCE + _FACT_KIND + "}"

_Q_PAIRING_BETWEEN = _PREFIXES + """
SELECT DISTINCT ?doc ?start ?end ?quote ?fact ?kind ?rule WHERE {
  { ?fact shanhai:helper ?a ; shanhai:recipient ?b }
  UNION { ?fact shanhai:helper ?b ; shanhai:recipient ?a }
  ?fact a shanhai:Pairing . BIND("pairsWith" AS ?kind)
""" + _EVIDENCE + "}"

_Q_FACTS = _PREFIXES + """
SELECT ?doc ?start ?end ?kind ?subject ?object ?quote ?fact ?rule WHERE {
""" + _EVIDENCE + _FACT_KIND + """
  OPTIONAL { ?fact shanhai:helper/rdfs:label ?helper . FILTER(lang(?helper) = "zh") }
  OPTIONAL { ?fact shanhai:recipient/rdfs:label ?recipient . FILTER(lang(?recipient) = "zh") }
  OPTIONAL { ?fact shanhai:amountOf/rdfs:label ?about . FILTER(lang(?about) = "zh") }
  OPTIONAL { ?fact shanhai:surface ?surface }
  OPTIONAL { ?fact rdf:subject/rdfs:label ?sl . FILTER(lang(?sl) = "zh") }
  OPTIONAL { ?fact rdf:object ?o .
             OPTIONAL { ?o rdfs:label ?ol . FILTER(lang(?ol) = "zh") } }
  BIND(COALESCE(?helper, ?about, ?sl) AS ?subject)
  BIND(COALESCE(?recipient, ?surface, ?ol, STR(?o)) AS ?object)
}
"""

_EVIDENCE_COLUMNS = ["doc", "start", "end", "quote", "fact", "kind", "rule"]


# --------------------------------------------------------------------------- values


def _python(term: Node | None) -> Any:
    """An RDF term as a plain Python value: str, int, float, bool or None."""
    from rdflib import Literal

    if term is None:
        return None
    if not isinstance(term, Literal):
        return str(term)
    datatype = str(term.datatype) if term.datatype is not None else ""
    text = str(term)
    if datatype == _XSD + "gYear":
        try:
            return int(text[:4]) if not text.startswith("-") else int(text[:5])
        except ValueError:
            return text
    if datatype in _INTEGER_TYPES:
        return int(text)
    if datatype in _FLOAT_TYPES:
        return float(text)
    if datatype == _XSD + "boolean":
        return text.strip().lower() in ("true", "1")
    return text


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _binding(value: Any) -> Node:
    """A Python value as the RDF term a ``.sparql`` binding stands for.

    Chinese text becomes an ``@zh`` literal (every label in the graph is one, and
    ``"浙江省"`` does not match ``"浙江省"@zh`` in SPARQL); text with ``://``
    becomes an IRI; rdflib terms pass through unchanged.
    """
    from rdflib import Literal, URIRef
    from rdflib.term import Node

    if isinstance(value, Node):
        return value
    if isinstance(value, str):
        if "://" in value:
            return URIRef(value)
        return Literal(value, lang="zh") if _has_cjk(value) else Literal(value)
    if isinstance(value, bool | int | float):
        return Literal(value)
    raise TypeError(f"cannot bind {type(value).__name__} {value!r}: use str, int, float or an rdflib term")


def _frame(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame; integer columns with gaps use pandas' nullable ``Int64``, not float."""
    import pandas as pd

    data = list(rows)
    out: dict[str, Any] = {}
    for i, name in enumerate(columns):
        values = [row[i] for row in data]
        present = [v for v in values if v is not None]
        if present and len(present) < len(values) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in present
        ):
            out[name] = pd.array(values, dtype="Int64")
        else:
            out[name] = values
    return pd.DataFrame(out, columns=list(columns))


# --------------------------------------------------------------------------- locating builds


def find_repo_root(start: Path | None = None) -> Path | None:
    """The checkout holding ``seeds/`` and ``pyproject.toml``, searched upwards.

    The search starts at ``start`` (default: the working directory), then falls
    back to the folder this package was installed from (an editable install).
    """
    here = Path(__file__).resolve().parent
    for origin in (start or Path.cwd(), here):
        for folder in (origin.resolve(), *origin.resolve().parents):
            if (folder / "pyproject.toml").is_file() and (folder / "seeds").is_dir():
                return folder
    return None


def seed_build(path: str | os.PathLike[str] | None = None, *, rebuild: bool = False) -> Path:
    """The build folder the notebooks read, built from ``seeds/`` if it is missing.

    The folder is ``path``, else ``$SHANHAI_BUILD``, else ``build/seeds`` under the
    repository root.  Building takes a few seconds and writes only into that folder.

    Example::

        >>> kg = shanhai.load(shanhai.seed_build())
    """
    root = find_repo_root()
    if path is None:
        path = os.environ.get(BUILD_ENV) or None
    if path is None:
        if root is None:
            raise BuildNotFoundError(
                f"no build folder given and no checkout with seeds/ found from {Path.cwd()}; "
                f"set {BUILD_ENV} or pass a path"
            )
        out = root / "build" / "seeds"
    else:
        out = Path(path)
    if rebuild or not (out / "graph.trig").is_file():
        if root is None:
            raise BuildNotFoundError(
                f"{out} holds no graph.trig and there is no seeds/ folder to build it from; "
                f"run `shanhai build seeds --out {out}` in a checkout"
            )
        from shanhai.graph.corpus import build_corpus

        build_corpus([root / "seeds"], out)
    return out


def figure_dir() -> Path:
    """Where notebooks save figures: ``$SHANHAI_FIGURES``, else ``build/figures`` in the checkout."""
    given = os.environ.get(FIGURES_ENV)
    if given:
        return Path(given)
    root = find_repo_root()
    return (root if root is not None else Path.cwd()) / "build" / "figures"


# --------------------------------------------------------------------------- display


class HTMLTable:
    """A table Jupyter renders as HTML; ``str()`` is the markup, ``repr()`` a plain-text version."""

    __slots__ = ("html", "text")

    def __init__(self, html: str, text: str) -> None:
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


_CONTEXT_CSS = (
    "<style>"
    ".shanhai-ev{border-collapse:collapse;font-size:13px}"
    ".shanhai-ev th,.shanhai-ev td{border-bottom:1px solid #ddd;padding:4px 8px;"
    "text-align:left;vertical-align:top}"
    ".shanhai-ev mark{background:#ffe08a;padding:0 1px}"
    ".shanhai-ev .nl{color:#bbb}"
    ".shanhai-ev .ctx{max-width:46em;line-height:1.6}"
    ".shanhai-ev summary{cursor:pointer;font-weight:600}"
    "</style>"
)


def _context_markup(before: str, quote: str, after: str) -> str:
    def esc(text: str) -> str:
        return html.escape(text).replace("\n", '<span class="nl">↵</span>')

    return f"…{esc(before)}<mark>{esc(quote)}</mark>{esc(after)}…"


def _context_text(before: str, quote: str, after: str) -> str:
    return f"…{before}【{quote}】{after}…".replace("\n", "↵")


# --------------------------------------------------------------------------- the corpus


class Corpus:
    """A built knowledge graph, opened for analysis.

    ``path`` is a build folder (holding ``graph.trig``) or a ``.trig`` file.
    ``sources`` are folders to look in for the original documents when the paths
    recorded at build time no longer resolve; they are needed only for
    :meth:`text` and :meth:`in_context`.

    Example::

        >>> kg = Corpus("build/seeds")
        >>> kg.documents()
        >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?p a shanhai:Pairing }")
    """

    def __init__(
        self, path: str | os.PathLike[str], *, sources: Iterable[str | os.PathLike[str]] = ()
    ) -> None:
        given = Path(path)
        if given.is_dir():
            self.path, self.trig = given, given / "graph.trig"
        else:
            self.path, self.trig = given.parent, given
        if not self.trig.is_file():
            raise BuildNotFoundError(
                f"{self.trig} does not exist; build it with `shanhai build INPUT --out {self.path}` "
                "or pass the folder that holds graph.trig"
            )
        self.sources = tuple(Path(s) for s in sources)
        self._texts: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def _repr_html_(self) -> str:
        counts = self.report.get("summary", {})
        facts = ", ".join(f"{k} {v}" for k, v in sorted(self.report.get("facts", {}).items()))
        return (
            f"<b>shanhai corpus</b> <code>{html.escape(str(self.path))}</code>: "
            f"{counts.get('documents', len(self.documents()))} documents"
            + (f"; facts: {html.escape(facts)}" if facts else "")
        )

    # ------------------------------------------------------------------ raw access

    @cached_property
    def dataset(self) -> Dataset:
        """The rdflib Dataset (union default graph), parsed once on first use."""
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        with warnings.catch_warnings():
            # rdflib's TriG parser uses its own deprecated ConjunctiveGraph internally
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            ds.parse(self.trig, format="trig")
        return ds

    @cached_property
    def report(self) -> dict[str, Any]:
        """``report.json`` from the build (counts, per-document status), or ``{}``."""
        path = self.path / "report.json"
        if not path.is_file():
            return {}
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def sparql(self, query: str, **bindings: Any) -> pd.DataFrame:
        """Run a SPARQL SELECT and return a DataFrame of plain values.

        The usual prefixes (``shanhai:``, ``rdf:``, ``rdfs:``, ``prov:``,
        ``dcterms:``, ``skos:``, ``xsd:``, ``geo:``) are predeclared.  Keyword
        arguments bind variables before evaluation (rdflib ``initBindings``);
        Chinese strings bind as ``@zh`` literals, so labels match.  Values come
        back as ``str`` / ``int`` / ``float`` / ``bool``; ``xsd:gYear`` as ``int``.

        Example::

            >>> kg.sparql('''
            ...   SELECT ?recipient WHERE {
            ...     ?h rdfs:label ?helper . ?h shanhai:pairsWith ?r .
            ...     ?r rdfs:label ?recipient . FILTER(lang(?recipient) = "zh")
            ...   } ORDER BY ?recipient''', helper="浙江省")
        """
        from rdflib import Namespace

        namespaces: dict[str, Any] = {
            line.split()[1].rstrip(":"): Namespace(line.split()[2].strip("<>"))
            for line in _PREFIXES.splitlines()
        }
        initial: dict[str, Any] = {k: _binding(v) for k, v in bindings.items()}
        result: Any = self.dataset.query(query, initNs=namespaces, initBindings=initial)
        if result.type != "SELECT":
            raise ValueError(f"sparql() returns tables, so it needs a SELECT query, not {result.type}")
        names = [str(v) for v in (result.vars or [])]
        return _frame(([_python(row[i]) for i in range(len(names))] for row in result), names)

    # ------------------------------------------------------------------ networks

    def network(self, year: int | None = None, *, full: bool = False) -> nx.MultiDiGraph:
        """The pairing network (helper → recipient) as a networkx MultiDiGraph.

        With ``year``, only pairings active then (pairings whose text states no
        year are kept, as on the page).  ``full=True`` gives the whole projection:
        programs, years, ``partOf`` and the other relations too.  Nodes are region
        IRIs with ``label``, ``name``, ``cls``, ``code``, ``lon``, ``lat``; edges
        carry ``start_year``, ``end_year`` and ``evidence``.

        Example::

            >>> g = kg.network(year=2016)
            >>> sorted(g.nodes[n]["name"] for n in g.successors(next(iter(g))))
        """
        from shanhai.graph.network import pairing_network, project

        if full:
            return project(self.dataset, year=year)
        return pairing_network(self.dataset, year=year)

    def show(
        self,
        *,
        year: int | None = None,
        full: bool = True,
        layout: str = "force",
        height: int = 720,
        title: str | None = None,
    ) -> Any:
        """The interactive page, inline in Jupyter (nothing is written to disk).

        ``layout="geo"`` places regions at their coordinates.

        Example::

            >>> kg.show(layout="geo", full=False)   # only the pairings, on a map layout
        """
        from shanhai.graph.render import notebook_html

        label = title or ("shanhai" + (f" · {year}" if year is not None else ""))
        return notebook_html(self.network(year, full=full), height=height, layout=layout, title=label)

    # ------------------------------------------------------------------ tables

    def documents(self) -> pd.DataFrame:
        """One row per document: id, length, and how many facts of each kind it gave.

        Columns: ``doc``, ``chars``, one count column per relation (``pairsWith``,
        ``startedIn``, ``amount``, ``partOf`` …), ``facts`` (their sum),
        ``path`` and ``sha256``.
        """
        docs = self.sparql(_Q_DOCUMENTS)
        counts = self.sparql(_Q_FACTS_PER_DOC)
        if len(counts):
            table = counts.pivot_table(index="doc", columns="kind", values="n", aggfunc="sum",
                                       fill_value=0)
            table = table[sorted(table.columns)]
            table.columns.name = None
            docs = docs.merge(table, how="left", left_on="doc", right_index=True)
            kinds = list(table.columns)
            docs[kinds] = docs[kinds].fillna(0).astype(int)
            docs["facts"] = docs[kinds].sum(axis=1)
        else:
            kinds = []
            docs["facts"] = 0
        return docs[["doc", "chars", *kinds, "facts", "path", "sha256"]].reset_index(drop=True)

    def pairings(self) -> pd.DataFrame:
        """Who helps whom: one row per pairing, earliest stated start, latest stated end.

        Columns: ``helper``, ``recipient`` (Chinese labels), ``start_year``,
        ``end_year`` (nullable ints), ``evidence`` (quotes), ``documents``,
        admin codes, IRIs and the pairing's ``fact`` IRI.  Sorted by start year.
        """
        frame = self.sparql(_Q_PAIRINGS)
        for col in ("start_year", "end_year"):
            frame[col] = frame[col].astype("Int64")
        frame = frame.sort_values(["start_year", "helper", "recipient"], na_position="last",
                                  kind="stable")
        return frame.reset_index(drop=True)

    def programs(self) -> pd.DataFrame:
        """Programs, policies, plans and meetings with the year the text says they started.

        One row per (program, stated start); a program the corpus dates twice
        appears twice, each with its own evidence.  Columns: ``program``, ``type``
        (Program, Policy, Plan, Meeting, Project), ``started`` (int),
        ``start_date`` (``YYYY-MM`` when known), ``issuer``, ``evidence``, IRIs.
        """
        frame = self.sparql(_Q_PROGRAMS)
        frame = frame.sort_values(["fact", "type"], na_position="last").drop_duplicates("fact")
        cols = ["program", "type", "started", "start_date", "issuer", "evidence", "program_iri", "fact"]
        return frame[cols].sort_values(["started", "program"], kind="stable").reset_index(drop=True)

    def amounts(self, unit: str | None = None) -> pd.DataFrame:
        """Every stated amount with its evidence: the table behind the money charts.

        ``value`` is in the base unit (元, 人, 个 …, never 亿元), ``surface`` is the
        figure as printed.  ``subject`` is the region or organisation the amount
        is about, when the text says.  ``unit="元"`` keeps money only.
        Columns also include ``doc``, ``start``, ``end`` and ``quote``.
        """
        frame = self.sparql(_Q_AMOUNTS)
        frame["year"] = frame["year"].astype("Int64")
        if unit is not None:
            frame = frame[frame["unit"] == unit]
        frame = frame.sort_values(["doc", "start", "end", "fact", "subject_type"], na_position="last",
                                  kind="stable").drop_duplicates("fact")
        return frame.reset_index(drop=True)

    # ------------------------------------------------------------------ evidence

    def resolve(self, name: str) -> str:
        """The IRI of the entity called ``name`` (label, full name, short name or alias).

        Raises :class:`EntityLookupError` naming the candidates when ``name`` is
        unknown or ambiguous.

        Example::

            >>> kg.resolve("广元")
            'https://w3id.org/shanhai/id/region/510800'
        """
        from rdflib import Literal, URIRef
        from rdflib.namespace import RDFS, SKOS

        if "://" in name:
            node = URIRef(name)
            if (node, None, None) not in self.dataset:
                raise EntityLookupError(f"{name} does not occur in {self.trig}")
            return name
        sh = _ONTOLOGY
        preds = [RDFS.label, URIRef(sh + "fullName"), URIRef(sh + "shortName"), SKOS.altLabel]
        for value in (Literal(name, lang="zh"), Literal(name)):
            for pred in preds:
                found = sorted({str(s) for s in self.dataset.subjects(pred, value)})
                if len(found) == 1:
                    return found[0]
                if len(found) > 1:
                    names = ", ".join(f"{self._name(s)} <{s}>" for s in found)
                    raise EntityLookupError(f"{name!r} is ambiguous: it names {names}; pass an IRI")
        raise EntityLookupError(
            f"no entity is called {name!r} in {self.trig}; try a label from "
            "kg.pairings()['helper'], kg.programs()['program'] or kg.amounts()['subject']"
        )

    def _name(self, node: str) -> str:
        from rdflib import URIRef
        from rdflib.namespace import RDFS

        for pred in (URIRef(_ONTOLOGY + "fullName"), RDFS.label):
            values = sorted(str(o) for o in self.dataset.objects(URIRef(node), pred))
            if values:
                return values[0]
        return node

    def facts(self, doc: str | None = None, kind: str | None = None) -> pd.DataFrame:
        """Everything extracted, one row per piece of evidence: what each document said.

        Columns: ``doc``, ``start``, ``end``, ``kind`` (``pairsWith``,
        ``startedIn``, ``amount``, ``partOf`` …), ``subject`` and ``object`` in
        words (helper and recipient; program and year; what an amount is about
        and the figure as printed), ``quote``, ``fact``, ``rule``.  ``doc`` and
        ``kind`` filter.

        Example::

            >>> kg.facts("000_12a61a5b57f0fb84.txt", kind="startedIn")
        """
        frame = self.sparql(_Q_FACTS)
        if doc is not None:
            frame = frame[frame["doc"] == doc]
        if kind is not None:
            frame = frame[frame["kind"] == kind]
        frame = frame.sort_values(["doc", "start", "end", "kind", "fact", "subject", "object"],
                                  na_position="last", kind="stable")
        return frame.drop_duplicates(["doc", "start", "end", "fact"]).reset_index(drop=True)

    def evidence(self, target: str | tuple[str, str] | Iterable[str]) -> pd.DataFrame:
        """The quotes behind a fact, an entity or a pairing, as a DataFrame.

        ``target`` is a fact IRI (a pairing, amount or statement); an entity (a
        region, program or organisation, by name or IRI), giving the evidence of
        every fact that mentions it; or a ``(region, region)`` pair, giving the
        evidence of pairings between the two in either direction; or a list (or
        Series) of fact IRIs, giving the evidence of each.  Columns:
        ``doc``, ``start``, ``end`` (half-open code-point offsets into the
        document), ``quote``, ``fact``, ``kind`` (``pairsWith``, ``amount``,
        ``startedIn`` …) and ``rule``.

        Example::

            >>> kg.evidence(("浙江省", "广元市"))
            >>> kg.evidence("国家八七扶贫攻坚计划")
            >>> kg.evidence(kg.pairings().fact[0])
            >>> kg.evidence(kg.programs().fact)     # every program start
        """
        import pandas as pd
        from rdflib import URIRef

        if not isinstance(target, str | tuple) and isinstance(target, Iterable):
            parts = [self.evidence(str(t)) for t in target]
            if not parts:
                return pd.DataFrame(columns=_EVIDENCE_COLUMNS)
            frame = pd.concat(parts, ignore_index=True)
            return frame.drop_duplicates(["doc", "start", "end", "fact"]).reset_index(drop=True)
        if isinstance(target, tuple):
            if len(target) != 2:
                raise TypeError(f"a pair is two regions, got {len(target)} items: {target!r}")
            a, b = (URIRef(self.resolve(t)) for t in target)
            frame = self.sparql(_Q_PAIRING_BETWEEN, a=a, b=b)
        elif not isinstance(target, str):
            raise TypeError(f"evidence() takes a name, an IRI or a pair, not {type(target).__name__}")
        else:
            node = URIRef(self.resolve(target))
            frame = self.sparql(_Q_EVIDENCE_OF_FACT, fact=node)
            if not len(frame):
                frame = self.sparql(_Q_FACTS_OF_ENTITY, x=node)
        frame = frame.reindex(columns=_EVIDENCE_COLUMNS)
        frame = frame.drop_duplicates(["doc", "start", "end", "fact"])
        return frame.sort_values(["doc", "start", "end", "fact"], kind="stable").reset_index(drop=True)

    # ------------------------------------------------------------------ source text

    def text(self, doc: str) -> str:
        """The decoded text of document ``doc``, the one every offset indexes.

        The file is looked up where the build read it, then under ``sources``
        and next to the build; it must have the same SHA-256 as at build time.
        """
        if doc in self._texts:
            return self._texts[doc]
        from shanhai.extract.document import load as load_document

        docs = self.sparql(_Q_DOCUMENTS)
        row = docs[docs["doc"] == doc]
        if not len(row):
            known = ", ".join(docs["doc"])
            raise KeyError(f"no document {doc!r} in {self.trig}; documents: {known}")
        recorded, sha = row.iloc[0]["path"], row.iloc[0]["sha256"]
        tried: list[str] = []
        for candidate in self._candidates(doc, recorded):
            tried.append(str(candidate))
            if not candidate.is_file():
                continue
            data = candidate.read_bytes()
            if sha and hashlib.sha256(data).hexdigest() != sha:
                continue
            text = load_document(candidate).text
            self._texts[doc] = text
            return text
        raise FileNotFoundError(
            f"the source of {doc!r} was not found with its build-time SHA-256; tried: "
            + ", ".join(tried)
            + ". Pass its folder with shanhai.load(DIR, sources=[FOLDER])."
        )

    def _candidates(self, doc: str, recorded: str | None) -> list[Path]:
        out: list[Path] = []
        bases = [*self.sources, Path.cwd(), *self.path.resolve().parents]
        root = find_repo_root(self.path)
        if root is not None:
            bases.extend([root, root / "seeds"])
        if recorded:
            rec = Path(recorded)
            out.append(rec)
            if not rec.is_absolute():
                out.extend(base / rec for base in bases)
        out.extend(base / doc for base in bases)
        unique: dict[str, Path] = {}
        for candidate in out:
            unique.setdefault(str(candidate), candidate)
        return list(unique.values())

    def context(self, doc: str, start: int, end: int, width: int = 40) -> tuple[str, str, str]:
        """``(before, quote, after)``: the quote with ``width`` characters either side."""
        text = self.text(doc)
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"offsets {start}:{end} are outside {doc!r} ({len(text)} characters)")
        return text[max(0, start - width):start], text[start:end], text[end:end + width]

    def in_context(
        self,
        rows: pd.DataFrame | Mapping[str, Any],
        *,
        width: int = 40,
        columns: Sequence[str] = (),
        summary: str | None = None,
    ) -> HTMLTable:
        """An HTML table showing each row's quote marked inside its surrounding text.

        ``rows`` needs ``doc``, ``start`` and ``end`` (as from :meth:`evidence` or
        :meth:`amounts`).  ``columns`` are shown alongside.  With ``summary`` (a
        column name), the context folds under that value, one click away: the
        figure is the link to its quote.

        Example::

            >>> kg.in_context(kg.evidence(("浙江省", "广元市")).head(3))
            >>> money = kg.amounts(unit="元")
            >>> kg.in_context(money, columns=["subject", "year"], summary="surface")
        """
        import pandas as pd

        frame = pd.DataFrame([rows]) if isinstance(rows, Mapping) else rows
        missing = [c for c in ("doc", "start", "end") if c not in frame.columns]
        if missing:
            raise KeyError(f"in_context() needs columns doc, start, end; missing {missing}")
        shown = [c for c in columns if c != summary]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown)
        lead = f"<th>{html.escape(summary)}</th>" if summary else ""
        body, lines = [], []
        for _, row in frame.iterrows():
            doc, start, end = str(row["doc"]), int(row["start"]), int(row["end"])
            try:
                before, quote, after = self.context(doc, start, end, width)
                ctx = _context_markup(before, quote, after)
                plain = _context_text(before, quote, after)
            except (FileNotFoundError, ValueError) as exc:
                quote = str(row.get("quote", ""))
                ctx = f"<mark>{html.escape(quote)}</mark> <i>({html.escape(str(exc))})</i>"
                plain = f"【{quote}】 ({exc})".replace("\n", "↵")
            lead_text = _cell(row.get(summary)).replace("\n", "") + "  " if summary else ""
            lines.append(f"{lead_text}{doc}:{start}–{end}  {plain}")
            where = f"<code>{html.escape(doc)}:{start}–{end}</code>"
            cells = "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in shown)
            if summary:
                figure = html.escape(_cell(row.get(summary)).replace("\n", ""))
                fold = f"<details><summary>{figure}</summary>{where}<br>{ctx}</details>"
                body.append(f"<tr><td class='ctx'>{fold}</td>{cells}</tr>")
            else:
                body.append(f"<tr>{cells}<td>{where}</td><td class='ctx'>{ctx}</td></tr>")
        if summary:
            header = f"<tr>{lead}{head}</tr>"
        else:
            header = f"<tr>{head}<th>doc:start–end</th><th>context 上下文</th></tr>"
        return HTMLTable(
            f"{_CONTEXT_CSS}<table class='shanhai-ev'><thead>{header}</thead>"
            f"<tbody>{''.join(body)}</tbody></table>",
            "\n".join(lines),
        )


def _cell(value: Any) -> str:
    """A table cell as text: missing values blank, whole floats with thousands separators."""
    import pandas as pd

    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


#: The same object under the name the design notes use.
KnowledgeGraph = Corpus


def load(path: str | os.PathLike[str], *, sources: Iterable[str | os.PathLike[str]] = ()) -> Corpus:
    """Open a build folder (or its ``graph.trig``) for analysis.

    Example::

        >>> import shanhai
        >>> kg = shanhai.load("build/seeds")
        >>> kg.pairings().head()
    """
    return Corpus(path, sources=sources)
