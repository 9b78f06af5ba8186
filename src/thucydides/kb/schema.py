"""The actor knowledge base records and how one JSONL line becomes one :class:`Actor`.

One actor per line::

    {"id": "khalifa-haftar", "name": "Khalifa Haftar", "kind": "person",
     "aliases": ["Khalifa Hifter", "Haftar"], "country": "LBY", "sector": "MIL",
     "roles": [{"title": "General Commander of the Libyan National Army", "office": "commander",
                "organisation": "libyan-national-army", "country": "LBY", "sector": "MIL",
                "start": "2015-03-02", "end": null}],
     "affiliations": [{"actor": "libyan-national-army", "start": "2014-05-16", "end": null}],
     "source": "Wikipedia: Khalifa Haftar, 2024"}

An organisation whose standing changed over time lists dated ``sectors`` (PLOVER: a militia
that turned on the government goes from PRM to REB); ``sector`` is then its sector at any
date no period covers::

    {"id": "rsf-sudan", ..., "sector": "REB",
     "sectors": [{"sector": "PRM", "start": "2013-08", "end": "2023-04-14", "note": "..."}]}

Dates are ISO (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); a partial date covers its
whole month or year. ``end: null`` means still in office as far as we know.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

__all__ = [
    "KINDS",
    "OFFICES",
    "SECTORS",
    "Actor",
    "ActorKind",
    "Affiliation",
    "Role",
    "SchemaError",
    "SectorPeriod",
    "actor_from_dict",
    "actor_to_dict",
    "parse_partial_date",
]

ActorKind = Literal["person", "organisation", "country", "armed_group", "igo"]

KINDS: Final = frozenset({"person", "organisation", "country", "armed_group", "igo"})
OFFICES: Final = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "interior_minister",
        "minister",
        "deputy",
        "envoy",
        "ambassador",
        "commander",
        "legislator",
        "speaker",
        "party_leader",
        "group_leader",
        "judge",
        "official",
    }
)
#: PLOVER's sector codes (ontology/plover.toml [sectors]: JRN is the media, MED health, as
#: PLOVER redefined CAMEO's MED/HLH), with IGO and NGO for the actors the PLOVER gold codes so
SECTORS: Final = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
        "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE",
        "REL", "SOC", "IGO", "NGO",
    }
)  # fmt: skip
#: CAMEO's health code, gone from PLOVER (its MED): named in the error of a file still using it
_CAMEO_HEALTH = "HLH"

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class SchemaError(ValueError):
    """A KB record does not follow the format; the message says which field and why."""


@functools.lru_cache(maxsize=4096)
def parse_partial_date(text: str, *, upper: bool = False) -> date:
    """``"2015"``, ``"2015-03"`` or ``"2015-03-02"`` as a date.

    A partial date is widened to the first day it covers, or the last with ``upper=True``.
    """
    match = _DATE.match(text)
    if match is None:
        raise SchemaError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if upper else 1)
    if match.group(3):
        day = int(match.group(3))
    else:
        day = calendar.monthrange(year, month)[1] if upper and 1 <= month <= 12 else 1
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise SchemaError(f"date {text!r} does not exist: {exc}") from exc


@dataclass(frozen=True, slots=True, kw_only=True)
class _Period:
    start: str | None = None
    end: str | None = None

    def active_on(self, day: date) -> bool:
        """Whether ``day`` falls inside the period (open ends are unbounded)."""
        if self.start is not None and day < parse_partial_date(self.start):
            return False
        return self.end is None or day <= parse_partial_date(self.end, upper=True)

    @property
    def current(self) -> bool:
        """Still going on as far as the KB knows."""
        return self.end is None

    def sort_key(self) -> date:
        """When the period began (unknown starts sort first)."""
        return parse_partial_date(self.start) if self.start else date.min


@dataclass(frozen=True, slots=True, kw_only=True)
class Role(_Period):
    """An office someone held: ``office`` is from :data:`OFFICES`."""

    title: str
    office: str
    organisation: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Affiliation(_Period):
    """Membership of, or allegiance to, another actor (by KB id)."""

    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorPeriod(_Period):
    """The sector an actor had for a while (a militia's alignment); ``note`` says why."""

    sector: str
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """One canonical entity: a person, organisation, country, armed group or IGO."""

    id: str
    name: str
    kind: ActorKind
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    #: dated sectors overriding ``sector`` while they last
    sectors: tuple[SectorPeriod, ...] = ()
    source: str | None = None
    #: adjectives and nouns for the people of a country ("Libyan"); countries only
    demonyms: tuple[str, ...] = ()
    #: keys the format does not define (kept, e.g. a country's ``alpha2``)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: the file the record was loaded from ("" when built in code)
    origin: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    def sector_on(self, day: date | None) -> str | None:
        """The sector at ``day`` (no date: today's, the open-ended period's if any)."""
        for period in self.sectors:
            if period.active_on(day) if day is not None else period.current:
                return period.sector
        return self.sector

    def roles_on(self, day: date | None) -> tuple[Role, ...]:
        """Roles held on ``day``; with no date, the current ones (or else the latest)."""
        if day is not None:
            return tuple(r for r in self.roles if r.active_on(day))
        current = tuple(r for r in self.roles if r.current)
        if current or not self.roles:
            return current
        return (max(self.roles, key=lambda r: r.sort_key()),)


def _text(record: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise SchemaError(f"missing required field {key!r}")
        return None
    if not isinstance(value, str) or not value.strip():
        raise SchemaError(f"field {key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def _required(record: Mapping[str, Any], key: str, *, where: str = "") -> str:
    try:
        value = _text(record, key, required=True)
    except SchemaError as exc:
        raise SchemaError(f"{where}{exc}") from None
    assert value is not None  # _text raises on a missing required field
    return value


def _country(record: Mapping[str, Any], *, where: str = "") -> str | None:
    value = _text(record, "country")
    if value is not None and not _COUNTRY.match(value):
        raise SchemaError(f"{where}country {value!r} is not an ISO 3166 alpha-3 code such as 'LBY'")
    return value


def _sector(record: Mapping[str, Any], *, where: str = "") -> str | None:
    value = _text(record, "sector")
    if value is not None and value not in SECTORS:
        hint = "; PLOVER codes health as MED and the media as JRN" if value == _CAMEO_HEALTH else ""
        raise SchemaError(f"{where}sector {value!r} is not one of {', '.join(sorted(SECTORS))}{hint}")
    return value


def _period(record: Mapping[str, Any], *, where: str) -> tuple[str | None, str | None]:
    start, end = _text(record, "start"), _text(record, "end")
    for value in (start, end):
        if value is not None:
            try:
                parse_partial_date(value)
            except SchemaError as exc:
                raise SchemaError(f"{where}{exc}") from None
    if start and end and parse_partial_date(end, upper=True) < parse_partial_date(start):
        raise SchemaError(f"{where}end {end} is before start {start}")
    return start, end


def _role(raw: Any, index: int) -> Role:
    where = f"roles[{index}]: "
    if not isinstance(raw, Mapping):
        raise SchemaError(f"{where}must be an object, got {type(raw).__name__}")
    title = _required(raw, "title", where=where)
    office = _required(raw, "office", where=where)
    if office not in OFFICES:
        raise SchemaError(f"{where}office {office!r} is not one of {', '.join(sorted(OFFICES))}")
    start, end = _period(raw, where=where)
    return Role(
        title=title,
        office=office,
        organisation=_text(raw, "organisation"),
        country=_country(raw, where=where),
        sector=_sector(raw, where=where),
        start=start,
        end=end,
    )


def _affiliation(raw: Any, index: int) -> Affiliation:
    where = f"affiliations[{index}]: "
    if not isinstance(raw, Mapping):
        raise SchemaError(f"{where}must be an object, got {type(raw).__name__}")
    actor = _required(raw, "actor", where=where)
    start, end = _period(raw, where=where)
    return Affiliation(actor=actor, start=start, end=end)


def _sector_period(raw: Any, index: int) -> SectorPeriod:
    where = f"sectors[{index}]: "
    if not isinstance(raw, Mapping):
        raise SchemaError(f"{where}must be an object, got {type(raw).__name__}")
    sector = _sector(raw, where=where)
    if sector is None:
        raise SchemaError(f"{where}missing required field 'sector'")
    start, end = _period(raw, where=where)
    if start is None and end is None:
        raise SchemaError(f"{where}a dated sector needs a start or an end (else use 'sector')")
    return SectorPeriod(sector=sector, note=_text(raw, "note"), start=start, end=end)


def _list(record: Mapping[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SchemaError(f"field {key!r} must be a list, got {type(value).__name__}")
    return value


def _strings(record: Mapping[str, Any], key: str, *, skip: str = "") -> tuple[str, ...]:
    out: list[str] = []
    for raw in _list(record, key):
        if not isinstance(raw, str):
            raise SchemaError(f"{key} must be strings, got {raw!r}")
        value = raw.strip()
        if value and value != skip and value not in out:
            out.append(value)
    return tuple(out)


_KNOWN_KEYS: Final = frozenset(
    {
        "id",
        "qid",
        "name",
        "kind",
        "aliases",
        "country",
        "sector",
        "roles",
        "affiliations",
        "sectors",
        "source",
        "demonyms",
    }
)


def actor_from_dict(record: Any, *, origin: str = "") -> Actor:
    """Validate one decoded JSON record and build the :class:`Actor`.

    Raises :class:`SchemaError` naming the field at fault.
    """
    if not isinstance(record, Mapping):
        raise SchemaError(f"a KB line must be a JSON object, got {type(record).__name__}")
    actor_id = _required(record, "id")
    if not _ID.match(actor_id):
        raise SchemaError(f"id {actor_id!r} must be a lowercase ascii slug such as 'khalifa-haftar'")
    name = _required(record, "name")
    kind = _required(record, "kind")
    if kind not in KINDS:
        raise SchemaError(f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    qid = _text(record, "qid")
    if qid is not None and not _QID.match(qid):
        raise SchemaError(f"qid {qid!r} is not a Wikidata id such as 'Q23'; omit the key when unsure")
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,  # type: ignore[arg-type]  # checked against KINDS above
        qid=qid,
        aliases=_strings(record, "aliases", skip=name),
        country=_country(record),
        sector=_sector(record),
        roles=tuple(_role(raw, i) for i, raw in enumerate(_list(record, "roles"))),
        affiliations=tuple(_affiliation(raw, i) for i, raw in enumerate(_list(record, "affiliations"))),
        sectors=tuple(_sector_period(raw, i) for i, raw in enumerate(_list(record, "sectors"))),
        source=_text(record, "source"),
        demonyms=_strings(record, "demonyms"),
        extra={k: v for k, v in record.items() if k not in _KNOWN_KEYS},
        origin=origin,
    )


def actor_to_dict(actor: Actor) -> dict[str, Any]:
    """The JSONL form of an actor (keys in the documented order, empty ones left out)."""
    out: dict[str, Any] = {"id": actor.id}
    if actor.qid:
        out["qid"] = actor.qid
    out.update(name=actor.name, kind=actor.kind, aliases=list(actor.aliases))
    out.update(country=actor.country, sector=actor.sector)
    if actor.roles:
        out["roles"] = [
            {
                "title": r.title,
                "office": r.office,
                "organisation": r.organisation,
                "country": r.country,
                "sector": r.sector,
                "start": r.start,
                "end": r.end,
            }
            for r in actor.roles
        ]
    if actor.affiliations:
        out["affiliations"] = [{"actor": a.actor, "start": a.start, "end": a.end} for a in actor.affiliations]
    if actor.sectors:
        out["sectors"] = [
            {"sector": p.sector, "start": p.start, "end": p.end} | ({"note": p.note} if p.note else {})
            for p in actor.sectors
        ]
    if actor.demonyms:
        out["demonyms"] = list(actor.demonyms)
    out.update(actor.extra)
    if actor.source:
        out["source"] = actor.source
    return out
