"""Helpers shared by the CLI commands: settings, consoles, progress, errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thucydides.config import Settings
from thucydides.errors import ThucydidesError

__all__ = ["AppState", "fail", "progress", "state", "stderr"]

stderr = Console(stderr=True)


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
