"""Integrity of the office-holder files: ``leaders.jsonl``, ``ministers.jsonl``, ``envoys.jsonl``.

Read with plain ``json`` so the files are held to the format whatever the loader does. On top
of the checks every KB file gets (``test_data_files.py``), office holders have dated roles, so
these tests also check that two people never hold the same head-of-government office of the
same country at the same time, unless one of the roles is marked ``"disputed": true`` (rival
governments: Libya 2014-2021, Yemen's Houthi cabinet, Hamas in Gaza, Sudan's RSF government).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from itertools import combinations
from pathlib import Path
from typing import Any

import pycountry
import pytest

DATA_DIR = Path(str(files("thucydides").joinpath("kb", "data")))
OUR_FILES = ("leaders.jsonl", "ministers.jsonl", "envoys.jsonl")

REQUIRED_KEYS = ("id", "name", "kind", "aliases", "country", "sector", "roles", "source")
ROLE_KEYS = ("title", "office", "organisation", "country", "sector", "start", "end")
OFFICES = frozenset(
    {
        *("head_of_state", "head_of_government", "foreign_minister", "defence_minister"),
        *("interior_minister", "minister", "deputy", "envoy", "ambassador", "commander"),
        *("legislator", "speaker", "party_leader", "group_leader", "judge", "official"),
    }
)
SECTORS = frozenset(
    {
        *("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK"),
        *("AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP"),
        *("PRE", "REL", "SOC", "IGO", "NGO"),
    }
)


@dataclass(frozen=True, slots=True)
class Entry:
    file: str
    line: int
    data: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line} ({self.data.get('id', '?')})"


@dataclass(frozen=True, slots=True)
class Tenure:
    """One role of one person, with the widest and narrowest days its dates can mean."""

    who: str
    key: str
    start_latest: date
    end_earliest: date
    disputed: bool


def load(name: str) -> list[Entry]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [Entry(name, number, json.loads(raw)) for number, raw in enumerate(handle, start=1)]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry for name in OUR_FILES for entry in load(name)]


def bounds(value: str) -> tuple[date, date]:
    """First and last day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date can mean."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        exact = date(*parts)
        return exact, exact
    if len(parts) == 2:
        year, month = parts
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def valid_alpha3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def role_problems(role: dict[str, Any]) -> list[str]:
    problems = [f"missing {key}" for key in ROLE_KEYS if key not in role]
    if role.get("office") not in OFFICES:
        problems.append(f"office {role.get('office')!r} not in the vocabulary")
    if role.get("sector") not in SECTORS:
        problems.append(f"sector {role.get('sector')!r} not in the vocabulary")
    if role.get("country") is not None and not valid_alpha3(role["country"]):
        problems.append(f"country {role['country']!r} is not ISO alpha-3")
    if not isinstance(role.get("title"), str) or not role["title"].strip():
        problems.append("empty title")
    if "disputed" in role and role["disputed"] is not True:
        problems.append("disputed is only ever true (leave the key out otherwise)")
    parsed = {}
    for key in ("start", "end"):
        if role.get(key) is not None:
            try:
                parsed[key] = bounds(role[key])
            except ValueError as exc:
                problems.append(f"{key}: {exc}")
    if len(parsed) == 2 and parsed["start"][0] > parsed["end"][1]:
        problems.append(f"starts {role['start']} after it ends {role['end']}")
    return problems


def tenures(entries: list[Entry], office: str) -> list[Tenure]:
    """Every role with ``office``, keyed by the organisation (the country id for national offices)."""
    out = []
    for entry in entries:
        for role in entry.data["roles"]:
            if role["office"] != office or role["start"] is None:
                continue
            end = bounds(role["end"])[0] if role["end"] else date.max
            out.append(
                Tenure(
                    who=entry.where,
                    key=str(role["organisation"] or role["country"]),
                    start_latest=bounds(role["start"])[1],
                    end_earliest=end,
                    disputed=bool(role.get("disputed")),
                )
            )
    return out


def certain_overlaps(items: list[Tenure]) -> list[str]:
    """Pairs of different people certainly in the same office on the same day, neither disputed.

    Partial dates are read so that only a sure overlap counts (a hand-over known to the month
    is not a clash), and a hand-over on the same day is not one either.
    """
    by_key: dict[str, list[Tenure]] = defaultdict(list)
    for item in items:
        by_key[item.key].append(item)
    clashes = []
    for key, group in by_key.items():
        for first, second in combinations(group, 2):
            if first.who == second.who or first.disputed or second.disputed:
                continue
            if first.start_latest < second.end_earliest and second.start_latest < first.end_earliest:
                clashes.append(f"{key}: {first.who} and {second.who}")
    return clashes


# --- the data ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OUR_FILES)
def test_every_line_is_a_json_object(name: str) -> None:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    assert lines
    for number, raw in enumerate(lines, start=1):
        assert isinstance(json.loads(raw), dict), f"{name}:{number}"


def test_there_are_enough_office_holders(entries: list[Entry]) -> None:
    assert len(entries) >= 800


