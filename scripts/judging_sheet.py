"""Draw a random sample of stored events as a Markdown sheet for judging them by hand.

How the coder's precision on real news is measured (no gold exists for it): ingest a
corpus, draw N events with a fixed seed, and judge each against its evidence sentence.
An event is right when its type is right, every listed source and target is right (an
empty side is fine when the sentence names no one) and it is no spurious event (not
hypothetical, not told as not happening, not generic background, not a non-political act).

    .venv/bin/thucydides --db /tmp/guardian.db ingest ../shared/data/news/Guardian_SDF_sample.csv \\
        --csv-column published=date
    .venv/bin/thucydides --db /tmp/guardian.db events --limit 100000 --format jsonl > /tmp/events.jsonl
    .venv/bin/python scripts/judging_sheet.py /tmp/events.jsonl --seed 20250302 > sheet.md

Fill the ``ok`` column with y/n; the precision is the share of y. Record the seed, the
coder version (in the sheet's header) and the count with the figure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any


def _actors(side: list[dict[str, Any]]) -> str:
    def one(actor: dict[str, Any]) -> str:
        label = "/".join(x for x in (actor.get("country"), actor.get("sector")) if x)
        name = actor.get("name") or actor.get("text") or "?"
        return f"{name} [{label}]" if label else name

    return "; ".join(one(a) for a in side) or "–"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("events", type=Path, help="JSONL from `thucydides events --format jsonl`")
    parser.add_argument("--seed", type=int, required=True, help="random seed (state it with the figure)")
    parser.add_argument("-n", type=int, default=40, help="events to draw (default 40)")
    args = parser.parse_args()

    with args.events.open(encoding="utf-8") as handle:
        events = [json.loads(line) for line in handle if line.strip()]
    if len(events) < args.n:
        sys.exit(f"{args.events} holds {len(events)} events; fewer than the {args.n} to draw")
    picked = sorted(random.Random(args.seed).sample(range(len(events)), args.n))
    versions = sorted({e.get("coder_version") or "?" for e in events})
    lines = [
        f"# Judging sheet: {args.n} of {len(events)} events, seed {args.seed}, coder {', '.join(versions)}",
        "",
        "| # | type (mode, status) | sources | targets | evidence | ok |",
        "|---:|---|---|---|---|---|",
    ]
    for k, i in enumerate(picked, 1):
        e = events[i]
        kind = f"{e['event_type']} ({e.get('mode') or '–'}, {e.get('status')})"
        row = (str(k), kind, _actors(e["sources"]), _actors(e["targets"]), e["evidence_text"], "")
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
