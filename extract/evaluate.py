"""Precision, recall and F1 of extracted records against a hand-written gold file.

The gold format is documented in ``tests/gold/README.md``.  Matching is done on
what a fact *says*, not where it was read, because the gold records each fact
once per document while the system may read it several times:

* ``pairing``: distinct (helper code, recipient code) over the corpus; the start
  year is scored separately, for pairs whose gold record states one, against the
  earliest start year the system's evidence gives;
* ``program_start``: distinct (normalised program, year); names match when one
  normalised name contains the other (全国东西部扶贫协作座谈会 ~ 东西部扶贫协作座谈会);
* ``amount``: distinct (document, value, unit in simplified characters): the gold
  records a figure once per document even when the text repeats it;
* ``organization``: distinct normalised names: simplified, half-width, and a firm's
  leading province dropped (江苏恒顺醋业 ~ 恒顺醋业).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .mentions.orgs import INSTITUTION
from .mentions.programs import normalise as normalise_program
from .records import Triple
from .tradsimp import to_simplified

RELATIONS = ("pairing", "program_start", "amount", "organization")


@dataclass(frozen=True)
class Score:
    relation: str
    tp: int
    fp: int
    fn: int
    false_positives: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class YearScore:
    stated: int
    found: int
    correct: int
    wrong: tuple[str, ...] = ()

    @property
    def accuracy_found(self) -> float:
        """Share of correct years among gold-dated pairs the system found."""
        return self.correct / self.found if self.found else 0.0

    @property
    def accuracy_all(self) -> float:
        """Share of correct years among all gold-dated pairs (a miss counts as wrong)."""
        return self.correct / self.stated if self.stated else 0.0


@dataclass(frozen=True)
class Evaluation:
    scores: Mapping[str, Score]
    pairing_year: YearScore
    offsets_checked: int = 0
    offsets_wrong: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "relations": {
                name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                       "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn,
                       "false_positives": list(s.false_positives), "misses": list(s.misses)}
                for name, s in self.scores.items()
            },
            "pairing_start_year": {
                "stated": self.pairing_year.stated, "found": self.pairing_year.found,
                "correct": self.pairing_year.correct,
                "accuracy_found": round(self.pairing_year.accuracy_found, 4),
                "accuracy_all": round(self.pairing_year.accuracy_all, 4),
                "wrong": list(self.pairing_year.wrong),
            },
            "evidence_offsets": {"checked": self.offsets_checked, "wrong": list(self.offsets_wrong)},
        }


def read_gold(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON: {exc.msg}") from None
        if row.get("relation") not in RELATIONS:
            raise ValueError(f"{path}:{number}: unknown relation {row.get('relation')!r}")
        rows.append(row)
    return rows


def _score(relation: str, gold: Iterable[str], system: Iterable[str], *, multiset: bool = False) -> Score:
    g, s = (Counter(gold), Counter(system)) if multiset else (Counter(set(gold)), Counter(set(system)))
    tp = sum((g & s).values())
    return Score(
        relation, tp, sum((s - g).values()), sum((g - s).values()),
        tuple(sorted((s - g).elements())), tuple(sorted((g - s).elements())),
    )


def _org_name(name: str) -> str:
    """An organisation's name as compared: simplified characters, half-width forms, no spaces
    (a firm copied from a Traditional text is the graph's simplified name), and a firm's
    leading province (江苏恒顺醋业 is 恒顺醋业; a university's place is part of its name)."""
    name = re.sub(r"\s", "", to_simplified(unicodedata.normalize("NFKC", name)))
    if INSTITUTION.search(name):
        return name
    for n in range(min(len(name) - 3, 8), 1, -1):
        if name[:n] in _province_names():
            return name[n:]
    return name


@cache
def _province_names() -> frozenset[str]:
    from .gazetteer import default

    gaz = default()
    return frozenset(n for code, r in gaz.regions.items() if r.level == "province" for n in gaz.aliases_of(code))


def _amount_key(doc: str, value: Any, unit: str) -> str:
    # a gold copied from a Traditional text writes the unit as that text does; the graph's units are simplified
    return f"{doc}|{format(Decimal(str(value)).normalize(), 'f')}|{to_simplified(unit)}"


def _program_match(gold: set[tuple[str, int]], system: set[tuple[str, int]]) -> Score:
    """Programs match on year and a name containing the other (after normalisation).

    Equal names are paired first, so a short name (对口支援) cannot take the gold
    record that a longer system name states exactly.
    """
    matched_sys: set[tuple[str, int]] = set()
    matched_gold: set[tuple[str, int]] = set()
    for exact in (True, False):
        for gname, gyear in sorted(gold - matched_gold):
            for sname, syear in sorted(system - matched_sys):
                if syear == gyear and (
                    gname == sname if exact else (gname in sname or sname in gname)
                ):
                    matched_sys.add((sname, syear))
                    matched_gold.add((gname, gyear))
                    break
    fps = sorted(f"{n} {y}" for n, y in system - matched_sys)
    fns = sorted(f"{n} {y}" for n, y in gold - matched_gold)
    return Score("program_start", len(matched_gold), len(fps), len(fns), tuple(fps), tuple(fns))


def evaluate(
    gold_rows: Sequence[Mapping[str, Any]],
    triples: Sequence[Triple],
    texts: Mapping[str, str] | None = None,
) -> Evaluation:
    """Score system triples against gold rows; ``texts`` (doc → text) enables the offset check."""
    docs = {str(r["doc"]) for r in gold_rows}
    triples = [t for t in triples if t.evidence.doc in docs or not docs]
    names: dict[str, str] = {}

    # pairings
    gold_pairs = set()
    gold_years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for r in gold_rows:
        if r["relation"] == "pairing":
            pair = (str(r["helper"]), str(r["recipient"]))
            gold_pairs.add(pair)
            names[pair[0]], names[pair[1]] = r["helper_name"], r["recipient_name"]
            if r.get("start_year"):
                gold_years[pair].add(int(r["start_year"]))
    sys_pairs: dict[tuple[str, str], list[Triple]] = defaultdict(list)
    for t in triples:
        if t.predicate == "pairsWith" and t.object is not None:
            pair = (t.subject.key, t.object.key)
            sys_pairs[pair].append(t)
            names.setdefault(pair[0], t.subject.label)
            names.setdefault(pair[1], t.object.label)

    def show(pair: tuple[str, str]) -> str:
        return f"{names.get(pair[0], pair[0])}→{names.get(pair[1], pair[1])}"

    pairing = _score("pairing", [show(p) for p in gold_pairs], [show(p) for p in sys_pairs])
    correct, found, wrong = 0, 0, []
    for pair, years in sorted(gold_years.items()):
        if pair not in sys_pairs:
            continue
        found += 1
        year = system_start_year(sys_pairs[pair])
        if year in years:
            correct += 1
        else:
            wrong.append(f"{show(pair)}: gold {sorted(years)}, system {year}")
    year_score = YearScore(len(gold_years), found, correct, tuple(wrong))

    # programs
    gold_programs = {
        (normalise_program(str(r["program"])), int(r["year"]))
        for r in gold_rows if r["relation"] == "program_start"
    }
    sys_programs = {
        (t.subject.key, int(t.value)) for t in triples
        if t.predicate == "startedIn" and isinstance(t.value, int)
    }
    programs = _program_match(gold_programs, sys_programs)

    # amounts
    gold_amounts = [_amount_key(r["doc"], r["value"], r["unit"])
                    for r in gold_rows if r["relation"] == "amount"]
    sys_amounts = [_amount_key(t.evidence.doc, t.value, str(t.q("unit")))
                   for t in triples if t.predicate == "amount"]
    amounts = _score("amount", gold_amounts, sys_amounts)

    # organisations
    gold_orgs = {_org_name(str(r["name"])) for r in gold_rows if r["relation"] == "organization"}
    sys_orgs = {_org_name(t.subject.label) for t in triples if t.predicate == "locatedIn"
                and t.subject.kind == "organization"}
    orgs = _score("organization", gold_orgs, sys_orgs)

    offsets_checked, offsets_wrong = 0, []
    if texts is not None:
        for t in triples:
            text = texts.get(t.evidence.doc)
            if text is None:
                continue
            offsets_checked += 1
            if text[t.evidence.start : t.evidence.end] != t.evidence.quote:
                offsets_wrong.append(f"{t.evidence.doc}:{t.evidence.start}-{t.evidence.end}")
    return Evaluation(
        {"pairing": pairing, "program_start": programs, "amount": amounts, "organization": orgs},
        year_score, offsets_checked, tuple(offsets_wrong),
    )


def system_start_year(triples: Sequence[Triple]) -> int | None:
    """The start year the system gives a pair: the earliest any of its evidence states, as the
    graph's pairing network does (a pairing that is evidenced in 1996 did not begin in 2013)."""
    years = [y for t in triples if isinstance(y := t.q("start_year"), int)]
    return min(years) if years else None
