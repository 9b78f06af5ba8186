"""``thucydides extract``: events from articles as JSON on stdout; nothing is stored."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from thucydides.cli.common import Tally, results_of, state

__all__ = ["register"]


def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Article files or folders; '-' or nothing reads one article from stdin."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD) for relative dates like 'On Monday'. "
            "Without it, no date is invented.",
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Also print sentences, mentions, places and removed furniture.")
    ] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per article per line.")] = False,
) -> None:
    """Extract events from articles and print them as JSON (stateless: nothing is stored).

    Every event carries its PLOVER type and mode, its sources and targets, where and when, and the
    sentence it came from (evidence text and character span in the cleaned text).
    """
    tally = Tally()
    outputs: list[dict[str, Any]] = []
    for result in results_of(state(ctx), paths, published, tally=tally, description="extracting"):
        record = result.to_dict()
        if not full:
            record = {key: record[key] for key in ("article", "events")}
            record["article"].pop("text", None)
        if jsonl:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            outputs.append(record)
    if not jsonl:
        payload: Any = outputs[0] if len(outputs) == 1 else outputs
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if tally.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
