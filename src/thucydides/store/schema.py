"""The store's tables, as SQLAlchemy Core metadata (no ORM).

The coder's output lives in ``articles`` and the tables hanging off it; it is
replaced wholesale when an article is saved again. Human corrections live in a
separate layer (``corrections``, folded into ``event_overrides``) and survive
re-ingestion: the coder's rows are never edited in place.

Columns named ``start``/``end`` are quoted by SQLAlchemy where the dialect needs it.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

__all__ = [
    "ACTOR_LAYERS",
    "EDITABLE_FIELDS",
    "SIDE_FIELDS",
    "actor_stats",
    "actors",
    "articles",
    "corrections",
    "edge_daily",
    "event_actors",
    "event_daily",
    "event_evidence",
    "event_overrides",
    "events",
    "ingest_errors",
    "mentions",
    "metadata",
    "places",
    "removed",
    "runs",
    "schema_version",
    "sentences",
]

metadata = MetaData()


def _article_fk() -> ForeignKey:
    return ForeignKey("articles.id", ondelete="CASCADE")


def _event_fk() -> ForeignKey:
    return ForeignKey("events.id", ondelete="CASCADE")


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("thucydides_version", String(32)),
    Column("model_version", String(128)),
    Column("coder_version", String(64)),
    Column("settings_fingerprint", String(64)),
    Column("counts", JSON),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("published", Date),
    Column("published_basis", String(32)),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("raw_metadata", JSON),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("run_id", String(64)),
    Index("ix_articles_published", "published"),
    Index("ix_articles_run", "run_id"),
)

removed = Table(
    "removed",
    metadata,
    Column("article_id", String(64), _article_fk(), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("reason", String(64), nullable=False),
    Column("line", Integer, nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String(64), _article_fk(), primary_key=True),
    Column("sentence_index", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("name", Text),
    Column("country", String(3)),
    Column("sector", String(16)),
    Index("ix_actors_country", "country"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(64), _article_fk(), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("label", String(16), nullable=False),
    Column("actor_id", String(128)),
    Column("name", Text),
    Column("country", String(3)),
    Column("sector", String(16)),
    Column("role", Text),
    Column("resolution", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Index("ix_mentions_actor", "actor_id"),
)

places = Table(
    "places",
    metadata,
    Column("article_id", String(64), _article_fk(), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("resolved", Boolean, nullable=False),
    Column("name", Text),
    Column("geonameid", BigInteger),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("feature", String(32)),
    Column("precision", String(16)),
    Column("score", Float, nullable=False),
    Index("ix_places_geonameid", "geonameid"),
)

#: the event columns a correction may change (``action="edit"``)
EDITABLE_FIELDS: tuple[str, ...] = (
    "event_type",
    "mode",
    "contexts",
    "status",
    "date_value",
    "date_precision",
    "location_name",
    "location_geonameid",
    "location_lat",
    "location_lon",
    "location_country",
    "location_admin1",
    "cameo_code",
    "acled_type",
)

#: the sides a correction may replace (``action="edit"``): lists of actors, kept in the
#: ``review`` layer of ``event_actors`` rather than in ``event_overrides``
SIDE_FIELDS: tuple[str, ...] = ("sources", "targets")


def _event_value_columns() -> list[Column[object]]:
    """The event columns a correction may override, shared by ``events`` and ``event_overrides``."""
    return [
        Column("event_type", String(32), nullable=False),
        Column("mode", String(32)),
        Column("contexts", JSON, nullable=False),
        #: ``|ctx1|ctx2|``: a portable, LIKE-searchable copy of ``contexts``
        Column("contexts_key", Text, nullable=False),
        Column("status", String(16), nullable=False),
        Column("date_value", Date),
        Column("date_precision", String(16), nullable=False),
        #: ``date_value`` or, failing that, the article's published date: what filters and sorts use
        Column("effective_date", Date),
        Column("location_name", Text),
        Column("location_geonameid", BigInteger),
        Column("location_lat", Float),
        Column("location_lon", Float),
        Column("location_country", String(2)),
        Column("location_admin1", Text),
        Column("cameo_code", String(16)),
        Column("acled_type", Text),
    ]


events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), _article_fk(), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    *_event_value_columns(),
    Column("date_text", Text),
    Column("date_basis", String(32), nullable=False),
    Column("location_feature", String(32)),
    Column("location_precision", String(16)),
    Column("confidence", Float, nullable=False),
    Column("coder_version", String(64), nullable=False),
    Column("trigger", Text),
    #: pages of event types walk it in date order (with the id, as the order's tie-break)
    Index("ix_events_type_date_id", "event_type", "effective_date", "id"),
    #: pages walk it in date order; a map of a date range reads it alone (no table look-ups)
    Index(
        "ix_events_date_points",
        "effective_date",
        "id",
        "event_type",
        "location_lat",
        "location_lon",
        "location_country",
        "location_name",
    ),
    #: a map of event types reads it alone, point after point (counted in one ordered pass)
    Index(
        "ix_events_type_points",
        "event_type",
        "location_lat",
        "location_lon",
        "location_country",
        "location_name",
        "effective_date",
        "id",
    ),
    #: events looked up by id for their type alone (the hits of words counted with a type)
    #: read it, not the table's wide rows
    Index("ix_events_id_type", "id", "event_type"),
    Index("ix_events_article", "article_id"),
    Index("ix_events_country", "location_country"),
    Index("ix_events_latlon", "location_lat", "location_lon"),
)

#: the two layers of ``event_actors``: the coder's output and the sides an analyst edited
ACTOR_LAYERS: tuple[str, ...] = ("coder", "review")

#: the actors on each side of each event, in two layers: the coder's rows (``layer``
#: ``coder``, never edited) and, for a side an analyst corrected, the corrected actors
#: (``layer`` ``review``, rewritten from the corrections like ``event_overrides``).
#: ``effective`` marks the rows of the corrected view: a side's review rows once it was
#: edited (the coder's rows of that side then have it false), else its coder rows. Every
#: read of an event's actors keeps ``effective`` rows only.
event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(64), _event_fk(), primary_key=True),
    Column("side", String(8), primary_key=True),  # "source" | "target"
    Column("layer", String(8), primary_key=True, server_default="coder"),  # ACTOR_LAYERS
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("actor_id", String(128)),
    Column("text", Text, nullable=False),
    Column("name", Text),
    Column("country", String(3)),
    Column("sector", String(16)),
    Column("role", Text),
    Column("resolution", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("effective", Boolean, nullable=False, server_default=true()),
    #: an actor's events, and a country's (probed per event): ``effective`` is tested by index
    Index("ix_event_actors_actor", "actor_id", "effective", "event_id"),
    Index("ix_event_actors_country", "country", "effective", "event_id"),
)

event_evidence = Table(
    "event_evidence",
    metadata,
    Column("event_id", String(64), _event_fk(), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    #: sha256 of source + reason: the same broken input is one row, however often it is read
    Column("key", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("error_class", String(128), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("run_id", String(64)),
    Index("ix_ingest_errors_run", "run_id"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # no foreign key: a correction outlives a re-ingest that drops or renames its event
    Column("event_id", String(64), nullable=False),
    Column("action", String(16), nullable=False),  # confirm | reject | edit
    Column("changes", JSON, nullable=False),
    Column("author", Text, nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_corrections_event", "event_id", "id"),
)

#: the corrected view of each corrected event: every overridable value, recomputed from the
#: coder's row and the event's corrections (in order) whenever either changes
event_overrides = Table(
    "event_overrides",
    metadata,
    Column("event_id", String(64), _event_fk(), primary_key=True),
    Column("review", String(16), nullable=False),  # confirmed | rejected | edited
    *_event_value_columns(),
)

#: counts of the corrected view (rejected events left out) per country × day × event type,
#: kept in step with every save and correction (``summary.py``): what counts, timelines and
#: breakdowns read when the filter is only types, a country and dates
event_daily = Table(
    "event_daily",
    metadata,
    #: ``""`` for every event, else an ISO alpha-3 code: the location's country or an actor's
    Column("country", String(3), primary_key=True),
    #: the effective date; ``summary.UNDATED`` (0001-01-01) for events with none
    Column("day", Date, primary_key=True),
    Column("event_type", String(32), primary_key=True),
    Column("n", Integer, nullable=False),
)

#: per actor id: events it takes part in (not rejected) and mentions of it, kept like ``event_daily``
actor_stats = Table(
    "actor_stats",
    metadata,
    Column("actor_id", String(128), primary_key=True),
    Column("event_count", Integer, nullable=False),
    Column("mention_count", Integer, nullable=False),
)

#: per day × event type × (source, target): how many events of the corrected view (rejected
#: ones left out) have that source and that target, kept like ``event_daily``: what the
#: network reads when the filter is only types and dates. Actors are keyed as the network
#: names them (``aggregates.actor_key``: the KB id, else the name, else the text).
edge_daily = Table(
    "edge_daily",
    metadata,
    #: the effective date; ``summary.UNDATED`` for events with none
    Column("day", Date, primary_key=True),
    Column("event_type", String(32), primary_key=True),
    Column("source", Text, primary_key=True),
    Column("target", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)
