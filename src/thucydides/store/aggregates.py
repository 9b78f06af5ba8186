"""Aggregates over the corrected view: time series, breakdowns, actors and their network."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Select,
    Subquery,
    and_,
    cast,
    distinct,
    func,
    select,
    union_all,
)

from thucydides.errors import StoreError
from thucydides.store import schema

__all__ = [
    "BREAKDOWNS",
    "INTERVALS",
    "SERIES",
    "Interval",
    "actor_key",
    "breakdown",
    "locations",
    "network",
    "network_nodes",
    "period_of",
    "timeline",
]

Interval = Literal["day", "week", "month"]
INTERVALS = ("day", "week", "month")

#: ``breakdown`` dimensions: a column of the corrected view, or ``actor_country``/``actor_sector``
BREAKDOWNS = ("event_type", "mode", "status", "location_country", "actor_country", "actor_sector")

#: ``timeline(by=...)`` dimensions: columns of the corrected view
SERIES = ("event_type", "mode", "status", "location_country")


def period_of(column: ColumnElement[Any], interval: str, dialect: str) -> ColumnElement[Any]:
    """The first day of ``column``'s day, week (Monday) or month."""
    if interval not in INTERVALS:
        raise StoreError(f"unknown interval {interval!r}; use one of: {', '.join(INTERVALS)}")
    if interval == "day":
        return column
    if dialect == "postgresql":
        return cast(func.date_trunc(interval, column), Date)
    if dialect == "sqlite":
        if interval == "week":  # the Monday of the ISO week
            return func.date(column, "weekday 0", "-6 days")
        return func.strftime("%Y-%m-01", column)
    raise StoreError(f"weekly and monthly timelines are not supported on {dialect}; use interval='day'")


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def timeline(
    conn: Connection, view: Subquery, *, interval: str, by: str | None = None
) -> list[dict[str, Any]]:
    """Event counts per period of the effective date (events with no date are left out).

    With ``by`` (one of :data:`SERIES`), one row per period and value of that column:
    ``{"period", "value", "count"}``, ordered by period then value.
    """
    period = period_of(view.c.effective_date, interval, conn.dialect.name).label("period")
    if by is None:
        stmt = (
            select(period, func.count().label("count"))
            .where(view.c.effective_date.is_not(None))
            .group_by(period)
            .order_by(period)
        )
        return [{"period": _as_date(p), "count": n} for p, n in conn.execute(stmt)]
    if by not in SERIES:
        raise StoreError(f"cannot split a timeline by {by!r}; use one of: {', '.join(SERIES)}")
    value = view.c[by]
    split = (
        select(period, value.label("value"), func.count().label("count"))
        .where(view.c.effective_date.is_not(None))
        .group_by(period, value)
        .order_by(period, value)
    )
    return [{"period": _as_date(p), "value": v, "count": n} for p, v, n in conn.execute(split)]


def locations(conn: Connection, branches: Sequence[Select[Any]], *, limit: int) -> list[dict[str, Any]]:
    """Events per located point, busiest first: ``{"lat", "lon", "name", "country", "count",
    "event_types": {type: n}}``; events with no coordinates are left out.

    ``branches``: the corrected view's branches (``query.effective_branches``). Each is
    counted per point and type on its own (an index holding the type and the point makes
    that one ordered pass with no table look-ups), then the busiest points are taken from
    the counts of both.
    """
    per_branch = []
    for branch in branches:
        rows = branch.subquery()
        lat, lon, kind = rows.c.location_lat, rows.c.location_lon, rows.c.event_type
        per_branch.append(
            select(
                lat,
                lon,
                kind,
                func.count().label("n"),
                func.max(rows.c.location_name).label("name"),
                func.max(rows.c.location_country).label("country"),
            )
            .where(lat.is_not(None), lon.is_not(None))
            .group_by(lat, lon, kind)
        )
    # a CTE read twice, so materialised: the (few) counts, never the events
    groups = union_all(*per_branch).cte("point_types")
    count = func.sum(groups.c.n).label("count")
    busiest = (
        select(groups.c.location_lat, groups.c.location_lon, count)
        .group_by(groups.c.location_lat, groups.c.location_lon)
        .order_by(count.desc(), groups.c.location_lat, groups.c.location_lon)
        .limit(limit)
        .subquery("busiest")
    )
    detail = select(
        groups.c.location_lat,
        groups.c.location_lon,
        busiest.c.count,
        groups.c.event_type,
        groups.c.n,
        groups.c.name,
        groups.c.country,
    ).join_from(
        groups,
        busiest,
        (groups.c.location_lat == busiest.c.location_lat) & (groups.c.location_lon == busiest.c.location_lon),
    )
    # thousands of (point, type) rows: read as tuples, a point's dict made once
    points: dict[tuple[float, float], dict[str, Any]] = {}
    for lat, lon, total, event_type, n, name, country in conn.execute(detail):
        point = points.get((lat, lon))
        if point is None:
            point = points[lat, lon] = {
                "lat": lat,
                "lon": lon,
                "name": name,
                "country": country,
                "count": int(total),
                "event_types": {event_type: int(n)},
            }
            continue
        kinds = point["event_types"]
        kinds[event_type] = kinds.get(event_type, 0) + int(n)  # one row per branch
        # the point's greatest, as max() over all its events
        if name is not None and (point["name"] is None or name > point["name"]):
            point["name"] = name
        if country is not None and (point["country"] is None or country > point["country"]):
            point["country"] = country
    return sorted(points.values(), key=lambda p: (-p["count"], p["lat"], p["lon"]))


