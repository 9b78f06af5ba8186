"""A part of an actor's name, probed event by event (the plan for a part that matches many
events) or collected first, selects the events the plain definition does: a registered
actor named like it or an unresolved actor told like it, on either side, as corrected."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from store_factory import HAFTAR, POLICE, bulk_result, libya_result, sudan_result

from thucydides.records import ActorRef
from thucydides.store import EventFilter, Store, query

#: an unresolved actor whose text holds a registered actor's name part
LOYALISTS = ActorRef(text="Haftar loyalists", country="LBY", sector="MIL", resolution="generic")

#: "mnifi" is in the text of a registered actor (Q-menfi), not in its name: no match
PARTS = ["haftar", "HAFTAR", "khalifa h", "loyal", "police", "protest", "sol", "mnifi", "%", "nobody"]
SORTS = ["-date", "date", "-confidence", "id"]


@pytest.fixture
def reviewed(store: Store) -> Store:
    """Sixteen events: Haftar (registered) the source of most bulk events, 'Haftar loyalists'
    (unresolved) the target of some; analysts moved Haftar off one event and onto another,
    told a third's source by name, and rejected a fourth."""
    store.save(libya_result())
    store.save(sudan_result())
    for i in range(14):
        base = bulk_result(i, day=date(2024, 1, 1) + timedelta(days=i % 6))
        sources, targets = (HAFTAR if i % 3 else POLICE,), (LOYALISTS if i % 4 == 0 else POLICE,)
        store.save(replace(base, events=(replace(base.events[0], sources=sources, targets=targets),)))
    edit = {"action": "edit", "author": "ana"}
    store.add_correction("a-bulk-0007-e1", **edit, changes={"sources": [{"text": "unknown gunmen"}]})
    store.add_correction("a-bulk-0003-e1", **edit, changes={"targets": ["Q1161140"]})
    store.add_correction("a-bulk-0009-e1", **edit, changes={"sources": [{"text": "a Haftar aide"}]})
    store.add_correction("a-bulk-0005-e1", action="reject", author="ana")
    return store


def by_definition(store: Store, part: str, *, include_rejected: bool) -> set[str]:
    """The events with an actor named (registered) or told (unresolved) like ``part``."""
    needle = part.lower()
    named = {a["id"] for a in store.actors(limit=1000) if needle in (a["name"] or "").lower()}

    def matches(actor: dict[str, Any]) -> bool:
        if actor["actor_id"] is not None:
            return bool(actor["actor_id"] in named)
        return needle in actor["text"].lower() or needle in (actor["name"] or "").lower()

    f = EventFilter(include_rejected=include_rejected)
    return {e["id"] for e in store.iter_events(f) if any(map(matches, e["sources"] + e["targets"]))}


def page(store: Store, f: EventFilter, *, dense: bool, sort: str) -> list[str]:
    plan = query.Plan(dense_actor=dense)
    view = query.effective_events(f, search=store.search, plan=plan, sort=sort, top=5)
    stmt = select(view.c.id).order_by(*query.order_by(view, sort)).limit(5)
    with store.engine.connect() as conn:
        return list(conn.execute(stmt).scalars())


def counted(store: Store, f: EventFilter, *, dense: bool) -> int:
    view = query.effective_events(f, search=store.search, plan=query.Plan(dense_actor=dense))
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(view)).scalar_one())


@pytest.mark.parametrize("include_rejected", [False, True])
@pytest.mark.parametrize("part", PARTS)
def test_probing_a_name_part_gives_the_collected_answer(
    reviewed: Store, part: str, include_rejected: bool
) -> None:
    f = EventFilter(actor=part, include_rejected=include_rejected)
    expected = by_definition(reviewed, part, include_rejected=include_rejected)
    assert counted(reviewed, f, dense=False) == counted(reviewed, f, dense=True) == len(expected)
    assert reviewed.total(f).count == len(expected)
    for sort in SORTS:
        collected = page(reviewed, f, dense=False, sort=sort)
        assert set(collected) <= expected
        assert len(collected) == min(5, len(expected))
        assert page(reviewed, f, dense=True, sort=sort) == collected
        assert [r["id"] for r in reviewed.events(f, limit=5, sort=sort).rows] == collected


def test_the_fixture_has_a_part_naming_registered_and_unresolved_actors(reviewed: Store) -> None:
    found = by_definition(reviewed, "haftar", include_rejected=False)
    assert {"a-libya-e1", "a-bulk-0001-e1"} <= found  # Haftar as coded
    assert {"a-bulk-0000-e1", "a-bulk-0012-e1"} <= found  # 'Haftar loyalists' only
    assert {"a-bulk-0003-e1", "a-bulk-0009-e1"} <= found  # sides edited to Haftar, to 'a Haftar aide'
    assert "a-bulk-0007-e1" not in found  # Haftar edited off the event
    assert "a-bulk-0005-e1" not in found  # rejected
    assert "a-bulk-0005-e1" in by_definition(reviewed, "haftar", include_rejected=True)


def test_name_part_plan_follows_how_many_events_the_named_actors_have(reviewed: Store) -> None:
    def dense(part: str, *, sorted_page: bool = True, top: int | None = 1) -> bool:
        return reviewed._plan(EventFilter(actor=part), sorted_page=sorted_page, top=top).dense_actor

    assert dense("haftar")
    assert dense("haftar", sorted_page=False, top=1)  # a total capped at one
    assert not dense("haftar", top=100)
    assert not dense("haftar", sorted_page=False, top=None)
    assert not dense("Q1161140")  # a known id: its own index, never probed
    assert not dense("loyal")  # unresolved actors only: nothing to go by
