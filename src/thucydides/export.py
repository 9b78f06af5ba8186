"""Writers for every output format, fed by a stream of event rows from the store.

Formats (:data:`FORMATS`):

- ``plover-json``: one PLOVER event record per line (the layout of the PLOVER
  manual's "Data Fields" chapter: ``id``, ``date``, ``actor``/``recipient`` entity
  lists, ``event``, ``mode``, ``context``, ``event_loc``, ``event_text``, ``text``,
  ``text_info``, ``cite_info``), plus our provenance under ``thucydides``;
- ``jsonl``: the store's own event rows, one per line (everything, nested);
- ``csv``: one flat row per event (several actors on a side joined with ``"; "``);
- ``geojson``: a FeatureCollection of the events that have coordinates;
- ``parquet``: the flat rows, written in row groups (needs the ``parquet`` extra).

Every writer consumes an iterator and writes as it goes, so an export of millions
of events never holds them all in memory (``Store.iter_events`` pages by id).
All reads go through the store, so corrections are applied and rejected events
left out, exactly as in queries.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Final, TextIO, cast

from thucydides.errors import ExportError, StoreError
from thucydides.store import EventFilter, Store, country_codes

__all__ = [
    "FLAT_COLUMNS",
    "FORMATS",
    "export_events",
    "flat_record",
    "plover_record",
    "write_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
    "write_plover",
]

logger = logging.getLogger(__name__)

FORMATS: Final = ("plover-json", "jsonl", "csv", "geojson", "parquet")

Row = Mapping[str, Any]

#: PLOVER/Mordecai "resolution" of a location: 5 sub-city … 1 country
_RESOLUTION = {"point": 5, "city": 4, "district": 3, "admin2": 3, "admin1": 2, "region": 2, "country": 1}

_ACTOR_FIELDS = ("text", "actor_id", "name", "country", "sector")

#: columns of the flat (CSV / Parquet) layout, in order
FLAT_COLUMNS: Final = (
    "id",
    "article_id",
    "date",
    "date_precision",
    "date_text",
    "date_basis",
    "effective_date",
    "event_type",
    "mode",
    "contexts",
    "status",
    "confidence",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "location_name",
    "location_geonameid",
    "location_lat",
    "location_lon",
    "location_country",
    "location_admin1",
    "location_feature",
    "location_precision",
    "cameo_code",
    "acled_type",
    "trigger",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "sentence_index",
    "article_title",
    "article_url",
    "article_source",
    "article_published",
    "run_id",
    "coder_version",
    "review",
)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    try:
        return country_codes(alpha2)[1]
    except StoreError:  # a code pycountry does not know (e.g. XK for Kosovo)
        logger.debug("no alpha-3 code for %s", alpha2)
        return None


# -- record layouts --------------------------------------------------------------------------


def _plover_entity(actor: Row) -> dict[str, Any]:
    entity: dict[str, Any] = {
        "entity_text": actor["text"],
        "code": actor["country"],
        "sector": actor["sector"],
    }
    if actor["actor_id"]:
        entity["identifier_id"] = actor["actor_id"]
        entity["identifier_text"] = actor["name"]
    if actor.get("role"):
        entity["office"] = actor["role"]
    return entity


def _plover_location(location: Row | None) -> dict[str, Any] | None:
    if location is None:
        return None
    feature = location["feature"] or ""
    return {
        "resolved_place": location["name"],
        "geonameid": location["geonameid"],
        "lat": location["lat"],
        "lon": location["lon"],
        "province": location["admin1"],
        "country_code": _alpha3(location["country"]),
        "feature_class": feature[:1] if feature[:1].isupper() and len(feature) > 1 else None,
        "feature_code": feature or None,
        "resolution": _RESOLUTION.get(location["precision"] or ""),
    }


def plover_record(row: Row) -> dict[str, Any]:
    """One event row as a PLOVER event record (JSON-ready).

    ``date`` is the event's own date when known, else the article's publication date
    (``thucydides.date_basis`` says which), else null: a date is never made up.
    """
    own = row["date"]["value"]
    published = row["article"]["published"]
    article = row["article"]
    first = row["evidence"][0]
    return {
        "id": row["id"],
        "has_event": True,
        "date": _iso(own or published),
        "actor": [_plover_entity(a) for a in row["sources"]],
        "recipient": [_plover_entity(a) for a in row["targets"]],
        "event": [row["event_type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": list(row["contexts"]),
        "event_loc": _plover_location(row["location"]),
        "event_text": [row["trigger"]] if row["trigger"] else [],
        "text": row["evidence_text"],
        "text_info": {"sequence": row["sentence_index"], "start": first["start"], "end": first["end"]},
        "cite_info": {
            "citation": article["id"],
            "url": article["url"],
            "title": article["title"],
            "publication": article["source"],
            "coder": "thucydides",
            "codebook": "plover",
            "version": row["coder_version"],
        },
        "coder": "thucydides",
        "thucydides": {
            "article_id": row["article_id"],
            "status": row["status"],
            "confidence": row["confidence"],
            "date_value": _iso(own),
            "date_precision": row["date"]["precision"],
            "date_text": row["date"]["text"],
            "date_basis": row["date"]["basis"] if own else ("published" if published else "none"),
            "published": _iso(published),
            "evidence": row["evidence"],
            "cameo_code": row["cameo_code"],
            "acled_type": row["acled_type"],
            "run_id": article["run_id"],
            "review": row["review"],
            "corrected_fields": row["corrected_fields"],
        },
    }


def _side(actors: Iterable[Row], field: str) -> str | None:
    values = [str(a[field]) if a[field] is not None else "" for a in actors]
    return "; ".join(values) if any(values) else None


def flat_record(row: Row) -> dict[str, Any]:
    """One event row flattened to :data:`FLAT_COLUMNS` (dates stay ``date`` objects)."""
    location = row["location"] or {}
    article = row["article"]
    first = row["evidence"][0]
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "date": row["date"]["value"],
        "date_precision": row["date"]["precision"],
        "date_text": row["date"]["text"],
        "date_basis": row["date"]["basis"],
        "effective_date": row["effective_date"],
        "event_type": row["event_type"],
        "mode": row["mode"],
        "contexts": ";".join(row["contexts"]) or None,
        "status": row["status"],
        "confidence": row["confidence"],
        **{f"source_{f}": _side(row["sources"], f) for f in _ACTOR_FIELDS},
        **{f"target_{f}": _side(row["targets"], f) for f in _ACTOR_FIELDS},
        **{
            f"location_{f}": location.get(f)
            for f in ("name", "geonameid", "lat", "lon", "country", "admin1", "feature", "precision")
        },
        "cameo_code": row["cameo_code"],
        "acled_type": row["acled_type"],
        "trigger": row["trigger"],
        "evidence_text": row["evidence_text"],
        "evidence_start": first["start"],
        "evidence_end": first["end"],
        "sentence_index": row["sentence_index"],
        "article_title": article["title"],
        "article_url": article["url"],
        "article_source": article["source"],
        "article_published": article["published"],
        "run_id": article["run_id"],
        "coder_version": row["coder_version"],
        "review": row["review"],
    }


# -- writers -------------------------------------------------------------------------------


def _write_lines(rows: Iterable[Row], out: TextIO, layout: Callable[[Row], Any]) -> int:
    count = 0
    for row in rows:
        out.write(_dumps(layout(row)))
        out.write("\n")
        count += 1
    return count


def write_jsonl(rows: Iterable[Row], out: TextIO) -> int:
    """The store's event rows, one JSON object per line; return how many."""
    return _write_lines(rows, out, dict)


