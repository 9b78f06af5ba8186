"""``thucydides places``: the toponyms of articles and what they resolve to, as JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from thucydides.cli.common import Tally, results_of, state

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
    tally = Tally()
    outputs = [
        {"article_id": result.article.id, "places": result.to_dict()["places"]}
        for result in results_of(state(ctx), paths, published, tally=tally, description="geocoding")
    ]
    typer.echo(json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False, indent=2))
    if tally.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("places")(places)
