"""HTTP API latency on a large synthetic store (a benchmark, not a test).

    .venv/bin/python benchmarks/api_latency.py                      # 1,000,000 events
    .venv/bin/python benchmarks/api_latency.py --events 100000 --runs 50
    .venv/bin/python benchmarks/api_latency.py --reuse /tmp/thucydides-api-bench.db  # never build

Builds the SQLite database once (bulk inserts straight into the store's tables:
five events per article over three years, 40 countries, 3,000 actors, a few
hundred places; evidence indexed for full-text search), then times the typical
dashboard requests through the whole ASGI stack (routing, validation, the store's
queries, JSON) with varied parameters, and prints p50/p95 per request and
whether it meets the 100 ms p95 target. Figures go to stdout as a table, and as
JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from thucydides.api import create_app
from thucydides.store import Store, schema
from thucydides.store.core import _fts_rowid
from thucydides.store.migrations import FTS_TABLE

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TYPES = (
    "ASSAULT",
    "PROTEST",
    "CONSULT",
    "ACCUSE",
    "COERCE",
    "AID",
    "REQUEST",
    "THREATEN",
    "SUPPORT",
    "MOBILIZE",
)
MODES = {
    "ASSAULT": ("aerial", "firearms", "explosives"),
    "PROTEST": ("demo", "riot"),
    "CONSULT": ("meet", "phone"),
}
COUNTRIES = (
    ("LY", "LBY"),
    ("SD", "SDN"),
    ("SY", "SYR"),
    ("YE", "YEM"),
    ("ML", "MLI"),
    ("NG", "NGA"),
    ("UA", "UKR"),
    ("FR", "FRA"),
    ("US", "USA"),
    ("IQ", "IRQ"),
    ("SO", "SOM"),
    ("ET", "ETH"),
    ("CD", "COD"),
    ("AF", "AFG"),
    ("PK", "PAK"),
    ("MM", "MMR"),
    ("LB", "LBN"),
    ("IL", "ISR"),
    ("PS", "PSE"),
    ("EG", "EGY"),
    ("TN", "TUN"),
    ("DZ", "DZA"),
    ("MA", "MAR"),
    ("NE", "NER"),
    ("BF", "BFA"),
    ("TD", "TCD"),
    ("CF", "CAF"),
    ("SS", "SSD"),
    ("KE", "KEN"),
    ("MZ", "MOZ"),
    ("RU", "RUS"),
    ("TR", "TUR"),
    ("IR", "IRN"),
    ("SA", "SAU"),
    ("AE", "ARE"),
    ("GB", "GBR"),
    ("DE", "DEU"),
    ("CN", "CHN"),
    ("IN", "IND"),
    ("CO", "COL"),
)
SECTORS = ("GOV", "MIL", "REB", "COP", "CVL", "IGO", "NGO", "OPP")
WORDS = [
    "police",
    "fired",
    "tear",
    "gas",
    "at",
    "protesters",
    "gathered",
    "near",
    "the",
    "ministry",
    "talks",
    "ceasefire",
    "shelling",
    "convoy",
    "aid",
    "militia",
    "clashes",
    "airstrike",
    "hospital",
    "border",
    "envoy",
    "meeting",
    "sanctions",
    "arrested",
    "journalists",
    "rebels",
    "seized",
    "town",
    "drone",
    "attack",
    "negotiations",
    "humanitarian",
    "corridor",
    "troops",
    "withdrew",
]
START = date(2022, 1, 1)
DAYS = 3 * 365


def _articles(
    count: int, rng: random.Random
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
    """Rows of ``count`` synthetic articles: (article, events, event actors)."""
    now = datetime.now(UTC)
    places = [
        (f"Place {i}", rng.uniform(-35, 55), rng.uniform(-20, 100), COUNTRIES[i % len(COUNTRIES)][0])
        for i in range(400)
    ]
    for n in range(count):
        article_id = f"b{n:07d}"
        published = START + timedelta(days=rng.randrange(DAYS))
        sentence = " ".join(rng.choices(WORDS, k=14))
        article = {
            "id": article_id,
            "title": f"Report {n}",
            "url": None,
            "source": "bench",
            "published": published,
            "published_basis": "metadata",
            "language": "en",
            "text": sentence,
            "raw_metadata": {},
            "ingested_at": now,
            "run_id": "bench",
        }
        events, sides = [], []
        for k in range(5):
            kind = rng.choice(TYPES)
            name, lat, lon, country = rng.choice(places) if rng.random() < 0.8 else (None, None, None, None)
            day = published - timedelta(days=k % 3)
            event_id = f"{article_id}-{k}"
            events.append(
                {
                    "id": event_id,
                    "article_id": article_id,
                    "sentence_index": 0,
                    "evidence_text": " ".join(rng.choices(WORDS, k=14)),
                    "evidence_start": 0,
                    "evidence_end": len(sentence),
                    "event_type": kind,
                    "mode": rng.choice(MODES.get(kind, (None,))),
                    "contexts": [],
                    "contexts_key": "",
                    "status": "occurred",
                    "date_value": day,
                    "date_precision": "day",
                    "effective_date": day,
                    "location_name": name,
                    "location_geonameid": None,
                    "location_lat": lat,
                    "location_lon": lon,
                    "location_country": country,
                    "location_admin1": None,
                    "cameo_code": None,
                    "acled_type": None,
                    "date_text": None,
                    "date_basis": "absolute",
                    "location_feature": None,
                    "location_precision": "city" if name else None,
                    "confidence": round(rng.uniform(0.3, 1.0), 2),
                    "coder_version": "bench",
                    "trigger": None,
                }
            )
            for side in ("source", "target"):
                actor = rng.randrange(3000)
                _, alpha3 = COUNTRIES[actor % len(COUNTRIES)]
                sides.append(
                    {
                        "event_id": event_id,
                        "side": side,
                        "position": 0,
                        "actor_id": f"Q{actor}",
                        "text": f"Actor {actor}",
                        "name": f"Actor {actor}",
                        "country": alpha3,
                        "sector": SECTORS[actor % len(SECTORS)],
                        "role": None,
                        "resolution": "exact",
                        "score": 1.0,
                    }
                )
        yield article, events, sides


def build(store: Store, *, events: int, seed: int = 11) -> None:
    """Fill an empty store with ``events`` synthetic events (in transactions of 10,000 articles)."""
    rng = random.Random(seed)
    with store.engine.begin() as conn:
        conn.execute(schema.runs.insert().values(id="bench", started_at=datetime.now(UTC)))
        conn.execute(
            schema.actors.insert(),
            [
                {
                    "id": f"Q{i}",
                    "name": f"Actor {i}",
                    "country": COUNTRIES[i % len(COUNTRIES)][1],
                    "sector": SECTORS[i % len(SECTORS)],
                }
                for i in range(3000)
            ],
        )
    batch: dict[str, list[dict[str, Any]]] = {"articles": [], "events": [], "event_actors": []}

    def flush() -> None:
        with store.engine.begin() as conn:
            for name, rows in batch.items():
                if rows:
                    conn.execute(schema.metadata.tables[name].insert(), rows)
            if store.search == "fts5" and batch["events"]:
                conn.execute(
                    text(
                        f"INSERT INTO {FTS_TABLE} (rowid, event_id, text) VALUES (:rowid, :event_id, :text)"
                    ),
                    [
                        {"rowid": _fts_rowid(e["id"]), "event_id": e["id"], "text": e["evidence_text"]}
                        for e in batch["events"]
                    ],
                )
        for rows in batch.values():
            rows.clear()

    for article, evs, sides in _articles(events // 5, rng):
        batch["articles"].append(article)
        batch["events"] += evs
        batch["event_actors"] += sides
        if len(batch["articles"]) >= 10_000:
            flush()
            print(f"  {store.counts()['events']:,} events", file=sys.stderr, end="\r")
    flush()
    store.rebuild_summaries()  # the rows went straight into the tables, not through save()
    with store.engine.begin() as conn:
        if store.search == "fts5":  # one index segment, as migration 8 leaves an older store
            conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        conn.exec_driver_sql("ANALYZE")


def _box(rng: random.Random) -> str:
    x, y = rng.randrange(-20, 95), rng.randrange(-35, 50)
    return f"{x},{y},{x + 5},{y + 5}"


def _month(rng: random.Random) -> dict[str, str]:
    first = START + timedelta(days=30 * rng.randrange(DAYS // 30))
    return {"since": first.isoformat(), "until": (first + timedelta(days=30)).isoformat()}


#: the dashboard's requests, each a function of a random generator → (path, params)
REQUESTS: dict[str, Callable[[random.Random], tuple[str, dict[str, Any]]]] = {
    "events: newest page + total": lambda r: ("/api/events", {"limit": 25}),
    "events: type + month + total": lambda r: ("/api/events", {"type": r.choice(TYPES), **_month(r)}),
    "events: actor id": lambda r: ("/api/events", {"actor": f"Q{r.randrange(3000)}", "limit": 25}),
    "events: actor name part": lambda r: (
        "/api/events",
        {"actor": f"actor {r.randrange(3000)}", "limit": 25},
    ),
    "events: country": lambda r: ("/api/events", {"country": r.choice(COUNTRIES)[0], "limit": 25}),
    "events: bbox 5x5 degrees": lambda r: (
        "/api/events",
        {
            "bbox": _box(r),
            "limit": 25,
        },
    ),
    "events: full text, two words": lambda r: (
        "/api/events",
        {"q": " ".join(r.sample(WORDS, 2)), "limit": 25},
    ),
    "events: full text + type": lambda r: (
        "/api/events",
        {"q": " ".join(r.sample(WORDS, 2)), "type": r.choice(TYPES), "limit": 25},
    ),
    "events: page at offset 5,000": lambda r: ("/api/events", {"limit": 25, "offset": 5000, "total": False}),
    "event: one, with corrections": lambda r: (f"/api/events/b{r.randrange(1000):07d}-{r.randrange(5)}", {}),
    "article: text + highlights": lambda r: (f"/api/articles/b{r.randrange(1000):07d}", {}),
    "timeline: weekly by type, one month": lambda r: (
        "/api/timeline",
        {"interval": "week", "by": "event_type", **_month(r)},
    ),
    "timeline: weekly by type, one actor": lambda r: (
        "/api/timeline",
        {"interval": "week", "by": "event_type", "actor": f"Q{r.randrange(3000)}"},
    ),
    "timeline: monthly by type, one country": lambda r: (
        "/api/timeline",
        {"interval": "month", "by": "event_type", "country": r.choice(COUNTRIES)[0]},
    ),
    "timeline: monthly by type, everything": lambda r: (
        "/api/timeline",
        {"interval": "month", "by": "event_type"},
    ),
    "map: points, one month": lambda r: ("/api/locations", _month(r)),
    "map: points, one type": lambda r: ("/api/locations", {"type": r.choice(TYPES)}),
    "network: 60 edges, one month": lambda r: ("/api/network", {"limit": 60, **_month(r)}),
    "network: 60 edges, one actor": lambda r: (
        "/api/network",
        {"limit": 60, "actor": f"Q{r.randrange(3000)}"},
    ),
    "breakdown: by type, one country": lambda r: ("/api/breakdown", {"country": r.choice(COUNTRIES)[0]}),
    "actors: busiest 50": lambda r: ("/api/actors", {}),
}


def measure(client: TestClient, *, runs: int, seed: int = 3, only: str | None = None) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for label, make in REQUESTS.items():
        if only and only not in label:
            continue
        times = []
        for _ in range(runs):
            path, params = make(rng)
            began = time.perf_counter()
            response = client.get(path, params=params)
            times.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{label}: {path} {params} -> {response.status_code} {response.text[:200]}")
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out.append({"request": label, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate (once)")
    parser.add_argument(
        "--db", default="/tmp/thucydides-api-bench.db", help="SQLite file (kept between runs)"
    )
    parser.add_argument(
        "--reuse",
        metavar="PATH",
        help="time this already built SQLite file (never build; migrations still apply)",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed requests per kind")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", metavar="TEXT", help="time only the requests whose label holds TEXT")
    args = parser.parse_args()
    path = Path(args.reuse or args.db)
    if args.reuse and not path.is_file():
        raise SystemExit(f"--reuse {path}: no such file; build it first with --db {path}")
    with Store.open(f"sqlite:///{path}") as store:
        if store.counts()["events"] == 0:
            if args.reuse:
                raise SystemExit(f"--reuse {path}: the database has no events; build it with --db")
            began = time.perf_counter()
            build(store, events=args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - began:.0f} s", file=sys.stderr)
        total = store.count_events()
        with TestClient(create_app(store), client=("127.0.0.1", 50000)) as client:
            client.get("/api/events")  # warm the page cache
            figures = measure(client, runs=args.runs, only=args.only)
    if args.json:
        print(json.dumps({"events": total, "runs": args.runs, "figures": figures}, indent=2))
        return
    print(f"{total:,} events in SQLite, {args.runs} requests each (through the ASGI stack)")
    print(f"{'request':<42} {'p50 ms':>8} {'p95 ms':>8}  target p95 < 100 ms")
    for row in figures:
        verdict = "ok" if row["p95_ms"] < 100 else "SLOW"
        print(f"{row['request']:<42} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f}  {verdict}")


if __name__ == "__main__":
    main()
