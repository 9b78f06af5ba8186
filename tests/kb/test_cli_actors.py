"""``thucydides actors``: resolve, show, list and import-petrarch, on the test KB."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from thucydides.cli.actors import register
from thucydides.cli.common import AppState
from thucydides.config import Settings

DATA = Path(__file__).parent / "data"
RUNNER = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root(ctx: typer.Context) -> None:
        ctx.obj = AppState(settings=Settings(kb_files=(str(DATA / "actors.jsonl"),)), quiet=True)

    register(app)
    return app


def invoke(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(_app(), ["actors", *args])
    return result.exit_code, result.stdout


def test_help_lists_every_command() -> None:
    code, out = invoke("--help")
    assert code == 0
    for command in ("resolve", "show", "list", "import-petrarch"):
        assert command in out


def test_resolve_prints_candidates_with_rule_and_score() -> None:
    code, out = invoke("resolve", "Fathi Pashaga")
    assert code == 0
    top = json.loads(out)[0]
    assert (top["actor_id"], top["rule"]) == ("fathi-bashagha", "skeleton")
    assert 0 < top["score"] <= 1


def test_resolve_title_at_two_dates() -> None:
    early = json.loads(invoke("resolve", "the Libyan prime minister", "--date", "2016-05-01")[1])
    late = json.loads(invoke("resolve", "the Libyan prime minister", "--date", "2022-01-01")[1])
    assert early[0]["actor_id"] == "fayez-al-sarraj"
    assert late[0]["actor_id"] == "abdul-hamid-dbeibah"


def test_resolve_with_context() -> None:
    out = invoke("resolve", "Libyan government", "--context", "Fayez al-Sarraj")[1]
    assert json.loads(out)[0]["actor_id"] == "lby-government-of-national-accord"


def test_bad_date_is_a_usage_error() -> None:
    assert invoke("resolve", "Haftar", "--date", "June 2020")[0] == 2


def test_show_and_unknown_id() -> None:
    code, out = invoke("show", "khalifa-haftar")
    assert code == 0
    assert json.loads(out)["name"] == "Khalifa Haftar"
    assert invoke("show", "nobody")[0] == 1


def test_list_filters() -> None:
    code, out = invoke("list", "--country", "USA", "--kind", "person")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert {r["id"] for r in rows} >= {"stephen-townsend", "richard-norland"}
    assert all(r["country"] == "USA" and r["kind"] == "person" for r in rows)


def test_import_petrarch_writes_loadable_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, _ = invoke("import-petrarch", str(DATA / "sample.actors.txt"), "-o", str(out))
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"khalifa-haftar", "libyan-national-army"} <= {r["id"] for r in records}
    agents = tmp_path / "agents.jsonl"
    assert invoke("import-petrarch", str(DATA / "sample.agents.txt"), "--agents", "-o", str(agents))[0] == 0
    assert json.loads(agents.read_text(encoding="utf-8").splitlines()[0]) == {
        "phrase": "army", "plurals": [], "sector": "MIL", "code": "MIL",
    }  # fmt: skip


def test_import_of_a_missing_file_fails_cleanly(tmp_path: Path) -> None:
    assert invoke("import-petrarch", str(tmp_path / "none.txt"), "-o", str(tmp_path / "o.jsonl"))[0] == 1
