"""Corrections through the API: the token, the audit trail, the corrected view everywhere."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from workbench_data import LOOPBACK, TOKEN

from thucydides.api import create_app
from thucydides.store import Store


def test_a_correction_needs_the_right_token(client: TestClient, store: Store) -> None:
    body = {"action": "reject", "author": "Analyst A"}
    missing = client.post("/api/events/a-syria-e1/corrections", json=body)
    assert missing.status_code == 401
    assert "Bearer" in missing.json()["detail"]
    wrong = client.post(
        "/api/events/a-syria-e1/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}x"}
    )
    assert wrong.status_code == 401
    other_header = client.post(
        "/api/events/a-syria-e1/corrections", json=body, headers={"X-Thucydides-Token": "nope"}
    )
    assert other_header.status_code == 401
    assert store.corrections("a-syria-e1") == []


def test_without_a_configured_token_corrections_are_disabled(store: Store) -> None:
    with TestClient(create_app(store), client=LOOPBACK) as client:
        response = client.post(
            "/api/events/a-syria-e1/corrections", json={"action": "confirm", "author": "A"}
        )
        assert response.status_code == 403
        assert "no API token" in response.json()["detail"]
        assert client.get("/api/meta").json()["corrections_enabled"] is False


def test_reject_then_confirm(client: TestClient, auth: dict[str, str]) -> None:
    saved = client.post(
        "/api/events/a-syria-e1/corrections",
        json={"action": "reject", "author": "Analyst A", "note": "a rumour"},
        headers=auth,
    )
    assert saved.status_code == 201
    assert saved.json()["event"]["review"] == "rejected"
    assert "a-syria-e1" not in {e["id"] for e in client.get("/api/events").json()["events"]}
    assert "a-syria-e1" in {
        e["id"] for e in client.get("/api/events", params={"include_rejected": True}).json()["events"]
    }
    assert client.get("/api/locations", params={"country": "SY"}).json()["points"] == []
    client.post("/api/events/a-syria-e1/corrections", json={"action": "confirm", "author": "B"}, headers=auth)
    assert client.get("/api/events/a-syria-e1").json()["review"] == "confirmed"
    trail = client.get("/api/events/a-syria-e1/corrections").json()["corrections"]
    assert [(c["action"], c["author"], c["note"]) for c in trail] == [
        ("reject", "Analyst A", "a rumour"),
        ("confirm", "B", None),
    ]
    assert all(c["created_at"] for c in trail)


def test_edit_type_place_and_date(client: TestClient, auth: dict[str, str]) -> None:
    changes = {
        "event_type": "coerce",
        "date_value": "2023-11-14",
        "location_name": "Omdurman",
        "location_lat": 15.6445,
        "location_lon": 32.4777,
        "location_country": "sd",
    }
    response = client.post(
        "/api/events/a-sudan-e1/corrections",
        json={"action": "edit", "author": "Analyst A", "changes": changes},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    event = response.json()["event"]
    assert event["event_type"] == "COERCE"
    assert event["mode"] is None  # "firearms" is no mode of COERCE
    assert event["cameo_code"] is not None
    assert event["location"]["name"] == "Omdurman"
    assert event["date"] == {"value": "2023-11-14", "precision": "day", "text": None, "basis": "corrected"}
    assert set(event["corrected_fields"]) >= {"event_type", "date_value", "location_name"}
    # every read and the exports see the corrected view
    assert {e["id"] for e in client.get("/api/events", params={"type": "COERCE"}).json()["events"]} == {
        "a-sudan-e1"
    }
    assert {e["id"] for e in client.get("/api/events", params={"until": "2023-11-14"}).json()["events"]} >= {
        "a-sudan-e1"
    }
    names = {p["name"] for p in client.get("/api/locations").json()["points"]}
    assert "Omdurman" in names
    exported = client.get("/api/export", params={"format": "csv", "type": "COERCE"}).text
    assert "Omdurman" in exported


def test_bad_edits_are_explained(client: TestClient, auth: dict[str, str]) -> None:
    def edit(changes: object) -> tuple[int, str]:
        response = client.post(
            "/api/events/a-sudan-e1/corrections",
            json={"action": "edit", "author": "A", "changes": changes},
            headers=auth,
        )
        return response.status_code, response.text

    status, text = edit({"event_type": "DANCE"})
    assert status == 422
    assert "unknown PLOVER event type" in text
    assert "has no mode" in edit({"mode": "tango"})[1]
    assert "unknown PLOVER contexts" in edit({"contexts": ["gossip"]})[1]
    assert "ISO date" in edit({"date_value": "last week"})[1]
    assert "cannot edit" in edit({"evidence_text": "x"})[1]
    assert "at least one field" in edit({})[1]
    status, text = edit({"location_country": "Sudan"})
    assert status == 422
    assert "alpha-2" in text
    rejected = client.post(
        "/api/events/a-sudan-e1/corrections",
        json={"action": "reject", "author": "A", "changes": {"mode": "x"}},
        headers=auth,
    )
    assert rejected.status_code == 422
    assert (
        client.post(
            "/api/events/nope/corrections", json={"action": "confirm", "author": "A"}, headers=auth
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/events/a-sudan-e1/corrections", json={"action": "confirm", "author": ""}, headers=auth
        ).status_code
        == 422
    )
    assert client.get("/api/events/a-sudan-e1/corrections").json()["corrections"] == []


def test_edit_sides(client: TestClient, auth: dict[str, str]) -> None:
    changes = {
        "sources": [{"actor_id": "Q-rus-af"}],
        "targets": ["Paul Soler", {"text": "Egyptian troops", "country": "EG", "sector": "mil"}],
    }
    response = client.post(
        "/api/events/a-sudan-e1/corrections",
        json={"action": "edit", "author": "Analyst A", "changes": changes, "note": "misread"},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    event = response.json()["event"]
    assert [(a["actor_id"], a["country"], a["resolution"]) for a in event["sources"]] == [
        ("Q-rus-af", "RUS", "review")
    ]
    assert [(a["actor_id"], a["text"], a["country"], a["sector"]) for a in event["targets"]] == [
        ("Q-soler", "Paul Soler", "FRA", "GOV"),
        (None, "Egyptian troops", "EGY", "MIL"),
    ]
    assert event["corrected_fields"] == ["sources", "targets"]
    trail = client.get("/api/events/a-sudan-e1/corrections").json()["corrections"]
    assert [a["actor_id"] for a in trail[-1]["changes"]["targets"]] == ["Q-soler", None]

    def event_ids(**params: str) -> set[str]:
        return {e["id"] for e in client.get("/api/events", params=params).json()["events"]}

    assert "a-sudan-e1" in event_ids(actor="Q-rus-af")
    assert "a-sudan-e1" not in event_ids(actor="the police")
    assert event_ids(country="EGY") == {"a-sudan-e1"}
    edges = {(e["source"], e["target"], e["event_type"]) for e in client.get("/api/network").json()["edges"]}
    assert ("Q-rus-af", "Egyptian troops", "ASSAULT") in edges
    assert ("the police", "protesters", "ASSAULT") not in edges
    rus = client.get("/api/actors/Q-rus-af").json()
    assert rus["event_count"] == 2
    exported = client.get("/api/export", params={"format": "csv", "country": "EGY"}).text
    assert "Egyptian troops" in exported
    assert "the police" not in exported
    plover = client.get("/api/export", params={"format": "plover-json", "actor": "Q-rus-af"}).text
    records = {r["id"]: r for r in map(json.loads, plover.splitlines())}
    assert set(records) == {"a-sudan-e1", "a-syria-e1"}
    assert [a["entity_text"] for a in records["a-sudan-e1"]["recipient"]] == ["Paul Soler", "Egyptian troops"]


def test_bad_sides_are_explained(client: TestClient, auth: dict[str, str]) -> None:
    def edit(changes: object) -> tuple[int, str]:
        response = client.post(
            "/api/events/a-sudan-e1/corrections",
            json={"action": "edit", "author": "A", "changes": changes},
            headers=auth,
        )
        return response.status_code, response.text

    status, text = edit({"sources": [{"actor_id": "Q-nobody"}]})
    assert status == 422
    assert "no actor 'Q-nobody'" in text
    assert "/api/actors" in text
    assert "unknown PLOVER sector" in edit({"targets": [{"text": "x", "sector": "PIRATES"}]})[1]
    assert "list of actors" in edit({"targets": "Q-soler"})[1]
    assert "needs an actor on some side" in edit({"sources": [], "targets": []})[1]
    assert client.get("/api/events/a-sudan-e1/corrections").json()["corrections"] == []


def test_openapi_documents_the_sides(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CorrectionIn"]
    changes = schema["properties"]["changes"]
    assert "'sources'" in changes["description"]
    assert "'targets'" in changes["description"]
    assert any("targets" in example for example in changes["examples"])
    meta = client.get("/api/meta").json()
    assert {"sources", "targets"} <= set(meta["editable_fields"])
