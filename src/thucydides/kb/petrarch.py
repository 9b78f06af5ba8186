"""Import PETRARCH / CAMEO actor and agent dictionaries into our formats.

Actor dictionaries (``*.actors.txt``)::

    # comment (also after an entry)
    KHALIFA_HAFTAR_  [LBYMIL]          # primary phrase, optional code
    +KHALIFA_HIFTER_                   # synonyms of the entry above
    +HAFTAR_
        [LBYMIL 140516-]               # dated codes: yymmdd-yymmdd, >yymmdd, <yymmdd
        [LBYELI <140515]

Agent dictionaries (``*.agents.txt``)::

    ARMY_ [~MIL]
    POLICE_OFFICER_ {POLICE_OFFICERS_ | POLICEMEN_} [~COP]

Actors become KB records (:class:`~thucydides.kb.schema.Actor`); agents become
``{"phrase", "plurals", "sector"}`` records. CAMEO codes are split into an ISO alpha-3
country and one of our sectors; codes we cannot map are kept in the record's ``source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from thucydides.errors import KnowledgeBaseError
from thucydides.kb.schema import SECTORS, Actor, ActorKind, Role

__all__ = ["AgentEntry", "parse_cameo_code", "read_actor_dictionary", "read_agent_dictionary"]

#: CAMEO sector codes that are not ours, mapped to the nearest of ours
_SECTOR_ALIASES = {"CRM": "UAF", "INS": "REB", "SEP": "REB", "RAD": "OPP", "MOD": None, "AGR": None}
_NON_STATE = {"IGO", "NGO", "MNC", "UIS", "NGM"}
_OFFICE_OF_SECTOR = {
    "GOV": "official",
    "MIL": "commander",
    "LEG": "legislator",
    "JUD": "judge",
    "PTY": "party_leader",
    "REB": "group_leader",
    "UAF": "group_leader",
    "OPP": "party_leader",
}
_ORG_WORDS = frozenset(
    [
        "army",
        "forces",
        "force",
        "ministry",
        "party",
        "council",
        "committee",
        "front",
        "movement",
        "brigade",
        "brigades",
        "group",
        "government",
        "parliament",
        "assembly",
        "court",
        "police",
        "agency",
        "company",
        "bank",
        "union",
        "league",
        "organisation",
        "organization",
        "association",
        "office",
        "command",
        "congress",
        "house",
        "authority",
        "corporation",
    ]
)
_CODE = re.compile(r"\[\s*~?([A-Z0-9]+)\s*([<>]?\d{6}(?:\s*-\s*\d{0,6})?)?\s*\]")
_PHRASE = re.compile(r"^[^\s\[{#]+")


def _country_code(code: str) -> str | None:
    if len(code) == 3 and code.isalpha() and pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


def parse_cameo_code(code: str) -> tuple[str | None, str | None]:
    """``"LBYGOV"`` -> ``("LBY", "GOV")``; ``"IGOUNO"`` -> ``(None, "IGO")``; ``"~MIL"`` -> ``(None, "MIL")``."""
    code = code.lstrip("~").upper()
    country = _country_code(code[:3])
    rest = code[3:] if country or code[:3] in _NON_STATE else code
    if country is None and code[:3] in _NON_STATE:
        return None, code[:3] if code[:3] in SECTORS else None
    for start in range(0, len(rest) - 2, 3):
        part = rest[start : start + 3]
        if part in SECTORS:
            return country, part
        if part in _SECTOR_ALIASES:
            return country, _SECTOR_ALIASES[part]
    return country, None


def _yymmdd(text: str) -> str:
    year = int(text[:2])
    century = 1900 if year >= 50 else 2000
    return f"{century + year:04d}-{text[2:4]}-{text[4:6]}"


def _period(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    text = text.replace(" ", "")
    if text.startswith(">"):
        return _yymmdd(text[1:]), None
    if text.startswith("<"):
        return None, _yymmdd(text[1:])
    start, _, end = text.partition("-")
    return _yymmdd(start), (_yymmdd(end) if end else None)


def _words(phrase: str) -> str:
    """``"ABDUL_HAMID_DBEIBAH_"`` -> ``"Abdul Hamid Dbeibah"`` (acronyms stay in capitals)."""
    parts = [p for p in phrase.strip().strip("_").split("_") if p]
    return " ".join(p if len(p) <= 4 and p.isalpha() and len(parts) == 1 else p.title() for p in parts)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "actor"


@dataclass(slots=True)
class _Entry:
    phrase: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None]] = field(default_factory=list)


def _entries(path: Path) -> Iterator[_Entry]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read dictionary {path}: {exc.strerror or exc}") from exc
    current: _Entry | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith(("<", "=")):  # blank, comment, or section marker
            continue
        codes = [(m.group(1), m.group(2)) for m in _CODE.finditer(stripped)]
        if stripped.startswith("+"):
            if current is None:
                raise KnowledgeBaseError(f"{path}:{number}: synonym {stripped!r} before any entry")
            phrase = _PHRASE.match(stripped[1:].strip())
            if phrase:
                current.synonyms.append(phrase.group(0))
            current.codes += codes
        elif stripped.startswith("["):
            if current is None:
                raise KnowledgeBaseError(f"{path}:{number}: code {stripped!r} before any entry")
            if not codes:
                raise KnowledgeBaseError(f"{path}:{number}: cannot read the code {stripped!r}")
            current.codes += codes
        else:
            if current is not None:
                yield current
            phrase = _PHRASE.match(stripped)
            if phrase is None:
                raise KnowledgeBaseError(f"{path}:{number}: cannot read the entry {stripped!r}")
            current = _Entry(phrase.group(0), number, codes=codes)
    if current is not None:
        yield current


def _kind(name: str, country: str | None, sector: str | None, code: str, dated: bool) -> ActorKind:
    if code[:3] == "IGO":
        return "igo"
    if country and len(code) == 3 and not dated:
        return "country"
    if sector in ("REB", "UAF"):
        return "armed_group"
    if set(name.lower().split()) & _ORG_WORDS:
        return "organisation"
    return "person"


def read_actor_dictionary(path: str | Path) -> list[Actor]:
    """The actors of a PETRARCH ``.actors.txt`` dictionary, as KB records.

    Ids are slugs of the primary phrase, made unique with the country code.
    Raises :class:`KnowledgeBaseError` with ``file:line`` on lines it cannot read.
    """
    path = Path(path)
    actors: list[Actor] = []
    used: set[str] = set()
    for entry in _entries(path):
        name = _words(entry.phrase)
        undated = [c for c, period in entry.codes if not period]
        dated = [(c, period) for c, period in entry.codes if period]
        # the headline code: an undated one, else the first dated one that is not "former elite"
        substantive = [c for c, _ in dated if parse_cameo_code(c)[1] != "ELI"]
        main = undated[0] if undated else (substantive or [c for c, _ in dated] or [""])[0]
        country, sector = parse_cameo_code(main) if main else (None, None)
        roles = []
        for code, period in dated:
            role_country, role_sector = parse_cameo_code(code)
            start, end = _period(period)
            roles.append(
                Role(
                    title=f"CAMEO {code}",
                    office=_OFFICE_OF_SECTOR.get(role_sector or "", "official"),
                    country=role_country,
                    sector=role_sector,
                    start=start,
                    end=end,
                )
            )
        actor_id = _slug(name)
        if actor_id in used:
            actor_id = f"{(country or 'x').lower()}-{actor_id}"
        suffix = 2
        while actor_id in used:
            actor_id, suffix = f"{_slug(name)}-{suffix}", suffix + 1
        used.add(actor_id)
        aliases = tuple(dict.fromkeys(a for a in (_words(s) for s in entry.synonyms) if a != name))
        codes = ", ".join(f"{c} {p}" if p else c for c, p in entry.codes) or "no code"
        actors.append(
            Actor(
                id=actor_id,
                name=name,
                kind=_kind(name, country, sector, main, bool(dated)),
                aliases=aliases,
                country=country,
                sector=sector,
                roles=tuple(roles),
                source=f"PETRARCH dictionary {path.name}:{entry.line} ({codes})",
            )
        )
    return actors


@dataclass(frozen=True, slots=True, kw_only=True)
class AgentEntry:
    """One generic agent of a PETRARCH agents dictionary."""

    phrase: str
    plurals: tuple[str, ...]
    sector: str | None
    code: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "plurals": list(self.plurals),
            "sector": self.sector,
            "code": self.code,
        }


def read_agent_dictionary(path: str | Path) -> list[AgentEntry]:
    """The generic agents of a PETRARCH ``.agents.txt`` dictionary (lowercase phrases)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read dictionary {path}: {exc.strerror or exc}") from exc
    agents: list[AgentEntry] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith(("<", "=")):
            continue
        code = _CODE.search(line)
        phrase = _PHRASE.match(line.lstrip("!"))
        if code is None or phrase is None:
            raise KnowledgeBaseError(f"{path}:{number}: expected 'PHRASE_ [~CODE]', got {line!r}")
        plurals_text = line[line.find("{") + 1 : line.find("}")] if "{" in line and "}" in line else ""
        plurals = tuple(_words(p).lower() for p in plurals_text.split("|") if p.strip())
        agents.append(
            AgentEntry(
                phrase=_words(phrase.group(0).rstrip("!")).lower(),
                plurals=plurals,
                sector=parse_cameo_code(code.group(1))[1],
                code=code.group(1),
                line=number,
            )
        )
    return agents


def unique_ids(actors: Iterable[Actor]) -> bool:
    """Whether every id is used once (a check for tests and the CLI)."""
    ids = [a.id for a in actors]
    return len(ids) == len(set(ids))
