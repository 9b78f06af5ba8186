"""Helpers shared by the CLI commands: settings, consoles, progress, errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thucydides.config import Settings
from thucydides.errors import ThucydidesError
from thucydides.readers import parse_published
from thucydides.records import ArticleResult
from thucydides.store import EventFilter

__all__ = [
    "AppState",
    "Tally",
    "event_filter",
    "fail",
    "progress",
    "results_of",
    "state",
    "stderr",
    "stdout_console",
]

#: consoles not attached to a terminal (pipes, CI logs) get a readable width instead of rich's 80
_PIPE_WIDTH = 150

stderr = Console(stderr=True, width=None if sys.stderr.isatty() else _PIPE_WIDTH)


def stdout_console() -> Console:
    """A console for tables that are the command's data (stdout)."""
    return Console(width=None if sys.stdout.isatty() else _PIPE_WIDTH)


@dataclass(frozen=True, slots=True)
class AppState:
    settings: Settings
    quiet: bool = False


def state(ctx: typer.Context) -> AppState:
    """The settings and flags of the root command."""
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):  # commands invoked outside the app (tests) get defaults
        from thucydides.config import load_settings

        obj = AppState(settings=load_settings())
    return obj


def fail(message: str | ThucydidesError, *, code: int = 2) -> NoReturn:
    """Print an error a user can act on and exit (2 = usage, 1 = failed inputs)."""
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def progress(*, quiet: bool, total: int | None = None, description: str = "articles") -> Iterator[Progress]:
    """A rich progress bar on stderr (disabled with --quiet or when stderr is not a terminal)."""
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=quiet or not sys.stderr.isatty(),
        transient=False,
    )
    with bar:
        bar.add_task(description, total=total)
        yield bar


def event_filter(
    *,
    actor: str | None = None,
    types: list[str] | None = None,
    mode: str | None = None,
    context: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
) -> EventFilter:
    """The store filter from command-line options (dates as YYYY-MM-DD)."""
    return EventFilter(
        actor=actor,
        event_type=tuple(t.upper() for t in types) if types else None,
        mode=mode,
        context=context,
        country=country,
        since=parse_published(since, source="--since"),
        until=parse_published(until, source="--until"),
        text=text,
    )


@dataclass(slots=True)
class Tally:
    """What a stateless run over inputs met: failures are reported on stderr as they come."""

    failed: int = 0
    sources: list[str] = field(default_factory=list)


def results_of(
    app: AppState, paths: Sequence[str] | None, published: str | None, *, tally: Tally, description: str
) -> Iterator[ArticleResult]:
    """Read inputs (stdin when none), run the pipeline, yield results; failures go to ``tally``.

    Shared by the stateless commands (``extract``, ``places``). Usage errors exit 2.
    """
    from thucydides.pipeline import Failure, Pipeline
    from thucydides.readers import read_paths

    try:
        day = parse_published(published, source="--published")
    except ThucydidesError as exc:
        fail(exc)
    inputs = list(paths or ["-"])
    if inputs == ["-"] and sys.stdin.isatty():
        fail("no input: give article files or folders, or pipe an article on stdin (see --help)")
    try:
        pipeline = Pipeline(app.settings)
    except ThucydidesError as exc:
        fail(exc)
    with progress(quiet=app.quiet, description=description) as bar:
        articles = read_paths(inputs, extensions=app.settings.extensions, published=day)
        for outcome in pipeline.process_many(articles):
            bar.advance(bar.task_ids[0])
            if isinstance(outcome, Failure):
                tally.failed += 1
                tally.sources.append(outcome.source)
                stderr.print(f"[red]failed[/] {outcome.source}: {outcome.reason}", highlight=False)
                continue
            yield outcome
