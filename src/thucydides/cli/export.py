"""``thucydides export``: stored events to a file, in a standard format (streamed)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from thucydides.cli.common import event_filter, fail, state, stderr
from thucydides.errors import ThucydidesError
from thucydides.export import export_events
from thucydides.store import Store

__all__ = ["register"]


class ExportFormat(StrEnum):
    plover_json = "plover-json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


def export(
    ctx: typer.Context,
    out: Annotated[str, typer.Argument(help="Output file; '-' writes to stdout (not for parquet).")],
    format_: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.plover_json,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name, on either side.")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")] = None,
    country: Annotated[str | None, typer.Option(help="Country of the place or of an actor.")] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
) -> None:
    """Export stored events (reviewers' corrections applied, rejected events left out).

    plover-json: one PLOVER event record per line; csv: one flat row per event; geojson: a
    FeatureCollection of the located events; jsonl: the full stored rows; parquet: flat rows
    (needs the `parquet` extra).
    """
    settings = state(ctx).settings
    if out == "-" and format_ is ExportFormat.parquet:
        fail("parquet is binary: give an output file, not '-'")
    try:
        filters = event_filter(actor=actor, types=type_, country=country, since=since, until=until)
        with Store.open(settings.db) as store:
            count = export_events(
                store, sys.stdout if out == "-" else out, format=format_.value, filters=filters
            )
    except ThucydidesError as exc:
        fail(exc)
    if not state(ctx).quiet:
        stderr.print(f"exported {count} events as {format_.value}" + ("" if out == "-" else f" to {out}"))


def register(app: typer.Typer) -> None:
    app.command("export")(export)
