"""The administrative gazetteer: regions, codes, names people write, history.

Data comes from maintained packages, read as data files (their modules are not
imported, which keeps start-up light):

* ``jionlp``: the three-level GB/T 2260 table with short names, the townships
  and villages below each county, and the history of 区划 changes;
* ``cpca``: coordinates per admin code.

What no package provides (one-character province abbreviations and which side
of East–West cooperation a province is on) lives in :mod:`.abbrev`.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .errors import GazetteerError

LEVELS = ("province", "prefecture", "county", "township", "village")

#: Alias strength: full official names match anywhere; short names need a
#: word boundary; historic names are former official names.
FULL, SHORT, HISTORIC = "full", "short", "historic"

# Rows in the code table that are placeholders, not places.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县"})


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str
    parent: str | None
    short: str
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    code: str
    strength: str


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"the {package!r} package is not installed; it ships gazetteer data")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _location_lines() -> tuple[str, ...]:
    path = _package_dir("jionlp") / "dictionary" / "china_location.zip"
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("china_location.txt").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise GazetteerError(f"{path}: cannot read the region table: {exc}") from exc
    return tuple(data.splitlines())


def _coordinates() -> dict[str, tuple[float, float]]:
    path = _package_dir("cpca") / "resources" / "adcodes.csv"
    coords: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                coords[row["adcode"][:6]] = (float(row["longitude"]), float(row["latitude"]))
            except (KeyError, ValueError):
                continue
    return coords


#: A zone's kind alone (高新区, 产业园区, 工业园区, 合作区) names no one place, whatever a table says.
_GENERIC_ZONE = re.compile(r"(?:高新|经开|经济|开发|产业|工业|合作|保税|示范|试验|综合|技术|科技|新)*(?:园区|区)")


def _derived_aliases(region: Region) -> Iterator[tuple[str, str]]:
    """Names people write besides the official one (黔东南州, 峨边县, 广西)."""
    name, short = region.name, region.short
    # development zones (county codes xxxx7x): their short names are generic (新区, 高新区, 经开区)
    functional = region.level == "county" and region.code[4:5] == "7"
    if short and short != name and not functional and not _GENERIC_ZONE.fullmatch(short):
        yield short, SHORT
    if region.level == "prefecture":
        if name.endswith("自治州") and short:
            yield short + "州", FULL
        if name.endswith("自治州"):
            yield name[:-3] + "州", FULL  # 克孜勒苏柯尔克孜州: the people's name kept, 自治 left out
        if name.endswith("自治州") and region.code.startswith("65") and len(short) >= 4:
            yield short[0] + "州", SHORT  # 新疆's long names go by one character: 克州, 博州, 巴州
        if name.endswith("地区") and short and not short.endswith("地区"):
            yield short + "地区", FULL
        if name.endswith("市") and short and region.code[2:4] != "00":
            # 哈密地区, 铜仁地区: many prefecture cities were 地区 until recently, and texts still say so
            yield short + "地区", FULL
    if region.level == "county" and name.endswith("自治县") and short:
        yield short + "县", FULL
        if short.endswith("县") and name.startswith(short[:-1] + "族"):
            yield short[:-1], SHORT  # 东乡族自治县 is listed as 东乡县 but written 东乡 too ("历城-东乡")
    if region.level == "province" and name.endswith("自治区") and short:
        yield short + "自治区", FULL
    if region.level == "county" and name.endswith("自治旗") and short:
        yield short + "旗", FULL
    # 科尔沁左翼中旗 is written 科左中旗, 土默特右旗 土右旗: the first character of the people's name
    banner = re.fullmatch(r"(.{2,4}?)([左右])(?:翼)?([前中后]?)旗", name)
    if region.level == "county" and banner:
        yield banner.group(1)[0] + banner.group(2) + banner.group(3) + "旗", FULL


class Gazetteer:
    """Regions by code and by every name they go by."""

    def __init__(self, regions: Iterable[Region], aliases: Iterable[Alias]) -> None:
        self.regions: dict[str, Region] = {r.code: r for r in regions}
        by_name: dict[str, list[Alias]] = defaultdict(list)
        for alias in aliases:
            if alias.code in self.regions and alias not in by_name[alias.name]:
                by_name[alias.name].append(alias)
        self.by_name: dict[str, tuple[Alias, ...]] = {
            k: tuple(sorted(v, key=lambda a: a.code)) for k, v in by_name.items()
        }

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls) -> Gazetteer:
        coords = _coordinates()
        regions: list[Region] = []
        aliases: list[Alias] = []
        path: list[Region | None] = [None, None, None]
        for line in _location_lines():
            depth = len(line) - len(line.lstrip("\t"))
            if depth > 2 or not line.strip():
                continue
            parts = line.strip("\t").split("\t")
            if len(parts) < 2:
                continue
            name, code = parts[0].strip(), parts[1].strip()
            short = parts[2].strip() if len(parts) > 2 else ""
            if name in _PLACEHOLDERS or not code.isdigit():
                continue
            parent_region = next((p for p in reversed(path[:depth]) if p is not None), None)
            if parent_region is not None and parent_region.code == code:
                # a municipality repeated at prefecture level: its counties hang off the province
                path[depth] = None
                continue
            if depth > 0 and parent_region is None:
                continue
            lon, lat = coords.get(code, (None, None))
            region = Region(
                code=code,
                name=name,
                level=LEVELS[depth],
                parent=parent_region.code if parent_region else None,
                short=short,
                lon=lon,
                lat=lat,
            )
            path[depth] = region
            for d in range(depth + 1, 3):
                path[d] = None
            regions.append(region)
            aliases.append(Alias(name, code, FULL))
            aliases.extend(Alias(n, code, s) for n, s in _derived_aliases(region))
            if parent_region is not None and parent_region.short and code[4:5] == "7" \
                    and name.startswith(parent_region.short) and short and short != name:
                # 济南高新技术产业开发区 is written 济南高新区: the city's short name qualifies the generic one
                aliases.append(Alias(parent_region.short + short, code, FULL))
        gaz = cls(_dedupe(regions), aliases)
        gaz._add_history()
        gaz._add_suffix_variants()
        return gaz

    def _add_suffix_variants(self) -> None:
        """县→市→区 renames are the commonest 区划 change: 金坛市 and 金坛县 still mean 金坛区.

        A county-level region also answers to its short name with the other
        suffixes, where no other region already has that name.
        """
        for region in sorted(self.regions.values(), key=lambda r: r.code):
            parent = self.regions.get(region.parent or "")
            if region.level == "county" and region.short == region.name and region.name.endswith(("市", "区")) \
                    and parent is not None and parent.short == region.name[:-1]:
                # 文山市 keeps its full name as its short one, since 文山 is the prefecture's; it was
                # 文山县 before (玉树县, 恩施县, 楚雄县 likewise)
                name = region.name[:-1] + "县"
                if name not in self.by_name:
                    self.by_name[name] = (Alias(name, region.code, HISTORIC),)
            if region.level != "county" or len(region.short) < 2 or region.short == region.name:
                continue  # 和县's short name is 和县: no 和县区 (部门和县区的…)
            for suffix in ("县", "市", "区"):
                name = region.short + suffix
                if name != region.name and name not in self.by_name and not _GENERIC_ZONE.fullmatch(name):
                    self.by_name[name] = (Alias(name, region.code, HISTORIC),)

    def _add_history(self) -> None:
        """Former names (襄樊市 → 襄阳市) from the table of 区划 changes."""
        path = _package_dir("jionlp") / "dictionary" / "china_location_change.txt"
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        # renames the package's table lacks (那曲县 → 色尼区), in the same format
        ours = resources.files("shanhai.extract").joinpath("data/region_changes.tsv").read_text("utf-8")
        lines += [line for line in ours.splitlines() if not line.startswith("#")]
        for line in lines:
            if "=>" not in line:
                continue
            old, new = line.split("=>", 1)
            old_parts = old.split("\t")[2:]
            new_names = [p for p in new.split("\t") if p]
            old_names = old_parts[0::2]
            old_shorts = old_parts[1::2]
            code = self.code_for_path(new_names)
            if code is None or not old_names:
                continue
            region = self.regions[code]
            if LEVELS.index(region.level) != len(old_names) - 1:
                continue
            old_name, old_short = old_names[-1], old_shorts[-1] if old_shorts else ""
            for alias_name, strength in ((old_name, HISTORIC), (old_short, SHORT)):
                if alias_name and alias_name not in self.by_name and len(alias_name) >= 2 \
                        and not _GENERIC_ZONE.fullmatch(alias_name):
                    self.by_name[alias_name] = (Alias(alias_name, code, strength),)

    # ------------------------------------------------------------------ queries

    def __len__(self) -> int:
        return len(self.regions)

    def __contains__(self, code: object) -> bool:
        return code in self.regions

    def get(self, code: str) -> Region | None:
        return self.regions.get(code)

    def lookup(self, name: str) -> tuple[Alias, ...]:
        return self.by_name.get(name, ())

    def code_for_path(self, names: list[str]) -> str | None:
        """The code of the last name in a province → prefecture → county path."""
        parent: str | None = None
        code: str | None = None
        for name in names:
            candidates = [a.code for a in self.lookup(name) if self.regions[a.code].parent == parent]
            if parent is not None and not candidates:
                # municipalities skip the prefecture level
                candidates = [a.code for a in self.lookup(name) if self.ancestor_of(parent, a.code)]
            if len(candidates) != 1:
                if names and name == names[-1] and parent is not None:
                    return None
                if not candidates:
                    return None
            code = candidates[0]
            parent = code
        return code

    def ancestors(self, code: str) -> list[str]:
        """Codes of the regions containing ``code``, nearest first."""
        out: list[str] = []
        region = self.regions.get(code)
        while region is not None and region.parent is not None:
            out.append(region.parent)
            region = self.regions.get(region.parent)
        return out

    def ancestor_of(self, ancestor: str, code: str) -> bool:
        return ancestor in self.ancestors(code)

    def province_of(self, code: str) -> str:
        chain = [code, *self.ancestors(code)]
        return chain[-1]

    def display_name(self, code: str) -> str:
        """Full name with its parents (四川省广元市青川县), for tooltips and labels."""
        region = self.regions[code]
        chain = [self.regions[c].name for c in reversed(self.ancestors(code))]
        return "".join([*chain, region.name])

    def label(self, code: str) -> str:
        """The short name people use (广元 rather than 广元市)."""
        region = self.regions[code]
        return region.short or region.name

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        kids: dict[str, list[str]] = defaultdict(list)
        for region in self.regions.values():
            if region.parent:
                kids[region.parent].append(region.code)
        return {k: tuple(sorted(v)) for k, v in kids.items()}

    def sub_places(self, county_code: str) -> dict[str, str]:
        """Townships and villages below a county: name → ``township`` or ``village``."""
        return _county_places(county_code)

    @cached_property
    def _names_by_code(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self.by_name):
            for alias in self.by_name[name]:
                out[alias.code].append(name)
        return {k: tuple(v) for k, v in out.items()}

    def aliases_of(self, code: str) -> tuple[str, ...]:
        """Every name a region goes by (full, short, derived and former names)."""
        return self._names_by_code.get(code, ())

    def names(self, strengths: Iterable[str] = (FULL, SHORT, HISTORIC)) -> Iterator[Alias]:
        wanted = set(strengths)
        for name in sorted(self.by_name):
            for alias in self.by_name[name]:
                if alias.strength in wanted:
                    yield alias


def _dedupe(regions: list[Region]) -> list[Region]:
    seen: set[str] = set()
    out = []
    for region in regions:
        if region.code not in seen:
            seen.add(region.code)
            out.append(region)
    return out


@cache
def _county_line_ranges() -> dict[str, tuple[int, int]]:
    """County code → the range of table lines holding its townships and villages.

    Only county and higher lines are parsed here; the 700k lines below them are
    skipped by prefix, and a county's own places are read when first asked for.
    """
    lines = _location_lines()
    ranges: dict[str, tuple[int, int]] = {}
    current: str | None = None
    begin = 0
    for number, line in enumerate(lines):
        if line.startswith("\t\t\t"):
            continue
        if current is not None:
            ranges[current] = (begin, number)
            current = None
        if line.startswith("\t\t") and line.strip():
            parts = line.strip("\t").split("\t")
            if len(parts) > 1 and parts[1].strip().isdigit():
                current, begin = parts[1].strip(), number + 1
    if current is not None:
        ranges[current] = (begin, len(lines))
    return ranges


@lru_cache(maxsize=4096)
def _county_places(county_code: str) -> dict[str, str]:
    begin, end = _county_line_ranges().get(county_code, (0, 0))
    places: dict[str, str] = {}
    for line in _location_lines()[begin:end]:
        name = line.strip("\t").split("\t")[0].strip()
        if name:
            places.setdefault(name, "township" if not line.startswith("\t\t\t\t") else "village")
    return places


@cache
def default() -> Gazetteer:
    """The process-wide gazetteer (loaded once per process, shared by workers' tasks)."""
    return Gazetteer.load()

