"""Corrected sides: an analyst replaces an event's sources or targets; the coder's actor
rows stay, and every read (filters, network, counts, one event, summaries) sees the edit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from store_factory import libya_result, sudan_result

from thucydides.errors import StoreError
from thucydides.store import EventFilter, Store
from thucydides.store import schema as tables

EGYPTIANS = {"text": "Egyptian troops", "country": "EGY", "sector": "MIL"}


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(libya_result())
    store.save(sudan_result())
    return store


def actor_rows(store: Store, event_id: str) -> list[dict[str, Any]]:
    ea = tables.event_actors
    stmt = select(ea).where(ea.c.event_id == event_id).order_by(ea.c.side, ea.c.layer, ea.c.position)
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(stmt).mappings()]


def ids(store: Store, f: EventFilter) -> list[str]:
    return sorted(row["id"] for row in store.events(f).rows)


def edges(store: Store, f: EventFilter | None = None) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["event_type"]) for e in store.network(f)["edges"]}


def edit_sides(store: Store, event_id: str, **sides: Any) -> dict[str, Any]:
    return store.add_correction(event_id, action="edit", author="ana", changes=sides)


def test_edited_sides_replace_the_coder_sides_in_every_read(filled: Store) -> None:
    coder = actor_rows(filled, "a-libya-e1")
    edit_sides(filled, "a-libya-e1", sources=[{"actor_id": "Q-menfi"}], targets=[EGYPTIANS])

    # the coder's rows are all there, unchanged but for being superseded
    kept = [row for row in actor_rows(filled, "a-libya-e1") if row["layer"] == "coder"]
    assert [{**row, "effective": True} for row in kept] == coder
    assert not any(row["effective"] for row in kept)

    assert ids(filled, EventFilter(actor="Q1161140")) == []  # Haftar is no longer a side
    assert ids(filled, EventFilter(actor="Q-menfi")) == ["a-libya-e1", "a-libya-e2"]
    assert ids(filled, EventFilter(actor="egyptian")) == ["a-libya-e1"]
    assert ids(filled, EventFilter(country="EGY")) == ["a-libya-e1"]
    assert ids(filled, EventFilter(country="FRA")) == ["a-libya-e2"]  # Soler was e1's target
    assert filled.count_events(EventFilter(country="EGY")) == 1  # summary table
    assert filled.count_events(EventFilter(country="FRA")) == 1

    consult = EventFilter(event_type="CONSULT")
    assert edges(filled) == edges(filled, consult) | {("the police", "protesters", "ASSAULT")}
    assert ("Q-menfi", "Egyptian troops", "CONSULT") in edges(filled)  # edge_daily
    assert ("Q1161140", "Q-soler", "CONSULT") not in edges(filled, EventFilter(country="LY"))  # the view
    assert ("Q-menfi", "Egyptian troops", "CONSULT") in edges(filled, EventFilter(country="LY"))

    by_country = {r["value"]: r["count"] for r in filled.breakdown(by="actor_country")}
    assert by_country["EGY"] == 1
    assert by_country["FRA"] == 1
    counts = {a["id"]: a["event_count"] for a in filled.actors()}
    assert counts["Q1161140"] == 0
    assert counts["Q-menfi"] == 2
    menfi = filled.actor("Q-menfi")
    assert menfi is not None
    assert menfi["event_count"] == 2


def test_one_event_shows_the_corrected_sides_and_what_changed(filled: Store) -> None:
    saved = edit_sides(filled, "a-libya-e1", sources=["mohamed al-menfi"], targets=[EGYPTIANS])
    # the audit trail holds the actors as resolved when the correction was made
    assert saved["changes"]["sources"] == [
        {
            "actor_id": "Q-menfi",
            "text": "mohamed al-menfi",
            "name": "Mohamed al-Menfi",
            "country": "LBY",
            "sector": "GOV",
        }
    ]
    event = filled.event("a-libya-e1")
    assert event is not None
    assert [(a["actor_id"], a["name"], a["country"], a["resolution"]) for a in event["sources"]] == [
        ("Q-menfi", "Mohamed al-Menfi", "LBY", "review")
    ]
    assert [(a["actor_id"], a["text"], a["country"], a["sector"]) for a in event["targets"]] == [
        (None, "Egyptian troops", "EGY", "MIL")
    ]
    assert event["review"] == "edited"
    assert event["corrected_fields"] == ["sources", "targets"]
    assert [c["action"] for c in event["corrections"]] == ["edit"]
    untouched = filled.event("a-libya-e2")
    assert untouched is not None
    assert untouched["corrected_fields"] == []
    assert [a["actor_id"] for a in untouched["sources"]] == ["Q-soler"]


def test_one_side_edited_leaves_the_other_to_the_coder(filled: Store) -> None:
    edit_sides(filled, "a-sudan-e1", targets=[])
    event = filled.event("a-sudan-e1")
    assert event is not None
    assert [a["text"] for a in event["sources"]] == ["the police"]
    assert event["targets"] == []
    assert event["corrected_fields"] == ["targets"]
    assert ("the police", "protesters", "ASSAULT") not in edges(filled)
    assert filled.count_events(EventFilter(actor="protesters")) == 0


def test_edit_then_reject_then_confirm_and_a_later_edit_wins(filled: Store) -> None:
    edit_sides(filled, "a-libya-e2", targets=[{"actor_id": "Q1161140"}])
    filled.add_correction("a-libya-e2", action="reject", author="ben")
    assert ids(filled, EventFilter(actor="Q1161140")) == ["a-libya-e1"]  # rejected: left out
    rejected = filled.event("a-libya-e2")
    assert rejected is not None
    assert [a["actor_id"] for a in rejected["targets"]] == ["Q1161140"]
    filled.add_correction("a-libya-e2", action="confirm", author="cy")
    assert ids(filled, EventFilter(actor="Q1161140")) == ["a-libya-e1", "a-libya-e2"]
    edit_sides(filled, "a-libya-e2", targets=["Q-menfi", "Unknown militia"])
    event = filled.event("a-libya-e2")
    assert event is not None
    assert [(a["actor_id"], a["text"]) for a in event["targets"]] == [
        ("Q-menfi", "Mohamed al-Menfi"),
        (None, "Unknown militia"),
    ]
    assert event["review"] == "edited"
    assert event["corrected_fields"] == ["targets"]
    assert ids(filled, EventFilter(actor="Q1161140")) == ["a-libya-e1"]
    review = [r for r in actor_rows(filled, "a-libya-e2") if r["layer"] == "review"]
    assert [(r["side"], r["position"], r["text"]) for r in review] == [
        ("target", 0, "Mohamed al-Menfi"),
        ("target", 1, "Unknown militia"),
    ]


def test_edited_sides_survive_reingestion(filled: Store) -> None:
    edit_sides(filled, "a-libya-e1", sources=[EGYPTIANS])
    before = filled.counts()
    filled.save(libya_result())
    assert filled.counts() == before
    assert ids(filled, EventFilter(country="EGY")) == ["a-libya-e1"]
    assert filled.count_events(EventFilter(country="EGY")) == 1
    assert ids(filled, EventFilter(actor="Q1161140")) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sources": [{"actor_id": "Q-nobody"}]}, "no actor 'Q-nobody'.*GET /api/actors"),
        ({"sources": "Q-menfi"}, "expects a list of actors"),
        ({"sources": [{"name": "x"}]}, "unknown keys"),
        ({"sources": [{"country": "EGY"}]}, "needs an 'actor_id' or a 'text'"),
        ({"sources": [{"actor_id": "Q-menfi", "country": "EGY"}]}, "come from its record"),
        ({"targets": [{"text": "x", "country": "Atlantis"}]}, "unknown country"),
        ({"targets": [{"text": "x", "sector": "military!"}]}, "not a PLOVER sector"),
        ({"targets": [" "]}, "empty string"),
        ({"sources": [], "targets": []}, "needs an actor on some side"),
    ],
)
def test_bad_sides_are_refused(filled: Store, changes: dict[str, Any], message: str) -> None:
    before = actor_rows(filled, "a-libya-e1")
    with pytest.raises(StoreError, match=message):
        filled.add_correction("a-libya-e1", action="edit", author="ana", changes=changes)
    assert filled.corrections() == []
    assert actor_rows(filled, "a-libya-e1") == before


def test_emptying_the_last_side_is_refused_and_rolled_back(filled: Store) -> None:
    edit_sides(filled, "a-libya-e1", targets=[])
    with pytest.raises(StoreError, match="no actor on either side"):
        edit_sides(filled, "a-libya-e1", sources=[])
    assert [c["changes"] for c in filled.corrections()] == [{"targets": []}]
    event = filled.event("a-libya-e1")
    assert event is not None
    assert [a["actor_id"] for a in event["sources"]] == ["Q1161140"]
