"""Opening, migrating, saving (idempotently), runs and ingest errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from store_factory import libya_result, sudan_result

from thucydides.errors import StoreError
from thucydides.store import Store
from thucydides.store import schema as tables
from thucydides.store.migrations import MIGRATIONS


def test_fresh_database_is_migrated_to_the_newest_version(store: Store) -> None:
    assert store.schema_version == MIGRATIONS[-1].version
    with store.engine.connect() as conn:
        applied = conn.execute(select(tables.schema_version.c.version)).scalars().all()
    assert sorted(applied) == [m.version for m in MIGRATIONS]
    assert set(store.counts()) >= {t.name for t in tables.metadata.sorted_tables} - {"schema_version"}


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    with Store.open(url) as first:
        first.save(libya_result())
        before = first.counts()
    with Store.open(url) as second:
        assert second.counts() == before
        with second.engine.connect() as conn:
            versions = conn.execute(select(tables.schema_version.c.version)).scalars().all()
        assert len(versions) == len(MIGRATIONS)


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'wal.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert store.search == "fts5"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'future.db'}"
    with Store.open(url) as store, store.engine.begin() as conn:
        conn.execute(
            tables.schema_version.insert().values(version=999, description="future", applied_at=date.today())
        )
    with pytest.raises(StoreError, match="newer than this thucydides"):
        Store.open(url)


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("not a url", "cannot read database URL"),
        ("nosuchdb+driver://x/y", "no database driver"),
        ("sqlite:////nonexistent-dir/sub/x.db", "directory exists"),
    ],
)
def test_open_failures_say_what_to_do(url: str, hint: str) -> None:
    with pytest.raises(StoreError, match=hint):
        Store.open(url)


def test_save_stores_every_layer(store: Store) -> None:
    store.save(libya_result())
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["sentences"] == 2
    assert counts["removed"] == 1
    assert counts["mentions"] == 3
    assert counts["places"] == 2
    assert counts["events"] == 2
    assert counts["event_actors"] == 4
    assert counts["event_evidence"] == 3  # the second event has one more span
    assert counts["actors"] == 3


def test_saving_twice_changes_no_count(store: Store) -> None:
    store.save(libya_result())
    store.save(sudan_result())
    once = store.counts()
    store.save(libya_result())
    store.save(sudan_result())
    assert store.counts() == once


def test_resave_replaces_the_article_rows(store: Store) -> None:
    full = libya_result()
    store.save(full)
    store.save(replace(full, events=full.events[:1], mentions=full.mentions[:2]))
    counts = store.counts()
    assert counts["events"] == 1
    assert counts["mentions"] == 2
    assert counts["event_evidence"] == 1
    assert store.event("a-libya-e2") is None
    # actors seen once stay known: the actors table is a registry, not a per-article layer
    assert counts["actors"] == 3


def test_event_id_shared_by_two_articles_is_a_clear_error(store: Store) -> None:
    store.save(libya_result(article_id="first"))
    clash = libya_result(article_id="second")
    clash = replace(clash, events=tuple(replace(e, id=e.id.replace("second", "first")) for e in clash.events))
    with pytest.raises(StoreError, match="unique across articles"):
        store.save(clash)
    assert store.counts()["articles"] == 1  # the failed save left nothing behind


def test_actor_registry_keeps_known_values(store: Store) -> None:
    result = libya_result()
    store.save(result)
    bare = replace(result.mentions[0], actor=replace(result.mentions[0].actor, name=None, country=None))
    store.save(replace(libya_result(article_id="other"), mentions=(bare,)))
    haftar = next(a for a in store.actors(query="haftar"))
    assert (haftar["name"], haftar["country"], haftar["sector"]) == ("Khalifa Haftar", "LBY", "MIL")


def test_article_round_trip(store: Store) -> None:
    result = libya_result()
    store.save(result, run_id="r1")
    art = store.article("a-libya")
    assert art is not None
    assert art["text"] == result.text
    assert art["published"] == date(2023, 10, 1)
    assert art["run_id"] == "r1"
    assert art["raw_metadata"] == {"section": "politics", "fetched": "2023-10-02"}
    assert [s["text"] for s in art["sentences"]] == [s.text for s in result.sentences]
    assert art["removed"][0]["reason"] == "repeated-title"
    assert [m["actor_id"] for m in art["mentions"]] == ["Q1161140", "Q-soler", "Q-menfi"]
    assert art["places"][0]["geonameid"] == 2210247
    assert art["places"][1]["resolved"] is False
    assert art["events"] == ["a-libya-e1", "a-libya-e2"]
    assert store.article("missing") is None


def test_event_detail(store: Store) -> None:
    store.save(libya_result())
    event = store.event("a-libya-e2")
    assert event is not None
    assert event["event_type"] == "CONSULT"
    assert event["contexts"] == ["diplomatic"]
    assert [a["name"] for a in event["sources"]] == ["Paul Soler"]
    assert [a["resolution"] for a in event["targets"]] == ["skeleton"]
    assert event["location"]["geonameid"] == 2210247
    assert event["location"]["feature"] == "PPLC"
    assert event["evidence"][1] == {"start": 0, "end": 10}
    assert event["date"] == {"value": None, "precision": "unknown", "text": None, "basis": "none"}
    assert event["effective_date"] == date(2023, 10, 1)  # falls back to the published date
    assert event["article"]["title"].startswith("French Envoy")
    assert event["review"] is None
    assert event["corrections"] == []


def test_undated_article_keeps_weekday_only_dates(store: Store) -> None:
    store.save(libya_result(published=None))
    event = store.event("a-libya-e1")
    assert event is not None
    assert event["date"]["precision"] == "weekday-only"
    assert event["date"]["value"] is None
    assert event["effective_date"] is None


def test_runs_are_recorded(store: Store) -> None:
    run = store.start_run(
        model_version="en_core_web_sm 3.8.0", coder_version="c1", settings_fingerprint="abc"
    )
    store.finish_run(run, counts={"articles": 2, "events": 3})
    [row] = store.runs()
    assert row["id"] == run
    assert row["counts"] == {"articles": 2, "events": 3}
    assert row["finished_at"] is not None
    assert row["thucydides_version"]
    with pytest.raises(StoreError, match="no run"):
        store.finish_run("nope")


def test_errors_are_deduplicated_by_source_and_reason(store: Store) -> None:
    store.record_error("bad.bin", reason="not text", error_class="BinaryInputError", run_id="r1")
    store.record_error("bad.bin", reason="not text", error_class="BinaryInputError", run_id="r2")
    store.record_error("bad.bin", reason="empty", error_class="EmptyInputError", run_id="r2")
    assert store.counts()["ingest_errors"] == 2
    rows = store.errors()
    assert {(r["reason"], r["run_id"]) for r in rows} == {("not text", "r2"), ("empty", "r2")}
    assert store.errors(run_id="r1") == []
