"""Event filters and the corrected view of events: the one place queries are built.

The corrected view is a ``UNION ALL`` of two branches: coder rows of events
nobody corrected (filtered on ``events`` columns, so every index applies) and
corrected events (filtered on the values in ``event_overrides``). Rejected
events drop out unless a filter asks for them. Callers select ids from
:func:`effective_events` and then :func:`load_events` fetches the full rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import pycountry
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    Subquery,
    and_,
    cast,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.sql.base import ReadOnlyColumnCollection

from thucydides.errors import StoreError
from thucydides.store import schema
from thucydides.store.migrations import FTS_ROWID_FUNCTION, FTS_TABLE

__all__ = [
    "SORTS",
    "EventFilter",
    "Plan",
    "SearchMode",
    "country_codes",
    "effective_branches",
    "effective_events",
    "fts_hits",
    "fts_sampled_hits",
    "load_events",
    "named_events",
    "order_by",
]

SearchMode = Literal["fts5", "tsvector", "like"]

#: accepted values of ``sort``: a column, descending with a leading ``-``
SORTS = ("-date", "date", "-confidence", "confidence", "id", "-id")

#: columns of the corrected view besides ``id``/``article_id``/``confidence``/``review``
VIEW_COLUMNS = (
    "event_type",
    "mode",
    "status",
    "contexts_key",
    "effective_date",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """What to select. Every field is optional; set fields combine with AND.

    - ``actor``: an actor id (exact) or, when no actor has that id, part of an actor's
      name or text (case-insensitive), on either side of the event;
    - ``event_type``: one PLOVER type or several (any of them);
    - ``mode``, ``context``, ``status``: exact values (``context`` is one of the event's contexts);
    - ``country``: ISO 3166 alpha-2 or alpha-3; matches the location's country or any actor's;
    - ``since``/``until``: inclusive bounds on the event date, or the article's published
      date when the event has none;
    - ``bbox``: ``(min_lon, min_lat, max_lon, max_lat)`` around the event location;
    - ``text``: full-text search over the evidence sentence (all words must occur);
    - ``article_id``, ``run_id``: events of one article / one ingest run;
    - ``min_confidence``: lowest coder confidence;
    - ``include_rejected``: also return events a reviewer rejected.
    """

    actor: str | None = None
    event_type: str | tuple[str, ...] | None = None
    mode: str | None = None
    context: str | None = None
    status: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    article_id: str | None = None
    run_id: str | None = None
    min_confidence: float | None = None
    include_rejected: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """How to run a filter's costly terms, chosen by the store from what it knows of the data.

    - ``known_actor``: ``actor`` is a registered actor id (matched exactly, by index);
    - ``dense_text``: ``text`` matches many events (see :func:`fts_hits`): a sorted page
      walks its own index and tests each event against the hits;
    - ``probe_text``: with ``dense_text``, the words match so many events that listing
      every hit costs more than the walk: each event walked is probed in the FTS5 index
      (the words ``MATCH`` and ``rowid =`` the event's) instead (see :func:`fts_sampled_hits`);
    - ``dense_country``: ``country`` matches many events: each event's actors are probed
      (``EXISTS``) instead of first collecting every event of the country's actors, so a
      sorted page walks the date index and stops after a page;
    - ``dense_actor``: ``actor``, a part of a name, matches many events: each event's actors
      are probed (``EXISTS`` through its primary key: the event's few actor rows) instead of
      first collecting every event of every matching actor, so a sorted page walks the date
      index and stops after a page, and a capped total after ``cap`` events;
    - ``text_hits``: only the first ``text_hits`` events holding the words are considered
      (FTS5): what a capped total looks at, a lower bound of the full answer.
    """

    known_actor: bool = False
    dense_text: bool = False
    probe_text: bool = False
    dense_country: bool = False
    dense_actor: bool = False
    text_hits: int | None = None


_NO_PLAN = Plan()


def country_codes(code: str) -> tuple[str, str]:
    """``"LY"``, ``"LBY"`` or ``"Libya"`` → ``("LY", "LBY")``."""
    try:
        found = pycountry.countries.lookup(code.strip())
    except LookupError:
        raise StoreError(
            f"unknown country {code!r}: use an ISO 3166 alpha-2 (LY) or alpha-3 (LBY) code"
        ) from None
    return str(found.alpha_2), str(found.alpha_3)


def _fts_query(words: str) -> str:
    tokens = re.findall(r"\w+", words)
    return " ".join(f'"{token}"' for token in tokens)


def fts_hits(conn: Connection, words: str, *, cap: int) -> int:
    """How many evidence sentences hold every word (FTS5 only), counting no further than ``cap``."""
    match = _fts_query(words)
    if not match:
        return 0
    found = conn.execute(
        text(f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :cap)"),
        {"q": match, "cap": cap},
    )
    return int(found.scalar_one())


#: FTS5 rowids are 60-bit hashes of event ids, spread evenly: the hits below this rowid
#: are about one in :data:`_SAMPLE` of them
_SAMPLE = 64
_SAMPLE_BOUND = (1 << 60) // _SAMPLE


def fts_sampled_hits(conn: Connection, words: str) -> int:
    """About how many evidence sentences hold every word (FTS5 only): the hits in the first
    1/64 of the rowid range (a range FTS5 seeks to), times 64. Cheap however many match."""
    match = _fts_query(words)
    if not match:
        return 0
    found = conn.execute(
        text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND rowid < :bound"),
        {"q": match, "bound": _SAMPLE_BOUND},
    )
    return _SAMPLE * int(found.scalar_one())


def _search_condition(
    query: str,
    *,
    search: SearchMode,
    ident: ColumnElement[Any],
    dense: bool,
    probe: bool = False,
    first: int | None = None,
) -> ColumnElement[bool] | None:
    """Events (``ident``: the branch's event id) whose evidence holds every word of ``query``.

    ``dense``: the words match many events, so the query should walk its own index (the
    date, for a page) and test each event against the hits rather than look every hit up.
    ``probe`` (with ``dense``, not with ``first``): test each event by one look-up in the
    FTS5 index (its rowid and the words) rather than against a list of every hit.
    ``first``: only the first this many hits (FTS5).
    """
    ev = schema.events
    if search == "fts5":
        match = _fts_query(query)
        if not match:
            return None
        matching = literal_column(FTS_TABLE).op("MATCH")(match)
        if dense and probe and first is None and ident is ev.c.id:
            # the event's own rowid, looked up with the words: no list of the hits is built
            probed_rowid: ColumnElement[Any] = getattr(func, FTS_ROWID_FUNCTION)(ident)
            return exists(
                select(literal_column("1"))
                .select_from(text(FTS_TABLE))
                .where(matching, literal_column(f"{FTS_TABLE}.rowid") == probed_rowid)
            )
        if dense and ident is ev.c.id:
            # the hits' rowids (no look-up of their stored ids), each event tested by its own
            rowids: Select[Any] = (
                select(literal_column("rowid")).select_from(text(FTS_TABLE)).where(matching).limit(first)
            )
            tested_rowid: ColumnElement[Any] = getattr(func, FTS_ROWID_FUNCTION)(ident)
            return tested_rowid.in_(rowids.scalar_subquery())
        hits: Select[str] = (
            select(literal_column("event_id", String))
            .select_from(text(FTS_TABLE))
            .where(matching)
            .limit(first)
        )
        # ``id || ''`` is the same value, but SQLite cannot drive the query from it: the
        # (small) override table is walked and tested against the hits, never the reverse
        tested = ident if ident is ev.c.id else ident.concat("")
        return tested.in_(hits.scalar_subquery())
    if search == "tsvector":
        vector = func.to_tsvector(literal_column("'simple'::regconfig"), ev.c.evidence_text)
        found: ColumnElement[bool] = vector.op("@@")(
            func.plainto_tsquery(literal_column("'simple'::regconfig"), query)
        )
    else:
        words = query.split()
        if not words:
            return None
        found = and_(*(ev.c.evidence_text.ilike(f"%{_escape_like(w)}%", escape="\\") for w in words))
    if ident is ev.c.id:
        return found
    return ident.in_(select(ev.c.id).where(found).scalar_subquery())


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_condition(
    actor: str, ident: ColumnElement[Any], *, known_id: bool, probe: bool
) -> ColumnElement[bool]:
    """Events (``ident``) with this actor on either side (of the corrected view: ``effective`` rows).

    A known actor id uses the ``(actor_id, effective, event_id)`` index alone. Anything else is a
    case-insensitive substring of a registered actor's name (through the small ``actors``
    table) or of an unresolved actor's text or name, and is either probed one event at a time
    through the primary key of ``event_actors`` (``probe``: the better plan when the part
    matches many events) or collected first: the matching actors' events by the actor index,
    and the unresolved actors' by a scan of them.
    """
    ea = schema.event_actors
    if known_id:
        return ident.in_(
            select(ea.c.event_id).where(ea.c.actor_id == actor, ea.c.effective).scalar_subquery()
        )
    named, told = _named_actors(actor), _told(actor)
    if probe:
        found = or_(ea.c.actor_id.in_(named.scalar_subquery()), and_(ea.c.actor_id.is_(None), told))
        return exists().where(ea.c.event_id == ident, ea.c.effective, found)
    by_name = select(ea.c.event_id).where(ea.c.actor_id.in_(named.scalar_subquery()), ea.c.effective)
    by_text = select(ea.c.event_id).where(ea.c.actor_id.is_(None), ea.c.effective, told)
    return ident.in_(union_all(by_name, by_text).scalar_subquery())


def _needle(actor: str) -> str:
    return f"%{_escape_like(actor.lower())}%"


def _named_actors(actor: str) -> Select[Any]:
    """Ids of the registered actors whose name holds ``actor`` (or whose id it is)."""
    act = schema.actors
    return select(act.c.id).where(
        or_(func.lower(act.c.name).like(_needle(actor), escape="\\"), act.c.id == actor)
    )


def _told(actor: str) -> ColumnElement[bool]:
    """Whether an ``event_actors`` row's text or name holds ``actor`` (for unresolved actors)."""
    ea, needle = schema.event_actors, _needle(actor)
    return or_(
        func.lower(ea.c.text).like(needle, escape="\\"), func.lower(ea.c.name).like(needle, escape="\\")
    )


def named_events(conn: Connection, actor: str) -> int:
    """About how many events the registered actors named like ``actor`` take part in (their
    ``actor_stats``: an event with two of them counts twice); unresolved actors are not counted."""
    stats = schema.actor_stats
    found = select(func.coalesce(func.sum(stats.c.event_count), 0)).where(
        stats.c.actor_id.in_(_named_actors(actor).scalar_subquery())
    )
    return int(conn.execute(found).scalar_one())


def _actor_country(alpha3: str, ident: ColumnElement[Any], *, probe: bool) -> ColumnElement[bool]:
    """Events (``ident``) with an actor of this country: probed one event at a time through
    the ``(country, effective, event_id)`` index, or collected first (the better plan for a
    rare country). Only ``effective`` actors count: the sides as corrected."""
    ea = schema.event_actors
    if probe:
        return exists().where(ea.c.country == alpha3, ea.c.effective, ea.c.event_id == ident)
    return ident.in_(select(ea.c.event_id).where(ea.c.country == alpha3, ea.c.effective).scalar_subquery())


def _conditions(
    f: EventFilter,
    values: Mapping[str, Any] | ReadOnlyColumnCollection[str, Any],
    *,
    search: SearchMode,
    plan: Plan,
) -> list[ColumnElement[bool]]:
    """The WHERE terms of ``f``; ``values`` maps view columns (and ``id``) to the branch's columns."""
    ident = values["id"]
    terms: list[ColumnElement[bool]] = []
    if f.event_type:
        types = (f.event_type,) if isinstance(f.event_type, str) else tuple(f.event_type)
        terms.append(values["event_type"].in_(types) if len(types) > 1 else values["event_type"] == types[0])
    if f.mode:
        terms.append(values["mode"] == f.mode)
    if f.status:
        terms.append(values["status"] == f.status)
    if f.context:
        terms.append(values["contexts_key"].like(f"%|{_escape_like(f.context)}|%", escape="\\"))
    if f.since is not None:
        terms.append(values["effective_date"] >= f.since)
    if f.until is not None:
        terms.append(values["effective_date"] <= f.until)
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        terms.append(values["location_lat"].between(min_lat, max_lat))
        terms.append(values["location_lon"].between(min_lon, max_lon))
    if f.country:
        alpha2, alpha3 = country_codes(f.country)
        # the corrected branch is driven from the (small) override table: always probe
        probe = plan.dense_country or ident is not schema.events.c.id
        terms.append(or_(values["location_country"] == alpha2, _actor_country(alpha3, ident, probe=probe)))
    if f.actor:
        # the corrected branch is driven from the (small) override table: always probe
        probe = plan.dense_actor or ident is not schema.events.c.id
        terms.append(_actor_condition(f.actor, ident, known_id=plan.known_actor, probe=probe))
    if f.text:
        found = _search_condition(
            f.text,
            search=search,
            ident=ident,
            dense=plan.dense_text,
            probe=plan.probe_text,
            first=plan.text_hits,
        )
        if found is not None:
            terms.append(found)
    if f.article_id:
        terms.append(values["article_id"] == f.article_id)
    if f.run_id:
        of_run = select(schema.articles.c.id).where(schema.articles.c.run_id == f.run_id)
        terms.append(values["article_id"].in_(of_run.scalar_subquery()))
    if f.min_confidence is not None:
        terms.append(values["confidence"] >= f.min_confidence)
    return terms


def effective_branches(
    f: EventFilter | None = None,
    *,
    search: SearchMode,
    plan: Plan = _NO_PLAN,
    sort: str | None = None,
    top: int | None = None,
) -> tuple[Select[Any], Select[Any]]:
    """The two branches of the corrected view (see :func:`effective_events`): coder rows of
    uncorrected events and corrected events, with the same columns. Aggregates that add up
    (counts, maxima) run on each branch and combine the two results, so neither branch is
    materialised and each uses its own indexes."""
    f = f or EventFilter()
    ev, ov = schema.events, schema.event_overrides
    uncorrected = (
        select(
            ev.c.id,
            ev.c.article_id,
            ev.c.confidence,
            cast(null(), String(16)).label("review"),
            *(ev.c[name] for name in VIEW_COLUMNS),
        )
        .where(~exists().where(ov.c.event_id == ev.c.id))
        .where(*_conditions(f, ev.c, search=search, plan=plan))
    )
    # corrected events are driven from the (small) override table: an event's article and
    # confidence are looked up by primary key, so this branch never walks ``events``
    article_id = select(ev.c.article_id).where(ev.c.id == ov.c.event_id).scalar_subquery()
    confidence = select(ev.c.confidence).where(ev.c.id == ov.c.event_id).scalar_subquery()
    corrected_values = {
        "id": ov.c.event_id,
        "article_id": article_id,
        "confidence": confidence,
        **{name: ov.c[name] for name in VIEW_COLUMNS},
    }
    corrected = select(
        ov.c.event_id.label("id"),
        article_id.label("article_id"),
        confidence.label("confidence"),
        ov.c.review,
        *(ov.c[name] for name in VIEW_COLUMNS),
    ).where(*_conditions(f, corrected_values, search=search, plan=plan))
    if not f.include_rejected:
        corrected = corrected.where(ov.c.review != "rejected")
    if sort is not None and top is not None:
        uncorrected = _top(
            uncorrected, _order_terms(ev.c.effective_date, ev.c.confidence, ev.c.id, sort), top
        )
        corrected = _top(corrected, _order_terms(ov.c.effective_date, confidence, ov.c.event_id, sort), top)
    return uncorrected, corrected


def effective_events(
    f: EventFilter | None = None,
    *,
    search: SearchMode,
    plan: Plan = _NO_PLAN,
    sort: str | None = None,
    top: int | None = None,
) -> Subquery:
    """The corrected view of the events matching ``f``.

    ``plan``: how to run the costly terms (see :class:`Plan`).
    ``sort`` + ``top``: keep only the first ``top`` rows of each branch in that order
    (each branch then walks its index; the caller sorts the union and takes its page).
    Columns: ``id``, ``article_id``, ``confidence``, ``review`` (None for uncorrected
    events) and :data:`VIEW_COLUMNS`, all as corrections left them.
    """
    branches = effective_branches(f, search=search, plan=plan, sort=sort, top=top)
    return union_all(*branches).subquery("effective")


def _top(branch: Select[Any], terms: list[ColumnElement[Any]], top: int) -> Select[Any]:
    inner = branch.order_by(*terms).limit(top).subquery()
    return select(*inner.c)


def order_by(view: Subquery, sort: str) -> list[ColumnElement[Any]]:
    """ORDER BY terms for one of :data:`SORTS` (NULL dates last either way, ids break ties)."""
    return _order_terms(view.c.effective_date, view.c.confidence, view.c.id, sort)


def _order_terms(
    day: ColumnElement[Any], confidence: ColumnElement[Any], ident: ColumnElement[Any], sort: str
) -> list[ColumnElement[Any]]:
    if sort not in SORTS:
        raise StoreError(f"unknown sort {sort!r}; use one of: {', '.join(SORTS)}")
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    id_term = ident.desc() if descending else ident.asc()
    if key == "id":
        return [id_term]
    column = day if key == "date" else confidence
    main = column.desc() if descending else column.asc()
    return [main.nulls_last(), id_term]


def _location(values: Mapping[str, Any], row: Mapping[Any, Any]) -> dict[str, Any] | None:
    if values["location_name"] is None and values["location_lat"] is None:
        return None
    return {
        "name": values["location_name"],
        "geonameid": values["location_geonameid"],
        "lat": values["location_lat"],
        "lon": values["location_lon"],
        "country": values["location_country"],
        "admin1": values["location_admin1"],
        "feature": row["location_feature"],
        "precision": row["location_precision"],
    }


def _actor(row: Mapping[Any, Any]) -> dict[str, Any]:
    keys = ("text", "actor_id", "name", "country", "sector", "role", "resolution", "score")
    return {key: row[key] for key in keys}


def load_events(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Full rows of the given events, corrections applied, in the order of ``ids``.

    Each row is a dict: ``id``, ``article_id``, ``sentence_index``, ``event_type``, ``mode``,
    ``contexts``, ``status``, ``confidence``, ``coder_version``, ``trigger``, ``cameo_code``,
    ``acled_type``, ``evidence_text``, ``evidence`` (list of ``{start, end}``; the first is
    the evidence sentence), ``date`` (``{value, precision, text, basis}``), ``effective_date``,
    ``location`` (``{name, geonameid, lat, lon, country, admin1, feature, precision}`` or
    None), ``sources``/``targets`` (lists of actor dicts), ``article`` (``{id, title, url,
    source, published, run_id}``), ``review`` (None, confirmed, rejected or edited) and
    ``corrected_fields`` (the fields a reviewer changed, ``sources``/``targets`` among them).
    Actors are the ``effective`` ones: a side an analyst edited shows the analyst's actors
    (``resolution`` ``review``).
    """
    if not ids:
        return []
    ev, ov, art = schema.events, schema.event_overrides, schema.articles
    ea, evi = schema.event_actors, schema.event_evidence
    wanted = list(dict.fromkeys(ids))
    override_cols = [c.label(f"ov_{c.name}") for c in ov.c]
    stmt: Select[Any] = (
        select(
            ev,
            *override_cols,
            art.c.title,
            art.c.url,
            art.c.source,
            art.c.published,
            art.c.run_id,
        )
        .join_from(ev, art, art.c.id == ev.c.article_id)
        .outerjoin(ov, ov.c.event_id == ev.c.id)
        .where(ev.c.id.in_(wanted))
    )
    base = {row["id"]: row for row in conn.execute(stmt).mappings()}
    sides: dict[str, _Sides] = {}
    for row in conn.execute(
        select(ea)
        .where(ea.c.event_id.in_(wanted))
        .order_by(ea.c.event_id, ea.c.side, ea.c.layer, ea.c.position)
    ).mappings():
        sides.setdefault(row["event_id"], _Sides()).add(row)
    spans: dict[str, list[dict[str, int]]] = {}
    for row in conn.execute(
        select(evi).where(evi.c.event_id.in_(wanted)).order_by(evi.c.event_id, evi.c.position)
    ).mappings():
        spans.setdefault(row["event_id"], []).append({"start": row["start"], "end": row["end"]})
    return [_assemble(base[i], sides.get(i, _Sides()), spans.get(i, [])) for i in wanted if i in base]


@dataclass(slots=True)
class _Sides:
    """An event's actors by side (``source``/``target``): as corrected and as coded."""

    effective: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    coder: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, row: Mapping[Any, Any]) -> None:
        """Add one ``event_actors`` row (rows come in position order)."""
        if row["effective"]:
            self.effective.setdefault(row["side"], []).append(_actor(row))
        if row["layer"] == "coder":
            self.coder.setdefault(row["side"], []).append(_actor(row))

    def changed(self) -> list[str]:
        """The side fields (``sources``, ``targets``) a correction changed."""
        return [
            f"{side}s"
            for side in ("source", "target")
            if self.effective.get(side, []) != self.coder.get(side, [])
        ]


def _assemble(row: Mapping[Any, Any], sides: _Sides, spans: list[dict[str, int]]) -> dict[str, Any]:
    corrected = row["ov_event_id"] is not None
    editable = (*schema.EDITABLE_FIELDS, "effective_date")
    values = {name: row[f"ov_{name}"] if corrected else row[name] for name in editable}
    changed = [name for name in schema.EDITABLE_FIELDS if corrected and values[name] != row[name]]
    changed += sides.changed() if corrected else []
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "sentence_index": row["sentence_index"],
        "event_type": values["event_type"],
        "mode": values["mode"],
        "contexts": list(values["contexts"] or []),
        "status": values["status"],
        "confidence": row["confidence"],
        "coder_version": row["coder_version"],
        "trigger": row["trigger"],
        "cameo_code": values["cameo_code"],
        "acled_type": values["acled_type"],
        "evidence_text": row["evidence_text"],
        "evidence": spans or [{"start": row["evidence_start"], "end": row["evidence_end"]}],
        "date": {
            "value": values["date_value"],
            "precision": values["date_precision"],
            "text": row["date_text"],
            "basis": "corrected" if "date_value" in changed else row["date_basis"],
        },
        "effective_date": values["effective_date"],
        "location": _location(values, row),
        "sources": sides.effective.get("source", []),
        "targets": sides.effective.get("target", []),
        "article": {
            "id": row["article_id"],
            "title": row["title"],
            "url": row["url"],
            "source": row["source"],
            "published": row["published"],
            "run_id": row["run_id"],
        },
        "review": row["ov_review"] if corrected else None,
        "corrected_fields": changed,
    }
