"""Gold readers for ``thucydides eval``: every gold set is read as it is published.

Formats (see ``docs/EVAL.md``):

- **article gold** — the seed reference reading (``seeds/gold.json``: a JSON object with an
  ``articles`` list whose ``file`` names a text file beside it) and our own JSONL format (one
  article per line, the same fields, with the text inline in ``text`` or a ``file`` path relative
  to the JSONL file);
- **PLOVER gold** — ``PLOVER_GSR_CAMEO.txt``, a JSON list of PLOVER 0.5 records, mapped to the
  current labels (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE mode investigate,
  FIGHT→ASSAULT; DOCUMENT records skipped);
- **TR-News** and **event-location** sets are only located here; ``thucydides.geo_eval`` reads
  and scores them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pycountry

from thucydides.errors import GoldFormatError

__all__ = [
    "GoldActor",
    "GoldActorCode",
    "GoldArticle",
    "GoldEvent",
    "GoldLocation",
    "GoldPlace",
    "GoldSet",
    "GoldSetKind",
    "PloverSentence",
    "detect_kind",
    "discover_gold",
    "published_from_notes",
    "read_article_gold",
    "read_gold",
    "read_plover",
]

logger = logging.getLogger(__name__)

GoldSetKind = Literal["articles", "plover", "trnews", "event_location"]

#: PLOVER 0.5 labels that the current ontology renamed or merged: old -> (new, mode)
PLOVER_05_LABELS: Mapping[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
#: CAMEO country codes in the PLOVER gold that are not ISO 3166 alpha-3
_CAMEO_COUNTRY_ALIASES: Mapping[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: where the shared gold sets live, relative to the shared folder
_SHARED_LAYOUT: tuple[tuple[str, GoldSetKind], ...] = (
    ("seeds/gold.json", "articles"),
    ("data/plover/PLOVER_GSR_CAMEO.txt", "plover"),
    ("data/geo/TR-News.xml", "trnews"),
    ("data/event_location/labeled_text.jsonl.zip", "event_location"),
)


# ---------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldLocation:
    """An expected event location: a name, and coordinates when the gold gives or implies them."""

    name: str
    country: str | None = None  # ISO alpha-2
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    id: str
    event_types: tuple[str, ...]
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    optional_targets: tuple[str, ...] = ()
    symmetric: bool = False
    evidence: str | None = None
    contexts: tuple[str, ...] | None = None
    #: ``has_date``: the gold says what the date value must be (``date``, possibly None)
    has_date: bool = False
    date: date | None = None
    date_text: str | None = None
    #: ``has_location``: the gold says where (possibly nowhere: ``location: null``)
    has_location: bool = False
    location: GoldLocation | None = None
    locations_any_of: tuple[GoldLocation, ...] = ()
    status: str | None = None
    modes: tuple[str, ...] = ()
    acled_type: str | None = None

    @property
    def actors(self) -> tuple[str, ...]:
        return self.sources + self.targets


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldActor:
    name: str
    mentions: tuple[str, ...]
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPlace:
    mention: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None

    @property
    def is_country(self) -> bool:
        return self.kind == "country"


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    article_id: str
    text: str
    title: str | None = None
    published: date | None = None
    #: the publication date the notes establish (ISO or "Tuesday 23 June 2020"), if any
    notes_published: date | None = None
    notes: str = ""
    events: tuple[GoldEvent, ...] = ()
    optional_events: tuple[GoldEvent, ...] = ()
    no_events_in: tuple[str, ...] = ()
    actors: tuple[GoldActor, ...] = ()
    places: tuple[GoldPlace, ...] = ()

    def actor_keys(self, name: str) -> frozenset[str]:
        """The normalised name and KB id an event's actor ``name`` may be matched by."""
        keys = {normalise_name(name)}
        for actor in self.actors:
            if normalise_name(actor.name) == normalise_name(name) and actor.kb_id:
                keys.add(normalise_name(actor.kb_id))
        return frozenset(keys)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldActorCode:
    """One PLOVER gold actor: its text, ISO country (if a state) and sector."""

    text: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PloverSentence:
    id: str
    text: str
    event_type: str
    mode: str | None = None
    sources: tuple[GoldActorCode, ...] = ()
    targets: tuple[GoldActorCode, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSet:
    """A gold set as found on disk; ``articles``/``sentences`` are filled for the kinds we read."""

    name: str
    kind: GoldSetKind
    path: Path
    articles: tuple[GoldArticle, ...] = ()
    sentences: tuple[PloverSentence, ...] = ()


# ---------------------------------------------------------------------------- helpers


def normalise_name(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive form of a name or id."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w+]+", " ", bare.casefold()).split())


