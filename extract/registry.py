"""The explicit table of recognisers and relation rules, in the order they run.

Order matters: coreference and pair words read the region mentions found
before them.  Each entry is ``name → callable``; the name is versioned so that
a change of behaviour changes the provenance recorded in the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from .context import Analysis
from .mentions import abbrev, amounts, coref, orgs, programs, regions, time
from .records import Mention, Triple
from .relations import amounts as amount_rel
from .relations import orgs as org_rel
from .relations import pairing, part_of, program_start

Recognizer = Callable[[Analysis], Iterator[Mention]]
Rule = Callable[[Analysis], Iterator[Triple]]

RECOGNIZERS: Mapping[str, Recognizer] = {
    regions.RULE: regions.recognize,
    time.RULE: time.recognize,
    programs.TITLE_RULE.replace("title", "all"): programs.recognize,
    amounts.RULE: amounts.recognize,
    coref.RULE: coref.recognize,
    abbrev.RULE: abbrev.recognize,
    orgs.RULE.replace("suffix", "all"): orgs.recognize,
}

RULES: Mapping[str, Rule] = {
    pairing.VERSION: pairing.extract,
    program_start.VERSION: program_start.extract,
    part_of.VERSION: part_of.extract,
    amount_rel.VERSION: amount_rel.extract,
    org_rel.VERSION: org_rel.extract,
}

#: The version of the extractor as a whole, recorded in the graph's provenance.
EXTRACTOR_VERSION = "1.15.0"
