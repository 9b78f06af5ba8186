"""The review layer: corrections change what every query sees, never the coder's rows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from store_factory import libya_result, sudan_result

from thucydides.errors import StoreError
from thucydides.store import EventFilter, Store
from thucydides.store import schema as tables


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(libya_result())
    store.save(sudan_result())
    return store


def coder_type(store: Store, event_id: str) -> str:
    with store.engine.connect() as conn:
        ev = tables.events
        return str(conn.execute(select(ev.c.event_type).where(ev.c.id == event_id)).scalar_one())


def test_reject_hides_the_event_everywhere(filled: Store) -> None:
    filled.add_correction("a-sudan-e1", action="reject", author="ana", note="tear gas is not an assault here")
    assert filled.count_events() == 2
    assert filled.count_events(EventFilter(include_rejected=True)) == 3
    assert filled.breakdown() == [{"value": "CONSULT", "count": 2}]
    assert {e["event_type"] for e in filled.network()["edges"]} == {"CONSULT"}
    assert all(r["id"] != "a-sudan-e1" for r in filled.iter_events())
    detail = filled.event("a-sudan-e1")
    assert detail is not None
    assert detail["review"] == "rejected"
    assert [c["note"] for c in detail["corrections"]] == ["tear gas is not an assault here"]


def test_confirm_after_reject_restores(filled: Store) -> None:
    filled.add_correction("a-sudan-e1", action="reject", author="ana")
    filled.add_correction("a-sudan-e1", action="confirm", author="ben")
    assert filled.count_events() == 3
    detail = filled.event("a-sudan-e1")
    assert detail is not None
    assert detail["review"] == "confirmed"
    assert [c["action"] for c in filled.corrections("a-sudan-e1")] == ["reject", "confirm"]


def test_edit_changes_filters_and_rows_but_not_the_coder_row(filled: Store) -> None:
    filled.add_correction(
        "a-sudan-e1",
        action="edit",
        author="ana",
        changes={"event_type": "COERCE", "contexts": ["protest", "repression"], "date_value": "2023-11-12"},
    )
    assert coder_type(filled, "a-sudan-e1") == "ASSAULT"
    assert filled.count_events(EventFilter(event_type="ASSAULT")) == 0
    assert [r["id"] for r in filled.events(EventFilter(event_type="COERCE")).rows] == ["a-sudan-e1"]
    assert filled.count_events(EventFilter(context="repression")) == 1
    assert filled.count_events(EventFilter(until=date(2023, 11, 12), since=date(2023, 11, 12))) == 1
    row = filled.events(EventFilter(event_type="COERCE")).rows[0]
    assert row["review"] == "edited"
    assert row["date"]["value"] == date(2023, 11, 12)
    assert row["date"]["basis"] == "corrected"
    assert set(row["corrected_fields"]) == {"event_type", "contexts", "date_value"}
    assert {"value": "COERCE", "count": 1} in filled.breakdown()


def test_edit_location_moves_the_event(filled: Store) -> None:
    filled.add_correction(
        "a-libya-e2",
        action="edit",
        author="ana",
        changes={"location_name": "Benghazi", "location_lat": 32.1167, "location_lon": 20.0667},
    )
    benghazi_box = (19.5, 31.5, 20.5, 32.5)
    assert [r["id"] for r in filled.events(EventFilter(bbox=benghazi_box)).rows] == ["a-libya-e2"]
    detail = filled.event("a-libya-e2")
    assert detail is not None
    assert detail["location"]["name"] == "Benghazi"
    assert detail["location"]["geonameid"] == 2210247  # unchanged fields keep the coder's values


def test_corrections_survive_reingestion(filled: Store) -> None:
    filled.add_correction("a-libya-e1", action="edit", author="ana", changes={"event_type": "COOPERATE"})
    filled.add_correction("a-libya-e2", action="reject", author="ana")
    before = filled.counts()
    filled.save(libya_result())
    assert filled.counts() == before
    assert filled.count_events(EventFilter(event_type="COOPERATE")) == 1
    assert filled.count_events(EventFilter(article_id="a-libya")) == 1


@pytest.mark.parametrize(
    ("action", "changes", "message"),
    [
        ("delete", None, "unknown correction action"),
        ("edit", None, "at least one field"),
        ("edit", {"confidence": 1.0}, "cannot edit confidence"),
        ("edit", {"date_value": "last week"}, "ISO date"),
        ("edit", {"status": "maybe"}, "status must be one of"),
        ("edit", {"event_type": None}, "cannot clear"),
        ("edit", {"location_lat": "north"}, "expects a number"),
        ("edit", {"location_country": "LBY"}, "alpha-2"),
        ("reject", {"event_type": "X"}, "takes no changes"),
    ],
)
def test_bad_corrections_are_refused(
    filled: Store, action: str, changes: dict[str, object] | None, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        filled.add_correction("a-sudan-e1", action=action, author="ana", changes=changes)
    assert filled.corrections() == []


def test_correction_of_unknown_event_or_without_author(filled: Store) -> None:
    with pytest.raises(StoreError, match="no event"):
        filled.add_correction("nope", action="confirm", author="ana")
    with pytest.raises(StoreError, match="author"):
        filled.add_correction("a-sudan-e1", action="confirm", author=" ")
