"""Loading KB files: bundled + user files, overrides, indexes, errors with file:line."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from thucydides.errors import KnowledgeBaseError
from thucydides.kb.loader import BUNDLED_DIR, KnowledgeBase, load_knowledge_base, read_actors

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base([DATA], bundled=False)


def test_loads_the_test_kb_with_its_indexes(kb: KnowledgeBase) -> None:
    assert "khalifa-haftar" in kb
    assert kb["khalifa-haftar"].name == "Khalifa Haftar"
    assert kb.exact["Haftar"] == ("khalifa-haftar",)
    assert kb.normalised["stephen townsend"] == ("stephen-townsend",)  # middle initial dropped
    assert kb.country_of("Libyan") == "LBY"
    assert kb.country_of("the United States") == "USA"
    assert kb.is_ambiguous("Libyan government")
    assert "fathi-bashagha" in kb.members["lby-government-of-national-accord"]


def test_missing_actor_is_a_clear_error(kb: KnowledgeBase) -> None:
    with pytest.raises(KnowledgeBaseError, match="no actor with id 'nobody'"):
        kb["nobody"]


def test_user_file_overrides_a_record_with_the_same_id(tmp_path: Path) -> None:
    override = tmp_path / "mine.jsonl"
    record = {"id": "khalifa-haftar", "name": "Khalifa Belqasim Haftar", "kind": "person",
              "aliases": ["Marshal Haftar"], "country": "LBY", "sector": "MIL"}  # fmt: skip
    override.write_text(json.dumps(record) + "\n", encoding="utf-8")
    kb = load_knowledge_base([DATA, override], bundled=False, cache=False)
    assert kb["khalifa-haftar"].name == "Khalifa Belqasim Haftar"
    assert "Hifter" not in kb.exact  # the bundled aliases went with the replaced record
    assert kb.exact["Marshal Haftar"] == ("khalifa-haftar",)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"bad\.jsonl:2: not valid JSON"),
        ('{"id": "x", "name": "X", "kind": "robot"}', r"bad\.jsonl:2 \(id 'x'\): kind 'robot'"),
        ('["a list"]', r"bad\.jsonl:2: a KB line must be a JSON object"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("# a comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message):
        list(read_actors(bad))


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="cannot read KB file"):
        list(read_actors(tmp_path / "absent.jsonl"))


def test_cache_returns_the_same_object() -> None:
    assert load_knowledge_base([DATA], bundled=False) is load_knowledge_base([DATA], bundled=False)


@pytest.mark.skipif(not any(BUNDLED_DIR.glob("*.jsonl")), reason="no bundled KB files yet")
def test_bundled_kb_loads_fast_and_indexes_every_actor() -> None:
    started = time.perf_counter()
    kb = load_knowledge_base(cache=False)
    elapsed = time.perf_counter() - started
    assert len(kb) > 100
    assert kb.country_of("French") == "FRA"
    for actor in kb.actors.values():
        assert actor.id in kb.normalised[kb.keys.normalise(actor.name)]
    assert elapsed < 2.0, f"loading the bundled KB took {elapsed:.2f} s"
