"""Migration 9 upgrades a version-8 database: ``events`` gets its (id, type) index, on
SQLite (analysed if the database was) and PostgreSQL, and answers what it answered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect
from store_factory import bulk_result, libya_result, sudan_result

from thucydides.store import EventFilter, Store
from thucydides.store import schema as tables
from thucydides.store.migrations import MIGRATIONS

INDEX = "ix_events_id_type"
FILTERS = [
    EventFilter(text="police gas", event_type="PROTEST"),
    EventFilter(text="gas", event_type=("ASSAULT", "CONSULT")),
    EventFilter(text="Haftar", event_type="CONSULT"),
    EventFilter(event_type="ASSAULT"),
]


def answers(store: Store) -> list[tuple[list[str], int, bool]]:
    out = []
    for f in FILTERS:
        total = store.total(f, cap=3)
        out.append(([r["id"] for r in store.events(f, limit=4).rows], total.count, total.is_estimate))
    return out


def indexes(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return {str(i["name"]) for i in inspect(conn).get_indexes(tables.events.name)}


@pytest.fixture
def v8(reopenable_url: str) -> tuple[str, list[tuple[list[str], int, bool]]]:
    """A store at version 8 (no (id, type) index) with a correction, and its answers."""
    url = reopenable_url
    with Store.open(url) as store:
        store.save(libya_result())
        store.save(sudan_result())
        for i in range(10):
            kind = "PROTEST" if i % 3 else "ASSAULT"
            store.save(bulk_result(i, day=date(2024, 1, 1) + timedelta(days=i), event_type=kind))
        store.add_correction("a-bulk-0004-e1", action="reject", author="ana")
        store.add_correction("a-bulk-0005-e1", action="edit", author="ana", changes={"event_type": "CONSULT"})
        before = answers(store)
        assert INDEX in indexes(store)
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP INDEX {INDEX}")
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("ANALYZE")  # the upgrade analyses the new index too
            conn.execute(tables.schema_version.delete().where(tables.schema_version.c.version >= 9))
    return url, before


def test_migration_9_adds_the_id_type_index(v8: tuple[str, list[tuple[list[str], int, bool]]]) -> None:
    url, before = v8
    with Store.open(url) as store:
        assert store.schema_version == MIGRATIONS[-1].version >= 9
        assert INDEX in indexes(store)
        assert answers(store) == before
        assert before[0][0]  # a page
        assert before[0][2]  # and a capped total
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                analysed = conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_stat1 WHERE idx = :i", {"i": INDEX}
                )
                assert analysed.scalar_one() == 1
        store.save(libya_result(article_id="a-libya-again"))  # writes go on as before
        assert "a-libya-again-e1" in [
            r["id"] for r in store.events(EventFilter(text="Haftar"), limit=50).rows
        ]
