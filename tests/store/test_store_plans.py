"""Query plans chosen for speed give the answers of the plain plans: a country probed per
event or collected first, map points counted per branch of the corrected view."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from store_factory import bulk_result, libya_result, sudan_result

from thucydides.store import EventFilter, Store, query


@pytest.fixture
def reviewed(store: Store) -> Store:
    """Fourteen events in three countries; a reviewer moved one to Tripoli (a CONSULT, like the
    coder's meeting there) and rejected another."""
    store.save(libya_result())
    store.save(sudan_result())
    for i in range(12):
        store.save(bulk_result(i, day=date(2024, 1, 1) + timedelta(days=i % 5)))
    store.add_correction(
        "a-bulk-0003-e1",
        action="edit",
        author="ana",
        changes={
            "event_type": "CONSULT",
            "location_country": "LY",
            "location_lat": 32.8872,
            "location_lon": 13.1913,
        },
    )
    store.add_correction("a-bulk-0004-e1", action="reject", author="ana")
    return store


def page(store: Store, f: EventFilter, *, plan: query.Plan, sort: str) -> list[str]:
    view = query.effective_events(f, search=store.search, plan=plan, sort=sort, top=6)
    stmt = select(view.c.id).order_by(*query.order_by(view, sort)).limit(6)
    with store.engine.connect() as conn:
        return list(conn.execute(stmt).scalars())


@pytest.mark.parametrize("country", ["LY", "SD", "FRA", "NZ"])
@pytest.mark.parametrize("sort", ["-date", "date", "-confidence", "id"])
def test_probing_a_country_gives_the_collected_answer(reviewed: Store, country: str, sort: str) -> None:
    f = EventFilter(country=country)
    collected = page(reviewed, f, plan=query.Plan(dense_country=False), sort=sort)
    assert page(reviewed, f, plan=query.Plan(dense_country=True), sort=sort) == collected
    assert [r["id"] for r in reviewed.events(f, limit=6, sort=sort).rows] == collected


def test_country_plan_follows_how_many_events_match(reviewed: Store) -> None:
    assert reviewed._plan(EventFilter(country="SD"), sorted_page=True, top=1).dense_country
    assert not reviewed._plan(EventFilter(country="SD"), sorted_page=True, top=100).dense_country
    assert not reviewed._plan(EventFilter(country="NZ"), sorted_page=True, top=1).dense_country
    assert not reviewed._plan(EventFilter(country="SD"), sorted_page=False, top=None).dense_country


def points_from_view(store: Store, f: EventFilter | None) -> dict[tuple[float, float], dict[str, Any]]:
    """Map points counted event by event from the corrected view."""
    view = store._view(f)
    columns = (
        view.c.location_lat,
        view.c.location_lon,
        view.c.event_type,
        view.c.location_name,
        view.c.location_country,
    )
    out: dict[tuple[float, float], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(*columns).where(view.c.location_lat.is_not(None)))
        for lat, lon, kind, name, country in rows:
            point = out.setdefault((lat, lon), {"types": Counter(), "names": set(), "countries": set()})
            point["types"][kind] += 1
            point["names"].add(name)
            point["countries"].add(country)
    return out


@pytest.mark.parametrize(
    "f",
    [
        None,
        EventFilter(event_type="PROTEST"),
        EventFilter(since=date(2024, 1, 2)),
        EventFilter(since=date(2024, 1, 2), until=date(2024, 1, 3)),
        EventFilter(country="LY"),
        EventFilter(include_rejected=True),
    ],
)
def test_map_points_count_both_branches(reviewed: Store, f: EventFilter | None) -> None:
    expected = points_from_view(reviewed, f)
    points = reviewed.locations(f)
    assert {(p["lat"], p["lon"]) for p in points} == set(expected)
    for p in points:
        want = expected[(p["lat"], p["lon"])]
        assert p["event_types"] == dict(want["types"])
        assert p["count"] == sum(want["types"].values())
        assert p["name"] == max(n for n in want["names"] if n is not None)
        assert p["country"] == max((c for c in want["countries"] if c is not None), default=None)
    counts = [p["count"] for p in points]
    assert counts == sorted(counts, reverse=True)
