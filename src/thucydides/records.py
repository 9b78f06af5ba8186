"""The records every stage agrees on.

All records are frozen, slotted, keyword-only dataclasses. Stages never mutate a
record; they build a new one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

__all__ = [
    "ActorRef",
    "Article",
    "ArticleResult",
    "DatePrecision",
    "Event",
    "EventDate",
    "EventStatus",
    "Mention",
    "Place",
    "PlaceMention",
    "Removed",
    "Sentence",
    "stable_id",
]

EventStatus = Literal["occurred", "planned", "hypothetical", "negated", "claimed"]
DatePrecision = Literal["day", "week", "month", "year", "weekday-only", "unknown"]


def stable_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """A short, stable, content-derived identifier (sha256 of the joined parts)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as read from its source, before any processing."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    #: how sure we are of ``published``: "metadata", "page" (from the page body),
    #: "furniture" (only found in page furniture, low confidence) or None.
    published_basis: str | None = None
    language: str = "en"
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(text: str, *, url: str | None = None, title: str | None = None) -> str:
        """Stable id from the content: re-reading the same article gives the same id."""
        return stable_id(url or "", title or "", text.strip(), prefix="a-")


@dataclass(frozen=True, slots=True, kw_only=True)
class Removed:
    """A piece of text the cleaner removed, kept for audit."""

    text: str
    reason: str  # "repeated-title", "furniture", "section-label", ...
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor as an event refers to it: the text and what it resolved to."""

    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # PLOVER sector code: GOV, MIL, REB, ...
    role: str | None = None
    resolution: str = "unresolved"  # rule that matched: exact, normalised, skeleton, fuzzy, title, ...
    score: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """An actor mention in the cleaned text, with its character span."""

    text: str
    start: int
    end: int
    sentence_index: int
    label: str  # spaCy label: PERSON, ORG, NORP, GPE, or AGENT for generic agents
    actor: ActorRef


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-2 (GeoNames convention)
    admin1: str | None = None
    feature: str | None = None  # GeoNames feature class/code, or a curated type ("airbase")
    precision: str = "city"  # point, city, admin1, region, country, continent


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    text: str
    start: int
    end: int
    sentence_index: int
    place: Place | None
    score: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """When an event happened, and how we know.

    With no publication date, "On Sunday" is ``precision="weekday-only"`` and
    ``value=None``: a date is never invented.
    """

    value: date | None = None
    precision: DatePrecision = "unknown"
    text: str | None = None
    basis: str = "none"  # "relative-to-published", "absolute", "published", "none"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    article_id: str
    sentence_index: int
    evidence_text: str
    evidence_span: tuple[int, int]
    event_type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    status: EventStatus = "occurred"
    sources: tuple[ActorRef, ...] = ()
    targets: tuple[ActorRef, ...] = ()
    date: EventDate = field(default_factory=EventDate)
    location: Place | None = None
    cameo_code: str | None = None
    acled_type: str | None = None
    confidence: float = 0.5
    coder_version: str = ""
    #: the trigger word or phrase ("met", "held discussions")
    trigger: str | None = None
    #: further evidence spans when one real event is told more than once
    more_evidence: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    article: Article
    text: str  # the cleaned text every span refers to
    sentences: tuple[Sentence, ...] = ()
    removed: tuple[Removed, ...] = ()
    mentions: tuple[Mention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
