"""``thucydides actors``: look names up in the actor knowledge base, list it, import dictionaries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from thucydides.cli.common import fail, state, stderr
from thucydides.errors import ThucydidesError
from thucydides.kb.loader import KnowledgeBase, load_knowledge_base
from thucydides.kb.petrarch import read_actor_dictionary, read_agent_dictionary
from thucydides.kb.resolver import Resolver
from thucydides.kb.schema import actor_to_dict

__all__ = ["register"]

actors_app = typer.Typer(
    name="actors",
    help="The actor knowledge base: resolve a name, show or list actors, import PETRARCH dictionaries.",
    no_args_is_help=True,
)


def _kb(ctx: typer.Context) -> KnowledgeBase:
    try:
        return load_knowledge_base(state(ctx).settings.kb_files)
    except ThucydidesError as exc:
        fail(exc, code=1)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--date expects an ISO date such as 2020-06-23, got {text!r}")


@actors_app.command("resolve")
def resolve(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help='A name, title or role phrase, e.g. "Fathi Pashaga".')],
    on: Annotated[
        str | None,
        typer.Option("--date", help="The article's date (YYYY-MM-DD): titles resolve to who held them."),
    ] = None,
    context: Annotated[
        list[str] | None,
        typer.Option("--context", help="An actor id, country code or name mentioned around (repeatable)."),
    ] = None,
) -> None:
    """Print the candidates for NAME as JSON, best first, with their score and the rule that matched."""
    kb = _kb(ctx)
    found = Resolver(kb).resolve(name, date=_date(on), context=context or ())
    typer.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
    if not found and not state(ctx).quiet:
        stderr.print(f"no actor matches {name!r}", highlight=False)


@actors_app.command("show")
def show(
    ctx: typer.Context, actor_id: Annotated[str, typer.Argument(help="A KB id, e.g. khalifa-haftar.")]
) -> None:
    """Print one actor's KB record as JSON."""
    kb = _kb(ctx)
    actor = kb.get(actor_id)
    if actor is None:
        fail(f"no actor with id {actor_id!r}; try `thucydides actors resolve NAME` to find its id", code=1)
    record = actor_to_dict(actor)
    record["origin"] = actor.origin
    typer.echo(json.dumps(record, ensure_ascii=False, indent=2))


@actors_app.command("list")
def list_(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 country code, e.g. LBY.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector code, e.g. GOV, MIL, REB.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="person, organisation, country, armed_group or igo.")
    ] = None,
) -> None:
    """Print the matching actors as JSON lines (a table on stderr)."""
    kb = _kb(ctx)
    actors = kb.select(country=country, sector=sector, kind=kind)
    for actor in actors:
        row = {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country}
        row["sector"] = actor.sector
        typer.echo(json.dumps(row, ensure_ascii=False))
    if not state(ctx).quiet:
        table = Table("id", "name", "kind", "country", "sector", header_style="bold")
        for actor in actors[:50]:
            table.add_row(actor.id, actor.name, actor.kind, actor.country or "", actor.sector or "")
        stderr.print(table)
        more = " (first 50 shown)" if len(actors) > 50 else ""
        stderr.print(f"{len(actors)} actors{more}", highlight=False)


@actors_app.command("import-petrarch")
def import_petrarch(
    ctx: typer.Context,
    dictionary: Annotated[
        Path, typer.Argument(help="A PETRARCH .actors.txt (or, with --agents, .agents.txt).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The JSONL file to write.")],
    agents: Annotated[bool, typer.Option("--agents", help="Read an agents dictionary.")] = False,
) -> None:
    """Convert a PETRARCH/CAMEO dictionary to JSONL: KB records, or agent phrases with --agents.

    Use the KB records with --set kb_files=OUT.jsonl (they override bundled ids).
    """
    try:
        if agents:
            lines = [json.dumps(a.to_dict(), ensure_ascii=False) for a in read_agent_dictionary(dictionary)]
        else:
            lines = [
                json.dumps(actor_to_dict(a), ensure_ascii=False) for a in read_actor_dictionary(dictionary)
            ]
        output.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    except ThucydidesError as exc:
        fail(exc, code=1)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", code=1)
    if not state(ctx).quiet:
        stderr.print(f"wrote {len(lines)} {'agents' if agents else 'actors'} to {output}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")
