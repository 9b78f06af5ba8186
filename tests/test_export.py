"""Exporters: every format, read back with its own reader, corrections applied."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from store.store_factory import bulk_result, libya_result, sudan_result
from thucydides.errors import ExportError
from thucydides.export import FLAT_COLUMNS, FORMATS, export_events, plover_record, write_parquet
from thucydides.store import EventFilter, Store


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open("sqlite://") as opened:
        opened.save(libya_result(), run_id="r1")
        opened.save(sudan_result(), run_id="r1")
        yield opened


def export_text(store: Store, fmt: str, filters: EventFilter | None = None) -> str:
    out = io.StringIO()
    export_events(store, out, format=fmt, filters=filters, batch_size=2)
    return out.getvalue()


def test_plover_json_follows_the_event_record_layout(store: Store) -> None:
    records = [json.loads(line) for line in export_text(store, "plover-json").splitlines()]
    assert [r["id"] for r in records] == ["a-libya-e1", "a-libya-e2", "a-sudan-e1"]
    meeting = records[1]
    assert meeting["event"] == ["CONSULT"]
    assert meeting["mode"] == ["meet"]
    assert meeting["context"] == ["diplomatic"]
    assert meeting["actor"] == [
        {
            "entity_text": "Paul Soler",
            "code": "FRA",
            "sector": "GOV",
            "identifier_id": "Q-soler",
            "identifier_text": "Paul Soler",
        }
    ]
    assert meeting["recipient"][0]["code"] == "LBY"
    assert meeting["event_loc"]["geonameid"] == 2210247
    assert meeting["event_loc"]["country_code"] == "LBY"
    assert meeting["event_loc"]["feature_class"] == "P"
    assert meeting["event_loc"]["resolution"] == 4
    assert meeting["event_text"] == ["met"]
    assert meeting["text"] == "Paul Soler then met Mohamed Al-Mnifi in Tripoli."
    # no date of its own: the report's date, and the record says so
    assert meeting["date"] == "2023-10-01"
    assert meeting["thucydides"]["date_value"] is None
    assert meeting["thucydides"]["date_basis"] == "published"
    assert meeting["thucydides"]["evidence"][1] == {"start": 0, "end": 10}
    assert meeting["cite_info"]["url"] == "https://example.org/a-libya"
    assert records[0]["actor"][0]["office"] == "commander"


def test_plover_never_invents_a_date() -> None:
    with Store.open("sqlite://") as store:
        store.save(libya_result(published=None))
        [first, _] = [json.loads(x) for x in export_text(store, "plover-json").splitlines()]
    assert first["date"] is None
    assert first["thucydides"]["date_precision"] == "weekday-only"
    assert first["thucydides"]["date_text"] == "On Sunday"


def test_jsonl_is_the_full_row(store: Store) -> None:
    rows = [json.loads(line) for line in export_text(store, "jsonl").splitlines()]
    assert rows[2]["targets"][0]["text"] == "protesters"
    assert rows[2]["location"]["name"] == "Khartoum"
    assert rows[0]["date"]["value"] == "2023-10-01"


def test_csv_round_trips_through_the_csv_reader(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_text(store, "csv"))))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    assert [r["id"] for r in rows] == ["a-libya-e1", "a-libya-e2", "a-sudan-e1"]
    assert rows[0]["contexts"] == "terrorism;diplomatic"
    assert rows[0]["source_name"] == "Khalifa Haftar"
    assert rows[2]["source_actor_id"] == ""  # unresolved: empty, not "None"
    assert rows[2]["location_lat"] == "15.5518"


def test_geojson_has_only_located_events(store: Store) -> None:
    collection = json.loads(export_text(store, "geojson"))
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == ["a-libya-e2", "a-sudan-e1"]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [13.1913, 32.8872]}
    assert collection["features"][1]["properties"]["event_type"] == "ASSAULT"


def test_empty_geojson_is_valid() -> None:
    with Store.open("sqlite://") as store:
        assert json.loads(export_text(store, "geojson")) == {"type": "FeatureCollection", "features": []}


def test_parquet(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export_events(store, path, format="parquet") == 3
    table = pq.read_table(path)
    assert table.column_names == list(FLAT_COLUMNS)
    assert table.column("effective_date").to_pylist() == [
        date(2023, 10, 1),
        date(2023, 10, 1),
        date(2023, 11, 15),
    ]
    assert table.column("location_geonameid").to_pylist() == [None, 2210247, 379252]


def test_parquet_in_row_groups(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    with Store.open("sqlite://") as store:
        for i in range(25):
            store.save(bulk_result(i, day=date(2024, 1, 1)))
        path = tmp_path / "many.parquet"
        assert write_parquet(store.iter_events(batch_size=7), path, row_group=10) == 25
    meta = pq.ParquetFile(path).metadata
    assert (meta.num_rows, meta.num_row_groups) == (25, 3)


def test_parquet_without_pyarrow_says_how_to_get_it(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExportError, match=r"thucydides\[parquet\]"):
        export_events(store, tmp_path / "x.parquet", format="parquet")


def test_exports_see_corrections_and_filters(store: Store) -> None:
    store.add_correction("a-libya-e1", action="reject", author="ana")
    store.add_correction("a-sudan-e1", action="edit", author="ana", changes={"event_type": "COERCE"})
    for fmt in ("plover-json", "jsonl"):
        lines = [json.loads(x) for x in export_text(store, fmt).splitlines()]
        assert [x["id"] for x in lines] == ["a-libya-e2", "a-sudan-e1"]
    records = [json.loads(x) for x in export_text(store, "plover-json").splitlines()]
    assert records[1]["event"] == ["COERCE"]
    assert records[1]["thucydides"]["review"] == "edited"
    only = export_text(store, "csv", EventFilter(country="SD"))
    assert [r["id"] for r in csv.DictReader(io.StringIO(only))] == ["a-sudan-e1"]


def test_export_to_a_path_and_errors(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export_events(store, path, format="csv") == 3
    assert path.read_text(encoding="utf-8").startswith("id,article_id,")
    with pytest.raises(ExportError, match="unknown export format"):
        export_events(store, tmp_path / "x", format="xml")
    with pytest.raises(ExportError, match="cannot write"):
        export_events(store, tmp_path / "missing-dir" / "x.csv", format="csv")
    assert set(FORMATS) == {"plover-json", "jsonl", "csv", "geojson", "parquet"}


def test_plover_record_of_a_row(store: Store) -> None:
    row = store.event("a-sudan-e1")
    assert row is not None
    record = plover_record(row)
    assert record["recipient"] == [{"entity_text": "protesters", "code": "SDN", "sector": "CVL"}]
    assert record["thucydides"]["acled_type"] == "Protests"
