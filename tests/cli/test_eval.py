"""``thucydides eval`` from the command line."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thucydides.cli import app
from thucydides.pipeline import STAGE_CLASSES

runner = CliRunner()

GOLD = {
    "article_id": "cli-1",
    "title": "Envoy meets army chief",
    "text": "Army chief Omar Nasser met the envoy Clara Dumont in Misrata on Sunday.\n\n"
    "Observers said the talks were cordial.",
    "published": None,
    "actors": [
        {"mentions": ["Omar Nasser"], "name": "Omar Nasser"},
        {"mentions": ["Clara Dumont"], "name": "Clara Dumont"},
    ],
    "places": [{"mention": "Misrata", "country": "LY", "lat": 32.3754, "lon": 15.0925}],
    "events": [
        {
            "id": "e1",
            "event_type": ["CONSULT"],
            "sources": ["Omar Nasser"],
            "targets": ["Clara Dumont"],
            "symmetric": True,
            "date_text": "on Sunday",
            "evidence": "met the envoy",
        }
    ],
    "no_events_in": ["Observers said the talks were cordial"],
}


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    return path


def test_help() -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "--gate" in result.output
    assert "--no-published" in result.output


def test_malformed_gold_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article_id": "x", "text": "t", "events": [{"id": "e"}]}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2
    assert "event_type" in result.output


def test_missing_shared_folder_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--shared", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "THUCYDIDES_SHARED" in result.output


def _full_pipeline_available() -> bool:
    return all(importlib.util.find_spec(module) for module, _ in STAGE_CLASSES.values())


@pytest.mark.slow
def test_gate_fails_when_a_minimum_is_raised_above_the_measured_score(tmp_path: Path) -> None:
    if not _full_pipeline_available():
        pytest.skip("not every pipeline stage is installed yet")
    gold = _gold(tmp_path)
    measured = runner.invoke(app, ["--quiet", "eval", str(gold), "--no-published"])
    assert measured.exit_code == 0, measured.output
    figures = json.loads(measured.stdout)["sets"]["mine/undated"]["fields"]
    recall = figures["events"]["recall"]

    thresholds = tmp_path / "thresholds.json"
    thresholds.write_text(json.dumps({"minimums": {"mine/undated": {"events.recall": recall}}}))
    passed = runner.invoke(app, ["--quiet", "eval", str(gold), "--no-published", "--gate", str(thresholds)])
    assert passed.exit_code == 0, passed.output

    thresholds.write_text(json.dumps({"minimums": {"mine/undated": {"events.recall": recall + 0.01}}}))
    failed = runner.invoke(app, ["--quiet", "eval", str(gold), "--no-published", "--gate", str(thresholds)])
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["gate"]["failures"] == [
        f"mine/undated events.recall: {recall:.4f} is below the minimum {recall + 0.01:.4f}"
    ]


@pytest.mark.slow
def test_report_is_written(tmp_path: Path) -> None:
    if not _full_pipeline_available():
        pytest.skip("not every pipeline stage is installed yet")
    report = tmp_path / "REPORT.md"
    result = runner.invoke(
        app, ["--quiet", "eval", str(_gold(tmp_path)), "--report", str(report), "--errors", "2"]
    )
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert set(output["sets"]) == {"mine/undated", "mine/notes"}
    text = report.read_text(encoding="utf-8")
    assert "## mine/undated" in text
    assert "thucydides" in text.splitlines()[2]
