"""``thucydides serve``: the HTTP API and the analyst dashboard."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from thucydides.cli.common import fail, state, stderr
from thucydides.errors import ThucydidesError

__all__ = ["register"]


def serve(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: the root --db).")
    ] = None,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: the api_host setting, 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port (default: the api_port setting, 8000).")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="THUCYDIDES_API_TOKEN",
            help="Token that corrections must carry (default: the api_token setting, else a new one, printed).",
        ),
    ] = None,
) -> None:
    """Serve the dashboard (map, timeline, network, events, articles) and the HTTP API (OpenAPI at /docs)."""
    import uvicorn

    from thucydides.api import create_app
    from thucydides.api.security import is_loopback, new_token

    app_state = state(ctx)
    settings = app_state.settings
    generated = not (token or settings.api_token)
    if db is not None:
        settings = replace(settings, db=db if "://" in db else f"sqlite:///{db}")
    settings = replace(
        settings,
        api_host=host or settings.api_host,
        api_port=port or settings.api_port,
        api_token=token or settings.api_token or new_token(),
    )
    try:
        app = create_app(settings)
    except ThucydidesError as exc:
        fail(exc)
    shown = f"[{settings.api_host}]" if ":" in settings.api_host else settings.api_host
    stderr.print(
        f"dashboard: http://{shown}:{settings.api_port}/   API docs: /docs", highlight=False, soft_wrap=True
    )
    if generated:
        stderr.print(
            f"write token (send as 'Authorization: Bearer …'): {settings.api_token}",
            highlight=False,
            soft_wrap=True,
        )
    if not is_loopback(settings.api_host) and not settings.api_public_read:
        stderr.print(
            "[yellow]note:[/] reads are answered for loopback clients only; set api_public_read = true "
            "to open them to the network",
            highlight=False,
            soft_wrap=True,
        )
    uvicorn.run(app, host=settings.api_host, port=settings.api_port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
