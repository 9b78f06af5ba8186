"""Toponym resolution: which gazetteer entry a place name in a document refers to.

Candidates come from :class:`~thucydides.stages.geo_index.GeoIndex` (normalised
names and alternate names). They are ranked by

- what kind of place it is: countries and continents first, curated places, then
  admin1 divisions and cities by population (capitals get a bonus);
- how the name matched (the entry's own name beats an alternate name);
- the document's country focus: countries named, places resolved so far, and the
  countries of the document's actors;
- local context: "X, Y" where Y is a country or state; "the Libyan city of X".

A name the gazetteer does not know as written backs off, in order: without its division
word ("Karak district" -> the Karak division), without its qualifiers ("North London",
"Southern California", "Greater Toronto Area"), and for a named site, to the town it is
named after ("Vancouver Art Gallery"). A name still unknown is placed at the document's
main place, when the document has one: its main town for a site ("St. Michael's
Hospital"), its main country otherwise -- a coarse reading (``precision`` says so) that
keeps the right country.

All mentions of one name in a document share one reading.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from thucydides.records import Place
from thucydides.stages.geo_index import ALTERNATE, DEMONYM, Candidate, GeoIndex, name_key
from thucydides.stages.place_words import PlaceWords, load_place_words

__all__ = ["Resolution", "Resolver", "ToponymQuery", "to_place"]

#: candidates' prior by where they come from
_SOURCE_PRIOR = {"country": 3.0, "continent": 2.6, "curated": 2.1, "admin1": 1.75, "admin2": 1.1}
_CAPITAL_BONUS = 0.45
#: how much a division's population (its cities') moves its prior
_ADMIN1_SIZE = 0.4
_ALTERNATE_PENALTY = 0.3
_FOCUS_WEIGHT = 1.6
_CONTEXT_BONUS = 2.0
_REGION_WEIGHT = 1.0
_AFTER_COMMA = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*\s?){1,3})")
#: what may follow "X, Y" when Y locates X ("Paris, Texas, where"), unlike "in Russia, U.S. officials said"
_AFTER_LOCATOR = re.compile(
    r"(?:[^\w\s]|$|(?:and|or|in|on|at|to|for|from|with|where|when|was|is|has|had|on|last|this|said)\b)"
)
_POSSESSIVE = re.compile(r"['’]s?$")
#: confidence given to a back-off reading (a qualified name, a site's town, the document's place)
_BACKOFF_SCORE = 0.3
#: the smallest share of the document's country focus that makes it the document's main country
_MAIN_COUNTRY_SHARE = 0.4
_DEMONYM_BEFORE = re.compile(
    r"((?:[A-Z][\w'’-]*\s?){1,2})\s+(?:city|town|village|port|capital|province|region|district|"
    r"border town|coastal city|oasis town)\s+of\s+$"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ToponymQuery:
    """A place name to resolve, with where it sits in the text (for context patterns)."""

    text: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    candidate: Candidate | None
    score: float = 0.0
    alternatives: tuple[Candidate, ...] = field(default=())
    #: how the reading was found: "name" (the name as written), "backoff" (a qualified name,
    #: a division word, a site's town) or "document" (an unknown name at the document's main place)
    basis: str = "name"


def to_place(candidate: Candidate) -> Place:
    return Place(
        name=candidate.name,
        geonameid=candidate.geonameid,
        lat=candidate.lat,
        lon=candidate.lon,
        country=candidate.country,
        admin1=candidate.admin1,
        feature=candidate.feature,
        precision=candidate.precision,
    )


def _shares(counts: Mapping[Any, float], own: Mapping[Any, float]) -> dict[Any, float]:
    """Each key's share of ``counts`` once ``own`` is taken out."""
    rest = {k: v - own.get(k, 0.0) for k, v in counts.items()}
    total = sum(v for v in rest.values() if v > 0) or 1.0
    return {k: v / total for k, v in rest.items() if v > 0}


def _prior(cand: Candidate) -> float:
    if cand.source == "admin1":  # bigger divisions first: Florida before Florida, Puerto Rico
        size = min(7.0, math.log10(cand.population + 1)) - 6.0  # 0 for a million people
        prior = _SOURCE_PRIOR["admin1"] + _ADMIN1_SIZE * size / 7.0
    elif cand.source in _SOURCE_PRIOR:
        prior = _SOURCE_PRIOR[cand.source]
    else:
        prior = 2.0 * math.log10(cand.population + 1) / 7.0
        if cand.feature == "PPLC":
            prior += _CAPITAL_BONUS
    if cand.kind == ALTERNATE:
        prior -= _ALTERNATE_PENALTY
    elif cand.kind == DEMONYM:
        prior -= 0.1
    return prior