def breakdown(conn: Connection, view: Subquery, *, by: str, limit: int) -> list[dict[str, Any]]:
    """Event counts by one of :data:`BREAKDOWNS`, largest first (an event counts once per value)."""
    if by not in BREAKDOWNS:
        raise StoreError(f"cannot break down by {by!r}; use one of: {', '.join(BREAKDOWNS)}")
    if by.startswith("actor_"):
        ea = schema.event_actors
        column = ea.c[by.removeprefix("actor_")]
        stmt = (
            select(column.label("value"), func.count(distinct(view.c.id)).label("count"))
            .join_from(view, ea, and_(ea.c.event_id == view.c.id, ea.c.effective))
            .group_by(column)
        )
    else:
        stmt = select(view.c[by].label("value"), func.count().label("count")).group_by(view.c[by])
    stmt = stmt.order_by(func.count().desc()).limit(limit)
    return [{"value": value, "count": n} for value, n in conn.execute(stmt)]


def actor_key(table: Any) -> ColumnElement[Any]:
    """How the network names an actor: its KB id, else its name, else its text."""
    return func.coalesce(table.c.actor_id, table.c.name, table.c.text)


def network(conn: Connection, view: Subquery, *, limit: int, actor_id: str | None = None) -> dict[str, Any]:
    """Who acts on whom: ``{"nodes": [...], "edges": [...]}``.

    An edge joins a source actor to a target actor of the same event (its corrected
    sides: ``effective`` actor rows), by event type,
    with the number of events; the ``limit`` heaviest edges are kept. With
    ``actor_id``, only edges touching that actor.
    """
    src = schema.event_actors.alias("src")
    tgt = schema.event_actors.alias("tgt")
    src_key, tgt_key = actor_key(src).label("source"), actor_key(tgt).label("target")
    count = func.count(distinct(view.c.id)).label("count")
    stmt = (
        select(src_key, tgt_key, view.c.event_type, count)
        .join_from(view, src, and_(src.c.event_id == view.c.id, src.c.side == "source", src.c.effective))
        .join(tgt, and_(tgt.c.event_id == view.c.id, tgt.c.side == "target", tgt.c.effective))
        .group_by(actor_key(src), actor_key(tgt), view.c.event_type)
        .order_by(count.desc(), actor_key(src), actor_key(tgt), view.c.event_type)
        .limit(limit)
    )
    if actor_id is not None:
        stmt = stmt.where((src.c.actor_id == actor_id) | (tgt.c.actor_id == actor_id))
    edges = [
        {"source": s, "target": t, "event_type": kind, "count": n} for s, t, kind, n in conn.execute(stmt)
    ]
    return {"nodes": network_nodes(conn, edges), "edges": edges}


def network_nodes(conn: Connection, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actors at the ends of these edges, by key (registered actors with their details)."""
    keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    if not keys:
        return []
    actors = schema.actors
    known = {row["id"]: row for row in conn.execute(select(actors).where(actors.c.id.in_(keys))).mappings()}
    return [
        {
            "id": key,
            "name": known[key]["name"] if key in known else key,
            "country": known[key]["country"] if key in known else None,
            "sector": known[key]["sector"] if key in known else None,
            "resolved": key in known,
        }
        for key in keys
    ]
