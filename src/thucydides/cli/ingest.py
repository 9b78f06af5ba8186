"""``thucydides ingest``: read articles, extract events, store everything."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.table import Table

from thucydides.cli.common import fail, progress, state, stderr
from thucydides.errors import StoreError, ThucydidesError
from thucydides.pipeline import Failure, Pipeline
from thucydides.readers import parse_published, read_paths
from thucydides.runners import run_local
from thucydides.runners.dask import run_dask
from thucydides.store import Store

__all__ = ["register"]


def _column_map(items: list[str] | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items or []:
        field, sep, column = item.partition("=")
        if not sep:
            fail(f"--csv-column expects FIELD=COLUMN (e.g. text=body), got {item!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); '-' reads stdin.")],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    ] = None,
    csv_column: Annotated[
        list[str] | None,
        typer.Option(
            "--csv-column",
            help="Map an article field to a CSV/JSONL column, FIELD=COLUMN (fields: id, title, text, "
            "published, url, source). Repeatable.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Worker processes [default: settings.workers]."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="SCHEDULER",
            help="Run on Dask: a local scheduler (processes, threads, synchronous) or a cluster "
            "address (tcp://host:8786). Needs the 'dask' extra.",
        ),
    ] = None,
) -> None:
    """Read articles, extract their events and store them (idempotent: re-ingesting changes nothing).

    Inputs: plain text, HTML pages, JSONL and CSV (id, title, text, published, url, source; other
    fields are kept as metadata), folders of them, or stdin. An input that cannot be read or processed
    is recorded with its reason (see `thucydides errors`) and the rest goes on; the exit code is 1
    when any input failed.
    """
    app = state(ctx)
    settings = app.settings
    try:
        day = parse_published(published, source="--published")
        columns = _column_map(csv_column)
        store = Store.open(settings.db)
        pipeline = Pipeline(settings) if dask is None and (workers or settings.workers) <= 1 else None
    except ThucydidesError as exc:
        fail(exc)
    counts: Counter[str] = Counter()
    with store:
        versions = pipeline.versions if pipeline else {}
        run_id = store.start_run(
            model_version=versions.get("model"),
            coder_version=versions.get("coding"),
            settings_fingerprint=settings.fingerprint(),
        )
        items = read_paths(paths, extensions=settings.extensions, published=day, column_map=columns or None)
        with progress(quiet=app.quiet, description="ingesting") as bar:
            outcomes = (
                run_dask(items, settings=settings, scheduler=dask)
                if dask is not None
                else run_local(
                    items, settings=settings, workers=workers or settings.workers, pipeline=pipeline
                )
            )
            for outcome in outcomes:
                bar.advance(bar.task_ids[0])
                if isinstance(outcome, Failure):
                    counts["failed"] += 1
                    store.record_error(
                        outcome.source, reason=outcome.reason, error_class=outcome.error_class, run_id=run_id
                    )
                    continue
                try:
                    store.save(outcome, run_id=run_id)
                except StoreError as exc:  # one article that cannot be stored never stops the batch
                    counts["failed"] += 1
                    source = str(outcome.article.metadata.get("input") or outcome.article.id)
                    store.record_error(source, reason=str(exc), error_class="StoreError", run_id=run_id)
                    continue
                counts["articles"] += 1
                counts["events"] += len(outcome.events)
        store.finish_run(run_id, counts=dict(counts))
        totals = store.counts()
    if not app.quiet:
        table = Table(title=f"ingest run {run_id}", show_header=True, header_style="bold")
        table.add_column("")
        table.add_column("this run", justify="right")
        table.add_column("in the store", justify="right")
        table.add_row("articles", str(counts["articles"]), str(totals.get("articles", "")))
        table.add_row("events", str(counts["events"]), str(totals.get("events", "")))
        table.add_row("failed inputs", str(counts["failed"]), str(totals.get("ingest_errors", "")))
        stderr.print(table)
        if counts["failed"]:
            stderr.print("[yellow]Some inputs failed; `thucydides errors` lists them with their reasons.[/]")
    if counts["failed"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
