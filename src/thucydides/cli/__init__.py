"""The ``thucydides`` command line: a thin layer over the library.

Each command lives in its own module exposing ``register(app)``; data goes to
stdout, progress and tables to stderr. Exit codes: 0 ok, 1 some inputs failed,
2 usage error.
"""

from __future__ import annotations

import importlib
import logging
from typing import Annotated

import typer

from thucydides import __version__
from thucydides.cli.common import AppState
from thucydides.config import load_settings, parse_override
from thucydides.errors import ConfigError

__all__ = ["app", "main"]

app = typer.Typer(
    name="thucydides",
    help=(
        "Read news articles and keep a sourced, queryable, mapped record of who did what to whom, "
        "where and when (PLOVER events, resolved actors, geocoded places, dated from the publication date)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

#: command modules in the order their commands appear in ``--help``
_COMMAND_MODULES: tuple[str, ...] = (
    "ingest",
    "extract",
    "places",
    "events",
    "export",
    "errors",
    "eval",
    "actors",
    "demo",
    "serve",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thucydides {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLAlchemy URL or SQLite file of the store [default: ./thucydides.db]."),
    ] = None,
    config: Annotated[
        str | None, typer.Option("--config", help="TOML settings file (see README: Configuration).")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override one setting, key=value (repeatable)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or tables on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug messages to stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    overrides = dict(parse_override(item) for item in (set_ or []))
    if db is not None:
        overrides["db"] = db if "://" in db else f"sqlite:///{db}"
    try:
        settings = load_settings(config_file=config, overrides=overrides)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    ctx.obj = AppState(settings=settings, quiet=quiet)


for _name in _COMMAND_MODULES:
    importlib.import_module(f"thucydides.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    app()
