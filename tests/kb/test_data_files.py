"""Integrity of the bundled actor knowledge-base files (``src/thucydides/kb/data/*.jsonl``).

Read with plain ``json`` on purpose: these checks hold the data to the file format whatever
the loader does with it. Each check is a small function returning a list of problems, so a
failure names the file, the line and the actor.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycountry
import pytest

DATA_DIR = Path(str(files("thucydides").joinpath("kb", "data")))
ALLOW_LIST = DATA_DIR / "ambiguous_aliases.txt"

REQUIRED_KEYS = ("id", "name", "kind", "aliases", "country", "sector", "source")
KINDS = frozenset({"person", "organisation", "country", "armed_group", "igo"})
SECTORS = frozenset(
    {
        *("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK"),
        *("AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP"),
        *("PRE", "REL", "SOC", "IGO", "NGO"),
    }
)
OFFICES = frozenset(
    {
        *("head_of_state", "head_of_government", "foreign_minister", "defence_minister"),
        *("interior_minister", "minister", "deputy", "envoy", "ambassador", "commander"),
        *("legislator", "speaker", "party_leader", "group_leader", "judge", "official"),
    }
)
#: Codes outside ISO 3166-1 that the KB uses on purpose (Kosovo's user-assigned code).
EXTRA_ALPHA3 = frozenset({"XKX"})
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Record:
    file: str
    line: int
    entry: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line} ({self.entry.get('id', '?')})"


def data_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.jsonl"))


def read_records(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield Record(path.name, number, json.loads(raw))


def all_records() -> list[Record]:
    return [record for path in data_files() for record in read_records(path)]


def read_allow_list(path: Path = ALLOW_LIST) -> set[str]:
    if not path.exists():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line.casefold() for line in lines if line and not line.startswith("#")}


# --- single-field checks --------------------------------------------------------------------


def date_bounds(value: str) -> tuple[date, date]:
    """The earliest and latest day a (possibly partial) ISO date can mean; ValueError if bad."""
    match = DATE_RE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if day:
        exact = date(int(year), int(month), int(day))
        return exact, exact
    if month:
        first = date(int(year), int(month), 1)
        following = date(int(year) + (int(month) == 12), int(month) % 12 + 1, 1)
        return first, date.fromordinal(following.toordinal() - 1)
    return date(int(year), 1, 1), date(int(year), 12, 31)


def valid_alpha3(code: str) -> bool:
    return code in EXTRA_ALPHA3 or pycountry.countries.get(alpha_3=code) is not None


def period_problems(item: dict[str, Any], what: str) -> list[str]:
    problems = []
    bounds = {}
    for key in ("start", "end"):
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"{what}.{key} {value!r} is not a string")
            continue
        try:
            bounds[key] = date_bounds(value)
        except ValueError as exc:
            problems.append(f"{what}.{key}: {exc}")
    if "start" in bounds and "end" in bounds and bounds["start"][0] > bounds["end"][1]:
        problems.append(f"{what} starts {item['start']} after it ends {item['end']}")
    return problems


def entry_problems(entry: dict[str, Any]) -> list[str]:
    """Everything wrong with one KB entry taken alone (references are checked across files)."""
    missing = [key for key in REQUIRED_KEYS if key not in entry]
    if missing:
        return [f"missing keys {missing}"]
    problems = []
    if not isinstance(entry["id"], str) or not ID_RE.match(entry["id"]):
        problems.append(f"id {entry['id']!r} is not a lowercase ascii slug")
    if "qid" in entry and not (isinstance(entry["qid"], str) and QID_RE.match(entry["qid"])):
        problems.append(f"qid {entry['qid']!r} is not a Wikidata QID")
    if not isinstance(entry["name"], str) or not entry["name"].strip():
        problems.append("empty name")
    if entry["kind"] not in KINDS:
        problems.append(f"kind {entry['kind']!r} not in {sorted(KINDS)}")
    if entry["country"] is not None and not valid_alpha3(entry["country"]):
        problems.append(f"country {entry['country']!r} is not an ISO 3166-1 alpha-3 code")
    if entry["sector"] is not None and entry["sector"] not in SECTORS:
        problems.append(f"sector {entry['sector']!r} not in the sector vocabulary")
    if entry["kind"] == "country" and entry["sector"] is not None:
        problems.append("a country has sector null")
    if not isinstance(entry["source"], str) or not entry["source"].strip():
        problems.append("empty source note")
    problems += alias_problems(entry)
    for index, role in enumerate(entry.get("roles") or []):
        problems += role_problems(role, f"roles[{index}]")
    for index, link in enumerate(entry.get("affiliations") or []):
        what = f"affiliations[{index}]"
        if not isinstance(link.get("actor"), str) or not ID_RE.match(link["actor"]):
            problems.append(f"{what}.actor {link.get('actor')!r} is not an actor id")
        problems += period_problems(link, what)
    return problems


def alias_problems(entry: dict[str, Any]) -> list[str]:
    aliases = entry["aliases"]
    if not isinstance(aliases, list):
        return ["aliases is not a list"]
    problems = []
    seen: set[str] = set()
    for alias in aliases:
        if not isinstance(alias, str) or not alias.strip() or alias != alias.strip():
            problems.append(f"bad alias {alias!r}")
            continue
        if alias.casefold() in seen:
            problems.append(f"alias {alias!r} listed twice")
        seen.add(alias.casefold())
    return problems


def role_problems(role: dict[str, Any], what: str) -> list[str]:
    problems = []
    if not isinstance(role.get("title"), str) or not role["title"].strip():
        problems.append(f"{what} has no title")
    if role.get("office") not in OFFICES:
        problems.append(f"{what}.office {role.get('office')!r} not in the office vocabulary")
    if role.get("country") is not None and not valid_alpha3(role["country"]):
        problems.append(f"{what}.country {role['country']!r} is not an ISO alpha-3 code")
    if role.get("sector") is not None and role["sector"] not in SECTORS:
        problems.append(f"{what}.sector {role['sector']!r} not in the sector vocabulary")
    return problems + period_problems(role, what)


def looks_like_id(value: object) -> bool:
    return isinstance(value, str) and bool(ID_RE.match(value))


def surface_forms(entry: dict[str, Any]) -> set[str]:
    forms = [entry["name"], *entry["aliases"], *(entry.get("demonyms") or [])]
    return {form.casefold() for form in forms if isinstance(form, str)}


def shared_forms(records: list[Record]) -> dict[str, set[str]]:
    """Surface forms (name, alias, demonym; case-folded) that name more than one actor."""
    owners: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for form in surface_forms(record.entry):
            owners[form].add(record.entry["id"])
    return {form: ids for form, ids in owners.items() if len(ids) > 1}


# --- the checks themselves --------------------------------------------------------------------


def test_the_data_directory_has_files() -> None:
    assert {path.name for path in data_files()} >= {
        "countries.jsonl",
        "igos.jsonl",
        "armed_groups.jsonl",
        "libya.jsonl",
    }


@pytest.mark.parametrize("path", data_files(), ids=lambda path: path.name)
def test_every_line_is_a_json_object(path: Path) -> None:
    bad = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                bad.append(f"{path.name}:{number}: blank line")
                continue
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                bad.append(f"{path.name}:{number}: {exc}")
                continue
            if not isinstance(value, dict):
                bad.append(f"{path.name}:{number}: not an object")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", data_files(), ids=lambda path: path.name)
def test_every_entry_is_well_formed(path: Path) -> None:
    bad = [
        f"{record.where}: {problem}"
        for record in read_records(path)
        for problem in entry_problems(record.entry)
    ]
    assert not bad, "\n".join(bad)


def test_named_armed_groups_are_never_unidentified_armed_forces() -> None:
    # PLOVER's UAF is "unknown gunmen": a named group is PRM, REB (or CRM), and says why
    bad = []
    for path in data_files():
        for record in read_records(path):
            entry = record.entry
            dated = [p.get("sector") for p in entry.get("sectors") or []]
            roles = [r.get("sector") for r in entry.get("roles") or []]
            if "UAF" in (entry.get("sector"), *dated, *roles):
                bad.append(f"{record.where}: {entry['id']} is filed as UAF")
            if (
                entry.get("kind") == "armed_group"
                and dated
                and not all(p.get("note") for p in entry["sectors"])
            ):
                bad.append(f"{record.where}: {entry['id']} has a dated sector without a note")
    assert not bad, "\n".join(bad)


def test_ids_are_unique_across_all_files() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for record in all_records():
        ident = record.entry["id"]
        if ident in seen:
            clashes.append(f"{ident}: {seen[ident]} and {record.where}")
        seen[ident] = record.where
    assert not clashes, "\n".join(clashes)


def test_references_that_look_like_ids_exist() -> None:
    records = all_records()
    known = {record.entry["id"] for record in records}
    dangling = []
    for record in records:
        dangling.extend(
            f"{record.where}: affiliation {link.get('actor')!r}"
            for link in record.entry.get("affiliations") or []
            if link.get("actor") not in known
        )
        for role in record.entry.get("roles") or []:
            organisation = role.get("organisation")
            if looks_like_id(organisation) and organisation not in known:
                dangling.append(f"{record.where}: role organisation {organisation!r}")
    assert not dangling, "\n".join(dangling)


def test_no_alias_names_two_actors_unless_allowed() -> None:
    allowed = read_allow_list()
    clashes = sorted(
        f"{form!r}: {sorted(ids)}" for form, ids in shared_forms(all_records()).items() if form not in allowed
    )
    assert not clashes, (
        "aliases shared by several actors; fix them or list them in ambiguous_aliases.txt:\n"
        + "\n".join(clashes)
    )


def test_the_allow_list_only_holds_aliases_that_are_really_shared() -> None:
    shared = shared_forms(all_records())
    stale = sorted(alias for alias in read_allow_list() if alias not in shared)
    assert not stale, f"ambiguous_aliases.txt lists aliases no two actors share: {stale}"


def test_countries_cover_the_un_members_and_the_observers() -> None:
    countries = [record.entry for record in read_records(DATA_DIR / "countries.jsonl")]
    codes = {entry["country"] for entry in countries}
    assert len(countries) == len(codes) >= 198
    assert {"PSE", "XKX", "TWN", "ESH", "VAT", "LBY", "SSD"} <= codes
    for entry in countries:
        assert entry["kind"] == "country"
        assert entry["id"] == entry["country"].lower()
        assert entry["demonyms"], entry["id"]
        iso = pycountry.countries.get(alpha_3=entry["country"])
        assert iso is None or iso.alpha_2 == entry["alpha2"], entry["id"]


# --- the checks catch what they claim to catch --------------------------------------------


GOOD = {
    "id": "sample-person",
    "name": "Sample Person",
    "kind": "person",
    "aliases": ["Sample"],
    "country": "LBY",
    "sector": "GOV",
    "roles": [{"title": "Minister", "office": "minister", "start": "2020-03", "end": "2021"}],
    "affiliations": [{"actor": "lby", "start": "2020", "end": None}],
    "source": "test",
}


def test_a_good_entry_has_no_problems() -> None:
    assert entry_problems(GOOD) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id": "Sample Person"}, "slug"),
        ({"qid": "12345"}, "QID"),
        ({"kind": "militia"}, "kind"),
        ({"country": "LIB"}, "alpha-3"),
        ({"sector": "ARMY"}, "sector"),
        ({"aliases": ["Sample", "sample"]}, "twice"),
        ({"roles": [{"title": "Boss", "office": "boss"}]}, "office"),
        ({"roles": [{"title": "Minister", "office": "minister", "start": "2021-02-30"}]}, "start"),
        (
            {"roles": [{"title": "Minister", "office": "minister", "start": "2021-05", "end": "2021-04"}]},
            "after",
        ),
        ({"affiliations": [{"actor": "Libyan National Army"}]}, "actor id"),
    ],
)
def test_a_bad_entry_is_caught(change: dict[str, Any], expected: str) -> None:
    problems = entry_problems({**GOOD, **change})
    assert any(expected in problem for problem in problems), problems


def test_partial_dates_compare_by_their_widest_reading() -> None:
    assert period_problems({"start": "2014-05-16", "end": "2014"}, "x") == []
    assert period_problems({"start": "2014-05", "end": "2014-05-01"}, "x") == []
    assert period_problems({"start": "2015", "end": "2014-12-31"}, "x") != []


def test_shared_forms_sees_names_aliases_and_demonyms() -> None:
    records = [
        Record("a", 1, {"id": "a", "name": "Congo", "aliases": [], "demonyms": ["Congolese"]}),
        Record("a", 2, {"id": "b", "name": "DR Congo", "aliases": ["congo"], "demonyms": ["Congolese"]}),
        Record("a", 3, {"id": "c", "name": "Chad", "aliases": [], "demonyms": ["Chadian"]}),
    ]
    assert shared_forms(records) == {"congo": {"a", "b"}, "congolese": {"a", "b"}}
