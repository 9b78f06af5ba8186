"""Summary tables: counts kept in step with every write, so dashboards need not scan events.

``event_daily`` holds the corrected view's event count per country × day × event type
(country ``""`` counts every event; an event also counts once under each country its
country filter matches: the location's, as alpha-3, and its actors'). ``actor_stats``
holds each actor's event and mention counts. Actors are an event's ``effective`` ones
(its sides as corrected). ``edge_daily`` holds the network's edges
(source actor → target actor) per day × event type.

Writers take a :class:`Tally` of what they are about to change before the change and
another after it, and :func:`apply` adds the difference; :func:`rebuild` recomputes
everything (after a bulk load that bypassed :meth:`Store.save`). Readers answer a
count, a timeline or a breakdown from ``event_daily`` whenever :func:`covers` says the
filter is one it can answer exactly (event types, a country, a date range), and a
network from ``edge_daily`` when :func:`covers_network` does (event types, dates).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pycountry
from sqlalchemy import ColumnElement, Connection, Table, delete, func, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite

from thucydides.store import schema
from thucydides.store.aggregates import actor_key, network_nodes, period_of
from thucydides.store.query import EventFilter, country_codes

__all__ = [
    "EVERYWHERE",
    "UNDATED",
    "Tally",
    "apply",
    "breakdown",
    "count",
    "covers",
    "covers_network",
    "network",
    "rebuild",
    "tally_article",
    "tally_events",
    "timeline",
]

#: the ``event_daily.country`` of the rows that count every event
EVERYWHERE = ""
#: the ``event_daily.day`` of events with no date (before any real date)
UNDATED = date(1, 1, 1)

#: ``(country, day, event_type)``
DailyKey = tuple[str, date, str]
#: ``(day, event_type, source, target)``
EdgeKey = tuple[date, str, str, str]

_CHUNK = 500
_REBUILD_CHUNK = 5000


@dataclass(slots=True)
class Tally:
    """What some events (and an article's mentions) add to the summary tables."""

    daily: Counter[DailyKey] = field(default_factory=Counter)
    events_by_actor: Counter[str] = field(default_factory=Counter)
    mentions_by_actor: Counter[str] = field(default_factory=Counter)
    edges: Counter[EdgeKey] = field(default_factory=Counter)

    def update(self, other: Tally) -> None:
        self.daily.update(other.daily)
        self.edges.update(other.edges)
        self.events_by_actor.update(other.events_by_actor)
        self.mentions_by_actor.update(other.mentions_by_actor)


@functools.cache
def _alpha3_of_alpha2(code: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code)
    return str(found.alpha_3) if found is not None else None


def _event_countries(location: str | None, actor_countries: Iterable[str | None]) -> set[str]:
    """The alpha-3 codes whose country filter matches the event (see ``EventFilter.country``)."""
    codes = {c for c in actor_countries if c and len(c) == 3}
    if location:
        alpha3 = _alpha3_of_alpha2(location)
        if alpha3 is not None:
            codes.add(alpha3)
    return codes


@dataclass(frozen=True, slots=True, kw_only=True)
class _Side:
    """One actor of an event, as the summaries need it."""

    side: str
    actor_id: str | None
    country: str | None
    #: how the network names the actor (``aggregates.actor_key``)
    key: str


def _tally_rows(
    conn: Connection,
    events_where: ColumnElement[bool],
    actors_where: ColumnElement[bool],
    *,
    layered: bool = True,
) -> Tally:
    """What the events matching ``events_where`` contribute, with their effective actors
    (``layered``: ``event_actors`` has its two layers, which it lacks before migration 7)."""
    ev, ov, ea = schema.events, schema.event_overrides, schema.event_actors
    found = conn.execute(
        select(
            ev.c.id,
            ev.c.event_type,
            ev.c.effective_date,
            ev.c.location_country,
            ov.c.event_id.label("corrected"),
            ov.c.review,
            ov.c.event_type.label("ov_event_type"),
            ov.c.effective_date.label("ov_effective_date"),
            ov.c.location_country.label("ov_location_country"),
        )
        .outerjoin(ov, ov.c.event_id == ev.c.id)
        .where(events_where)
    ).mappings()
    events = {row["id"]: row for row in found}
    sides: dict[str, list[_Side]] = {}
    columns = (ea.c.event_id, ea.c.side, ea.c.actor_id, ea.c.country, actor_key(ea))
    effective = select(*columns).where(actors_where, *([ea.c.effective] if layered else []))
    for event_id, side, actor_id, country, key in conn.execute(effective):
        sides.setdefault(event_id, []).append(_Side(side=side, actor_id=actor_id, country=country, key=key))
    out = Tally()
    for event_id, row in events.items():
        prefix = "ov_" if row["corrected"] is not None else ""
        if row["review"] == "rejected":
            continue
        kind, day = row[f"{prefix}event_type"], row[f"{prefix}effective_date"] or UNDATED
        actors = sides.get(event_id, [])
        out.daily[(EVERYWHERE, day, kind)] += 1
        for country in _event_countries(row[f"{prefix}location_country"], (a.country for a in actors)):
            out.daily[(country, day, kind)] += 1
        out.events_by_actor.update({a.actor_id for a in actors if a.actor_id is not None})
        sources = {a.key for a in actors if a.side == "source"}
        targets = {a.key for a in actors if a.side == "target"}
        out.edges.update((day, kind, source, target) for source in sources for target in targets)
    return out


def tally_events(conn: Connection, event_ids: Sequence[str]) -> Tally:
    """What these events contribute now (corrections applied, rejected ones nothing)."""
    ev, ea = schema.events, schema.event_actors
    out = Tally()
    ids = list(dict.fromkeys(event_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        out.update(_tally_rows(conn, ev.c.id.in_(chunk), ea.c.event_id.in_(chunk)))
    return out


def tally_article(conn: Connection, article_id: str) -> Tally:
    """What one article's events and actor mentions contribute now."""
    ev, men = schema.events, schema.mentions
    ids = list(conn.execute(select(ev.c.id).where(ev.c.article_id == article_id)).scalars())
    out = tally_events(conn, ids)
    mentioned = select(men.c.actor_id).where(men.c.article_id == article_id, men.c.actor_id.is_not(None))
    out.mentions_by_actor.update(conn.execute(mentioned).scalars())
    return out


def _difference(after: Counter[Any], before: Counter[Any]) -> dict[Any, int]:
    return {
        key: after[key] - before[key] for key in after.keys() | before.keys() if after[key] != before[key]
    }


def apply(conn: Connection, *, before: Tally, after: Tally) -> None:
    """Add ``after - before`` to the summary tables."""
    daily = _difference(after.daily, before.daily)
    rows = [{"country": c, "day": d, "event_type": t, "n": n} for (c, d, t), n in daily.items()]
    _increment(conn, schema.event_daily, rows, ("n",))
    events = _difference(after.events_by_actor, before.events_by_actor)
    mentions = _difference(after.mentions_by_actor, before.mentions_by_actor)
    actor_rows = [
        {"actor_id": a, "event_count": events.get(a, 0), "mention_count": mentions.get(a, 0)}
        for a in events.keys() | mentions.keys()
    ]
    _increment(conn, schema.actor_stats, actor_rows, ("event_count", "mention_count"))
    edges = _difference(after.edges, before.edges)
    edge_rows = [
        {"day": d, "event_type": k, "source": s, "target": t, "n": n} for (d, k, s, t), n in edges.items()
    ]
    _increment(conn, schema.edge_daily, edge_rows, ("n",))


def _increment(conn: Connection, table: Table, rows: list[dict[str, Any]], counters: Sequence[str]) -> None:
    """Add each row's counters to the stored row with the same key (inserting it if new)."""
    if not rows:
        return
    rows.sort(key=lambda r: tuple(str(r[c.name]) for c in table.primary_key.columns))  # stable lock order
    key = [c.name for c in table.primary_key.columns]
    dialect = conn.dialect.name
    if dialect in {"sqlite", "postgresql"}:
        insert = sqlite.insert(table) if dialect == "sqlite" else postgresql.insert(table)
        sums = {name: table.c[name] + insert.excluded[name] for name in counters}
        conn.execute(insert.on_conflict_do_update(index_elements=key, set_=sums), rows)
        return
    for row in rows:  # other dialects: portable, slower
        where = [table.c[name] == row[name] for name in key]
        done = conn.execute(update(table).where(*where).values({n: table.c[n] + row[n] for n in counters}))
        if done.rowcount == 0:
            conn.execute(table.insert().values(row))


def rebuild(conn: Connection) -> None:
    """Recompute the summary tables from the events, mentions and corrections.

    ``edge_daily`` is left alone in a database that does not have it yet (migration 3
    rebuilds the others; migration 5 creates it and rebuilds all); before migration 7
    ``event_actors`` holds the coder's rows only, all of them effective.
    """
    ev, ea, men = schema.events, schema.event_actors, schema.mentions
    with_edges = inspect(conn).has_table(schema.edge_daily.name)
    layered = "effective" in {c["name"] for c in inspect(conn).get_columns(ea.name)}
    conn.execute(delete(schema.event_daily))
    conn.execute(delete(schema.actor_stats))
    if with_edges:
        conn.execute(delete(schema.edge_daily))
    total = Tally()
    last: str | None = None
    while True:
        stmt = select(ev.c.id).order_by(ev.c.id).limit(_REBUILD_CHUNK)
        if last is not None:
            stmt = stmt.where(ev.c.id > last)
        ids = list(conn.execute(stmt).scalars())
        if not ids:
            break
        lower = ev.c.id >= ids[0]
        total.update(
            _tally_rows(
                conn,
                lower & (ev.c.id <= ids[-1]),
                (ea.c.event_id >= ids[0]) & (ea.c.event_id <= ids[-1]),
                layered=layered,
            )
        )
        last = ids[-1]
    mentioned = (
        select(men.c.actor_id, func.count()).where(men.c.actor_id.is_not(None)).group_by(men.c.actor_id)
    )
    for actor, mentions in conn.execute(mentioned):
        total.mentions_by_actor[actor] += mentions
    if not with_edges:
        total.edges.clear()
    apply(conn, before=Tally(), after=total)


# -- reading ------------------------------------------------------------------------------------


def covers(f: EventFilter | None) -> bool:
    """Whether ``event_daily`` answers this filter exactly (only types, a country, dates)."""
    if f is None:
        return True
    others = (f.actor, f.mode, f.context, f.status, f.bbox, f.text, f.article_id, f.run_id)
    return not any(others) and f.min_confidence is None and not f.include_rejected


def covers_network(f: EventFilter | None) -> bool:
    """Whether ``edge_daily`` answers this filter's network exactly (only types, dates)."""
    return covers(f) and (f is None or not f.country)


def network(conn: Connection, f: EventFilter | None, *, limit: int) -> dict[str, Any]:
    """``aggregates.network`` for a filter :func:`covers_network` accepts."""
    edge = schema.edge_daily
    f = f or EventFilter()
    where: list[ColumnElement[bool]] = []
    if f.event_type:
        types = (f.event_type,) if isinstance(f.event_type, str) else tuple(f.event_type)
        where.append(edge.c.event_type.in_(types))
    where += _days(edge.c.day, f)
    n = func.sum(edge.c.n)
    stmt = (
        select(edge.c.source, edge.c.target, edge.c.event_type, n)
        .where(*where)
        .group_by(edge.c.source, edge.c.target, edge.c.event_type)
        .having(n > 0)
        .order_by(n.desc(), edge.c.source, edge.c.target, edge.c.event_type)
        .limit(limit)
    )
    edges = [
        {"source": s, "target": t, "event_type": kind, "count": int(c)}
        for s, t, kind, c in conn.execute(stmt)
    ]
    return {"nodes": network_nodes(conn, edges), "edges": edges}


def _where(f: EventFilter | None, *, dated: bool = False) -> list[ColumnElement[bool]]:
    """The terms of a covered filter on ``event_daily`` (``dated``: without the undated events)."""
    daily = schema.event_daily
    f = f or EventFilter()
    terms = [daily.c.country == (country_codes(f.country)[1] if f.country else EVERYWHERE)]
    if f.event_type:
        types = (f.event_type,) if isinstance(f.event_type, str) else tuple(f.event_type)
        terms.append(daily.c.event_type.in_(types))
    terms += _days(daily.c.day, f, dated=dated)
    return terms


def _days(day: ColumnElement[Any], f: EventFilter, *, dated: bool = False) -> list[ColumnElement[bool]]:
    """The bounds of ``f``'s dates on a summary's ``day``. A date range leaves out the events
    with no date (``UNDATED``), and so does ``dated``.

    One lower bound, never two: SQLite ranges an index scan on one of them only, and
    ``day > UNDATED`` beside ``day >= since`` read every day from the first one on.
    """
    terms: list[ColumnElement[bool]] = []
    if f.since is not None and f.since > UNDATED:
        terms.append(day >= f.since)
    elif dated or f.since is not None or f.until is not None:
        terms.append(day > UNDATED)
    if f.until is not None:
        terms.append(day <= f.until)
    return terms


def count(conn: Connection, f: EventFilter | None) -> int:
    """How many events match ``f`` (which :func:`covers` must accept)."""
    total = select(func.coalesce(func.sum(schema.event_daily.c.n), 0)).where(*_where(f))
    return int(conn.execute(total).scalar_one())


def timeline(
    conn: Connection, f: EventFilter | None, *, interval: str, by: str | None
) -> list[dict[str, Any]]:
    """``aggregates.timeline`` for a covered filter, ``by`` None or ``"event_type"``."""
    daily = schema.event_daily
    period = period_of(daily.c.day, interval, conn.dialect.name).label("period")
    n = func.sum(daily.c.n)
    where = _where(f, dated=True)
    if by is None:
        stmt = select(period, n).where(*where).group_by(period).having(n > 0).order_by(period)
        return [{"period": _as_date(p), "count": int(c)} for p, c in conn.execute(stmt)]
    split = (
        select(period, daily.c.event_type, n)
        .where(*where)
        .group_by(period, daily.c.event_type)
        .having(n > 0)
        .order_by(period, daily.c.event_type)
    )
    return [{"period": _as_date(p), "value": v, "count": int(c)} for p, v, c in conn.execute(split)]


def breakdown(conn: Connection, f: EventFilter | None, *, limit: int) -> list[dict[str, Any]]:
    """``aggregates.breakdown`` by event type for a covered filter."""
    daily = schema.event_daily
    n = func.sum(daily.c.n)
    stmt = (
        select(daily.c.event_type, n)
        .where(*_where(f))
        .group_by(daily.c.event_type)
        .having(n > 0)
        .order_by(n.desc(), daily.c.event_type)
        .limit(limit)
    )
    return [{"value": v, "count": int(c)} for v, c in conn.execute(stmt)]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
