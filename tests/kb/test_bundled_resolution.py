"""Resolution against the bundled KB: romanisation variants, look-alikes, titles at dates.

Each case is skipped while the bundled files lack the actor it expects (the data grows
separately); the resolver itself is the same one the unit tests exercise on the test KB.
"""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.kb.loader import BUNDLED_DIR, load_knowledge_base
from thucydides.kb.resolver import Resolver

pytestmark = pytest.mark.skipif(not any(BUNDLED_DIR.glob("*.jsonl")), reason="no bundled KB files")


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_knowledge_base())


def _need(resolver: Resolver, *ids: str) -> None:
    missing = [i for i in ids if i not in resolver.kb]
    assert not missing, f"bundled KB lacks {', '.join(missing)}"


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Fathi Pashaga", "fathi-bashagha"),
        ("Pashaga", "fathi-bashagha"),
        ("Fathi Bashaga", "fathi-bashagha"),
        ("Abdel-Hamid Dbaiba", "abdul-hamid-dbeibah"),
        ("Abdulhamid Dbeibeh", "abdul-hamid-dbeibah"),
        ("Dbaiba", "abdul-hamid-dbeibah"),
        ("Mohamed Al-Mnifi", "mohamed-al-menfi"),
        ("Mohammed el-Menfi", "mohamed-al-menfi"),
        ("Faiz al-Sarraj", "fayez-al-sarraj"),
        ("Fayez Serraj", "fayez-al-sarraj"),
        ("Al-Sarraj", "fayez-al-sarraj"),
        ("Khalifa Hifter", "khalifa-haftar"),
        ("Field Marshal Khalifa Haftar", "khalifa-haftar"),
        ("Aqila Salih", "aguila-saleh"),
        ("Moammar Qadhafi", "muammar-gaddafi"),
        ("General Stephen Townsend", "stephen-j-townsend"),
        ("Africom", "us-africom"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ],
)
def test_variants(resolver: Resolver, text: str, actor_id: str) -> None:
    _need(resolver, actor_id)
    found = resolver.resolve(text, names_only=True)
    assert found, text
    assert found[0].actor_id == actor_id


@pytest.mark.parametrize(("text", "not_id"), [("Hafez", "khalifa-haftar"), ("Bashir", "fathi-bashagha")])
def test_look_alikes_do_not_merge(resolver: Resolver, text: str, not_id: str) -> None:
    _need(resolver, not_id)
    assert not_id not in {c.actor_id for c in resolver.resolve(text, names_only=True)}


def test_libyan_prime_minister_at_two_dates(resolver: Resolver) -> None:
    _need(resolver, "fayez-al-sarraj", "abdul-hamid-dbeibah")
    early = resolver.resolve("the Libyan prime minister", date=date(2016, 5, 1))
    late = resolver.resolve("the Libyan prime minister", date=date(2022, 1, 1))
    assert early[0].actor_id == "fayez-al-sarraj"
    assert late[0].actor_id == "abdul-hamid-dbeibah"


def test_a_militia_that_turned_on_the_government_changes_sector_at_the_turn(resolver: Resolver) -> None:
    _need(resolver, "rsf-sudan", "hezbollah")
    assert resolver.resolve("the Rapid Support Forces", date=date(2019, 6, 3))[0].sector == "PRM"
    assert resolver.resolve("the Rapid Support Forces", date=date(2023, 5, 1))[0].sector == "REB"
    assert resolver.resolve("Hizbollah", date=date(1996, 4, 11))[0].sector == "REB"
    assert resolver.resolve("Hizbollah", date=date(2019, 1, 31))[0].sector == "PRM"


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Norwegian and Danish diplomats", ("NOR", "DNK")),
        ("Chilean, Peruvian and Bolivian diplomats", ("CHL", "PER", "BOL")),
        ("Kenyan & Ugandan police officers", ("KEN", "UGA")),
        ("Danish diplomats", ()),  # one country: the ordinary agent reading
        ("Bosnian Croat and Moslem militiamen", ()),  # "Moslem" names no country
        ("Norwegian diplomats and tanks", ()),  # the coordination is not in the modifier
    ],
)
def test_coordinated_modifiers_name_every_country(
    resolver: Resolver, text: str, countries: tuple[str, ...]
) -> None:
    assert resolver.coordinated_countries(text) == countries