class Resolver:
    """Resolves every toponym of one document together."""

    def __init__(self, index: GeoIndex, *, words: PlaceWords | None = None) -> None:
        self.index = index
        self.words = words or load_place_words()
        self._countries = {c.country: c for c in index.places(source="country") if c.country}

    def _generic(self, words: Sequence[str]) -> bool:
        vocabulary = self.words.generic_words | self.words.name_qualifiers | self.words.division_suffixes
        return all(w.lower() in vocabulary for w in words)

    def candidates(self, text: str) -> tuple[tuple[Candidate, ...], bool]:
        """The gazetteer entries a name may refer to, and whether they come from a back-off
        (the name as written is unknown)."""
        found = {c.rowid: c for c in self.index.lookup(text)}
        words = text.split()
        if len(words) > 1 and words[-1].lower() in self.words.division_suffixes:
            # "Karak district": the division called Karak, whatever the gazetteer adds to its name
            for cand in self.index.lookup(" ".join(words[:-1])):
                if cand.source in {"admin1", "admin2"} or cand.precision in {"admin1", "admin2", "region"}:
                    found.setdefault(cand.rowid, dataclasses.replace(cand, kind=max(cand.kind, ALTERNATE)))
        if found:
            return tuple(found.values()), False
        core = list(words)
        while len(core) > 1 and core[0].lower().rstrip(".") in self.words.name_qualifiers:
            core = core[1:]
        while len(core) > 1 and core[-1].lower() in self.words.division_suffixes:
            core = core[:-1]
        if core != words:
            backoff = self.index.lookup(" ".join(core))
            if backoff:
                return tuple(dataclasses.replace(c, kind=max(c.kind, ALTERNATE)) for c in backoff), True
        if len(words) > 1 and words[-1].lower() in self.words.facility_heads:
            for size in range(len(words) - 1, 0, -1):  # "Vancouver Art Gallery" -> "Vancouver"
                prefix = " ".join(words[:size])
                if len(name_key(prefix)) < 3 or _POSSESSIVE.search(prefix) or self._generic(words[:size]):
                    continue  # "St.", "St. Michael's": a saint, not a town; "South Regional": no place
                towns = [
                    c
                    for c in self.index.lookup(prefix)
                    if c.kind != DEMONYM and (c.source != "geonames" or c.population >= 1000)
                ]
                if towns:
                    return tuple(towns), True
        return (), False

    def _context(self, query: ToponymQuery, text: str | None) -> list[Candidate]:
        """Places the local context points to: "X, Y" and "the Libyan city of X"."""
        if text is None or query.start < 0:
            return []
        hints: list[Candidate] = []
        after = _AFTER_COMMA.match(text, query.end, min(len(text), query.end + 40))
        if after and _AFTER_LOCATOR.match(text, after.end(), min(len(text), after.end() + 12)) is None:
            after = None
        if after:
            words = after.group(1).split()
            for size in range(len(words), 0, -1):
                found = [
                    c
                    for c in self.index.lookup(" ".join(words[:size]))
                    if c.source in {"country", "admin1"} and c.kind != DEMONYM
                ]
                if found:
                    hints += found
                    break
        before = _DEMONYM_BEFORE.search(text, max(0, query.start - 60), query.start)
        if before:
            hints += [c for c in self.index.lookup(before.group(1).strip()) if c.source == "country"]
        return hints

    def resolve(
        self,
        queries: Sequence[ToponymQuery],
        *,
        text: str | None = None,
        actor_countries: Iterable[str] = (),
    ) -> list[Resolution]:
        """Resolve a document's toponyms; ``actor_countries`` are ISO alpha-2 codes."""
        groups: dict[str, list[int]] = {}
        for i, query in enumerate(queries):
            groups.setdefault(name_key(query.text), []).append(i)
        candidates: dict[str, tuple[Candidate, ...]] = {}
        backoff: set[str] = set()
        for key, idx in groups.items():
            candidates[key], backed_off = self.candidates(queries[idx[0]].text)
            if backed_off:
                backoff.add(key)
        hints: dict[str, list[Candidate]] = {
            key: [h for i in idx for h in self._context(queries[i], text)] for key, idx in groups.items()
        }
        base_focus: dict[str, float] = defaultdict(float)
        for country in actor_countries:
            base_focus[country] += 0.5
        chosen: dict[str, Resolution] = {}
        focus: dict[str, float] = defaultdict(float, base_focus)
        # pass 1: focus from countries and unambiguous names; passes 2-3: from the readings so far.
        # A name's own reading is left out of the evidence used to rank it.
        for _ in range(3):
            votes = {
                key: self._votes(candidates[key], chosen.get(key), len(idx)) for key, idx in groups.items()
            }
            focus = defaultdict(float, base_focus)
            regions: dict[tuple[str, str], float] = defaultdict(float)
            for country_votes, region_votes in votes.values():
                for country, weight in country_votes.items():
                    focus[country] += weight
                for region, weight in region_votes.items():
                    regions[region] += weight
            ranked: dict[str, Resolution] = {}
            for key in groups:
                own_countries, own_regions = votes[key]
                share = _shares(focus, own_countries)
                region_share = _shares(regions, own_regions)
                ranked[key] = self._rank(candidates[key], share, region_share, hints[key])
            chosen = ranked
        for key in backoff:
            res = chosen[key]
            chosen[key] = dataclasses.replace(res, score=min(res.score, _BACKOFF_SCORE), basis="backoff")
        unknown = [key for key in groups if not candidates[key]]
        if unknown:
            self._main_place(unknown, queries, groups, chosen, focus)
        out: list[Resolution] = [Resolution(candidate=None)] * len(queries)
        for key, idx in groups.items():
            for i in idx:
                out[i] = chosen[key]
        return out

    def _main_place(
        self,
        unknown: Sequence[str],
        queries: Sequence[ToponymQuery],
        groups: Mapping[str, Sequence[int]],
        chosen: dict[str, Resolution],
        focus: Mapping[str, float],
    ) -> None:
        """Place names the gazetteer does not know at the document's main place, if it has one."""
        total = sum(focus.values())
        if not total:
            return
        country, weight = max(focus.items(), key=lambda item: (item[1], item[0]))
        main = self._countries.get(country)
        if main is None or weight / total < _MAIN_COUNTRY_SHARE:
            return
        towns: Counter[int] = Counter()
        by_row: dict[int, Candidate] = {}
        for key, res in chosen.items():
            cand = res.candidate
            if cand is not None and cand.country == country and cand.precision in {"city", "point"}:
                towns[cand.rowid] += len(groups[key])
                by_row[cand.rowid] = cand
        town = by_row[towns.most_common(1)[0][0]] if towns else None
        for key in unknown:
            words = queries[groups[key][0]].text.split()
            site = len(words) > 1 and words[-1].lower() in self.words.facility_heads
            place = town if site and town is not None else main
            chosen[key] = Resolution(candidate=place, score=_BACKOFF_SCORE / 2, basis="document")

    @staticmethod
    def _votes(
        candidates: Sequence[Candidate], reading: Resolution | None, count: int
    ) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
        """What one name says about the document's countries and regions."""
        countries: dict[str, float] = {}
        regions: dict[tuple[str, str], float] = {}
        cand = reading.candidate if reading is not None else None
        if cand is not None and cand.country:
            countries[cand.country] = (1.0 if cand.source == "country" else 0.6) * count
            if cand.admin1:
                regions[(cand.country, cand.admin1)] = float(count)
        elif reading is None:
            options = {c.country for c in candidates if c.country}
            if len(options) == 1:
                countries[options.pop()] = 0.5 * count
        return countries, regions

    def _rank(
        self,
        candidates: Sequence[Candidate],
        share: Mapping[str, float],
        region_share: Mapping[tuple[str, str], float],
        hints: Sequence[Candidate],
    ) -> Resolution:
        if not candidates:
            return Resolution(candidate=None)
        hint_countries = {h.country for h in hints if h.source == "country"}
        hint_admin1 = {(h.country, h.admin1) for h in hints if h.source == "admin1"}
        scored: list[tuple[float, Candidate]] = []
        for cand in candidates:
            score = _prior(cand) + _FOCUS_WEIGHT * share.get(cand.country or "", 0.0)
            if cand.admin1 and cand.source not in {"admin1", "country"}:
                score += _REGION_WEIGHT * region_share.get((cand.country or "", cand.admin1), 0.0)
            if cand.country in hint_countries or (cand.country, cand.admin1) in hint_admin1:
                score += _CONTEXT_BONUS
            if (cand.country, cand.admin1) in hint_admin1:
                score += _CONTEXT_BONUS / 2
            scored.append((score, cand))
        scored.sort(key=lambda pair: (-pair[0], pair[1].rowid))
        best_score, best = scored[0]
        margin = best_score - scored[1][0] if len(scored) > 1 else best_score
        confidence = 1.0 / (1.0 + math.exp(-2.0 * margin))
        return Resolution(
            candidate=best, score=round(confidence, 3), alternatives=tuple(c for _, c in scored[1:4])
        )
