"""``thucydides errors``: the inputs that failed, and why."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from thucydides.cli.common import fail, state, stdout_console
from thucydides.errors import ThucydidesError
from thucydides.store import Store

__all__ = ["register"]


def errors(
    ctx: typer.Context,
    run: Annotated[str | None, typer.Option("--run", help="Only the errors of this ingest run.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout instead of a table.")] = False,
) -> None:
    """List inputs that could not be read or processed, with their reasons (newest first)."""
    settings = state(ctx).settings
    try:
        with Store.open(settings.db) as store:
            rows = store.errors(run_id=run, limit=limit)
    except ThucydidesError as exc:
        fail(exc)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    table = Table(header_style="bold", expand=True)
    for column in ("source", "error", "reason", "when"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["source"]), str(row["error_class"]), str(row["reason"]), str(row["occurred_at"])[:19]
        )
    console = stdout_console()
    console.print(table if rows else "No ingest errors recorded.")


def register(app: typer.Typer) -> None:
    app.command("errors")(errors)
