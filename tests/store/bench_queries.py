"""Time the typical filtered queries on a large synthetic store (not a test).

    .venv/bin/python tests/store/bench_queries.py --events 1000000 --db /tmp/bench.db

Builds the database once (synthetic articles of five events each, spread over three
years, 40 countries and 2,000 actors) if it has no events yet, then prints the
median wall time of each query over a few runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))
from store_factory import sudan_result

from thucydides.records import ActorRef, EventDate, Place
from thucydides.store import EventFilter, Store, schema
from thucydides.store.core import _fts_rowid
from thucydides.store.rows import article_rows

TYPES = ("ASSAULT", "PROTEST", "CONSULT", "ACCUSE", "COERCE", "AID", "REQUEST", "THREATEN")
COUNTRIES = ("LY", "SD", "SY", "YE", "ML", "NG", "UA", "FR", "US", "IQ") * 4
WORDS = [
    "police",
    "fired",
    "tear",
    "gas",
    "protesters",
    "gathered",
    "talks",
    "ceasefire",
    "shelling",
    "convoy",
    "aid",
]


def build(store: Store, *, events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    template = sudan_result()
    actors = [
        ActorRef(text=f"Actor {i}", actor_id=f"Q{i}", name=f"Actor {i}", country="LBY", sector="GOV")
        for i in range(2000)
    ]
    start = date(2022, 1, 1)
    now = datetime.now(UTC)
    buffer: dict[str, list[dict[str, object]]] = {}
    tables = ("articles", "events", "event_actors", "event_evidence", "actors")
    for n in range(events // 5):
        day = start + timedelta(days=rng.randrange(3 * 365))
        evs = []
        for k in range(5):
            lat, lon = rng.uniform(-30, 50), rng.uniform(-20, 60)
            evs.append(
                replace(
                    template.events[0],
                    id=f"b{n:07d}-{k}",
                    article_id=f"b{n:07d}",
                    event_type=rng.choice(TYPES),
                    evidence_text=" ".join(rng.choices(WORDS, k=12)),
                    sources=(rng.choice(actors),),
                    targets=(rng.choice(actors),),
                    date=EventDate(value=day - timedelta(days=k % 2), precision="day", basis="absolute"),
                    location=Place(name="X", lat=lat, lon=lon, country=rng.choice(COUNTRIES)),
                )
            )
        result = replace(
            template,
            article=replace(template.article, id=f"b{n:07d}", published=day),
            events=tuple(evs),
        )
        rows = article_rows(result, run_id="bench", ingested_at=now)
        buffer.setdefault("articles", []).append(rows.article)
        for name in tables[1:]:
            buffer.setdefault(name, []).extend(getattr(rows, name))
        if len(buffer["articles"]) >= 5000:
            _flush(store, buffer)
    _flush(store, buffer)
    store.rebuild_summaries()  # the rows went straight into the tables, not through save()


def _flush(store: Store, buffer: dict[str, list[dict[str, object]]]) -> None:
    with store.engine.begin() as conn:
        for name, rows in buffer.items():
            if not rows:
                continue
            table = schema.metadata.tables[name]
            if name == "actors":
                unique = {r["id"]: r for r in rows}
                store._upsert(conn, table, list(unique.values()), keep_existing=True)
            else:
                conn.execute(table.insert(), rows)
        if store.search == "fts5" and buffer["events"]:
            conn.execute(
                text("INSERT INTO evidence_fts (rowid, event_id, text) VALUES (:rowid, :id, :text)"),
                [
                    {"rowid": _fts_rowid(str(e["id"])), "id": e["id"], "text": e["evidence_text"]}
                    for e in buffer["events"]
                ],
            )
    for rows in buffer.values():
        rows.clear()


def timed(label: str, run: Callable[[], object], *, repeat: int = 3) -> None:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    print(f"{label:<55} {statistics.median(times) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="sqlite:////tmp/thucydides-bench.db")
    args = parser.parse_args()
    with Store.open(args.db) as store:
        if store.counts()["events"] == 0:
            began = time.perf_counter()
            build(store, events=args.events)
            print(f"built {args.events} events in {time.perf_counter() - began:.0f} s")
        print(f"{store.counts()['events']} events, {store.engine.dialect.name}, search={store.search}")
        march = {"since": date(2023, 3, 1), "until": date(2023, 3, 31)}
        timed("page: newest 50, no filter", lambda: store.events(limit=50))
        timed("page: type + month", lambda: store.events(EventFilter(event_type="ASSAULT", **march)))
        timed("page: actor id", lambda: store.events(EventFilter(actor="Q42")))
        timed("page: actor name substring", lambda: store.events(EventFilter(actor="actor 1999")))
        timed("page: country (location or actor)", lambda: store.events(EventFilter(country="ML")))
        timed("page: bbox 2x2 degrees", lambda: store.events(EventFilter(bbox=(10, 30, 12, 32))))
        timed(
            "page: full text 'ceasefire convoy'", lambda: store.events(EventFilter(text="ceasefire convoy"))
        )
        timed("page: offset 10,000", lambda: store.events(limit=50, offset=10_000))
        timed("count: type + month", lambda: store.count_events(EventFilter(event_type="ASSAULT", **march)))
        timed(
            "timeline: weekly, one type",
            lambda: store.timeline(EventFilter(event_type="AID"), interval="week"),
        )
        timed("breakdown: by type, one country", lambda: store.breakdown(EventFilter(country="SY")))
        timed("network: top 100 edges, one month", lambda: store.network(EventFilter(**march), limit=100))
        timed("actor: Q42 with neighbours", lambda: store.actor("Q42"))
        timed(
            "export stream: first 10,000 rows",
            lambda: sum(1 for _ in zip(range(10_000), store.iter_events(), strict=False)),
        )


if __name__ == "__main__":
    main()
