"""Read endpoints: events, one event, articles, actors, the network and the aggregates.

Every query is the store's (:class:`~thucydides.store.Store`); these handlers only
turn HTTP parameters into store calls and store errors into HTTP errors.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from thucydides.api.context import Workbench, workbench
from thucydides.api.params import event_filter
from thucydides.store import BREAKDOWNS, INTERVALS, SERIES, SORTS, EventFilter

__all__ = ["router"]

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

Filter = Annotated[EventFilter, Depends(event_filter)]
Bench = Annotated[Workbench, Depends(workbench)]


def _not_found(kind: str, ident: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no {kind} {ident!r} in this database")


@router.get("/events", tags=["events"], summary="Events matching the filters, one page at a time")
def list_events(
    bench: Bench,
    *,
    filters: Filter,
    limit: Annotated[int, Query(ge=1, le=1000, description="Events per page.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Events to skip.")] = 0,
    sort: Annotated[str, Query(description=f"One of: {', '.join(SORTS)}.")] = "-date",
    total: Annotated[bool, Query(description="Also count the matching events.")] = True,
) -> dict[str, Any]:
    """Events with their actors, place, date, evidence and review state (corrections applied).

    ``total`` is exact unless ``total_is_estimate``: then at least that many match
    (counting stops at 10,000 when no summary table answers the filter)."""
    page = bench.store.events(filters, limit=limit, offset=offset, sort=sort)
    counted = bench.store.total(filters) if total else None
    return {
        "events": page.rows,
        "offset": page.offset,
        "limit": page.limit,
        "has_more": page.has_more,
        "total": counted.count if counted else None,
        "total_is_estimate": counted.is_estimate if counted else False,
    }


@router.get("/events/{event_id}", tags=["events"], summary="One event with its evidence and corrections")
def get_event(bench: Bench, *, event_id: str) -> dict[str, Any]:
    """The event (even if rejected), its evidence spans in the article text, the article's
    summary and the audit trail of corrections."""
    found = bench.store.event(event_id)
    if found is None:
        raise _not_found("event", event_id)
    return found


@router.get("/articles/{article_id}", tags=["articles"], summary="An article with its evidence to highlight")
def get_article(bench: Bench, *, article_id: str) -> dict[str, Any]:
    """The cleaned text and, as character spans into it, what to highlight: each event's
    evidence (``kind="evidence"``), actor mentions (``actor``) and places (``place``).
    The text is plain text: a client must insert it as text, never as HTML."""
    found = bench.store.article(article_id)
    if found is None:
        raise _not_found("article", article_id)
    count = max(len(found["events"]), 1)
    rows = bench.store.events(
        EventFilter(article_id=article_id, include_rejected=True), limit=count, sort="id"
    ).rows
    highlights: list[dict[str, Any]] = []
    for event in rows:
        highlights.extend(
            {
                "kind": "evidence",
                "start": span["start"],
                "end": span["end"],
                "event_id": event["id"],
                "label": event["event_type"],
            }
            for span in event["evidence"]
        )
    highlights += [
        {"kind": "actor", "start": m["start"], "end": m["end"], "label": m["name"] or m["text"]}
        for m in found["mentions"]
    ]
    highlights += [
        {"kind": "place", "start": p["start"], "end": p["end"], "label": p["name"] or p["text"]}
        for p in found["places"]
        if p["end"] > p["start"]
    ]
    return {**found, "events": rows, "highlights": sorted(highlights, key=lambda h: (h["start"], -h["end"]))}


@router.get("/actors", tags=["actors"], summary="Known actors with their event counts")
def list_actors(
    bench: Bench,
    *,
    q: Annotated[str | None, Query(description="Part of the name or the id.")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 country of the actor.")] = None,
    sector: Annotated[str | None, Query(description="PLOVER sector, e.g. GOV, MIL, REB.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Busiest first; ``event_count`` leaves out rejected events."""
    rows = bench.store.actors(query=q, country=country, sector=sector, limit=limit, offset=offset)
    return {"actors": rows, "offset": offset, "limit": limit}


@router.get("/actors/{actor_id}", tags=["actors"], summary="One actor and its network neighbours")
def get_actor(
    bench: Bench, *, actor_id: str, neighbours: Annotated[int, Query(ge=1, le=1000)] = 50
) -> dict[str, Any]:
    """Counts and the heaviest edges (who it acts on, who acts on it, by event type)."""
    found = bench.store.actor(actor_id, neighbours=neighbours)
    if found is None:
        raise _not_found("actor", actor_id)
    return found


@router.get("/network", tags=["aggregates"], summary="Who acts on whom among the matching events")
def get_network(
    bench: Bench,
    *,
    filters: Filter,
    limit: Annotated[int, Query(ge=1, le=5000, description="Heaviest edges kept.")] = 200,
) -> dict[str, Any]:
    """``nodes`` (actors) and ``edges`` (source → target, by event type, with the event count)."""
    return bench.store.network(filters, limit=limit)


@router.get("/timeline", tags=["aggregates"], summary="Event counts per day, week or month")
def get_timeline(
    bench: Bench,
    *,
    filters: Filter,
    interval: Annotated[str, Query(description=f"One of: {', '.join(INTERVALS)}.")] = "day",
    by: Annotated[str | None, Query(description=f"Split by one of: {', '.join(SERIES)}.")] = None,
) -> dict[str, Any]:
    """``series``: ``{period, count}`` rows, or ``{period, value, count}`` with ``by``."""
    return {"interval": interval, "by": by, "series": bench.store.timeline(filters, interval=interval, by=by)}


@router.get("/breakdown", tags=["aggregates"], summary="Event counts by type, country, sector, ...")
def get_breakdown(
    bench: Bench,
    *,
    filters: Filter,
    by: Annotated[str, Query(description=f"One of: {', '.join(BREAKDOWNS)}.")] = "event_type",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Largest first; an event counts once per value."""
    return {"by": by, "counts": bench.store.breakdown(filters, by=by, limit=limit)}


@router.get("/locations", tags=["aggregates"], summary="Located events per point, for the map")
def get_locations(
    bench: Bench, *, filters: Filter, limit: Annotated[int, Query(ge=1, le=20000)] = 2000
) -> dict[str, Any]:
    """Points busiest first, each with its count by event type."""
    return {"points": bench.store.locations(filters, limit=limit)}


@router.get("/meta", tags=["meta"], summary="What the dashboard needs to draw its controls")
def get_meta(bench: Bench) -> dict[str, Any]:
    """The PLOVER event types with their modes, contexts, sort keys, intervals, editable fields
    and whether corrections are enabled on this server."""
    return bench.meta()
