"""``thucydides events``: query stored events (corrections applied)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from thucydides.cli.common import event_filter, fail, state, stderr, stdout_console
from thucydides.errors import ThucydidesError
from thucydides.store import Store

__all__ = ["register"]


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _side(actors: Iterable[dict[str, Any]]) -> str:
    parts = []
    for actor in actors:
        label = actor.get("name") or actor.get("text") or "?"
        code = "/".join(c for c in (actor.get("country"), actor.get("sector")) if c)
        parts.append(f"{label} [{code}]" if code else label)
    return "; ".join(parts)


def _date(event: dict[str, Any]) -> str:
    date = event.get("date") or {}
    if date.get("value"):
        return str(date["value"])
    if date.get("text"):
        return f"({date['text']})"
    return ""


def _place(event: dict[str, Any]) -> str:
    location = event.get("location") or {}
    name = location.get("name") or ""
    country = location.get("country")
    return f"{name}, {country}" if name and country else name


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row (CSV and table)."""
    location = event.get("location") or {}
    return {
        "id": event["id"],
        "date": _date(event),
        "event_type": event["event_type"],
        "mode": event.get("mode") or "",
        "status": event.get("status") or "",
        "sources": _side(event.get("sources", [])),
        "targets": _side(event.get("targets", [])),
        "location": _place(event),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "contexts": ";".join(event.get("contexts") or []),
        "cameo_code": event.get("cameo_code") or "",
        "acled_type": event.get("acled_type") or "",
        "confidence": event.get("confidence"),
        "evidence": event.get("evidence_text") or "",
        "article_id": event["article_id"],
    }


def print_table(events: list[dict[str, Any]], *, console: Console) -> None:
    table = Table(show_lines=True, header_style="bold", expand=True)
    for column, ratio in (
        ("date", 1),
        ("type", 1),
        ("who", 2),
        ("to whom", 2),
        ("where", 1),
        ("evidence", 4),
    ):
        table.add_column(column, ratio=ratio, overflow="fold")
    for event in events:
        row = flat_row(event)
        kind = row["event_type"] + (f"/{row['mode']}" if row["mode"] else "")
        if row["status"] and row["status"] != "occurred":
            kind += f" ({row['status']})"
        table.add_row(row["date"], kind, row["sources"], row["targets"], row["location"], row["evidence"])
    console.print(table)


def events(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name, on either side.")] = None,
    type_: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable: any of them).")
    ] = None,
    mode: Annotated[str | None, typer.Option(help="PLOVER mode, e.g. 'air' or 'seize'.")] = None,
    context: Annotated[str | None, typer.Option(help="PLOVER context, e.g. 'terrorism'.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Country (ISO alpha-2/alpha-3 or name) of the place or of an actor.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD (inclusive).")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD (inclusive).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words that must occur in the evidence.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many events.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many events first.")] = 0,
    sort: Annotated[str, typer.Option(help="Sort key; '-' for descending (e.g. -date, type).")] = "-date",
    format_: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """List stored events, newest first, with their evidence sentence (reviewers' corrections applied)."""
    settings = state(ctx).settings
    try:
        filters = event_filter(
            actor=actor,
            types=type_,
            mode=mode,
            context=context,
            country=country,
            since=since,
            until=until,
            text=text,
        )
        with Store.open(settings.db) as store:
            page = store.events(filters, limit=limit, offset=offset, sort=sort)
    except ThucydidesError as exc:
        fail(exc)
    rows = page.rows
    if format_ is Format.table:
        print_table(rows, console=stdout_console())
        if page.has_more:
            stderr.print(f"[dim]more events follow: --offset {offset + limit}[/]")
    elif format_ is Format.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif format_ is Format.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        flat = [flat_row(r) for r in rows]
        writer = csv.DictWriter(sys.stdout, fieldnames=list(flat_row_fields()))
        writer.writeheader()
        writer.writerows(flat)


def flat_row_fields() -> tuple[str, ...]:
    return tuple(flat_row({"id": "", "event_type": "", "article_id": ""}).keys())


def register(app: typer.Typer) -> None:
    app.command("events")(events)
