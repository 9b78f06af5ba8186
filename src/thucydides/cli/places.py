"""``thucydides places``: the toponyms of articles and what they resolve to, as JSON."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from thucydides.cli.common import fail, state
from thucydides.errors import ThucydidesError
from thucydides.pipeline import Failure, Pipeline
from thucydides.readers import parse_published, read_paths

__all__ = ["register"]


def places(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Article files or folders; '-' or nothing reads one article from stdin."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) of the article(s)."),
    ] = None,
) -> None:
    """Print every toponym with its resolution (GeoNames id, coordinates, country, precision) as JSON."""
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
    for outcome in pipeline.process_many(
        read_paths(inputs, extensions=app_state.settings.extensions, published=day)
    ):
        if isinstance(outcome, Failure):
            failed += 1
            typer.echo(f"{outcome.source}: {outcome.reason}", err=True)
            continue
        data = outcome.to_dict()
        outputs.append({"article_id": data["article"]["id"], "places": data["places"]})
    typer.echo(json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("places")(places)
