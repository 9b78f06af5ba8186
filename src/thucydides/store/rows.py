"""Flattening records into table rows (and nothing else: no database access here)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from thucydides.records import ActorRef, ArticleResult, Event

__all__ = ["ArticleRows", "article_rows", "contexts_key", "event_value_row"]

Row = dict[str, Any]


@dataclass(slots=True)
class ArticleRows:
    """Every row one :class:`ArticleResult` puts in the store."""

    article: Row
    removed: list[Row] = field(default_factory=list)
    sentences: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    event_actors: list[Row] = field(default_factory=list)
    event_evidence: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)


def contexts_key(contexts: Iterable[str]) -> str:
    """``("a", "b")`` → ``"|a|b|"``: lets ``LIKE '%|a|%'`` find a context on any dialect."""
    items = [c for c in contexts if c]
    return f"|{'|'.join(items)}|" if items else ""


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def event_value_row(event: Event, *, published: date | None) -> Row:
    """The overridable columns of an event (shared by ``events`` and ``event_overrides``)."""
    place = event.location
    return {
        "event_type": event.event_type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "contexts_key": contexts_key(event.contexts),
        "status": event.status,
        "date_value": event.date.value,
        "date_precision": event.date.precision,
        "effective_date": event.date.value or published,
        "location_name": place.name if place else None,
        "location_geonameid": place.geonameid if place else None,
        "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_country": place.country if place else None,
        "location_admin1": place.admin1 if place else None,
        "cameo_code": event.cameo_code,
        "acled_type": event.acled_type,
    }


def _actor_side_rows(event_id: str, side: str, refs: Sequence[ActorRef]) -> list[Row]:
    return [
        {
            "event_id": event_id,
            "side": side,
            "layer": "coder",
            "position": position,
            "actor_id": ref.actor_id,
            "text": ref.text,
            "name": ref.name,
            "country": ref.country,
            "sector": ref.sector,
            "role": ref.role,
            "resolution": ref.resolution,
            "score": ref.score,
            "effective": True,
        }
        for position, ref in enumerate(refs)
    ]


def _known_actors(result: ArticleResult) -> list[Row]:
    """One row per actor id seen in the article; the most informative reference wins."""
    seen: dict[str, ActorRef] = {}
    refs = [m.actor for m in result.mentions]
    refs += [ref for ev in result.events for ref in (*ev.sources, *ev.targets)]
    for ref in refs:
        if ref.actor_id is None:
            continue
        best = seen.get(ref.actor_id)
        if best is None or _richness(ref) > _richness(best):
            seen[ref.actor_id] = ref
    return [
        {"id": actor_id, "name": ref.name, "country": ref.country, "sector": ref.sector}
        for actor_id, ref in sorted(seen.items())
    ]


def _richness(ref: ActorRef) -> int:
    return sum(value is not None for value in (ref.name, ref.country, ref.sector))


def article_rows(result: ArticleResult, *, run_id: str | None, ingested_at: datetime) -> ArticleRows:
    """Flatten one article result into rows, keyed by the article id."""
    art = result.article
    rows = ArticleRows(
        article={
            "id": art.id,
            "title": art.title,
            "url": art.url,
            "source": art.source,
            "published": art.published,
            "published_basis": art.published_basis,
            "language": art.language,
            "text": result.text,
            "raw_metadata": _jsonable(art.metadata),
            "ingested_at": ingested_at,
            "run_id": run_id,
        }
    )
    rows.removed = [
        {"article_id": art.id, "position": i, "text": r.text, "reason": r.reason, "line": r.line}
        for i, r in enumerate(result.removed)
    ]
    rows.sentences = [
        {"article_id": art.id, "sentence_index": s.index, "text": s.text, "start": s.start, "end": s.end}
        for s in result.sentences
    ]
    rows.mentions = [
        {
            "article_id": art.id,
            "position": i,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "sentence_index": m.sentence_index,
            "label": m.label,
            "actor_id": m.actor.actor_id,
            "name": m.actor.name,
            "country": m.actor.country,
            "sector": m.actor.sector,
            "role": m.actor.role,
            "resolution": m.actor.resolution,
            "score": m.actor.score,
        }
        for i, m in enumerate(result.mentions)
    ]
    rows.places = []
    for i, pm in enumerate(result.places):
        place = pm.place
        rows.places.append(
            {
                "article_id": art.id,
                "position": i,
                "text": pm.text,
                "start": pm.start,
                "end": pm.end,
                "sentence_index": pm.sentence_index,
                "resolved": place is not None,
                "name": place.name if place else None,
                "geonameid": place.geonameid if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "country": place.country if place else None,
                "admin1": place.admin1 if place else None,
                "feature": place.feature if place else None,
                "precision": place.precision if place else None,
                "score": pm.score,
            }
        )
    for ev in result.events:
        rows.events.append(
            {
                "id": ev.id,
                "article_id": art.id,
                "sentence_index": ev.sentence_index,
                "evidence_text": ev.evidence_text,
                "evidence_start": ev.evidence_span[0],
                "evidence_end": ev.evidence_span[1],
                **event_value_row(ev, published=art.published),
                "date_text": ev.date.text,
                "date_basis": ev.date.basis,
                "location_feature": ev.location.feature if ev.location else None,
                "location_precision": ev.location.precision if ev.location else None,
                "confidence": ev.confidence,
                "coder_version": ev.coder_version,
                "trigger": ev.trigger,
            }
        )
        rows.event_actors += _actor_side_rows(ev.id, "source", ev.sources)
        rows.event_actors += _actor_side_rows(ev.id, "target", ev.targets)
        spans = (ev.evidence_span, *ev.more_evidence)
        rows.event_evidence += [
            {"event_id": ev.id, "position": i, "start": start, "end": end}
            for i, (start, end) in enumerate(spans)
        ]
    rows.actors = _known_actors(result)
    return rows
