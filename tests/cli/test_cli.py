"""The command line as a user meets it: help, ingest twice, errors, extract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thucydides.cli import _COMMAND_MODULES, app

runner = CliRunner()


def test_root_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in _COMMAND_MODULES:
        assert name.replace("_", "-") in result.output


@pytest.mark.parametrize("command", _COMMAND_MODULES)
def test_every_command_explains_itself(command: str) -> None:
    result = runner.invoke(app, [command.replace("_", "-"), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert len(result.output.splitlines()) > 5


def test_unknown_setting_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--set", "nonsense=1", "errors"])
    assert result.exit_code == 2
    assert "unknown setting" in result.output


def _broken_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    lines = [
        json.dumps(
            {
                "id": "w1",
                "title": "Talks",
                "text": "The foreign minister met the UN envoy in Tunis on Monday.",
                "published": "2021-03-02",
            }
        ),
        "{this is not json",
        json.dumps(
            {
                "id": "w2",
                "title": "Arrests",
                "text": "Police arrested ten protesters in Tripoli on Sunday.",
                "published": "2021-03-01",
            }
        ),
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "good.txt").write_text(
        "Minister visits Sirte\n\nThe defence minister visited Sirte on Sunday.\n"
    )


@pytest.mark.slow
def test_ingest_twice_changes_nothing_and_errors_are_listed(tmp_path: Path) -> None:
    from thucydides.store import Store

    inputs = tmp_path / "in"
    _broken_inputs(inputs)
    db = tmp_path / "t.db"
    first = runner.invoke(app, ["--quiet", "--db", str(db), "ingest", str(inputs)])
    assert first.exit_code == 1, first.output  # some inputs failed
    with Store.open(f"sqlite:///{db}") as store:
        counts = {k: v for k, v in store.counts().items() if k != "runs"}
    second = runner.invoke(app, ["--quiet", "--db", str(db), "ingest", str(inputs)])
    assert second.exit_code == 1
    with Store.open(f"sqlite:///{db}") as store:
        assert {k: v for k, v in store.counts().items() if k != "runs"} == counts
        assert counts["articles"] == 3
    listed = runner.invoke(app, ["--db", str(db), "errors", "--json"])
    assert listed.exit_code == 0
    errors = {Path(e["source"]).name: e for e in json.loads(listed.output)}
    assert set(errors) == {"empty.txt", "binary.txt", "wire.jsonl:2"}
    assert errors["wire.jsonl:2"]["error_class"] == "RecordFormatError"
    assert "JSON" in errors["wire.jsonl:2"]["reason"]


@pytest.mark.slow
def test_extract_prints_json_with_evidence(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Ministers meet in Tunis\n\nOn Monday, the Libyan foreign minister met the Tunisian foreign minister in Tunis.\n"
    )
    result = runner.invoke(app, ["--quiet", "extract", str(path), "--published", "2021-03-03"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["article"]["published"] == "2021-03-03"
    for event in payload["events"]:
        start, end = event["evidence_span"]
        assert event["evidence_text"]
        assert end > start


def test_extract_rejects_a_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    result = runner.invoke(app, ["extract", str(path), "--published", "yesterday-ish"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


@pytest.mark.slow
def test_demo_runs_on_the_examples(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    if not examples.is_dir():
        pytest.skip("no examples/")
    folder = tmp_path / "examples"
    shutil.copytree(examples / "text", folder / "text")
    (folder / "README.md").write_text("sample")
    result = runner.invoke(
        app, ["--quiet", "--db", str(tmp_path / "d.db"), "demo", "--path", str(folder), "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    assert "events stored" in result.output


@pytest.mark.slow
def test_places_prints_resolved_toponyms(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Clashes in the west\n\nFighters clashed in Zawiya and Tripoli, Libya, on Sunday.\n")
    result = runner.invoke(app, ["--quiet", "places", str(path)])
    assert result.exit_code == 0, result.output
    places = {p["text"]: p["place"] for p in json.loads(result.stdout)["places"]}
    assert places["Tripoli"]["country"] == "LY"
    assert places["Zawiya"]["country"] == "LY"


def test_events_and_export_show_edited_sides(tmp_path: Path) -> None:
    """An analyst's side edit is what `events` lists and `export` writes, in every format."""
    from store.store_factory import libya_result, sudan_result
    from thucydides.store import Store

    db = tmp_path / "sides.db"
    with Store.open(f"sqlite:///{db}") as store:
        store.save(libya_result())
        store.save(sudan_result())
        store.add_correction(
            "a-sudan-e1",
            action="edit",
            author="ana",
            changes={"sources": ["Q-soler"], "targets": [{"text": "Egyptian troops", "country": "EGY"}]},
        )
    listed = runner.invoke(app, ["--db", str(db), "events", "--actor", "Q-soler", "-f", "json"])
    assert listed.exit_code == 0, listed.output
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert set(rows) == {"a-libya-e1", "a-libya-e2", "a-sudan-e1"}
    assert [a["text"] for a in rows["a-sudan-e1"]["targets"]] == ["Egyptian troops"]
    table = runner.invoke(app, ["--db", str(db), "events", "--country", "EGY"])
    assert table.exit_code == 0, table.output
    assert "Egyptian troops" in table.stdout
    assert "the police" not in table.stdout
    for fmt, needle in (("plover-json", '"Egyptian troops"'), ("csv", "Egyptian troops"), ("geojson", "EGY")):
        out = tmp_path / f"export.{fmt}"
        done = runner.invoke(app, ["--db", str(db), "export", str(out), "-f", fmt, "--country", "EGY"])
        assert done.exit_code == 0, done.output
        text = out.read_text(encoding="utf-8")
        assert needle in text, fmt
        assert "a-sudan-e1" in text
        assert "a-libya" not in text
