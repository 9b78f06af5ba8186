"""Versioned schema migrations, applied in order when a store is opened.

``schema_version`` holds one row per applied migration. :data:`MIGRATIONS` is
append-only: never edit a step that has shipped; add a new one. Each step runs
in its own transaction and must be safe on a database created by an earlier
version *and* on a fresh one (the table definitions in ``schema.py`` always
describe the newest shape), which is why later steps use the
``add_column_if_missing`` style helpers rather than bare ``ALTER`` statements.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import OperationalError

from thucydides.errors import StoreError
from thucydides.store import schema

__all__ = [
    "FTS_ROWID_FUNCTION",
    "FTS_TABLE",
    "MIGRATIONS",
    "Migration",
    "current_version",
    "has_fts",
    "migrate",
]

logger = logging.getLogger(__name__)

#: SQLite FTS5 table over event evidence (absent when the SQLite build lacks FTS5)
FTS_TABLE = "evidence_fts"
#: the SQL function (registered on every SQLite connection) giving an event id's FTS rowid
FTS_ROWID_FUNCTION = "thucydides_fts_rowid"


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_base_tables(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)


def _create_search_index(conn: Connection) -> None:
    """Full-text search over evidence: FTS5 on SQLite, a GIN tsvector index on PostgreSQL."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        try:
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
                "event_id UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')"
            )
        except OperationalError:
            logger.warning("this SQLite has no FTS5; evidence search falls back to LIKE (slower)")
    elif dialect == "postgresql":
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_events_evidence_tsv ON events "
            "USING gin (to_tsvector('simple'::regconfig, evidence_text))"
        )
    else:
        logger.info("no full-text index for dialect %s; evidence search uses LIKE", dialect)


def _create_summaries(conn: Connection) -> None:
    """The summary tables (counts per country × day × type, per actor), filled from the events."""
    from thucydides.store import summary

    schema.metadata.create_all(conn, tables=[schema.event_daily, schema.actor_stats], checkfirst=True)
    summary.rebuild(conn)


#: the indexes of ``events`` that hold every column a map reads (see ``schema.events``)
_POINT_INDEXES = ("ix_events_date_points", "ix_events_type_points")


def _create_point_indexes(conn: Connection) -> None:
    """Covering indexes for maps; the date one replaces ``ix_events_date`` (date, id), its prefix."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_events_date")
    for index in schema.events.indexes:
        if index.name in _POINT_INDEXES:
            index.create(conn, checkfirst=True)


def _create_edge_summary(conn: Connection) -> None:
    """The network's summary table (edges per day and type), filled with the other summaries."""
    from thucydides.store import summary

    schema.edge_daily.create(conn, checkfirst=True)
    summary.rebuild(conn)


