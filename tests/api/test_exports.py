"""Streamed exports: every format, the filters, the corrected view."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from thucydides.api.exports import stream_export
from thucydides.errors import ExportError
from thucydides.store import EventFilter, Store


def test_csv(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "csv", "country": "LY"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["id"] for r in rows} == {"a-libya-e1", "a-libya-e2", "a-hostile-e1"}


def test_jsonl_and_plover(client: TestClient) -> None:
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == 6
    assert {json.loads(line)["id"] for line in lines} >= {"a-syria-e1"}
    plover = [
        json.loads(line)
        for line in client.get("/api/export", params={"format": "plover-json"}).text.splitlines()
    ]
    assert len(plover) == 6
    assert {"event", "actor", "recipient"} <= set(plover[0])


def test_geojson_has_only_located_events(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "geojson"})
    assert response.headers["content-type"] == "application/geo+json"
    features = response.json()["features"]
    assert len(features) == 5
    aleppo = next(f for f in features if f["id"] == "a-syria-e1")
    assert aleppo["geometry"]["coordinates"] == [37.1343, 36.2021]


def test_parquet(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "parquet", "type": "ASSAULT"})
    assert response.content[:4] == b"PAR1"
    table = pq.read_table(io.BytesIO(response.content))
    assert sorted(table.column("id").to_pylist()) == ["a-hostile-e1", "a-sudan-e1", "a-syria-e1"]


def test_unknown_format(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "xml"})
    assert response.status_code == 422
    assert "plover-json" in response.json()["detail"]


def test_stream_yields_bytes_and_can_be_dropped(store: Store) -> None:
    chunks = stream_export(store, format="jsonl", filters=EventFilter())
    first = next(chunks)
    assert first.startswith(b"{")
    chunks.close()  # the client went away: the writer thread is released
    whole = b"".join(stream_export(store, format="csv", filters=EventFilter(article_id="a-sudan")))
    assert whole.count(b"\n") == 3  # header + two events
    with pytest.raises(ExportError):
        stream_export(store, format="docx", filters=None)
