"""Folding corrections (no database): edits of sides and fields, rejects and confirms, in order;
and the checks of a correction's changes before it is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thucydides.errors import StoreError
from thucydides.store.corrections import fold, validate_changes
from thucydides.store.schema import EDITABLE_FIELDS

CODER: dict[str, Any] = {
    "id": "e1",
    **dict.fromkeys(EDITABLE_FIELDS),
    "event_type": "ASSAULT",
    "contexts": [],
    "status": "occurred",
    "date_precision": "day",
}
MENFI = {
    "actor_id": "Q-menfi",
    "text": "Menfi",
    "name": "Mohamed al-Menfi",
    "country": "LBY",
    "sector": "GOV",
}
TROOPS = {"actor_id": None, "text": "Egyptian troops", "name": None, "country": "EGY", "sector": "MIL"}


def edit(**changes: Any) -> dict[str, Any]:
    return {"action": "edit", "changes": changes}


def test_no_corrections_fold_to_nothing() -> None:
    assert fold(CODER, [], published=None) is None


def test_edited_sides_survive_reject_and_confirm() -> None:
    steps = [edit(sources=[MENFI], targets=[]), {"action": "reject", "changes": {}}]
    rejected = fold(CODER, steps, published=date(2024, 1, 2))
    assert rejected is not None
    assert rejected.override["review"] == "rejected"
    assert rejected.sides == {"source": [MENFI], "target": []}
    confirmed = fold(CODER, [*steps, {"action": "confirm", "changes": {}}], published=None)
    assert confirmed is not None
    assert confirmed.override["review"] == "edited"
    assert confirmed.sides == {"source": [MENFI], "target": []}


def test_a_later_edit_of_a_side_replaces_the_earlier_and_leaves_the_other() -> None:
    folded = fold(
        CODER,
        [edit(sources=[MENFI], targets=[MENFI]), edit(event_type="COERCE"), edit(targets=[TROOPS])],
        published=None,
    )
    assert folded is not None
    assert folded.sides == {"source": [MENFI], "target": [TROOPS]}
    assert folded.override["event_type"] == "COERCE"
    assert "sources" not in folded.override  # sides never go to event_overrides
    assert folded.override["review"] == "edited"


def test_field_edits_alone_replace_no_side() -> None:
    folded = fold(CODER, [edit(event_type="PROTEST")], published=None)
    assert folded is not None
    assert folded.sides == {}


def test_validate_changes_normalises_side_references() -> None:
    checked = validate_changes(
        "edit",
        {
            "sources": [" Q-menfi ", {"actor_id": "Q1", "text": " Haftar "}],
            "targets": [{"text": "Egyptian troops", "country": "eg", "sector": "mil"}],
        },
    )
    assert checked == {
        "sources": ["Q-menfi", {"actor_id": "Q1", "text": "Haftar"}],
        "targets": [{"text": "Egyptian troops", "country": "EGY", "sector": "MIL"}],
    }
    assert validate_changes("edit", {"targets": []}) == {"targets": []}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sources": None}, "expects a list of actors"),
        ({"sources": [3]}, "a string or an object"),
        ({"targets": [{"text": 7}]}, "non-empty string"),
        ({"sources": [], "targets": []}, "needs an actor on some side"),
        ({"sides": []}, "cannot edit sides"),
    ],
)
def test_validate_changes_refuses_bad_sides(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        validate_changes("edit", changes)
