"""Resolution of names, titles and generic agents against the test KB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from thucydides.kb.loader import load_knowledge_base
from thucydides.kb.resolver import Candidate, Resolver

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_knowledge_base([DATA], bundled=False))


def top(resolver: Resolver, text: str, **kwargs: object) -> Candidate:
    found = resolver.resolve(text, **kwargs)  # type: ignore[arg-type]
    assert found, f"{text!r} resolved to nothing"
    return found[0]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        # Bashagha: p/b, gh/g, doubled letters
        ("Fathi Bashagha", "fathi-bashagha"),
        ("Fathi Pashaga", "fathi-bashagha"),
        ("Fathi Bashaga", "fathi-bashagha"),
        ("Fathi Pashagha", "fathi-bashagha"),
        ("Pashaga", "fathi-bashagha"),
        ("Minister Fathi Bashagha", "fathi-bashagha"),
        # Dbeibah: vowels, final -h, joined given names
        ("Abdel-Hamid Dbaiba", "abdul-hamid-dbeibah"),
        ("Abdulhamid Dbeibeh", "abdul-hamid-dbeibah"),
        ("Abdul Hamid Dbeiba", "abdul-hamid-dbeibah"),
        ("Abdelhamid Dbeibah", "abdul-hamid-dbeibah"),
        ("Dbaiba", "abdul-hamid-dbeibah"),
        ("Dbeibeh", "abdul-hamid-dbeibah"),
        ("Prime Minister Abdul Hamid Dbeibah", "abdul-hamid-dbeibah"),
        # Sarraj: Faiz/Fayez, al-/el-/none, Serraj
        ("Faiz al-Sarraj", "fayez-al-sarraj"),
        ("Fayez el-Sarraj", "fayez-al-sarraj"),
        ("Fayez Serraj", "fayez-al-sarraj"),
        ("Al-Sarraj", "fayez-al-sarraj"),
        ("al Sarraj", "fayez-al-sarraj"),
        ("Fayiz al-Sarraj", "fayez-al-sarraj"),
        # Menfi: Mohamed/Mohammed/Muhammad, Mnifi/Manfi
        ("Mohamed Al-Mnifi", "mohamed-al-menfi"),
        ("Mohammed al-Manfi", "mohamed-al-menfi"),
        ("Muhammad Menfi", "mohamed-al-menfi"),
        ("Mohamed Younes Menfi", None),  # an extra given name is not guessed
        # Haftar: Hifter, titles
        ("Field Marshal Khalifa Haftar", "khalifa-haftar"),
        ("General Khalifa Hifter", "khalifa-haftar"),
        ("Khalifa Hafter", "khalifa-haftar"),
        ("Haftar", "khalifa-haftar"),
        ("HAFTAR", "khalifa-haftar"),
        ("Haftar’s", "khalifa-haftar"),
        # others
        ("General Stephen Townsend", "stephen-townsend"),
        ("Gen. Stephen J. Townsend", "stephen-townsend"),
        ("Africom", "africom"),
        ("AFRICOM", "africom"),
        ("the United States", "usa"),
        ("U.S.", "usa"),
        ("Ambassador Richard Norland", "richard-norland"),
    ],
)
def test_spelling_variants(resolver: Resolver, text: str, actor_id: str | None) -> None:
    found = resolver.resolve(text, names_only=True)
    assert (found[0].actor_id if found else None) == actor_id


@pytest.mark.parametrize(
    "text",
    ["Hafez", "Khalifa Hafez", "Fathi Bashir", "Bashar", "Sarra", "Dbeiba Ali", "Norway", "Mena", "Haft"],
)
def test_names_that_must_not_merge(resolver: Resolver, text: str) -> None:
    ids = {c.actor_id for c in resolver.resolve(text, names_only=True)}
    assert not ids & {
        "khalifa-haftar",
        "fathi-bashagha",
        "fayez-al-sarraj",
        "abdul-hamid-dbeibah",
        "mohamed-al-menfi",
    }


def test_look_alikes_resolve_to_themselves(resolver: Resolver) -> None:
    assert top(resolver, "Hafez al-Assad").actor_id == "hafez-al-assad"
    assert top(resolver, "Bashir").actor_id == "omar-al-bashir"
    assert top(resolver, "Omar Bashir").actor_id == "omar-al-bashir"


def test_each_candidate_says_its_rule(resolver: Resolver) -> None:
    assert top(resolver, "Khalifa Haftar").rule == "exact"
    assert top(resolver, "khalifa haftar").rule == "normalised"
    assert top(resolver, "Khalifa Hifter").rule == "exact"
    assert top(resolver, "Fathi Pashaga").rule == "skeleton"
    assert top(resolver, "Dbaiba").rule == "fuzzy"
    assert top(resolver, "the Libyan prime minister", date=date(2016, 5, 1)).rule == "title"
    assert top(resolver, "the French envoy").rule == "agent"


def test_prime_minister_depends_on_the_date(resolver: Resolver) -> None:
    in_2013 = top(resolver, "the Libyan prime minister", date=date(2013, 6, 1))
    in_2016 = top(resolver, "the Libyan prime minister", date=date(2016, 5, 1))
    in_2022 = top(resolver, "the Libyan prime minister", date=date(2022, 1, 1))
    assert (in_2013.actor_id, in_2016.actor_id, in_2022.actor_id) == (
        "ali-zeidan",
        "fayez-al-sarraj",
        "abdul-hamid-dbeibah",
    )
    assert in_2016.role == "Prime Minister of the Government of National Accord"


def test_rival_office_holders_are_both_candidates(resolver: Resolver) -> None:
    ids = {c.actor_id for c in resolver.resolve("Libya's prime minister", date=date(2022, 6, 1))}
    assert ids == {"abdul-hamid-dbeibah", "fathi-bashagha"}


def test_role_title_resolves_to_the_holder_at_the_date(resolver: Resolver) -> None:
    text = "the head of the Presidential Council"
    assert top(resolver, text, date=date(2020, 6, 23)).actor_id == "fayez-al-sarraj"
    assert top(resolver, text, date=date(2023, 10, 1)).actor_id == "mohamed-al-menfi"
    assert top(resolver, text).actor_id == "mohamed-al-menfi"  # no date: the current holder


def test_ambiguous_alias_is_decided_by_date_and_context(resolver: Resolver) -> None:
    text = "the Libyan government"
    assert top(resolver, text, date=date(2020, 6, 23)).actor_id == "lby-government-of-national-accord"
    assert top(resolver, text, date=date(2023, 1, 1)).actor_id == "lby-government-of-national-unity"
    assert top(resolver, text, context=["fayez-al-sarraj"]).actor_id == "lby-government-of-national-accord"
    assert top(resolver, text, context=["Dbeibah"]).actor_id == "lby-government-of-national-unity"


def test_generic_agents_get_country_and_sector(resolver: Resolver) -> None:
    cases = {
        "the French Special Envoy to Libya": ("FRA", "GOV"),
        "US troops": ("USA", "MIL"),
        "Libyan police": ("LBY", "COP"),
        "gunmen": (None, "UAF"),
        "Syrian rebels": ("SYR", "REB"),
        "protesters": (None, "CVL"),
        "Egyptian lawmakers": ("EGY", "LEG"),
        "migrants": (None, "REF"),
        "jihadists": (None, "REB"),
        "the security forces": (None, "COP"),
    }
    for text, expected in cases.items():
        cand = top(resolver, text)
        assert (cand.actor_id, cand.country, cand.sector) == (None, *expected), text


def test_agent_owned_by_a_named_actor(resolver: Resolver) -> None:
    cand = top(resolver, "the Haftar militia")
    assert (cand.actor_id, cand.rule) == ("khalifa-haftar", "agent-of")
    assert top(resolver, "the spokesman of the LNA").actor_id == "libyan-national-army"


def test_nothing_for_plain_words(resolver: Resolver) -> None:
    assert resolver.resolve("the weather") == []
    assert resolver.resolve("   ") == []


def test_plural_demonym_is_its_countrys_people(resolver: Resolver) -> None:
    for text, country in {
        "Syrians": "SYR",
        "some 2,000 Egyptians": "EGY",
        "the Libyans of the south": "LBY",
        "Syrian Americans": "SYR",  # the first demonym gives the country
    }.items():
        cand = top(resolver, text)
        assert (cand.actor_id, cand.country, cand.sector, cand.rule) == (None, country, "CVL", "people"), text
    assert resolver.people("Libyan") is None  # the singular is an adjective or one person
    assert resolver.people("Libyan police officers") is None  # a role noun, not a people
    assert top(resolver, "Libya").actor_id == "lby"


def test_former_office_is_eli_and_never_the_holder(resolver: Resolver) -> None:
    for text in ("the former Libyan prime minister", "an ousted president", "ex-army chief"):
        cand = top(resolver, text, date=date(2020, 6, 23))
        assert (cand.actor_id, cand.sector) == (None, "ELI"), text
    assert top(resolver, "the Libyan prime minister", date=date(2020, 6, 23)).actor_id == "fayez-al-sarraj"
    assert top(resolver, "a former rebel").sector == "REB"  # only offices become ELI


def test_national_role_noun_needs_a_country_or_an_owner(resolver: Resolver) -> None:
    cand = top(resolver, "the Egyptian leadership")
    assert (cand.country, cand.sector) == ("EGY", "GOV")
    assert resolver.resolve("the leader") == []  # whose?
    assert top(resolver, "the Haftar leadership").actor_id == "khalifa-haftar"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("French journalists", "JRN"),  # PLOVER: JRN is the media
        ("Syrian doctors", "MED"),  # PLOVER: MED is health (CAMEO's HLH)
        ("Egyptian farmers", "AGR"),
        ("people smugglers", "CRM"),
        ("pro-government paramilitaries", "PRM"),
        ("Libyan warships", "MIL"),
        ("US helicopters", "MIL"),
        ("a think tank", "SOC"),
        ("American intelligence officials", "SPY"),
        ("the Sudanese opposition parties", "OPP"),
        ("Syrian fighters", "REB"),
        ("unknown gunmen", "UAF"),
        ("Kurds", "CVL"),
    ],
)
def test_role_nouns_take_plover_sectors(resolver: Resolver, text: str, sector: str) -> None:
    assert top(resolver, text).sector == sector


def test_the_office_held_at_the_date_gives_the_sector(tmp_path: Path) -> None:
    general = {
        "id": "tomas-vela",
        "name": "Tomas Vela",
        "kind": "person",
        "aliases": [],
        "country": "SDN",
        "sector": "MIL",  # filed as a general
        "roles": [
            {"title": "President of Sudan", "office": "head_of_state", "country": "SDN", "sector": "GOV",
             "start": "2001-01-01", "end": "2005-12-31"},
        ],
        "source": "test",
    }  # fmt: skip
    path = tmp_path / "general.jsonl"
    path.write_text(json.dumps(general) + "\n", encoding="utf-8")
    resolver = Resolver(load_knowledge_base([path], bundled=False, cache=False))
    assert top(resolver, "Tomas Vela", date=date(2003, 5, 1)).sector == "GOV"  # as president
    assert top(resolver, "Tomas Vela", date=date(2010, 5, 1)).sector == "MIL"  # out of office
    assert top(resolver, "Tomas Vela").sector == "MIL"  # undated: no office held now


def test_plural_of_a_demonym_in_i_is_a_people(tmp_path: Path) -> None:
    country = {"id": "zqi", "name": "Zaqiria", "kind": "country", "aliases": [], "country": "ZQI",
               "sector": None, "demonyms": ["Zaqi"], "source": "test"}  # fmt: skip
    path = tmp_path / "country.jsonl"
    path.write_text(json.dumps(country) + "\n", encoding="utf-8")
    resolver = Resolver(load_knowledge_base([path], bundled=False, cache=False))
    cand = top(resolver, "four Zaqis")  # singular() keeps "-is" words ("crisis") as they are
    assert (cand.country, cand.sector, cand.rule) == ("ZQI", "CVL", "people")


# -- owners, alignments, equipment and places inside a role phrase --------------------------------
_OWNER_KB = [
    {"id": "prt", "name": "Portugal", "kind": "country", "aliases": [], "country": "PRT", "sector": None,
     "demonyms": ["Portuguese"], "capital": "Lisbon", "source": "test"},
    {"id": "chl", "name": "Chile", "kind": "country", "aliases": [], "country": "CHL", "sector": None,
     "demonyms": ["Chilean"], "capital": "Santiago", "source": "test"},
    {"id": "mar", "name": "Morocco", "kind": "country", "aliases": [], "country": "MAR", "sector": None,
     "demonyms": ["Moroccan"], "source": "test"},
    {"id": "ines-valcorta", "name": "Ines Valcorta", "kind": "person", "aliases": [], "country": "PRT",
     "sector": "GOV", "roles": [{"title": "President of Portugal", "office": "head_of_state",
                                 "country": "PRT", "sector": "GOV", "start": "2011-01-01"}],
     "source": "test"},
    {"id": "omar-benhadi", "name": "Omar Benhadi", "kind": "person", "aliases": [], "country": "MAR",
     "sector": "GOV", "roles": [{"title": "Head of Government", "office": "head_of_government",
                                 "country": "MAR", "sector": "GOV", "start": "2021-10-07"}],
     "source": "test"},
    {"id": "andean-council", "name": "Andean Fisheries Council", "kind": "igo", "aliases": ["AFC"],
     "country": None, "sector": "IGO", "source": "test"},
    {"id": "sendero-rojo", "name": "Sendero Rojo", "kind": "armed_group", "aliases": [], "country": "CHL",
     "sector": "REB", "source": "test"},
]  # fmt: skip


@pytest.fixture(scope="module")
def owners(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("owners") / "actors.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _OWNER_KB) + "\n", encoding="utf-8")
    return Resolver(load_knowledge_base([path], bundled=False, cache=False))


def _reading(resolver: Resolver, text: str) -> tuple[str | None, str | None, str | None]:
    found = top(resolver, text)
    return found.actor_id, found.country, found.sector


def test_a_possessive_persons_government_is_that_persons_countrys(owners: Resolver) -> None:
    # undated, a title's words ("President ... government") must not read another country's
    # "Head of Government" out of them
    assert _reading(owners, "President Ines Valcorta's government") == (None, "PRT", "GOV")
    # an owner the KB does not know invents no country
    assert _reading(owners, "President Kessandrou's government") == (None, None, "GOV")
    assert _reading(owners, "Portugal's president") == ("ines-valcorta", "PRT", "GOV")  # titles still work


def test_a_capital_as_a_possessive_owner_gives_its_country(owners: Resolver) -> None:
    assert _reading(owners, "Lisbon's administration") == (None, "PRT", "GOV")
    assert _reading(owners, "Santiago's district administration") == (None, "CHL", "GOV")


def test_roles_owned_by_an_international_body_are_igo(owners: Resolver) -> None:
    assert _reading(owners, "Andean Fisheries Council foreign ministers") == ("andean-council", None, "IGO")
    assert _reading(owners, "AFC mediator") == ("andean-council", None, "IGO")
    assert _reading(owners, "AFC helicopters")[2] == "IGO"  # its equipment too
    assert _reading(owners, "AFC peacekeepers") == (None, None, "MIL")  # troops lent by members


def test_pro_and_anti_state_an_alignment_not_a_nationality(owners: Resolver) -> None:
    assert _reading(owners, "an anti-Chile reporter") == (None, None, "JRN")
    assert _reading(owners, "pro-Portuguese militants") == (None, None, "REB")
    assert _reading(owners, "the pro-Chilean Sendero Rojo fighters")[0] == "sendero-rojo"
    assert _reading(owners, "Chilean reporters") == (None, "CHL", "JRN")  # a plain demonym still counts


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("police helicopters", "COP"),
        ("army bulldozers", "MIL"),
        ("rebel drones", "REB"),
        ("riot police water cannons", "COP"),
        ("warplanes", "MIL"),  # no owner: the noun's own sector
        ("passenger jets", "CVL"),  # not equipment
    ],
)
def test_equipment_takes_its_owners_sector(owners: Resolver, text: str, sector: str) -> None:
    assert _reading(owners, text)[2] == sector


def test_a_place_inside_the_phrase_gives_the_country(owners: Resolver) -> None:
    assert _reading(owners, "Protesters in Santiago") == (None, "CHL", "CVL")
    assert _reading(owners, "ethnic Moroccans in northern Portugal")[1] == "PRT"
    assert _reading(owners, "Chileans living in Portugal")[1] == "PRT"
    assert _reading(owners, "Moroccans of the Chilean-run enclave")[1] == "MAR"  # a demonym is no place