def write_plover(rows: Iterable[Row], out: TextIO) -> int:
    """PLOVER event records, one per line (JSONL, as the PLOVER manual suggests)."""
    return _write_lines(rows, out, plover_record)


def write_csv(rows: Iterable[Row], out: TextIO) -> int:
    """Flat rows with a header line (write to a file opened with ``newline=""``)."""
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flat_record(row))
        count += 1
    return count


def write_geojson(rows: Iterable[Row], out: TextIO) -> int:
    """A FeatureCollection of the located events (Point geometry, flat properties).

    Events without coordinates are skipped; return how many features were written.
    """
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in rows:
        location = row["location"]
        if location is None or location["lat"] is None or location["lon"] is None:
            continue
        props = flat_record(row)
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
            "properties": props,
        }
        out.write(",\n" if count else "")
        out.write(_dumps(feature))
        count += 1
    out.write("\n]}\n")
    return count


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(flat_record(row))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parquet_schema() -> Any:
    import pyarrow as pa

    kinds: dict[str, Any] = {
        "date": pa.date32(),
        "effective_date": pa.date32(),
        "article_published": pa.date32(),
        "confidence": pa.float64(),
        "location_lat": pa.float64(),
        "location_lon": pa.float64(),
        "location_geonameid": pa.int64(),
        "evidence_start": pa.int64(),
        "evidence_end": pa.int64(),
        "sentence_index": pa.int64(),
    }
    return pa.schema([(name, kinds.get(name, pa.string())) for name in FLAT_COLUMNS])


def write_parquet(rows: Iterable[Row], out: str | Path | IO[bytes], *, row_group: int = 10_000) -> int:
    """Flat rows as Parquet, one row group per ``row_group`` events; return how many.

    Needs pyarrow (``pip install 'thucydides[parquet]'``).
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(
            "Parquet export needs pyarrow; install it with: pip install 'thucydides[parquet]' "
            "(or export as csv / jsonl)"
        ) from None
    schema = _parquet_schema()
    sink = str(out) if isinstance(out, Path) else out
    count = 0
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for batch in _batches(rows, row_group):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:  # still a valid file, with the schema
            writer.write_table(schema.empty_table())
    return count


_TEXT_WRITERS: Final[dict[str, Callable[[Iterable[Row], TextIO], int]]] = {
    "plover-json": write_plover,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
}


def export_events(
    store: Store,
    out: str | Path | IO[Any],
    *,
    format: str,
    filters: EventFilter | None = None,
    batch_size: int = 1000,
) -> int:
    """Write the events matching ``filters`` to ``out`` (a path or an open file); return how many.

    Text formats want a text stream (``sys.stdout``) or a path; ``parquet`` a path or a
    binary stream. Rows are read from the store ``batch_size`` at a time.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)}")
    rows = store.iter_events(filters, batch_size=batch_size)
    if format == "parquet":
        return write_parquet(rows, out)
    writer = _TEXT_WRITERS[format]
    if isinstance(out, str | Path):
        try:
            with Path(out).open("w", encoding="utf-8", newline="") as stream:
                return writer(rows, stream)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror}; check the path and permissions") from exc
    return writer(rows, cast(TextIO, out))
