"""``thucydides extract``: events from articles as JSON on stdout; nothing is stored."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from thucydides.cli.common import fail, progress, state, stderr
from thucydides.errors import ThucydidesError
from thucydides.pipeline import Failure, Pipeline
from thucydides.readers import parse_published, read_paths

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
    app_state = state(ctx)
    try:
        day = parse_published(published, source="--published")
    except ThucydidesError as exc:
        fail(exc)
    inputs = paths or ["-"]
    if inputs == ["-"] and sys.stdin.isatty():
        fail("no input: give article files or folders, or pipe an article on stdin (see --help)")
    try:
        pipeline = Pipeline(app_state.settings)
    except ThucydidesError as exc:
        fail(exc)
    outputs: list[dict[str, Any]] = []
    failed = 0
    with progress(quiet=app_state.quiet, description="extracting") as bar:
        articles = read_paths(inputs, extensions=app_state.settings.extensions, published=day)
        for outcome in pipeline.process_many(articles):
            bar.advance(bar.task_ids[0])
            if isinstance(outcome, Failure):
                failed += 1
                stderr.print(f"[red]failed[/] {outcome.source}: {outcome.reason}", highlight=False)
                continue
            record = outcome.to_dict()
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
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
