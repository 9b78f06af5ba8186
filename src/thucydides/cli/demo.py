"""``thucydides demo``: ingest the bundled sample articles and show their events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thucydides.cli.common import fail, state, stderr, stdout_console
from thucydides.cli.events import print_table
from thucydides.cli.ingest import ingest
from thucydides.errors import ThucydidesError
from thucydides.store import EventFilter, Store

__all__ = ["register"]


def _examples_dir() -> Path | None:
    """``examples/`` of a source checkout (the package is installed editable by `make`)."""
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base / "examples"
        if (candidate / "README.md").is_file():
            return candidate
    return None


def demo(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Option("--path", help="Folder of articles [default: the repository's examples/].")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Events to show.")] = 25,
) -> None:
    """Ingest the sample articles into the store and print the newest events with their evidence."""
    folder = path or _examples_dir()
    if folder is None or not folder.is_dir():
        fail("no examples/ folder found; run from the repository root or give --path FOLDER")
    try:
        ingest(ctx, [str(folder)])
    except typer.Exit as exit_:
        if exit_.exit_code not in (0, 1):
            raise
    settings = state(ctx).settings
    try:
        with Store.open(settings.db) as store:
            page = store.events(EventFilter(), limit=limit)
            total = store.count_events()
    except ThucydidesError as exc:
        fail(exc)
    print_table(page.rows, console=stdout_console())
    stderr.print(
        f"{total} events stored in {settings.db}. Next: `thucydides events --actor Haftar`, "
        "`thucydides export --format geojson events.geojson`, `thucydides serve` (dashboard)."
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
