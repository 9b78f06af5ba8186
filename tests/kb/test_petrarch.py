"""Import of PETRARCH/CAMEO dictionaries into KB records."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.errors import KnowledgeBaseError
from thucydides.kb.loader import KnowledgeBase
from thucydides.kb.petrarch import parse_cameo_code, read_actor_dictionary, read_agent_dictionary, unique_ids
from thucydides.kb.resolver import Resolver
from thucydides.kb.schema import actor_from_dict, actor_to_dict

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("LBYGOV", ("LBY", "GOV")),
        ("LBYREBRAD", ("LBY", "REB")),
        ("USAMIL", ("USA", "MIL")),
        ("FRA", ("FRA", None)),
        ("IGOUNO", (None, "IGO")),
        ("~COP", (None, "COP")),
        ("NGO", (None, "NGO")),
    ],
)
def test_cameo_codes_split_into_country_and_sector(
    code: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_cameo_code(code) == expected


def test_actor_dictionary_becomes_kb_records() -> None:
    actors = {a.id: a for a in read_actor_dictionary(DATA / "sample.actors.txt")}
    assert set(actors) == {
        "khalifa-haftar", "fayez-al-sarraj", "libyan-national-army", "france", "united-nations", "ansar-al-sharia",
    }  # fmt: skip
    haftar = actors["khalifa-haftar"]
    assert (haftar.name, haftar.kind, haftar.country, haftar.sector) == (
        "Khalifa Haftar",
        "person",
        "LBY",
        "MIL",
    )
    assert haftar.aliases == ("Khalifa Hifter", "Haftar", "Hifter")
    assert [(r.start, r.end) for r in haftar.roles] == [("2014-05-16", None), (None, "2014-05-15")]
    sarraj = actors["fayez-al-sarraj"]
    assert (sarraj.country, sarraj.sector) == ("LBY", "GOV")  # its office, not the later ELI code
    assert sarraj.roles[0].start == "2016-03-30"
    assert sarraj.roles[0].end == "2021-03-15"
    assert actors["libyan-national-army"].aliases == ("LNA",)
    assert actors["libyan-national-army"].kind == "organisation"
    assert actors["france"].kind == "country"
    assert actors["united-nations"].kind == "igo"
    assert actors["ansar-al-sharia"].kind == "armed_group"
    assert "sample.actors.txt:" in (haftar.source or "")
    for actor in actors.values():  # every record passes our own schema
        assert actor_from_dict(actor_to_dict(actor)) == actor


def test_imported_records_resolve() -> None:
    kb = KnowledgeBase.from_actors(read_actor_dictionary(DATA / "sample.actors.txt"))
    resolver = Resolver(kb)
    assert resolver.resolve("Field Marshal Khalifa Hifter")[0].actor_id == "khalifa-haftar"
    assert resolver.resolve("Faiz al-Serraj")[0].actor_id == "fayez-al-sarraj"


def test_agent_dictionary() -> None:
    agents = {a.phrase: a for a in read_agent_dictionary(DATA / "sample.agents.txt")}
    assert agents["army"].sector == "MIL"
    assert agents["police officer"].plurals == ("police officers", "policemen")
    assert agents["police officer"].sector == "COP"
    assert agents["minister"].sector == "GOV"
    assert agents["rebel"].to_dict() == {
        "phrase": "rebel",
        "plurals": ["rebels"],
        "sector": "REB",
        "code": "REB",
    }


def test_malformed_dictionaries_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("# header\n+ORPHAN_SYNONYM_\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad\.actors\.txt:2: synonym"):
        read_actor_dictionary(bad)
    agents = tmp_path / "bad.agents.txt"
    agents.write_text("ARMY_ MIL\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad\.agents\.txt:1: expected"):
        read_agent_dictionary(agents)


def test_ids_are_unique_when_names_repeat(tmp_path: Path) -> None:
    path = tmp_path / "dup.actors.txt"
    path.write_text("ALI_ZEIDAN_ [LBYGOV]\nALI_ZEIDAN_ [EGYBUS]\nALI_ZEIDAN_ [EGYBUS]\n", encoding="utf-8")
    actors = read_actor_dictionary(path)
    assert unique_ids(actors)
    assert [a.id for a in actors] == ["ali-zeidan", "egy-ali-zeidan", "ali-zeidan-2"]
