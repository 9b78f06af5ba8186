"""The summary tables stay equal to what the corrected view says, through saves,
re-saves and corrections, and a rebuild gives the same rows as the running updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from store_factory import bulk_result, libya_result, sudan_result

from thucydides.store import EventFilter, Store, aggregates, schema, summary

FILTERS = [
    None,
    EventFilter(event_type="ASSAULT"),
    EventFilter(event_type=("CONSULT", "PROTEST")),
    EventFilter(country="LY"),
    EventFilter(country="FRA"),  # an actor's country only
    EventFilter(country="SD", event_type="ASSAULT"),
    EventFilter(since=date(2023, 11, 1)),
    EventFilter(until=date(2023, 12, 31)),  # undated events never match a date bound
    EventFilter(since=date(2024, 1, 3), until=date(2024, 1, 9), event_type="PROTEST"),
    EventFilter(since=date.min),  # the day undated events are kept under: they still never match
    EventFilter(since=date.min, until=date(2024, 1, 5)),
]


def from_view(store: Store, f: EventFilter | None) -> dict[str, Any]:
    """Count, timelines and breakdown computed over the corrected view itself."""
    view = store._view(f)
    with store.engine.connect() as conn:
        return {
            "count": conn.execute(select(func.count()).select_from(view)).scalar_one(),
            "weeks": aggregates.timeline(conn, view, interval="week", by="event_type"),
            "months": aggregates.timeline(conn, view, interval="month"),
            "types": {
                r["value"]: r["count"] for r in aggregates.breakdown(conn, view, by="event_type", limit=50)
            },
        }


def from_summary(store: Store, f: EventFilter | None) -> dict[str, Any]:
    assert summary.covers(f)
    return {
        "count": store.count_events(f),
        "weeks": store.timeline(f, interval="week", by="event_type"),
        "months": store.timeline(f, interval="month"),
        "types": {r["value"]: r["count"] for r in store.breakdown(f, by="event_type", limit=50)},
    }


def network_from_view(store: Store, f: EventFilter | None) -> dict[str, Any]:
    with store.engine.connect() as conn:
        return aggregates.network(conn, store._view(f), limit=500)


def assert_consistent(store: Store) -> None:
    for f in FILTERS:
        assert from_summary(store, f) == from_view(store, f), f
        if summary.covers_network(f):
            assert store.network(f, limit=500) == network_from_view(store, f), f


def table_rows(store: Store) -> tuple[set[tuple[Any, ...]], ...]:
    daily, stats, edges = schema.event_daily, schema.actor_stats, schema.edge_daily
    with store.engine.connect() as conn:
        days = {tuple(r) for r in conn.execute(select(daily).where(daily.c.n != 0))}
        edge_days = {tuple(r) for r in conn.execute(select(edges).where(edges.c.n != 0))}
        actors = {
            tuple(r)
            for r in conn.execute(
                select(stats).where((stats.c.event_count != 0) | (stats.c.mention_count != 0))
            )
        }
    return days, actors, edge_days


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(libya_result())
    store.save(sudan_result())
    store.save(sudan_result(article_id="undated", published=None))
    start = date(2024, 1, 1)
    for i in range(10):
        store.save(
            bulk_result(i, day=start + timedelta(days=i), event_type="ASSAULT" if i % 3 else "PROTEST")
        )
    return store


def test_summary_follows_saves_and_corrections(filled: Store) -> None:
    assert_consistent(filled)
    assert filled.count_events() == 14
    filled.add_correction("a-sudan-e1", action="reject", author="ana")
    assert_consistent(filled)
    filled.add_correction("a-sudan-e1", action="confirm", author="ben")
    sudan_assaults = EventFilter(country="SD", event_type="ASSAULT")
    before = filled.count_events(sudan_assaults)
    filled.add_correction(
        "a-libya-e1",
        action="edit",
        author="ana",
        changes={"event_type": "ASSAULT", "date_value": "2024-01-04", "location_country": "SD"},
    )
    assert_consistent(filled)
    assert filled.count_events(sudan_assaults) == before + 1
    filled.save(libya_result())  # re-ingest: the correction is re-applied to the new rows
    filled.save(sudan_result())
    assert_consistent(filled)


def test_actor_counts_follow_saves_and_rejections(filled: Store) -> None:
    soler = next(a for a in filled.actors() if a["id"] == "Q-soler")
    assert (soler["event_count"], soler["mention_count"]) == (2, 1)
    filled.add_correction("a-libya-e1", action="reject", author="ana")
    filled.save(libya_result())
    soler = next(a for a in filled.actors() if a["id"] == "Q-soler")
    assert (soler["event_count"], soler["mention_count"]) == (1, 1)


def test_rebuild_matches_running_updates(filled: Store) -> None:
    filled.add_correction("a-libya-e2", action="edit", author="ana", changes={"event_type": "PROTEST"})
    filled.add_correction("a-sudan-e1", action="reject", author="ana")
    running = table_rows(filled)
    filled.rebuild_summaries()
    assert table_rows(filled) == running
    assert all(running)  # not vacuous


def test_network_counts_each_event_once_per_edge(filled: Store) -> None:
    """An actor named twice on one side still makes one edge of that event."""
    twice = libya_result(article_id="twice")
    meeting = twice.events[1]
    twice = replace(twice, events=(replace(meeting, sources=(*meeting.sources, *meeting.sources)),))
    filled.save(twice)
    assert_consistent(filled)
    edges = {
        (e["source"], e["target"]): e["count"]
        for e in filled.network(EventFilter(event_type="CONSULT"))["edges"]
    }
    assert edges[("Q-soler", "Q-menfi")] == 2
    assert summary.covers_network(EventFilter(since=date(2024, 1, 1), event_type="AID"))
    assert not summary.covers_network(EventFilter(country="LY"))


def test_filters_the_summary_cannot_answer_use_the_view(filled: Store) -> None:
    assert not summary.covers(EventFilter(actor="Q-soler"))
    assert not summary.covers(EventFilter(include_rejected=True))
    filled.add_correction("a-sudan-e1", action="reject", author="ana")
    assert filled.count_events(EventFilter(include_rejected=True)) == 14
    assert filled.count_events(EventFilter(actor="Q-soler")) == 2


def test_total_is_capped_unless_the_summary_answers(filled: Store) -> None:
    assert filled.total(cap=3).count == 14
    assert not filled.total(cap=3).is_estimate
    capped = filled.total(EventFilter(min_confidence=0.0), cap=3)
    assert (capped.count, capped.is_estimate) == (3, True)
    exact = filled.total(EventFilter(actor="Q-soler"), cap=3)
    assert (exact.count, exact.is_estimate) == (2, False)


def test_summaries_follow_edited_sides(filled: Store) -> None:
    """A side edit moves an event's actor countries and network edges; a rebuild agrees."""
    frenchmen = EventFilter(country="FRA")
    before = filled.count_events(frenchmen)
    filled.add_correction(
        "a-libya-e1",
        action="edit",
        author="ana",
        changes={"targets": [{"text": "Egyptian troops", "country": "EGY", "sector": "MIL"}]},
    )
    assert_consistent(filled)
    assert filled.count_events(frenchmen) == before - 1
    assert filled.count_events(EventFilter(country="EGY")) == 1
    assert from_summary(filled, EventFilter(country="EGY")) == from_view(filled, EventFilter(country="EGY"))
    soler = next(a for a in filled.actors() if a["id"] == "Q-soler")
    assert soler["event_count"] == 1
    filled.add_correction("a-sudan-e1", action="edit", author="ana", changes={"sources": ["Q-soler"]})
    assert_consistent(filled)
    running = table_rows(filled)
    filled.rebuild_summaries()
    assert table_rows(filled) == running
    assert ("Q-soler", "protesters") in {(e["source"], e["target"]) for e in filled.network()["edges"]}


def shown(terms: list[Any]) -> list[str]:
    return [str(t.compile(compile_kwargs={"literal_binds": True})) for t in terms]


@pytest.mark.parametrize(
    ("f", "bounds"),
    [
        (EventFilter(since=date(2024, 1, 3)), ["day >= '2024-01-03'"]),
        (EventFilter(until=date(2024, 1, 3)), ["day > '0001-01-01'", "day <= '2024-01-03'"]),
        (EventFilter(since=date.min), ["day > '0001-01-01'"]),
        (EventFilter(), []),
    ],
)
def test_a_date_range_has_one_lower_bound(f: EventFilter, bounds: list[str]) -> None:
    """``day > UNDATED`` beside ``day >= since`` made SQLite range its index scan on the
    first bound (every day from the start): the summaries give it one lower bound."""
    day = schema.edge_daily.c.day
    assert shown(summary._days(day, f)) == [f"edge_daily.{b}" for b in bounds]
    dated = bounds or ["day > '0001-01-01'"]
    assert shown(summary._days(day, f, dated=True)) == [f"edge_daily.{b}" for b in dated]
