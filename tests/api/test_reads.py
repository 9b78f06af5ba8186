"""Read endpoints: filters, pagination, sorting, one event, articles, actors, aggregates."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

ALL = {"a-libya-e1", "a-libya-e2", "a-sudan-e1", "a-sudan-e2", "a-syria-e1", "a-hostile-e1"}


def ids(client: TestClient, **params: Any) -> set[str]:
    response = client.get("/api/events", params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["events"])
    assert body["total_is_estimate"] is False  # far below the cap: counted exactly
    return {e["id"] for e in body["events"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"actor": "Q1161140"}, {"a-libya-e1", "a-libya-e2", "a-hostile-e1"}),
        ({"actor": "soler"}, {"a-libya-e1", "a-libya-e2"}),
        ({"type": "assault"}, {"a-sudan-e1", "a-syria-e1", "a-hostile-e1"}),
        ({"type": ["CONSULT", "PROTEST"]}, {"a-libya-e1", "a-sudan-e2"}),
        ({"mode": "aerial"}, {"a-syria-e1"}),
        ({"context": "protest"}, {"a-sudan-e1"}),
        ({"country": "SY"}, {"a-syria-e1"}),
        ({"country": "FRA"}, {"a-libya-e1", "a-libya-e2"}),
        ({"since": "2023-10-20", "until": "2023-10-31"}, {"a-syria-e1", "a-hostile-e1"}),
        ({"bbox": "10,30,25,35"}, {"a-libya-e1", "a-hostile-e1"}),
        ({"q": "tear gas"}, {"a-sudan-e1"}),
        ({"article": "a-sudan"}, {"a-sudan-e1", "a-sudan-e2"}),
        ({"min_confidence": 0.9}, set()),
        ({"type": "ASSAULT", "country": "LY"}, {"a-hostile-e1"}),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    assert ids(client, **params) == expected


def test_pagination_and_sorting(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 4, "sort": "date"}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4, "sort": "date"}).json()
    assert first["has_more"] is True
    assert second["has_more"] is False
    assert first["total"] == second["total"] == 6
    dates = [e["effective_date"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates)
    assert {e["id"] for e in first["events"]} | {e["id"] for e in second["events"]} == ALL
    newest = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    assert newest["id"] == "a-sudan-e2"
    assert client.get("/api/events", params={"total": False}).json()["total"] is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"country": "Narnia"}, "unknown country"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "20,0,10,5"}, "is not a box"),
        ({"since": "2023-11-01", "until": "2023-10-01"}, "after until"),
        ({"sort": "size"}, "unknown sort"),
    ],
)
def test_bad_filters_are_explained(client: TestClient, params: dict[str, str], message: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert message in response.text


def test_one_event_with_evidence_and_article(client: TestClient) -> None:
    event = client.get("/api/events/a-libya-e2").json()
    assert event["evidence_text"] == "Paul Soler later praised Khalifa Haftar for his cooperation."
    article = client.get(f"/api/articles/{event['article_id']}").json()
    span = event["evidence"][0]
    assert article["text"][span["start"] : span["end"]] == event["evidence_text"]
    assert event["article"]["title"] == "Envoy meets Haftar in Benghazi"
    assert event["corrections"] == []
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404
    assert "no event 'nope'" in missing.json()["detail"]


def test_article_lists_spans_to_highlight(client: TestClient) -> None:
    article = client.get("/api/articles/a-hostile").json()
    assert article["text"].startswith("<script>")  # stored and served as plain text
    kinds = {h["kind"] for h in article["highlights"]}
    assert kinds == {"evidence", "actor", "place"}
    for span in article["highlights"]:
        assert 0 <= span["start"] < span["end"] <= len(article["text"])
    place = next(h for h in article["highlights"] if h["kind"] == "place")
    assert article["text"][place["start"] : place["end"]] == "Tripoli"
    assert [e["id"] for e in article["events"]] == ["a-hostile-e1"]
    assert client.get("/api/articles/nope").status_code == 404


def test_actors_and_neighbours(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["actors"]
    assert actors[0]["id"] == "Q1161140"
    assert actors[0]["event_count"] == 3
    assert [a["id"] for a in client.get("/api/actors", params={"q": "aerospace"}).json()["actors"]] == [
        "Q-rus-af"
    ]
    haftar = client.get("/api/actors/Q1161140").json()
    pairs = {(e["source"], e["target"], e["event_type"]) for e in haftar["neighbours"]}
    assert ("Q1161140", "Q-soler", "CONSULT") in pairs
    assert ("Q-soler", "Q1161140", "SUPPORT") in pairs
    assert ("Q-hostile", "Q1161140", "ASSAULT") in pairs
    assert client.get("/api/actors/nobody").status_code == 404


def test_network_follows_the_filters(client: TestClient) -> None:
    everything = client.get("/api/network").json()
    assert len(everything["edges"]) == 5
    assault = client.get("/api/network", params={"type": "ASSAULT"}).json()
    assert {e["event_type"] for e in assault["edges"]} == {"ASSAULT"}
    assert {n["id"] for n in assault["nodes"]} >= {"Q-rus-af", "rebel positions", "the police", "protesters"}


def test_timeline_by_type_and_interval(client: TestClient) -> None:
    daily = client.get("/api/timeline", params={"by": "event_type"}).json()["series"]
    assert {"period": "2023-11-15", "value": "ASSAULT", "count": 1} in daily
    assert sum(r["count"] for r in daily) == 6
    monthly = client.get("/api/timeline", params={"interval": "month"}).json()["series"]
    assert monthly == [{"period": "2023-10-01", "count": 4}, {"period": "2023-11-01", "count": 2}]
    weekly = client.get("/api/timeline", params={"interval": "week", "actor": "Q1161140"}).json()["series"]
    assert sum(r["count"] for r in weekly) == 3
    assert client.get("/api/timeline", params={"by": "colour"}).status_code == 422


def test_breakdowns_and_locations(client: TestClient) -> None:
    by_type = client.get("/api/breakdown").json()["counts"]
    assert by_type[0] == {"value": "ASSAULT", "count": 3}
    by_country = {
        r["value"]: r["count"]
        for r in client.get("/api/breakdown", params={"by": "location_country"}).json()["counts"]
    }
    assert by_country == {"LY": 2, "SD": 2, "SY": 1, None: 1}
    points = client.get("/api/locations").json()["points"]
    assert points[0]["name"] == "Khartoum"
    assert points[0]["event_types"] == {"ASSAULT": 1, "PROTEST": 1}
    assert sum(p["count"] for p in points) == 5  # the SUPPORT event has no place
    libya = client.get("/api/locations", params={"country": "LY"}).json()["points"]
    assert {p["name"] for p in libya} == {"Benghazi", "Tripoli"}


def test_meta_lists_the_ontology(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert len(meta["event_types"]) == 16
    assert "terrorism" in meta["contexts"]
    assert meta["corrections_enabled"] is True