def _tuple_of_str(value: Any, *, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GoldFormatError(f"{where}: expected a string or a list of strings, got {value!r}")


def _iso_date(value: Any, *, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise GoldFormatError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
_EXPLICIT_PUBLISHED = re.compile(r"\bpublished\s*[=:]\s*(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_IS_FROM = re.compile(r"\b(?:is|was) (?:from|published on|dated)\b\s*(.{0,40})", re.IGNORECASE)
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _day_month_year(text: str) -> date | None:
    match = _DAY_MONTH_YEAR.search(text)
    if match is None:
        match_iso = _ISO.search(text)
        return date.fromisoformat(match_iso.group(0)) if match_iso else None
    day, month, year = match.groups()
    month_number = _MONTHS.split("|").index(month.lower()) + 1
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def published_from_notes(notes: str) -> date | None:
    """The day-precise publication date that free-text notes establish, or None.

    An explicit ``published=YYYY-MM-DD`` wins; otherwise the day-precise date after
    "is from", "was published on" or "dated". A month or a season ("autumn 2023") is
    not a publication date: the article then stays undated.
    """
    explicit = _EXPLICIT_PUBLISHED.search(notes)
    if explicit:
        return date.fromisoformat(explicit.group(1))
    for match in _IS_FROM.finditer(notes):
        found = _day_month_year(match.group(1))
        if found is not None:
            return found
    return None


def _iso2_of(country: str | None) -> str | None:
    """Alpha-2 of an alpha-2 or alpha-3 code (the gold uses both), None when unknown."""
    if not country:
        return None
    code = country.strip().upper()
    if len(code) == 2:
        return code
    found = pycountry.countries.get(alpha_3=code)
    return str(found.alpha_2) if found is not None else None


# ---------------------------------------------------------------------------- article gold


def _location(value: Any, places: Sequence[GoldPlace], *, where: str) -> GoldLocation:
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise GoldFormatError(f"{where}: a location is a name or an object with a 'name', got {value!r}")
    name = value["name"]
    lat, lon = _float(value.get("lat")), _float(value.get("lon"))
    country = _iso2_of(value.get("country"))
    if lat is None or lon is None:
        # the article's own places table gives the coordinates of a named location
        for place in places:
            if normalise_name(place.mention) == normalise_name(name) and place.lat is not None:
                lat, lon = place.lat, place.lon
                country = country or place.country
                break
    return GoldLocation(name=name, country=country, lat=lat, lon=lon)


def _event(raw: Any, places: Sequence[GoldPlace], *, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{where}: an event is a JSON object, got {raw!r}")
    event_id = str(raw.get("id") or where)
    here = f"{where} event {event_id}"
    types = tuple(t.upper() for t in _tuple_of_str(raw.get("event_type"), where=f"{here} event_type"))
    if not types:
        raise GoldFormatError(f"{here}: 'event_type' is required (a type or a list of accepted types)")
    contexts = raw.get("contexts")
    location = raw.get("location")
    status = raw.get("status")
    return GoldEvent(
        id=event_id,
        event_types=types,
        sources=_tuple_of_str(raw.get("sources"), where=f"{here} sources"),
        targets=_tuple_of_str(raw.get("targets"), where=f"{here} targets"),
        optional_targets=_tuple_of_str(raw.get("optional_targets"), where=f"{here} optional_targets"),
        symmetric=bool(raw.get("symmetric", False)),
        evidence=raw.get("evidence"),
        contexts=None if contexts is None else _tuple_of_str(contexts, where=f"{here} contexts"),
        has_date="date" in raw,
        date=_iso_date(raw.get("date"), where=f"{here} date"),
        date_text=raw.get("date_text"),
        has_location="location" in raw,
        location=None if location is None else _location(location, places, where=here),
        locations_any_of=tuple(_location(v, places, where=here) for v in raw.get("locations_any_of") or ()),
        # "occurred (earlier than the Haftar meeting)": the first word is the status
        status=str(status).split()[0].lower() if status else None,
        modes=tuple(m.lower() for m in _tuple_of_str(raw.get("mode"), where=f"{here} mode")),
        acled_type=raw.get("acled_type"),
    )


def _article(raw: Any, *, base: Path, where: str) -> GoldArticle:
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{where}: an article is a JSON object, got {type(raw).__name__}")
    article_id = raw.get("article_id") or raw.get("id")
    if not article_id:
        raise GoldFormatError(f"{where}: 'article_id' is required")
    here = f"{where} ({article_id})"
    if isinstance(raw.get("text"), str):
        text = raw["text"]
    elif isinstance(raw.get("file"), str):
        path = base / raw["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise GoldFormatError(f"{here}: cannot read the article text {path}: {exc}") from exc
    else:
        raise GoldFormatError(f"{here}: give the article text inline ('text') or as a path ('file')")
    places = tuple(
        GoldPlace(
            mention=str(p["mention"]),
            country=_iso2_of(p.get("country")),
            lat=_float(p.get("lat")),
            lon=_float(p.get("lon")),
            kind=p.get("kind"),
        )
        for p in raw.get("places") or ()
    )
    actors = tuple(
        GoldActor(
            name=str(a["name"]),
            mentions=_tuple_of_str(a.get("mentions"), where=f"{here} actor mentions"),
            kb_id=a.get("kb_id") or a.get("actor_id"),
            country=a.get("country"),
            sector=a.get("sector"),
        )
        for a in raw.get("actors") or ()
    )
    notes = str(raw.get("notes") or "")
    return GoldArticle(
        article_id=str(article_id),
        text=text,
        title=raw.get("title"),
        published=_iso_date(raw.get("published"), where=f"{here} published"),
        notes_published=published_from_notes(notes),
        notes=notes,
        events=tuple(_event(e, places, where=here) for e in raw.get("events") or ()),
        optional_events=tuple(_event(e, places, where=here) for e in raw.get("optional_events") or ()),
        no_events_in=_tuple_of_str(raw.get("no_events_in"), where=f"{here} no_events_in"),
        actors=actors,
        places=places,
    )


def read_article_gold(path: Path) -> tuple[GoldArticle, ...]:
    """Read article gold: a JSON object with ``articles`` (seed gold) or JSONL, one article a line."""
    try:
        raw_text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}") from exc
    if path.suffix == ".jsonl":
        records: list[tuple[str, Any]] = []
        for number, line in enumerate(raw_text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append((f"{path}:{number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise GoldFormatError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    else:
        try:
            document = json.loads(raw_text)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
        if not isinstance(document, dict) or not isinstance(document.get("articles"), list):
            raise GoldFormatError(f"{path}: article gold is an object with an 'articles' list")
        records = [(f"{path} article {i}", a) for i, a in enumerate(document["articles"])]
    return tuple(_article(raw, base=path.parent, where=where) for where, raw in records)


# ---------------------------------------------------------------------------- PLOVER gold


def _plover_actors(value: Any) -> tuple[GoldActorCode, ...]:
    if not isinstance(value, list):
        return ()  # "" or None (no actor); one record has a context name here by mistake
    actors: list[GoldActorCode] = []
    for raw in value:
        if not isinstance(raw, dict):
            continue
        code = str(raw.get("code") or "").strip().upper()
        code = _CAMEO_COUNTRY_ALIASES.get(code, code)
        is_country = pycountry.countries.get(alpha_3=code) is not None
        # sectors carry ethnic/religious suffixes ("CVLkur", "REBMOS"); "***" means unknown
        sector = str(raw.get("sector") or "")[:3].upper()
        sector = sector if sector.isalpha() else ""
        if not is_country and code and not sector:
            sector = code  # IGO, NGO, IMG...: the code is the actor type
        actors.append(
            GoldActorCode(
                text=str(raw.get("actorText") or ""),
                country=code if is_country else None,
                sector=sector or None,
            )
        )
    return tuple(actors)


def read_plover(path: Path) -> tuple[PloverSentence, ...]:
    """Read the PLOVER gold standard records, mapped to the current PLOVER labels."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read PLOVER gold {path}: {exc}") from exc
    if not isinstance(records, list):
        raise GoldFormatError(f"{path}: PLOVER gold is a JSON list of records")
    sentences: list[PloverSentence] = []
    for raw in records:
        label = str(raw.get("event") or "").upper()
        if label == "DOCUMENT" or not raw.get("text"):
            continue
        new_label, mapped_mode = PLOVER_05_LABELS.get(label, (label, None))
        mode = mapped_mode or (str(raw.get("mode") or "").strip() or None)
        sentences.append(
            PloverSentence(
                id=str(raw.get("id")),
                text=str(raw["text"]),
                event_type=new_label,
                mode=mode,
                sources=_plover_actors(raw.get("source")),
                targets=_plover_actors(raw.get("target")),
            )
        )
    return tuple(sentences)


# ---------------------------------------------------------------------------- discovery


def detect_kind(path: Path) -> GoldSetKind:
    """What kind of gold set a file is, from its name and first bytes."""
    name = path.name.lower()
    if name.endswith(".xml"):
        return "trnews"
    if name.endswith(".zip"):
        return "event_location"
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096).lstrip()
    except OSError as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}") from exc
    if head.startswith("["):
        return "event_location" if '"spans"' in head and '"event"' not in head else "plover"
    if head.startswith("{"):
        first_line = head.splitlines()[0]
        if '"spans"' in first_line and '"tokens"' in head:
            return "event_location"
        return "articles"
    raise GoldFormatError(
        f"{path}: not a gold format thucydides reads (article JSON/JSONL, PLOVER JSON, TR-News XML, "
        "event-location JSONL or zip); see docs/EVAL.md"
    )


def _set_name(path: Path, kind: GoldSetKind) -> str:
    if kind == "articles":
        return "seeds" if path.name == "gold.json" and path.parent.name == "seeds" else path.stem
    return kind


def read_gold(path: Path, *, kind: GoldSetKind | None = None) -> GoldSet:
    """Read one gold file (TR-News and event-location sets are only located: geo_eval reads them)."""
    if not path.is_file():
        raise GoldFormatError(f"gold file {path} does not exist")
    kind = kind or detect_kind(path)
    name = _set_name(path, kind)
    if kind == "articles":
        return GoldSet(name=name, kind=kind, path=path, articles=read_article_gold(path))
    if kind == "plover":
        return GoldSet(name=name, kind=kind, path=path, sentences=read_plover(path))
    return GoldSet(name=name, kind=kind, path=path)


def shared_root(environ: Mapping[str, str] | None = None) -> Path:
    """``$THUCYDIDES_SHARED``, else ``../shared`` from the working directory."""
    env = os.environ if environ is None else environ
    return Path(env.get("THUCYDIDES_SHARED") or Path.cwd().parent / "shared")


def discover_gold(root: Path, *, extra: Iterable[Path] = ()) -> Iterator[tuple[Path, GoldSetKind]]:
    """Every known gold set under a shared folder, then our own JSONL gold files in ``extra``."""
    if not root.is_dir():
        raise GoldFormatError(
            f"no gold data at {root}; pass gold files as arguments or set THUCYDIDES_SHARED"
        )
    for relative, kind in _SHARED_LAYOUT:
        if (root / relative).is_file():
            yield root / relative, kind
        else:
            logger.info("gold set %s not found under %s", relative, root)
    for path in extra:
        yield path, "articles"
