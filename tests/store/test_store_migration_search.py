"""Migration 8 upgrades a version-7 database: SQLite's full-text index is merged into one
segment and finds what it found before; elsewhere nothing changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Connection
from store_factory import bulk_result, libya_result, sudan_result

from thucydides.store import EventFilter, Store
from thucydides.store import schema as tables
from thucydides.store.migrations import FTS_TABLE, MIGRATIONS

WORDS = ["tear gas", "gas", "Counter-Terrorism", "helicopters", "protesters"]


def segments(conn: Connection) -> int:
    """The FTS5 index's segments (from its ``_idx`` shadow table)."""
    found = conn.exec_driver_sql(f"SELECT count(DISTINCT segid) FROM {FTS_TABLE}_idx")
    return int(found.scalar_one())


def found(store: Store) -> dict[str, list[str]]:
    return {w: sorted(r["id"] for r in store.events(EventFilter(text=w), limit=100).rows) for w in WORDS}


@pytest.fixture
def v7(reopenable_url: str) -> tuple[str, dict[str, list[str]]]:
    """A store at version 7 holding twelve articles, each saved on its own (one FTS5 segment
    each), and what its words found."""
    url = reopenable_url
    with Store.open(url) as store:
        store.save(libya_result())
        store.save(sudan_result())
        for i in range(10):
            store.save(bulk_result(i, day=date(2024, 1, 1) + timedelta(days=i)))
        before = found(store)
        with store.engine.begin() as conn:
            conn.execute(tables.schema_version.delete().where(tables.schema_version.c.version >= 8))
            if store.search == "fts5":
                assert segments(conn) > 1
    return url, before


def test_migration_8_merges_the_search_index(v7: tuple[str, dict[str, list[str]]]) -> None:
    url, before = v7
    with Store.open(url) as store:
        assert store.schema_version == MIGRATIONS[-1].version >= 8
        assert found(store) == before
        assert before["gas"]
        assert not before["helicopters"]
        if store.search == "fts5":
            with store.engine.connect() as conn:
                assert segments(conn) == 1
        store.save(libya_result(article_id="a-libya-again"))  # writes go on as before
        assert "a-libya-again-e1" in found(store)["Counter-Terrorism"]
