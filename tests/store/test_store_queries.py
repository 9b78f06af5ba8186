"""Event filters, sorting, pagination, streaming and aggregates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_factory import bulk_result, libya_result, sudan_result

from thucydides.errors import StoreError
from thucydides.store import EventFilter, Store, country_codes


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(libya_result(), run_id="run-a")
    store.save(sudan_result(), run_id="run-b")
    return store


def ids(store: Store, **filters: object) -> set[str]:
    page = store.events(EventFilter(**filters), limit=100)  # type: ignore[arg-type]
    return {row["id"] for row in page.rows}


ALL = {"a-libya-e1", "a-libya-e2", "a-sudan-e1"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ALL),
        ({"event_type": "ASSAULT"}, {"a-sudan-e1"}),
        ({"event_type": ("ASSAULT", "CONSULT")}, ALL),
        ({"mode": "meet"}, {"a-libya-e1", "a-libya-e2"}),
        ({"context": "terrorism"}, {"a-libya-e1"}),
        ({"context": "diplomatic"}, {"a-libya-e1", "a-libya-e2"}),
        ({"context": "diplo"}, set()),  # a context matches whole, not by prefix
        ({"status": "occurred"}, ALL),
        ({"actor": "Q-menfi"}, {"a-libya-e2"}),
        ({"actor": "soler"}, {"a-libya-e1", "a-libya-e2"}),
        ({"actor": "PROTEST"}, {"a-sudan-e1"}),  # unresolved actors match by their text
        ({"country": "SD"}, {"a-sudan-e1"}),  # location country
        ({"country": "FRA"}, {"a-libya-e1", "a-libya-e2"}),  # an actor's country
        ({"country": "ly"}, {"a-libya-e1", "a-libya-e2"}),
        ({"since": date(2023, 11, 1)}, {"a-sudan-e1"}),  # falls back to the published date
        ({"until": date(2023, 10, 1)}, {"a-libya-e1", "a-libya-e2"}),
        ({"since": date(2023, 10, 2), "until": date(2023, 11, 14)}, set()),
        ({"bbox": (10.0, 30.0, 20.0, 35.0)}, {"a-libya-e2"}),
        ({"bbox": (30.0, 10.0, 35.0, 20.0)}, {"a-sudan-e1"}),
        ({"text": "tear gas"}, {"a-sudan-e1"}),
        ({"text": "Counter-Terrorism"}, {"a-libya-e1"}),
        ({"text": "gas tear"}, {"a-sudan-e1"}),  # all words, any order
        ({"text": "tear helicopters"}, set()),
        ({"article_id": "a-libya"}, {"a-libya-e1", "a-libya-e2"}),
        ({"run_id": "run-b"}, {"a-sudan-e1"}),
        ({"min_confidence": 0.85}, {"a-libya-e1"}),
        ({"event_type": "CONSULT", "country": "LBY", "actor": "haftar"}, {"a-libya-e1"}),
    ],
)
def test_filters(filled: Store, filters: dict[str, object], expected: set[str]) -> None:
    assert ids(filled, **filters) == expected
    assert filled.count_events(EventFilter(**filters)) == len(expected)  # type: ignore[arg-type]


def test_unknown_country_and_sort_are_errors(filled: Store) -> None:
    with pytest.raises(StoreError, match="unknown country"):
        filled.events(EventFilter(country="Narnia"))
    with pytest.raises(StoreError, match="unknown sort"):
        filled.events(sort="size")
    assert country_codes("Libya") == ("LY", "LBY")


def test_like_metacharacters_are_literal(filled: Store) -> None:
    assert ids(filled, actor="%") == set()
    assert ids(filled, actor="_") == set()


@pytest.fixture
def many(store: Store) -> Store:
    start = date(2024, 1, 1)  # a Monday
    for i in range(23):
        kind = "PROTEST" if i % 3 else "ASSAULT"
        store.save(bulk_result(i, day=start + timedelta(days=i), event_type=kind))
    store.save(sudan_result(article_id="undated", published=None))
    return store


def test_sort_by_date_puts_undated_last(many: Store) -> None:
    newest = many.events(limit=30).rows
    assert newest[0]["effective_date"] == date(2024, 1, 23)
    assert newest[-1]["effective_date"] is None
    oldest = many.events(limit=30, sort="date").rows
    assert oldest[0]["effective_date"] == date(2024, 1, 1)
    assert oldest[-1]["effective_date"] is None
    by_confidence = [r["confidence"] for r in many.events(limit=30, sort="-confidence").rows]
    assert by_confidence == sorted(by_confidence, reverse=True)


def test_offset_pagination_covers_everything_once(many: Store) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = many.events(limit=5, offset=offset)
        seen += [r["id"] for r in page.rows]
        if not page.has_more:
            break
        offset += 5
    assert len(seen) == len(set(seen)) == 24


def test_iter_events_streams_in_batches(many: Store) -> None:
    streamed = [r["id"] for r in many.iter_events(batch_size=4)]
    assert streamed == sorted(streamed)
    assert len(streamed) == 24
    assert [r["id"] for r in many.iter_events(EventFilter(event_type="ASSAULT"), batch_size=3)] == [
        *(f"a-bulk-{i:04d}-e1" for i in range(0, 23, 3)),
        "undated-e1",
    ]


def test_timeline(many: Store) -> None:
    days = many.timeline()
    assert days[0] == {"period": date(2024, 1, 1), "count": 1}
    assert len(days) == 23
    weeks = many.timeline(interval="week")
    assert [w["period"] for w in weeks] == [date(2024, 1, 1) + timedelta(weeks=k) for k in range(4)]
    assert [w["count"] for w in weeks] == [7, 7, 7, 2]
    months = many.timeline(EventFilter(event_type="ASSAULT"), interval="month")
    assert months == [{"period": date(2024, 1, 1), "count": 8}]
    with pytest.raises(StoreError, match="unknown interval"):
        many.timeline(interval="decade")


def test_breakdowns(filled: Store) -> None:
    assert filled.breakdown() == [{"value": "CONSULT", "count": 2}, {"value": "ASSAULT", "count": 1}]
    by_place = {r["value"]: r["count"] for r in filled.breakdown(by="location_country")}
    assert by_place == {"LY": 1, "SD": 1, None: 1}
    by_actor_country = {r["value"]: r["count"] for r in filled.breakdown(by="actor_country")}
    assert by_actor_country == {"LBY": 2, "FRA": 2, "SDN": 1}
    with pytest.raises(StoreError, match="cannot break down"):
        filled.breakdown(by="colour")


def test_network(filled: Store) -> None:
    net = filled.network()
    edges = {(e["source"], e["target"], e["event_type"]): e["count"] for e in net["edges"]}
    assert edges == {
        ("Q1161140", "Q-soler", "CONSULT"): 1,
        ("Q-soler", "Q-menfi", "CONSULT"): 1,
        ("the police", "protesters", "ASSAULT"): 1,
    }
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["Q-menfi"]["name"] == "Mohamed al-Menfi"
    assert nodes["protesters"]["resolved"] is False


def test_actors_and_actor(filled: Store) -> None:
    listed = filled.actors()
    assert listed[0]["id"] == "Q-soler"  # in both events
    assert listed[0]["event_count"] == 2
    assert listed[0]["mention_count"] == 1
    assert [a["id"] for a in filled.actors(country="lby")] == ["Q-menfi", "Q1161140"]
    assert [a["id"] for a in filled.actors(sector="mil")] == ["Q1161140"]
    soler = filled.actor("Q-soler")
    assert soler is not None
    assert soler["event_count"] == 2
    assert {(e["source"], e["target"]) for e in soler["neighbours"]} == {
        ("Q1161140", "Q-soler"),
        ("Q-soler", "Q-menfi"),
    }
    assert filled.actor("Q-nobody") is None