def _extend_type_date_index(conn: Connection) -> None:
    """``ix_events_type_date_id`` (type, date, id) replaces ``ix_events_type_date`` (type, date):
    with the id it holds all a page of types needs, so pages walk it rather than the map's
    ``ix_events_type_points`` (which would need a sort)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_events_type_date")
    for index in schema.events.indexes:
        if index.name == "ix_events_type_date_id":
            index.create(conn, checkfirst=True)


#: the columns ``event_actors`` had before migration 7 (all but ``layer`` and ``effective``)
_V6_ACTOR_COLUMNS = (
    "event_id",
    "side",
    "position",
    "actor_id",
    "text",
    "name",
    "country",
    "sector",
    "role",
    "resolution",
    "score",
)


def _layer_event_actors(conn: Connection) -> None:
    """``event_actors`` gets its review layer: ``layer`` (``coder``, in the primary key) and
    ``effective`` (true for every existing row), and its actor and country indexes test
    ``effective``. SQLite cannot change a primary key, so its table is copied into the
    new shape (and analysed again if the database was); other databases alter it in place.
    A fresh database has the shape already."""
    ea = schema.event_actors
    if "layer" in {c["name"] for c in inspect(conn).get_columns(ea.name)}:
        return
    for index in ea.indexes:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"ALTER TABLE {ea.name} RENAME TO {ea.name}_v6")
        ea.create(conn)
        columns = ", ".join(f'"{name}"' for name in _V6_ACTOR_COLUMNS)
        conn.exec_driver_sql(
            f"INSERT INTO {ea.name} ({columns}, layer, effective) "
            f"SELECT {columns}, 'coder', 1 FROM {ea.name}_v6"
        )
        conn.exec_driver_sql(f"DROP TABLE {ea.name}_v6")
        if inspect(conn).has_table("sqlite_stat1"):  # the planner's statistics went with the old table
            conn.exec_driver_sql(f"ANALYZE {ea.name}")
        return
    conn.exec_driver_sql(
        f"ALTER TABLE {ea.name} ADD COLUMN layer VARCHAR(8) NOT NULL DEFAULT 'coder', "
        "ADD COLUMN effective BOOLEAN NOT NULL DEFAULT true"
    )
    primary = inspect(conn).get_pk_constraint(ea.name)["name"]
    conn.exec_driver_sql(f"ALTER TABLE {ea.name} DROP CONSTRAINT {primary}")
    conn.exec_driver_sql(f"ALTER TABLE {ea.name} ADD PRIMARY KEY (event_id, side, layer, position)")
    for index in ea.indexes:
        index.create(conn)


def _merge_search_index(conn: Connection) -> None:
    """SQLite: merge the FTS5 evidence index into one segment (``optimize``). An index filled
    in many transactions (every save is one; a bulk load, one per batch) is split into
    segments that every query reads one by one: merged, a search that looks up every hit
    of two common words runs about 1.5 times faster (1M events: 38 -> 22 ms), and one event
    tested against the words (``rowid =`` and ``MATCH``) 8 times faster. New saves add
    small segments again, which FTS5 merges as it goes. Nothing to do elsewhere."""
    if has_fts(conn):
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def _create_id_type_index(conn: Connection) -> None:
    """``ix_events_id_type`` (id, type): a capped total of words and a type looks its
    hits up by id for their type alone, in this index rather than in the table's wide rows
    (1M events, 10,000 hits: 46 -> 26 ms). SQLite: analysed if the database was."""
    for index in schema.events.indexes:
        if index.name == "ix_events_id_type":
            index.create(conn, checkfirst=True)
            if conn.dialect.name == "sqlite" and inspect(conn).has_table("sqlite_stat1"):
                conn.exec_driver_sql(f"ANALYZE {index.name}")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(version=1, description="base tables and indexes", apply=_create_base_tables),
    Migration(version=2, description="full-text search over evidence", apply=_create_search_index),
    Migration(version=3, description="summary counts for dashboards", apply=_create_summaries),
    Migration(version=4, description="covering indexes for map points", apply=_create_point_indexes),
    Migration(version=5, description="network edges per day", apply=_create_edge_summary),
    Migration(version=6, description="event type pages by date and id", apply=_extend_type_date_index),
    Migration(
        version=7, description="analysts' sides: review layer of event actors", apply=_layer_event_actors
    ),
    Migration(version=8, description="full-text index merged into one segment", apply=_merge_search_index),
    Migration(version=9, description="event types by id", apply=_create_id_type_index),
)


def current_version(conn: Connection) -> int:
    """The newest applied migration (0 for an empty database)."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def has_fts(conn: Connection) -> bool:
    """Whether the SQLite FTS5 evidence table exists in this database."""
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": FTS_TABLE}
    ).first()
    return found is not None


def migrate(engine: Engine) -> int:
    """Apply every pending migration; return the resulting schema version.

    Each step commits on its own, so a failure leaves the database at the last
    good version.
    """
    newest = MIGRATIONS[-1].version
    with engine.begin() as conn:
        schema.schema_version.create(conn, checkfirst=True)
        version = current_version(conn)
    if version > newest:
        raise StoreError(
            f"this database is at schema version {version}, newer than this thucydides "
            f"understands ({newest}); upgrade thucydides or point --db at another database"
        )
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        logger.info("migrating store to version %d: %s", step.version, step.description)
        with engine.begin() as conn:
            step.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=step.version, description=step.description, applied_at=datetime.now(UTC)
                )
            )
        version = step.version
    return version
