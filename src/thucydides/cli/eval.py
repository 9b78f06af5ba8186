"""``thucydides eval``: score the pipeline against every gold set; optional report and gate."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from thucydides.cli.common import AppState, fail, state, stderr
from thucydides.errors import ThucydidesError
from thucydides.eval_gate import check_gate, gated_figures, load_thresholds, ratchet, render_report
from thucydides.eval_readers import GoldSet, discover_gold, read_gold, shared_root
from thucydides.eval_run import SetReport, evaluate

if TYPE_CHECKING:
    from thucydides.pipeline import Pipeline

__all__ = ["register"]

_SHOWN_FIELDS = (
    "events",
    "event_type",
    "sources",
    "targets",
    "location",
    "date",
    "date_text",
    "contexts",
    "actors",
    "places",
    "source_country",
    "target_country",
    "source_sector",
    "target_sector",
)


class _LazyPipeline:
    """Builds the pipeline (and loads the model) only when a gold set needs it."""

    def __init__(self, app_state: AppState) -> None:
        self._state = app_state
        self._pipeline: Pipeline | None = None

    def __call__(self) -> Pipeline:
        if self._pipeline is None:
            from thucydides.pipeline import Pipeline

            self._pipeline = Pipeline(self._state.settings)
        return self._pipeline

    @property
    def versions(self) -> dict[str, str]:
        return self._pipeline.versions if self._pipeline is not None else {}


def _gold_sets(paths: Sequence[Path], shared: Path | None) -> list[GoldSet]:
    if paths:
        return [read_gold(path) for path in paths]
    root = shared or shared_root()
    return [read_gold(path, kind=kind) for path, kind in discover_gold(root)]


def _table(reports: Sequence[SetReport]) -> Table:
    table = Table(title="thucydides eval", title_justify="left")
    for column in ("gold set", "field", "P %", "R %", "F1 %", "acc %", "tp", "fp", "fn"):
        left = column in {"gold set", "field"}
        table.add_column(column, justify="left" if left else "right", no_wrap=left)
    for report in reports:
        fields = report.figures.get("fields")
        if "skipped" in report.figures:
            table.add_row(report.name, "not scored", *[""] * 7, end_section=True)
        elif isinstance(fields, dict):
            names = [f for f in _SHOWN_FIELDS if f in fields] + sorted(set(fields) - set(_SHOWN_FIELDS))
            for i, name in enumerate(names):
                m = fields[name]
                pct = [
                    f"{100 * m[k]:.1f}" if k in m else "" for k in ("precision", "recall", "f1", "accuracy")
                ]
                table.add_row(
                    report.name if i == 0 else "",
                    name,
                    *pct,
                    str(m["tp"]),
                    str(m["fp"]),
                    str(m["fn"]),
                    end_section=i == len(names) - 1,
                )
        else:  # geo_eval figures: one rate per row, in the accuracy column
            rates = sorted(gated_figures([report])[report.name].items())
            for i, (key, value) in enumerate(rates):
                table.add_row(
                    report.name if i == 0 else "",
                    key,
                    "",
                    "",
                    "",
                    f"{100 * value:.1f}",
                    "",
                    "",
                    "",
                    end_section=i == len(rates) - 1,
                )
    return table


def _print_worst(reports: Sequence[SetReport], n: int) -> None:
    for report in reports:
        worst = sorted(report.findings, key=lambda f: f.rank)[:n]
        if not worst:
            continue
        stderr.rule(f"{report.name}: {len(worst)} worst of {len(report.findings)}")
        for finding in worst:
            stderr.print(f"[bold]{finding.kind}[/] {finding.article_id}: {finding.detail}", highlight=False)
            stderr.print(f"    [dim]{finding.sentence}[/]", highlight=False)


def _raise_minimums(path: Path, reports: Sequence[SetReport]) -> None:
    document: dict[str, Any] = {
        "about": "Minimum scores per gold set and field.metric for `thucydides eval --gate`. Raising a "
        "minimum is a normal commit; lowering or removing one needs a 'why' entry keyed "
        "'<set> <field.metric>'. See docs/EVAL.md.",
        "minimums": {},
        "why": {},
    }
    if path.is_file():
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            fail(f"cannot read the thresholds file {path}: {exc}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(ratchet(document, reports), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    stderr.print(f"minimums raised to today's scores in {path}")


def eval_command(
    ctx: typer.Context,
    gold: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Gold files (seed gold.json, our JSONL, PLOVER, TR-News XML, event-location "
            "zip/JSONL); none: every gold set under --shared."
        ),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option("--shared", help="Folder of the gold sets (default: $THUCYDIDES_SHARED or ../shared)."),
    ] = None,
    published_from_notes: Annotated[
        bool | None,
        typer.Option(
            "--published-from-notes/--no-published",
            help="Run article gold only with the publication dates its notes give, or only undated "
            "(default: both).",
        ),
    ] = None,
    errors: Annotated[int, typer.Option("--errors", min=0, help="Print the N worst misses per set.")] = 0,
    report: Annotated[Path | None, typer.Option("--report", help="Write a Markdown report here.")] = None,
    gate: Annotated[
        Path | None,
        typer.Option("--gate", help="Thresholds file (eval/thresholds.json): exit 1 on any score below it."),
    ] = None,
    raise_minimums: Annotated[
        Path | None,
        typer.Option(
            "--raise-minimums",
            help="Raise the minimums in this thresholds file to today's scores "
            "(never lowers one; creates the file).",
        ),
    ] = None,
) -> None:
    """Score extraction against gold data: precision, recall and F1 per field and per event type.

    Figures go to stdout as JSON, a table to stderr. Matching rules: docs/EVAL.md.
    """
    app_state = state(ctx)
    try:
        gold_sets = _gold_sets(gold or [], shared)
        minimums = load_thresholds(gate) if gate is not None else None
    except ThucydidesError as exc:
        fail(exc)
    modes = (False, True) if published_from_notes is None else (published_from_notes,)
    pipeline = _LazyPipeline(app_state)
    try:
        reports = evaluate(gold_sets, pipeline=pipeline, dated_modes=modes)
    except ThucydidesError as exc:
        fail(exc)
    command = shlex.join(["thucydides", *sys.argv[1:]])
    failures = check_gate(reports, minimums) if minimums is not None else []
    output: dict[str, Any] = {
        "command": command,
        "versions": pipeline.versions,
        "sets": {r.name: r.as_dict(errors=errors) for r in reports},
    }
    if minimums is not None:
        output["gate"] = {"thresholds": str(gate), "failures": failures}
    typer.echo(json.dumps(output, ensure_ascii=False, indent=2))
    if not app_state.quiet:
        stderr.print(_table(reports))
        if errors:
            _print_worst(reports, errors)
    if report is not None:
        when = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(
            render_report(reports, command=command, when=when, versions=pipeline.versions), encoding="utf-8"
        )
        stderr.print(f"report written to {report}")
    if raise_minimums is not None:
        _raise_minimums(raise_minimums, reports)
    for failure in failures:
        stderr.print(f"[bold red]gate:[/] {failure}", highlight=False)
    if failures:
        raise typer.Exit(1)
    if gate is not None:
        stderr.print(f"[green]gate passed[/] ({gate})")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
