"""Migration 7 upgrades a version-6 database: ``event_actors`` gets its review layer and
keeps every coder row, effective; side corrections work on the upgraded store."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)
from store_factory import libya_result, sudan_result

from thucydides.store import EventFilter, Store
from thucydides.store import schema as tables
from thucydides.store.migrations import MIGRATIONS


def _v6_event_actors() -> Table:
    """``event_actors`` as schema version 6 defined it."""
    old = MetaData()
    tables.events.to_metadata(old)
    return Table(
        "event_actors",
        old,
        Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        Column("side", String(8), primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("actor_id", String(128)),
        Column("text", Text, nullable=False),
        Column("name", Text),
        Column("country", String(3)),
        Column("sector", String(16)),
        Column("role", Text),
        Column("resolution", String(32), nullable=False),
        Column("score", Float, nullable=False),
        Index("ix_event_actors_actor", "actor_id", "event_id"),
        Index("ix_event_actors_country", "country", "event_id"),
    )


def make_v6(url: str) -> list[dict[str, Any]]:
    """A store at version 6 holding two articles; return its actor rows."""
    with Store.open(url) as store:
        store.save(libya_result())
        store.save(sudan_result())
        ea = tables.event_actors
        with store.engine.begin() as conn:
            rows = [dict(r) for r in conn.execute(select(ea)).mappings()]
            old_rows = [{k: v for k, v in r.items() if k not in {"layer", "effective"}} for r in rows]
            ea.drop(conn)
            old = _v6_event_actors()
            old.create(conn)
            conn.execute(old.insert(), old_rows)
            conn.execute(tables.schema_version.delete().where(tables.schema_version.c.version >= 7))
    return rows


def test_migration_7_upgrades_a_version_6_store(reopenable_url: str) -> None:
    rows = make_v6(reopenable_url)
    with Store.open(reopenable_url) as store:
        assert store.schema_version == MIGRATIONS[-1].version
        ea = tables.event_actors
        with store.engine.connect() as conn:
            upgraded = [dict(r) for r in conn.execute(select(ea)).mappings()]
            shape = inspect(conn)
            primary = shape.get_pk_constraint(ea.name)["constrained_columns"]
            indexes = {i["name"]: i["column_names"] for i in shape.get_indexes(ea.name)}
        key = ("event_id", "side", "position")

        def by_key(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return sorted(items, key=lambda r: tuple(r[k] for k in key))

        assert by_key(upgraded) == by_key(rows)
        assert {(r["layer"], r["effective"]) for r in upgraded} == {("coder", True)}
        assert primary == ["event_id", "side", "layer", "position"]
        assert indexes["ix_event_actors_actor"] == ["actor_id", "effective", "event_id"]
        assert indexes["ix_event_actors_country"] == ["country", "effective", "event_id"]

        before = store.counts()
        store.save(libya_result())  # the coder's rows go in with their layer
        assert store.counts() == before
        store.add_correction(
            "a-libya-e1", action="edit", author="ana", changes={"sources": [{"actor_id": "Q-menfi"}]}
        )
        assert [r["id"] for r in store.events(EventFilter(actor="Q1161140")).rows] == []
        assert store.count_events(EventFilter(actor="Q-menfi")) == 2
