"""The quality gate of ``thucydides eval``, and the Markdown report.

``eval/thresholds.json`` holds a minimum per gold set and ``field.metric``::

    {"minimums": {"plover": {"event_type.accuracy": 0.31}, ...},
     "why": {"plover event_type.accuracy": "lowered from 0.35: ..."}}

``thucydides eval --gate eval/thresholds.json`` exits 1 naming every score below its minimum.
Raising a minimum is a normal commit; lowering or removing one needs a ``why`` entry keyed
``"<set> <field.metric>"`` (:func:`lowered_without_why` checks it against the committed file).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from thucydides.errors import ConfigError
from thucydides.eval_run import SetReport

__all__ = [
    "check_gate",
    "flatten",
    "gated_figures",
    "load_thresholds",
    "lowered_without_why",
    "ratchet",
    "render_report",
]

#: the figures a minimum is kept for: scores where higher is better (not counts, not error rates)
_GATED = re.compile(r"(^|\.)(f1|accuracy|accuracy_161km|exact_geonameid|country|f1_161km)$")


def flatten(reports: Iterable[SetReport]) -> dict[str, dict[str, float]]:
    """``{set: {"field.metric": value}}`` of every number a minimum can be set on."""
    out: dict[str, dict[str, float]] = {}
    for report in reports:
        flat: dict[str, float] = {}
        fields = report.figures.get("fields")
        if isinstance(fields, Mapping):
            for field_name, metrics in fields.items():
                for metric in ("precision", "recall", "f1", "accuracy"):
                    if metric in metrics:
                        flat[f"{field_name}.{metric}"] = float(metrics[metric])
        else:  # geo_eval figures: flat or one level deep
            for key, value in report.figures.items():
                if isinstance(value, Mapping):
                    flat.update(
                        {
                            f"{key}.{k}": float(v)
                            for k, v in value.items()
                            if isinstance(v, int | float) and not isinstance(v, bool)
                        }
                    )
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    flat[key] = float(value)
        out[report.name] = flat
    return out


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    """The ``minimums`` of a thresholds file: ``{set: {"field.metric": minimum}}``."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the thresholds file {path}: {exc}") from exc
    minimums = document.get("minimums") if isinstance(document, dict) else None
    if not isinstance(minimums, dict) or not all(
        isinstance(v, dict) and all(isinstance(x, int | float) for x in v.values()) for v in minimums.values()
    ):
        raise ConfigError(f'{path}: expected {{"minimums": {{set: {{"field.metric": number}}}}}}')
    return {name: {k: float(v) for k, v in values.items()} for name, values in minimums.items()}


def check_gate(reports: Sequence[SetReport], minimums: Mapping[str, Mapping[str, float]]) -> list[str]:
    """One message per minimum a measured score falls below (sets not run are not checked)."""
    measured = flatten(reports)
    failures: list[str] = []
    for set_name, wanted in sorted(minimums.items()):
        if set_name not in measured:
            continue
        for key, minimum in sorted(wanted.items()):
            value = measured[set_name].get(key)
            if value is None:
                failures.append(f"{set_name} {key}: not measured (minimum {minimum:.4f})")
            elif value < minimum - 1e-9:
                failures.append(f"{set_name} {key}: {value:.4f} is below the minimum {minimum:.4f}")
    return failures


