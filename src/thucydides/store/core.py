"""The :class:`Store`: one interface over SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    Subquery,
    Table,
    create_engine,
    delete,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from thucydides.errors import StoreError
from thucydides.records import ArticleResult
from thucydides.store import aggregates, corrections, schema, summary
from thucydides.store.migrations import FTS_ROWID_FUNCTION, FTS_TABLE, has_fts, migrate
from thucydides.store.query import (
    EventFilter,
    Plan,
    SearchMode,
    effective_branches,
    effective_events,
    fts_hits,
    fts_sampled_hits,
    load_events,
    named_events,
    order_by,
)
from thucydides.store.rows import ArticleRows, article_rows

__all__ = ["DEFAULT_URL", "TOTAL_CAP", "Page", "Store", "Total"]

logger = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///thucydides.db"

#: the tables one article's rows live in, children first (the order rows are deleted in)
_ARTICLE_CHILDREN = (schema.removed, schema.sentences, schema.mentions, schema.places)


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page of events: ``rows`` (see :func:`~thucydides.store.query.load_events`),
    the ``offset`` and ``limit`` asked for, and whether more rows follow."""

    rows: list[dict[str, Any]]
    offset: int
    limit: int
    has_more: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Total:
    """How many events match: ``count``, exact unless ``is_estimate`` (then at least ``count``)."""

    count: int
    is_estimate: bool


#: full-text words with at least this many hits are "dense": a sorted page walks its index
#: and tests each event against the hits, instead of looking every hit up and sorting
_DENSE_TEXT = 2000

#: probing one walked event in the FTS5 index costs about this many times listing one hit
#: (1M events, two words with 106k hits: 245 events probed in 4.2 ms, the hits listed in 40 ms)
_PROBE_TEXT = 40

