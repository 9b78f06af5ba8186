"""The KB record format: parsing, validation messages, partial dates, roles at a date."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.kb.schema import SchemaError, actor_from_dict, actor_to_dict, parse_partial_date

HAFTAR = {
    "id": "khalifa-haftar",
    "qid": "Q1739330",
    "name": "Khalifa Haftar",
    "kind": "person",
    "aliases": ["Khalifa Hifter", "Haftar", "Khalifa Haftar"],
    "country": "LBY",
    "sector": "MIL",
    "roles": [
        {
            "title": "General Commander of the Libyan National Army",
            "office": "commander",
            "organisation": "libyan-national-army",
            "country": "LBY",
            "sector": "MIL",
            "start": "2015-03",
            "end": None,
        }
    ],
    "affiliations": [{"actor": "libyan-national-army", "start": "2014", "end": None}],
    "source": "test",
}


def test_actor_from_dict_reads_every_field() -> None:
    actor = actor_from_dict(HAFTAR, origin="x.jsonl:1")
    assert actor.id == "khalifa-haftar"
    assert actor.aliases == ("Khalifa Hifter", "Haftar")  # the name itself is not repeated
    assert actor.roles[0].office == "commander"
    assert actor.affiliations[0].actor == "libyan-national-army"
    assert actor.origin == "x.jsonl:1"


def test_round_trip_keeps_the_record() -> None:
    actor = actor_from_dict(HAFTAR)
    again = actor_from_dict(actor_to_dict(actor))
    assert again == actor


def test_unknown_keys_are_kept_as_extra() -> None:
    actor = actor_from_dict(
        {"id": "lby", "name": "Libya", "kind": "country", "country": "LBY", "alpha2": "LY"}
    )
    assert actor.extra == {"alpha2": "LY"}
    assert actor_to_dict(actor)["alpha2"] == "LY"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "Khalifa Haftar"}, "lowercase ascii slug"),
        ({"kind": "general"}, "kind 'general'"),
        ({"country": "LY"}, "alpha-3"),
        ({"sector": "ARMY"}, "sector 'ARMY'"),
        ({"sector": "HLH"}, "PLOVER codes health as MED"),  # CAMEO's health code
        ({"qid": "1739330"}, "Wikidata"),
        ({"aliases": "Haftar"}, "must be a list"),
        ({"name": None}, "missing required field 'name'"),
        ({"roles": [{"title": "Boss", "office": "boss"}]}, "roles[0]: office 'boss'"),
        ({"roles": [{"office": "commander"}]}, "roles[0]: missing required field 'title'"),
        ({"roles": [{"title": "X", "office": "commander", "start": "2015-13"}]}, "does not exist"),
        ({"roles": [{"title": "X", "office": "commander", "start": "March 2015"}]}, "YYYY"),
        ({"roles": [{"title": "X", "office": "commander", "start": "2016", "end": "2015"}]}, "before start"),
        ({"affiliations": [{"start": "2014"}]}, "affiliations[0]: missing required field 'actor'"),
    ],
)
def test_malformed_records_say_what_is_wrong(change: dict[str, object], message: str) -> None:
    with pytest.raises(SchemaError, match=message.replace("[", r"\[").replace("]", r"\]")):
        actor_from_dict({**HAFTAR, **change})


def test_partial_dates_widen_to_their_period() -> None:
    assert parse_partial_date("2015") == date(2015, 1, 1)
    assert parse_partial_date("2015", upper=True) == date(2015, 12, 31)
    assert parse_partial_date("2024-02", upper=True) == date(2024, 2, 29)
    assert parse_partial_date("2015-03-02") == date(2015, 3, 2)


def test_roles_on_a_date_and_without_one() -> None:
    actor = actor_from_dict(
        {
            **HAFTAR,
            "roles": [
                {"title": "Old", "office": "commander", "start": "2000", "end": "2010-06"},
                {"title": "New", "office": "commander", "start": "2015"},
            ],
        }
    )
    assert [r.title for r in actor.roles_on(date(2010, 6, 30))] == ["Old"]
    assert [r.title for r in actor.roles_on(date(2012, 1, 1))] == []
    assert [r.title for r in actor.roles_on(None)] == ["New"]
    ended = actor_from_dict({**HAFTAR, "roles": [{"title": "Old", "office": "commander", "end": "2010"}]})
    assert [r.title for r in ended.roles_on(None)] == ["Old"]  # the latest when none is current


def test_dated_sectors_give_the_sector_at_a_date_and_round_trip() -> None:
    # a made-up militia: pro-government at first, in arms against the government later
    record = {
        "id": "river-guard",
        "name": "River Guard",
        "kind": "armed_group",
        "country": "LBY",
        "sector": "REB",
        "sectors": [{"sector": "PRM", "start": "2012", "end": "2016-05", "note": "paid by the ministry"}],
    }
    group = actor_from_dict(record)
    assert group.sector_on(date(2014, 7, 1)) == "PRM"
    assert group.sector_on(date(2016, 6, 1)) == "REB"
    assert group.sector_on(None) == "REB"  # undated: no period is still open, so the base sector
    assert actor_to_dict(group)["sectors"] == record["sectors"]
    opened = actor_from_dict({**record, "sector": "PRM", "sectors": [{"sector": "REB", "start": "2020"}]})
    assert opened.sector_on(None) == "REB"  # undated: the open-ended period is today's


@pytest.mark.parametrize(
    ("sectors", "message"),
    [
        ([{"start": "2012"}], "sectors[0]: missing required field 'sector'"),
        ([{"sector": "MILITIA", "start": "2012"}], "sectors[0]: sector 'MILITIA'"),
        ([{"sector": "PRM"}], "needs a start or an end"),
        ([{"sector": "PRM", "start": "2016", "end": "2012"}], "before start"),
    ],
)
def test_malformed_dated_sectors_say_what_is_wrong(sectors: list[dict[str, str]], message: str) -> None:
    with pytest.raises(SchemaError, match=message.replace("[", r"\[").replace("]", r"\]")):
        actor_from_dict({**HAFTAR, "sectors": sectors})