def lowered_without_why(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Minimums lowered (or dropped) from ``before`` to ``after`` with no ``why`` entry explaining it.

    A ``why`` entry is keyed ``"<set> <field.metric>"`` in the file's ``why`` object.
    """
    old, new = before.get("minimums") or {}, after.get("minimums") or {}
    why = after.get("why") or {}
    problems: list[str] = []
    for set_name, values in old.items():
        for key, minimum in values.items():
            current = (new.get(set_name) or {}).get(key)
            if (current is None or current < minimum) and f"{set_name} {key}" not in why:
                shown = "removed" if current is None else f"lowered to {current}"
                problems.append(f"{set_name} {key}: {minimum} {shown} without a 'why' entry")
    return problems


def gated_figures(reports: Iterable[SetReport]) -> dict[str, dict[str, float]]:
    """The figures the gate keeps a minimum for: F1s, accuracies and geo hit rates."""
    return {
        name: {k: v for k, v in values.items() if _GATED.search(k)}
        for name, values in flatten(reports).items()
    }


def ratchet(document: Mapping[str, Any], reports: Iterable[SetReport]) -> dict[str, Any]:
    """A thresholds document whose minimums are raised to today's scores, never lowered.

    Sets that were not run keep their minimums; new sets and figures get today's score.
    """
    minimums: dict[str, dict[str, float]] = {k: dict(v) for k, v in (document.get("minimums") or {}).items()}
    for set_name, values in gated_figures(reports).items():
        current = minimums.setdefault(set_name, {})
        for key, value in sorted(values.items()):
            current[key] = max(value, current.get(key, 0.0))
    return {**document, "minimums": {k: dict(sorted(v.items())) for k, v in sorted(minimums.items())}}


# ---------------------------------------------------------------------------- the report

#: published figures on the same data: set -> (system, what, {(label, our figure): their value %})
REFERENCE_FIGURES: Mapping[str, tuple[str, str, Mapping[tuple[str, str], float]]] = {
    "trnews": (
        "Mordecai3",
        "resolution given the gold toponym spans",
        {
            ("exact GeoNames id", "given_spans.exact_geonameid"): 84.3,
            ("right country", "given_spans.country"): 97.8,
            ("accuracy@161 km", "given_spans.accuracy_161km"): 87.3,
        },
    ),
}


def _pct(value: Any) -> str:
    return f"{100 * value:.1f}" if isinstance(value, int | float) else "–"


def _fields_table(fields: Mapping[str, Mapping[str, Any]]) -> list[str]:
    lines = [
        "| field | precision % | recall % | F1 % | accuracy % | tp | fp | fn |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in fields.items():
        scores = " | ".join(_pct(m.get(k)) for k in ("precision", "recall", "f1", "accuracy"))
        counts = " | ".join(str(m.get(k, "")) for k in ("tp", "fp", "fn"))
        lines.append(f"| {name} | {scores} | {counts} |")
    return lines


def _types_table(types: Mapping[str, Mapping[str, Any]]) -> list[str]:
    lines = [
        "| event type | precision % | recall % | F1 % | gold | predicted |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, m in types.items():
        lines.append(
            f"| {name} | {_pct(m['precision'])} | {_pct(m['recall'])} | {_pct(m['f1'])} "
            f"| {m['tp'] + m['fn']} | {m['tp'] + m['fp']} |"
        )
    return lines


def render_report(
    reports: Sequence[SetReport], *, command: str, when: str, versions: Mapping[str, str]
) -> str:
    """``eval/REPORT.md``: today's figures on every gold set, how they were made, and references."""
    lines = [
        "# Evaluation report",
        "",
        f"Generated {when} by `{command}`",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()),
        "",
        "Matching rules: `docs/EVAL.md`. Percentages; tp/fp/fn are counts.",
        "",
    ]
    for report in reports:
        lines += [f"## {report.name}", "", f"`{report.path}` ({report.kind}), {report.seconds:.1f} s", ""]
        figures = report.figures
        if "skipped" in figures:
            lines += [f"Not scored: {figures['skipped']}.", ""]
        elif isinstance(figures.get("fields"), Mapping):
            lines += [*_fields_table(figures["fields"]), ""]
            if figures.get("event_types"):
                lines += [*_types_table(figures["event_types"]), ""]
            confusions = sorted(
                (
                    (n, gold, got)
                    for gold, row in (figures.get("confusion") or {}).items()
                    for got, n in row.items()
                    if gold != got
                ),
                reverse=True,
            )[:8]
            if confusions:
                lines += [
                    "Most frequent confusions (gold → produced): "
                    + ", ".join(f"{gold} → {got} {n}" for n, gold, got in confusions)
                    + ".",
                    "",
                ]
            if figures.get("extra"):
                lines += ["Counts: " + ", ".join(f"{k} {v}" for k, v in figures["extra"].items()), ""]
        else:
            lines += ["| figure | value |", "|---|---:|"]
            for group, values in sorted(figures.items()):
                items = values.items() if isinstance(values, Mapping) else [("", values)]
                for key, value in items:
                    shown = f"{100 * value:.1f} %" if isinstance(value, float) else str(value)
                    lines.append(f"| {group}{'.' if key else ''}{key} | {shown} |")
            lines.append("")
        if report.failures:
            lines += [f"{len(report.failures)} inputs failed, first: {report.failures[0]}", ""]
        reference = REFERENCE_FIGURES.get(report.name)
        if reference is not None:
            system, what, values = reference
            ours = flatten([report])[report.name]
            lines += [
                f"Compared with the published figures of {system} on the same data ({what}):",
                "",
                f"| figure | thucydides | {system} |",
                "|---|---:|---:|",
            ]
            lines += [
                f"| {label} | {_pct(ours.get(key))} % | {theirs:.1f} % |"
                for (label, key), theirs in values.items()
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