def test_head_of_the_presidential_council_at_two_dates(resolver: Resolver) -> None:
    _need(resolver, "fayez-al-sarraj", "mohamed-al-menfi")
    text = "the head of the Presidential Council"
    assert resolver.resolve(text, date=date(2020, 6, 23), context=["LBY"])[0].actor_id == "fayez-al-sarraj"
    assert resolver.resolve(text, date=date(2023, 10, 1), context=["LBY"])[0].actor_id == "mohamed-al-menfi"


@pytest.mark.parametrize(("context", "country"), [(("COD",), "COD"), (("COG",), "COG")])
def test_shared_demonym_takes_the_country_in_context(
    resolver: Resolver, context: tuple[str, ...], country: str
) -> None:
    best = resolver.best("Congolese soldiers", context=context)
    assert best is not None
    assert (best.country, best.sector) == (country, "MIL")


@pytest.mark.parametrize(("text", "not_id"), [("Wattiya", "yasir-al-atta"), ("Al-Wattiya", "yasir-al-atta")])
def test_short_skeletons_do_not_vouch_for_a_look_alike(resolver: Resolver, text: str, not_id: str) -> None:
    """'Wattiya' and 'Atta' share only a two-letter skeleton: not enough to call them one name."""
    _need(resolver, not_id)
    assert all(c.actor_id != not_id for c in resolver.resolve(text, names_only=True))


@pytest.mark.parametrize(("text", "not_id"), [("Afrin", "civ"), ("Afrin", "caf")])
def test_a_demonym_vouches_for_no_look_alike(resolver: Resolver, text: str, not_id: str) -> None:
    """Demonyms are English words spelt one way: "Ivorian" shares a skeleton with the Syrian town
    of Afrin, which is no name of Ivory Coast."""
    _need(resolver, not_id)
    assert all(c.actor_id != not_id for c in resolver.resolve(text))
    assert resolver.resolve("Ivorian")[0].actor_id == "civ"  # the demonym itself still resolves


# -- capitals, legislatures, compound role nouns ------------------------------------------------
def test_capitals_name_their_country(resolver: Resolver) -> None:
    kb = resolver.kb
    assert (kb.capital_of("Ankara") or kb["lby"]).id == "tur"
    assert (kb.capital_of("Kiev") or kb["lby"]).id == "ukr"  # an older spelling
    assert (kb.capital_of("Washington, D.C.") or kb["lby"]).id == "usa"
    assert kb.capital_of("Benghazi") is None
    assert kb.capital_of("Kuwait") is None  # the country's own name is the country, not its capital


def test_house_of_representatives_follows_the_document_focus(resolver: Resolver) -> None:
    _need(resolver, "usa-house-of-representatives", "lby-house-of-representatives")
    us_story = ["usa", "usa", "joe-biden", "lby"]
    libyan_story = ["lby", "aguila-saleh", "usa"]
    day = date(2022, 3, 1)
    assert resolver.resolve("House of Representatives", date=day, context=us_story)[0].actor_id == (
        "usa-house-of-representatives"
    )
    assert resolver.resolve("House of Representatives", date=day, context=libyan_story)[0].actor_id == (
        "lby-house-of-representatives"
    )
    assert resolver.resolve("U.S. Senate", date=day)[0].actor_id == "usa-senate"


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("the rebel leader", None, "REB"),
        ("Sudanese rebel leaders", "SDN", "REB"),
        ("the Syrian opposition leader", "SYR", "OPP"),
        ("the Pakistani army chief", "PAK", "MIL"),
        ("an Iraqi militia commander", "IRQ", "UAF"),
        ("the party leader", None, "PTY"),  # a generic phrase, not the leader of some party in the KB
        ("the intelligence chief", None, "SPY"),
    ],
)
def test_compound_role_nouns_are_generic_agents(
    resolver: Resolver, text: str, country: str | None, sector: str
) -> None:
    found = resolver.best(text, date=date(2022, 3, 1))
    assert found is not None
    assert (found.actor_id, found.country, found.sector, found.rule) == (None, country, sector, "agent")