def test_every_entry_has_the_required_keys_and_valid_fields(entries: list[Entry]) -> None:
    bad = []
    for entry in entries:
        data = entry.data
        missing = [key for key in REQUIRED_KEYS if key not in data]
        if missing:
            bad.append(f"{entry.where}: missing {missing}")
            continue
        if data["kind"] != "person":
            bad.append(f"{entry.where}: kind {data['kind']!r}, these files hold people")
        if data["country"] is not None and not valid_alpha3(data["country"]):
            bad.append(f"{entry.where}: country {data['country']!r} is not ISO alpha-3")
        if data["sector"] not in SECTORS:
            bad.append(f"{entry.where}: sector {data['sector']!r}")
        if not data["roles"]:
            bad.append(f"{entry.where}: an office holder without a role")
        if not data["source"].strip():
            bad.append(f"{entry.where}: empty source note")
        bad += [f"{entry.where}: {problem}" for role in data["roles"] for problem in role_problems(role)]
    assert not bad, "\n".join(bad)


def test_ids_and_names_are_unique_across_our_files(entries: list[Entry]) -> None:
    for key in ("id", "name"):
        seen: dict[str, str] = {}
        clashes = []
        for entry in entries:
            value = entry.data[key].casefold()
            if value in seen:
                clashes.append(f"{value}: {seen[value]} and {entry.where}")
            seen[value] = entry.where
        assert not clashes, "\n".join(clashes)


def test_aliases_are_clean(entries: list[Entry]) -> None:
    bad = []
    for entry in entries:
        folded = [alias.casefold() for alias in entry.data["aliases"]]
        if len(folded) != len(set(folded)):
            bad.append(f"{entry.where}: an alias is listed twice")
        if entry.data["name"].casefold() in folded:
            bad.append(f"{entry.where}: the name is repeated as an alias")
        bad += [
            f"{entry.where}: alias {alias!r}" for alias in entry.data["aliases"] if alias != alias.strip()
        ]
    assert not bad, "\n".join(bad)


def test_libyans_live_in_libya_jsonl(entries: list[Entry]) -> None:
    assert [entry.where for entry in entries if entry.data["country"] == "LBY"] == []


def test_no_two_heads_of_government_of_one_country_at_once(entries: list[Entry]) -> None:
    clashes = certain_overlaps(tenures(entries, "head_of_government"))
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize(
    ("name", "office", "organisation", "on"),
    [
        ("Emmanuel Macron", "head_of_state", "fra", date(2023, 10, 1)),
        ("Abdel Fattah el-Sisi", "head_of_state", "egy", date(2020, 1, 1)),
        ("Recep Tayyip Erdoğan", "head_of_government", "tur", date(2010, 1, 1)),
        ("Mohamed Hamdan Dagalo", "deputy", "sdn", date(2020, 6, 1)),
        ("Stephen J. Townsend", "commander", "us-africom", date(2020, 6, 23)),
        ("Richard Norland", "ambassador", "usa", date(2020, 6, 23)),
        ("Ghassan Salamé", "envoy", "unsmil", date(2019, 4, 4)),
    ],
)
def test_a_few_well_known_tenures(
    entries: list[Entry], name: str, office: str, organisation: str, on: date
) -> None:
    (entry,) = [entry for entry in entries if entry.data["name"] == name]
    holding = [
        role
        for role in entry.data["roles"]
        if role["office"] == office
        and role["organisation"] == organisation
        and bounds(role["start"])[0] <= on
        and (role["end"] is None or on <= bounds(role["end"])[1])
    ]
    assert holding, f"{name} was not {office} of {organisation} on {on}"


# --- the checks catch what they claim to catch --------------------------------------------


def _tenure(who: str, start: str, end: str | None, *, disputed: bool = False) -> Tenure:
    role = {"office": "head_of_government", "organisation": "lby", "country": "LBY"}
    entry = Entry("x", 1, {"id": who, "roles": [{**role, "start": start, "end": end, "disputed": disputed}]})
    (item,) = tenures([entry], "head_of_government")
    return item


def test_overlap_is_caught_and_handovers_and_disputes_are_not() -> None:
    assert certain_overlaps([_tenure("a", "2014-03-12", None), _tenure("b", "2016-03-30", "2021-03-15")])
    assert not certain_overlaps([_tenure("a", "2014", "2016-03-30"), _tenure("b", "2016-03-30", None)])
    assert not certain_overlaps([_tenure("a", "2025-01", "2025-04"), _tenure("b", "2025-04", None)])
    assert not certain_overlaps(
        [_tenure("a", "2014-08-25", "2016-04-05"), _tenure("b", "2014-09-01", None, disputed=True)]
    )


def test_role_problems_catch_bad_roles() -> None:
    good = {
        "title": "Prime Minister of Libya",
        "office": "head_of_government",
        "organisation": "lby",
        "country": "LBY",
        "sector": "GOV",
        "start": "2021-03",
        "end": None,
    }
    assert role_problems(good) == []
    assert role_problems({**good, "office": "prime_minister"})
    assert role_problems({**good, "country": "LIB"})
    assert role_problems({**good, "start": "2021-02-30"})
    assert role_problems({**good, "start": "2021-05", "end": "2021-04"})
    assert role_problems({**good, "disputed": False})