#: :meth:`Store.total` stops counting here when no summary answers the filter
TOTAL_CAP = 10_000


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _fts_rowid(event_id: str) -> int:
    """A stable 60-bit FTS rowid for an event id (rowids must be integers)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _package_version() -> str:
    try:
        return importlib.metadata.version("thucydides")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    options: dict[str, Any] = {"json_serializer": _json_dumps}
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, **options)
    in_memory = parsed.database in (None, "", ":memory:")
    if in_memory:
        options |= {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(parsed, **options)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn: Any, _record: Any) -> None:
        # hand transaction control to SQLAlchemy (BEGIN below), so DDL and DML are atomic
        dbapi_conn.isolation_level = None
        dbapi_conn.create_function(FTS_ROWID_FUNCTION, 1, _fts_rowid, deterministic=True)
        cursor = dbapi_conn.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


class Store:
    """Articles, events and everything around them, in one database.

    Open with :meth:`Store.open` (any SQLAlchemy URL; SQLite by default) and use as a
    context manager or call :meth:`close`. Writing: :meth:`start_run`, :meth:`save`,
    :meth:`record_error`, :meth:`finish_run`, :meth:`add_correction`. Reading:
    :meth:`events`, :meth:`iter_events`, :meth:`count_events`, :meth:`event`,
    :meth:`article`, :meth:`actors`, :meth:`actor`, :meth:`network`, :meth:`timeline`, :meth:`locations`,
    :meth:`breakdown`, :meth:`errors`, :meth:`runs`, :meth:`corrections`, :meth:`counts`.
    Every read sees the corrected view: reviewers' corrections applied, rejected events
    left out unless the filter asks for them.
    """

    def __init__(self, engine: Engine, *, schema_version: int) -> None:
        self.engine = engine
        self.schema_version = schema_version
        with engine.connect() as conn:
            fts = has_fts(conn)
        dialect = engine.dialect.name
        self.search: SearchMode = "fts5" if fts else "tsvector" if dialect == "postgresql" else "like"

    def _view(
        self, filters: EventFilter | None, *, sort: str | None = None, top: int | None = None
    ) -> Subquery:
        """The corrected view of the events matching ``filters`` (see ``query.effective_events``)."""
        plan = self._plan(filters, sorted_page=sort is not None, top=top)
        return effective_events(filters, search=self.search, plan=plan, sort=sort, top=top)

    def _branches(self, filters: EventFilter | None) -> tuple[Select[Any], Select[Any]]:
        """The two branches of the corrected view (see ``query.effective_branches``)."""
        plan = self._plan(filters, sorted_page=False, top=None)
        return effective_branches(filters, search=self.search, plan=plan)

    def _plan(self, filters: EventFilter | None, *, sorted_page: bool, top: int | None) -> Plan:
        """How to run the filter's costly terms, from what the database holds (see ``query.Plan``).

        ``sorted_page``: the rows are wanted in an order, the first ``top`` of them; ``top``
        alone: they are counted, up to ``top`` (a capped total).
        """
        if filters is None:
            return Plan()
        known_actor = dense_text = probe_text = dense_country = dense_actor = False
        with self.engine.connect() as conn:
            if filters.actor:
                act = schema.actors
                known_actor = (
                    conn.execute(select(act.c.id).where(act.c.id == filters.actor)).first() is not None
                )
            if filters.actor and not known_actor and top is not None:
                # as for a country below: probing reads about top × all / n events, collecting
                # about n (n: the events of the registered actors the part names)
                n = named_events(conn, filters.actor)
                dense_actor = n * n > 2 * top * summary.count(conn, None)
            if filters.text and self.search == "fts5" and sorted_page:
                dense_text = fts_hits(conn, filters.text, cap=_DENSE_TEXT) >= _DENSE_TEXT
            if dense_text and filters.text and top is not None:
                # a page walks about top × all / n events (n: the hits); probing each costs
                # about _PROBE_TEXT times what listing one hit does (measured): take the cheaper
                n = fts_sampled_hits(conn, filters.text)
                probe_text = n * n > _PROBE_TEXT * top * summary.count(conn, None)
            if filters.country and sorted_page and top is not None:
                # walking the date index for a page reads about top × all / n events, probing
                # each (twice the work per event, measured); collecting the country's events
                # first reads about n: take the cheaper
                n = summary.count(conn, EventFilter(country=filters.country))
                dense_country = n * n > 2 * top * summary.count(conn, None)
        return Plan(
            known_actor=known_actor,
            dense_text=dense_text,
            probe_text=probe_text,
            dense_country=dense_country,
            dense_actor=dense_actor,
        )

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str = DEFAULT_URL) -> Self:
        """Open (creating and migrating as needed) the database at ``url``.

        ``sqlite:///path.db`` (WAL mode, foreign keys on), ``sqlite://`` (in memory) or
        ``postgresql+psycopg://user:pass@host/db``. Raises :class:`StoreError` with what
        to do when the URL is malformed, the driver missing or the database unreachable.
        """
        try:
            engine = _make_engine(url)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(
                f"no database driver for {url.split(':', 1)[0]!r} ({exc}); for PostgreSQL install "
                "the extra: pip install 'thucydides[postgres]'"
            ) from exc
        except (ArgumentError, ValueError) as exc:
            raise StoreError(
                f"cannot read database URL {url!r} ({exc}); expected e.g. sqlite:///thucydides.db "
                "or postgresql+psycopg://user@localhost/thucydides"
            ) from exc
        shown = engine.url.render_as_string(hide_password=True)
        try:
            version = migrate(engine)
        except OperationalError as exc:
            engine.dispose()
            hint = (
                "check that the directory exists and is writable"
                if engine.dialect.name == "sqlite"
                else "check that the server is running and the user, password and database name are right"
            )
            raise StoreError(f"cannot open database {shown}: {exc.orig}; {hint}") from exc
        logger.debug("opened %s at schema version %d", shown, version)
        return cls(engine, schema_version=version)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- runs and errors ----------------------------------------------------------------------

    def start_run(
        self,
        *,
        model_version: str | None = None,
        coder_version: str | None = None,
        settings_fingerprint: str | None = None,
        thucydides_version: str | None = None,
        run_id: str | None = None,
    ) -> str:
        """Record the start of an ingest run; return its id (a new one unless given)."""
        run_id = run_id or f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        with self.engine.begin() as conn:
            conn.execute(
                schema.runs.insert().values(
                    id=run_id,
                    started_at=datetime.now(UTC),
                    thucydides_version=thucydides_version or _package_version(),
                    model_version=model_version,
                    coder_version=coder_version,
                    settings_fingerprint=settings_fingerprint,
                )
            )
        return run_id

    def finish_run(self, run_id: str, *, counts: Mapping[str, int] | None = None) -> None:
        """Mark a run finished, with its counts (articles read, events, errors, ...)."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(schema.runs)
                .where(schema.runs.c.id == run_id)
                .values(finished_at=datetime.now(UTC), counts=dict(counts or {}))
            )
        if done.rowcount == 0:
            raise StoreError(f"no run {run_id!r} in this database; start it with start_run()")

    def runs(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """The most recent runs first."""
        runs = schema.runs
        with self.engine.connect() as conn:
            stmt = select(runs).order_by(runs.c.started_at.desc()).limit(limit)
            return [dict(row) for row in conn.execute(stmt).mappings()]

    def record_error(self, source: str, *, reason: str, error_class: str, run_id: str | None = None) -> None:
        """Record an input that could not be processed.

        Keyed by ``source`` + ``reason``: reading the same broken input again updates
        its row (time, run, class) instead of adding one.
        """
        row = {
            "key": hashlib.sha256(f"{source}\x1f{reason}".encode()).hexdigest(),
            "source": source,
            "reason": reason,
            "error_class": error_class,
            "occurred_at": datetime.now(UTC),
            "run_id": run_id,
        }
        with self.engine.begin() as conn:
            self._upsert(conn, schema.ingest_errors, [row], keep_existing=False)

    def errors(self, *, run_id: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Recorded ingest errors, newest first (optionally of one run)."""
        errs = schema.ingest_errors
        stmt = select(errs).order_by(errs.c.occurred_at.desc(), errs.c.source).limit(limit).offset(offset)
        if run_id is not None:
            stmt = stmt.where(errs.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]

    # -- saving --------------------------------------------------------------------------------

    def save(self, result: ArticleResult, *, run_id: str | None = None) -> None:
        """Store one processed article, replacing whatever an earlier save of it left.

        Idempotent: the article id is stable, and every row of the article (text,
        sentences, mentions, places, events, their actors and evidence) is deleted
        and written again in one transaction. Reviewers' corrections are kept and
        re-applied to the new coder output.
        """
        rows = article_rows(result, run_id=run_id, ingested_at=datetime.now(UTC))
        article_id = result.article.id
        try:
            with self.engine.begin() as conn:
                before = summary.tally_article(conn, article_id)
                old_ids = self._delete_article(conn, article_id)
                self._insert(conn, rows)
                new_ids = [row["id"] for row in rows.events]
                corrections.refresh_overrides(conn, new_ids)
                summary.apply(conn, before=before, after=summary.tally_article(conn, article_id))
        except IntegrityError as exc:
            raise StoreError(
                f"cannot save article {article_id}: {exc.orig}; an event id may already belong "
                "to another article (event ids must be unique across articles)"
            ) from exc
        logger.debug("saved article %s (%d events, %d before)", article_id, len(new_ids), len(old_ids))

    def _delete_article(self, conn: Connection, article_id: str) -> list[str]:
        ev = schema.events
        ids = list(conn.execute(select(ev.c.id).where(ev.c.article_id == article_id)).scalars())
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for table in (schema.event_actors, schema.event_evidence, schema.event_overrides):
                conn.execute(delete(table).where(table.c.event_id.in_(chunk)))
            if self.search == "fts5":
                rowids = ",".join(str(_fts_rowid(i)) for i in chunk)
                conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({rowids})")
        conn.execute(delete(ev).where(ev.c.article_id == article_id))
        for table in _ARTICLE_CHILDREN:
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))
        return ids

    def _insert(self, conn: Connection, rows: ArticleRows) -> None:
        conn.execute(schema.articles.insert(), [rows.article])
        batches: tuple[tuple[Table, list[dict[str, Any]]], ...] = (
            (schema.removed, rows.removed),
            (schema.sentences, rows.sentences),
            (schema.mentions, rows.mentions),
            (schema.places, rows.places),
            (schema.events, rows.events),
            (schema.event_actors, rows.event_actors),
            (schema.event_evidence, rows.event_evidence),
        )
        for table, data in batches:
            if data:
                conn.execute(table.insert(), data)
        if rows.actors:
            self._upsert(conn, schema.actors, rows.actors, keep_existing=True)
        if self.search == "fts5" and rows.events:
            conn.execute(
                text(f"INSERT INTO {FTS_TABLE} (rowid, event_id, text) VALUES (:rowid, :event_id, :text)"),
                [
                    {"rowid": _fts_rowid(e["id"]), "event_id": e["id"], "text": e["evidence_text"]}
                    for e in rows.events
                ],
            )

    def _upsert(
        self, conn: Connection, table: Table, rows: list[dict[str, Any]], *, keep_existing: bool
    ) -> None:
        """Insert rows or update the row with the same primary key.

        ``keep_existing``: a NULL in the new row keeps the stored value.
        """
        key = [c.name for c in table.primary_key.columns]
        others = [c.name for c in table.columns if c.name not in key]
        dialect = conn.dialect.name
        if dialect in {"sqlite", "postgresql"}:
            insert = sqlite.insert(table) if dialect == "sqlite" else postgresql.insert(table)
            new = insert.excluded
            values = {
                name: func.coalesce(new[name], table.c[name]) if keep_existing else new[name]
                for name in others
            }
            conn.execute(insert.on_conflict_do_update(index_elements=key, set_=values), rows)
            return
        for row in rows:  # other dialects: portable, slower
            where = [table.c[name] == row[name] for name in key]
            found = conn.execute(select(*table.primary_key.columns).where(*where)).first()
            if found is None:
                conn.execute(table.insert().values(row))
            else:
                changes = {
                    k: v for k, v in row.items() if k in others and (v is not None or not keep_existing)
                }
                conn.execute(update(table).where(*where).values(changes))

    # -- corrections ---------------------------------------------------------------------------

    def add_correction(
        self,
        event_id: str,
        *,
        action: str,
        author: str,
        changes: Mapping[str, Any] | None = None,
        note: str | None = None,
    ) -> dict[str, Any]:
        """Record a reviewer's ``confirm``, ``reject`` or ``edit`` of an event; return it.

        ``changes`` (for ``edit``) maps fields of
        :data:`~thucydides.store.schema.EDITABLE_FIELDS` to new values, and
        ``sources``/``targets`` to lists of actors (ids of registered actors, names, or
        ``{"text", "country", "sector"}``; see ``corrections``), looked up here and stored
        as resolved. The coder's rows are untouched; every read applies the corrections.
        """
        checked = corrections.validate_changes(action, changes)
        if not author.strip():
            raise StoreError("a correction needs an author")
        row = {
            "event_id": event_id,
            "action": action,
            "changes": checked,
            "author": author.strip(),
            "note": note,
            "created_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            ev = schema.events
            if conn.execute(select(ev.c.id).where(ev.c.id == event_id)).first() is None:
                raise StoreError(f"no event {event_id!r} in this database")
            row["changes"] = corrections.resolve_sides(conn, checked)
            before = summary.tally_events(conn, [event_id])
            inserted = conn.execute(schema.corrections.insert().values(row)).inserted_primary_key
            new_id = inserted[0] if inserted else None
            corrections.refresh_overrides(conn, [event_id])
            if set(checked) & set(schema.SIDE_FIELDS):
                corrections.check_has_actor(conn, event_id)
            summary.apply(conn, before=before, after=summary.tally_events(conn, [event_id]))
        return {"id": new_id, **row}

    def corrections(self, event_id: str | None = None, *, limit: int = 1000) -> list[dict[str, Any]]:
        """Corrections of one event (or all), oldest first."""
        corr = schema.corrections
        stmt = select(corr).order_by(corr.c.id).limit(limit)
        if event_id is not None:
            stmt = stmt.where(corr.c.event_id == event_id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]

    # -- reading events ------------------------------------------------------------------------

    def events(
        self, filters: EventFilter | None = None, *, limit: int = 50, offset: int = 0, sort: str = "-date"
    ) -> Page:
        """One page of events matching ``filters``, sorted by ``sort`` (see ``query.SORTS``)."""
        if limit < 1 or offset < 0:
            raise StoreError("limit must be at least 1 and offset at least 0")
        view = self._view(filters, sort=sort, top=offset + limit + 1)
        stmt = select(view.c.id).order_by(*order_by(view, sort)).limit(limit + 1).offset(offset)
        with self.engine.connect() as conn:
            ids = list(conn.execute(stmt).scalars())
            rows = load_events(conn, ids[:limit])
        return Page(rows=rows, offset=offset, limit=limit, has_more=len(ids) > limit)

    def iter_events(
        self, filters: EventFilter | None = None, *, batch_size: int = 500
    ) -> Iterator[dict[str, Any]]:
        """Every matching event, in id order, fetched ``batch_size`` at a time (for exports).

        Keyset pagination on the id: memory stays flat however many events match.
        """
        last: str | None = None
        while True:
            view = self._view(filters)
            stmt = select(view.c.id).order_by(view.c.id).limit(batch_size)
            if last is not None:
                stmt = stmt.where(view.c.id > last)
            with self.engine.connect() as conn:
                ids = list(conn.execute(stmt).scalars())
                rows = load_events(conn, ids)
            yield from rows
            if len(ids) < batch_size:
                return
            last = ids[-1]

    def count_events(self, filters: EventFilter | None = None) -> int:
        """How many events match ``filters`` (from the summary table when it can answer)."""
        if summary.covers(filters):
            with self.engine.connect() as conn:
                return summary.count(conn, filters)
        view = self._view(filters)
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(view)).scalar_one())

    def total(self, filters: EventFilter | None = None, *, cap: int = TOTAL_CAP) -> Total:
        """How many events match, for a page header: exact when the summary table answers
        the filter or fewer than ``cap`` match, else ``cap`` marked as an estimate ("10,000+").

        Words with more than ``cap`` hits, combined with other filters, are counted among
        their first ``cap`` hits only: a lower bound, marked as an estimate (counting every
        hit against the other filters would read them all)."""
        if cap < 1:
            raise StoreError("the cap of a total must be at least 1")
        if summary.covers(filters):
            return Total(count=self.count_events(filters), is_estimate=False)
        if self._text_hits_exceed(filters, cap):
            return Total(count=cap, is_estimate=True)
        plan = self._plan(filters, sorted_page=False, top=cap + 1)
        if filters is not None and filters.text and self._narrows_words(filters):
            with self.engine.connect() as conn:
                if fts_hits(conn, filters.text, cap=cap + 1) > cap:
                    # the hits drive the count: a country or an actor is probed for each of them
                    plan = replace(plan, text_hits=cap, dense_country=True, dense_actor=True)
        view = effective_events(filters, search=self.search, plan=plan)
        first = select(view.c.id).limit(cap + 1).subquery()
        with self.engine.connect() as conn:
            found = int(conn.execute(select(func.count()).select_from(first)).scalar_one())
        return Total(count=min(found, cap), is_estimate=found > cap or plan.text_hits is not None)

    def _narrows_words(self, filters: EventFilter) -> bool:
        """Whether filters besides the words leave out some of their FTS5 hits."""
        rest = replace(filters, text=None, include_rejected=False)
        return self.search == "fts5" and rest != EventFilter()

    def _text_hits_exceed(self, filters: EventFilter | None, cap: int) -> bool:
        """Whether a filter of words alone surely matches more than ``cap`` events: its FTS
        hits (cheap to count) exceed ``cap`` plus every corrected event (only a rejection
        can drop a hit)."""
        if self.search != "fts5" or filters is None or not filters.text:
            return False
        if replace(filters, text=None) != EventFilter():
            return False
        with self.engine.connect() as conn:
            corrected = select(func.count()).select_from(schema.event_overrides)
            margin = cap + int(conn.execute(corrected).scalar_one())
            return fts_hits(conn, filters.text, cap=margin + 1) > margin

    def rebuild_summaries(self) -> None:
        """Recompute the summary tables from scratch: needed only after rows were written
        without :meth:`save` (a bulk load straight into the tables)."""
        with self.engine.begin() as conn:
            summary.rebuild(conn)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event (corrections applied, rejected or not) with its actors, evidence,
        article summary and ``corrections`` list; None if there is no such event."""
        with self.engine.connect() as conn:
            rows = load_events(conn, [event_id])
        if not rows:
            return None
        return {**rows[0], "corrections": self.corrections(event_id)}

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text, ``sentences``, ``removed`` furniture, actor ``mentions``,
        ``places`` and the ids of its ``events``; None if there is no such article."""
        art = schema.articles
        with self.engine.connect() as conn:
            found = conn.execute(select(art).where(art.c.id == article_id)).mappings().first()
            if found is None:
                return None
            out = dict(found)
            for table in _ARTICLE_CHILDREN:
                order = table.c.sentence_index if table is schema.sentences else table.c.position
                stmt = select(table).where(table.c.article_id == article_id).order_by(order)
                out[table.name] = [
                    {k: v for k, v in row.items() if k != "article_id"}
                    for row in conn.execute(stmt).mappings()
                ]
            ev = schema.events
            out["events"] = list(
                conn.execute(
                    select(ev.c.id)
                    .where(ev.c.article_id == article_id)
                    .order_by(ev.c.sentence_index, ev.c.id)
                ).scalars()
            )
        return out

    # -- actors and aggregates -----------------------------------------------------------------

    def actors(
        self,
        *,
        query: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Known actors with ``event_count`` (events not rejected) and ``mention_count``,
        busiest first; ``query`` matches part of the name or the id."""
        act, stats = schema.actors, schema.actor_stats
        events_n = func.coalesce(stats.c.event_count, 0).label("event_count")
        stmt = (
            select(act, events_n, func.coalesce(stats.c.mention_count, 0).label("mention_count"))
            .outerjoin(stats, stats.c.actor_id == act.c.id)
            .order_by(events_n.desc(), act.c.id)
            .limit(limit)
            .offset(offset)
        )
        if query:
            needle = f"%{query.lower()}%"
            stmt = stmt.where(func.lower(act.c.name).like(needle) | func.lower(act.c.id).like(needle))
        if country:
            stmt = stmt.where(act.c.country == country.upper())
        if sector:
            stmt = stmt.where(act.c.sector == sector.upper())
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]

    def actor(self, actor_id: str, *, neighbours: int = 50) -> dict[str, Any] | None:
        """One actor with ``event_count``, ``mention_count`` and its network: ``neighbours``
        (the heaviest edges touching it) and their ``nodes``; None if the id was never seen."""
        act, ea, men = schema.actors, schema.event_actors, schema.mentions
        with self.engine.connect() as conn:
            found = conn.execute(select(act).where(act.c.id == actor_id)).mappings().first()
            if found is None:
                return None
            view = effective_events(
                EventFilter(actor=actor_id), search=self.search, plan=Plan(known_actor=True)
            )
            involved = select(func.count(func.distinct(view.c.id))).join_from(
                view, ea, (ea.c.event_id == view.c.id) & (ea.c.actor_id == actor_id) & ea.c.effective
            )
            mentioned = select(func.count()).select_from(men).where(men.c.actor_id == actor_id)
            net = aggregates.network(conn, view, limit=neighbours, actor_id=actor_id)
            return {
                **found,
                "event_count": int(conn.execute(involved).scalar_one()),
                "mention_count": int(conn.execute(mentioned).scalar_one()),
                "neighbours": net["edges"],
                "nodes": net["nodes"],
            }

    def network(self, filters: EventFilter | None = None, *, limit: int = 200) -> dict[str, Any]:
        """Who acts on whom among the matching events (see ``aggregates.network``)."""
        if summary.covers_network(filters):
            with self.engine.connect() as conn:
                return summary.network(conn, filters, limit=limit)
        view = self._view(filters)
        with self.engine.connect() as conn:
            return aggregates.network(conn, view, limit=limit)

    def timeline(
        self, filters: EventFilter | None = None, *, interval: str = "day", by: str | None = None
    ) -> list[dict[str, Any]]:
        """``[{"period": date, "count": n}, ...]`` per day, week (Monday) or month; with ``by``
        (``event_type``, ``mode``, ``status``, ``location_country``) one row per period and value."""
        if by in {None, "event_type"} and summary.covers(filters):
            with self.engine.connect() as conn:
                return summary.timeline(conn, filters, interval=interval, by=by)
        view = self._view(filters)
        with self.engine.connect() as conn:
            return aggregates.timeline(conn, view, interval=interval, by=by)

    def locations(self, filters: EventFilter | None = None, *, limit: int = 2000) -> list[dict[str, Any]]:
        """The located points of the matching events, busiest first, with counts by type
        (see ``aggregates.locations``): what a map draws."""
        branches = self._branches(filters)
        with self.engine.connect() as conn:
            return aggregates.locations(conn, branches, limit=limit)

    def breakdown(
        self, filters: EventFilter | None = None, *, by: str = "event_type", limit: int = 100
    ) -> list[dict[str, Any]]:
        """``[{"value": ..., "count": n}, ...]`` by type, mode, status, location or actor country/sector."""
        if by == "event_type" and summary.covers(filters):
            with self.engine.connect() as conn:
                return summary.breakdown(conn, filters, limit=limit)
        view = self._view(filters)
        with self.engine.connect() as conn:
            return aggregates.breakdown(conn, view, by=by, limit=limit)

    def counts(self) -> dict[str, int]:
        """Row count of every table (the idempotency check: saving twice changes none)."""
        tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
        with self.engine.connect() as conn:
            out = {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in tables
            }
            if self.search == "fts5":
                out[FTS_TABLE] = int(conn.exec_driver_sql(f"SELECT count(*) FROM {FTS_TABLE}").scalar_one())
        return out
