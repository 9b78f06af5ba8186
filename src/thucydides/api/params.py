"""Query parameters shared by every endpoint that selects events.

One dependency, :func:`event_filter`, turns the query string into an
:class:`~thucydides.store.EventFilter`, so the events list, the map, the timeline,
the network, the breakdowns and the exports all accept the same filters.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query, status

from thucydides.errors import StoreError
from thucydides.store import EventFilter, country_codes

__all__ = ["event_filter", "parse_bbox"]


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """``"min_lon,min_lat,max_lon,max_lat"`` → a checked tuple."""
    try:
        parts = tuple(float(p) for p in raw.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise ValueError(f"bbox expects four numbers min_lon,min_lat,max_lon,max_lat, got {raw!r}")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(
            f"bbox {raw!r} is not a box: need -180 ≤ min_lon ≤ max_lon ≤ 180 and -90 ≤ min_lat ≤ max_lat ≤ 90"
        )
    return min_lon, min_lat, max_lon, max_lat


def _bad(message: str) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=message)


def event_filter(
    *,
    actor: Annotated[
        str | None, Query(description="Actor id, or part of a name or text, on either side.")
    ] = None,
    type_: Annotated[
        list[str] | None, Query(alias="type", description="PLOVER event type (repeat for any of several).")
    ] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. meet, air, firearms.")] = None,
    context: Annotated[
        str | None, Query(description="PLOVER context the event carries, e.g. terrorism.")
    ] = None,
    status_: Annotated[
        str | None, Query(alias="status", description="occurred, planned, hypothetical, negated or claimed.")
    ] = None,
    country: Annotated[
        str | None, Query(description="ISO alpha-2/alpha-3 or name: of the location or of any actor.")
    ] = None,
    since: Annotated[date | None, Query(description="First date (inclusive), YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last date (inclusive), YYYY-MM-DD.")] = None,
    bbox: Annotated[
        str | None, Query(description="min_lon,min_lat,max_lon,max_lat around the event location.")
    ] = None,
    q: Annotated[
        str | None, Query(description="Full-text search: words that must all occur in the evidence.")
    ] = None,
    article: Annotated[str | None, Query(description="Events of one article (its id).")] = None,
    run: Annotated[str | None, Query(description="Events of one ingest run (its id).")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Lowest coder confidence.")] = None,
    include_rejected: Annotated[bool, Query(description="Also return events a reviewer rejected.")] = False,
) -> EventFilter:
    """The event filter of a request (every parameter optional; they combine with AND)."""
    if since and until and since > until:
        raise _bad(f"since ({since}) is after until ({until})")
    if country:
        try:
            country_codes(country)
        except StoreError as exc:
            raise _bad(str(exc)) from exc
    try:
        box = parse_bbox(bbox) if bbox else None
    except ValueError as exc:
        raise _bad(str(exc)) from exc
    types = tuple(dict.fromkeys(t.strip().upper() for t in type_ or () if t.strip()))
    return EventFilter(
        actor=actor.strip() or None if actor else None,
        event_type=types or None,
        mode=mode or None,
        context=context or None,
        status=status_ or None,
        country=country or None,
        since=since,
        until=until,
        bbox=box,
        text=q.strip() or None if q else None,
        article_id=article or None,
        run_id=run or None,
        min_confidence=min_confidence,
        include_rejected=include_rejected,
    )
