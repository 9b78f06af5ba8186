"""Corrections through the API: the token, the audit trail, the corrected view everywhere."""

from __future__ import annotations

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
