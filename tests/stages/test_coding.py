"""The event coder on sentences built by hand (real spaCy parses, mentions from the doc's entities)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from thucydides.config import Settings
from thucydides.ontology import Ontology
from thucydides.records import ActorRef, Article, Event, Mention
from thucydides.stages.base import DocState
from thucydides.stages.coding import CODER_VERSION, CodingStage
from thucydides.stages.coding_lexicon import Lexicon
from thucydides.stages.nlp import load_model, sentences_of

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model(Settings().model)


@pytest.fixture(scope="module")
def coder() -> CodingStage:
    return CodingStage.from_settings(Settings())


def entity_mentions(doc: Any) -> list[Mention]:
    """Mentions straight from the doc's entities, named after their own text."""
    sentences = sentences_of(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        index = next((s.index for s in sentences if s.start <= ent.start_char <= s.end), 0)
        actor = ActorRef(text=ent.text, name=ent.text, resolution="exact", score=1.0)
        out.append(Mention(text=ent.text, start=ent.start_char, end=ent.end_char,
                           sentence_index=index, label=ent.label_, actor=actor))
    return out


def code(nlp: Any, coder: CodingStage, text: str, *, mentions: bool = True) -> DocState:
    doc = nlp(text)
    state = DocState(article=Article(id="a-test", text=text), text=text, doc=doc, sentences=sentences_of(doc))
    if mentions:
        state.mentions = entity_mentions(doc)
    coder(state)
    return state


def names(actors: tuple[ActorRef, ...]) -> set[str]:
    return {a.name or a.text for a in actors}


def only(state: DocState, event_type: str) -> Event:
    found = [e for e in state.events if e.event_type == event_type]
    assert len(found) == 1, state.events
    return found[0]


def test_held_discussions_with_is_a_consult_with_both_sides(nlp: Any, coder: CodingStage) -> None:
    text = "On Sunday, Field Marshal Khalifa Haftar held discussions with Paul Soler, the French envoy."
    state = code(nlp, coder, text)
    event = only(state, "CONSULT")
    assert any("Khalifa Haftar" in n for n in names(event.sources))
    assert any("Paul Soler" in n for n in names(event.targets))
    assert event.trigger == "held discussions"
    start, end = event.evidence_span
    assert state.text[start:end] == event.evidence_text == text
    assert event.coder_version == CODER_VERSION
    assert event.cameo_code == "040"
    assert "diplomatic" in event.contexts
    assert state.doc is not None
    assert state.doc[state.anchors[event.id]].text in ("held", "discussions")


def test_coordinated_subjects_are_one_symmetric_meeting(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "On Monday, Sarraj, Townsend and Norland met in the coastal city of Zuwara.")
    event = only(state, "CONSULT")
    assert {"Sarraj", "Townsend", "Norland"} <= names(event.sources) | names(event.targets)
    assert event.status == "occurred"


def test_passive_agent_is_the_source(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "Five protesters were arrested by the police in Cairo on Friday.")
    event = only(state, "COERCE")
    assert event.mode == "arrest"
    assert any("police" in a.text for a in event.sources)
    assert any("protesters" in a.text for a in event.targets)
    assert event.acled_type == "ARREST"


def test_intent_verb_makes_the_event_planned(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "The Libyan army said it prepares to liberate the cities of Sirte and Jafra.")
    event = only(state, "ASSAULT")
    assert event.status == "planned"


def test_negation_and_future(nlp: Any, coder: CodingStage) -> None:
    negated = code(nlp, coder, "Russian troops did not attack the Ukrainian village of Krynky.")
    assert only(negated, "ASSAULT").status == "negated"
    future = code(nlp, coder, "German Chancellor Olaf Scholz will meet Emmanuel Macron in Paris next week.")
    assert only(future, "CONSULT").status == "planned"


def test_generic_background_gives_nothing(nlp: Any, coder: CodingStage) -> None:
    text = (
        "Given its extensive coastline, Libya has become a major departure point for migrants. "
        "This meeting underscores the international community's commitment to peace."
    )
    assert code(nlp, coder, text).events == []


def test_without_mentions_arguments_stay_unresolved_actors(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "Government troops attacked the rebels near the border.", mentions=False)
    event = only(state, "ASSAULT")
    assert [a.text for a in event.sources] == ["Government troops"]
    assert [a.text for a in event.targets] == ["the rebels"]
    assert all(a.actor_id is None and a.resolution == "unresolved" for a in event.sources + event.targets)


def test_governed_content_is_not_a_second_event(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "Iran threatened to cut off electricity to Azerbaijan over unpaid bills.")
    assert [e.event_type for e in state.events] == ["THREATEN"]
    assert "Azerbaijan" in names(state.events[0].targets)


def test_one_meeting_told_twice_is_merged(nlp: Any, coder: CodingStage) -> None:
    text = (
        "Boris Johnson held talks with Angela Merkel in Berlin on Tuesday.\n\n"
        "Boris Johnson and Angela Merkel met again on Wednesday."
    )
    state = code(nlp, coder, text)
    event = only(state, "CONSULT")
    assert len(event.more_evidence) == 1
    assert set(state.anchors) == {event.id}


def test_pronoun_and_the_duo_resolve(nlp: Any, coder: CodingStage) -> None:
    text = (
        "Emmanuel Macron held talks with Olaf Scholz in Paris.\n\n"
        "The duo stressed the need for closer cooperation on defence.\n\n"
        "Later, he criticized Viktor Orban."
    )
    state = code(nlp, coder, text)
    agree = only(state, "AGREE")
    assert {"Emmanuel Macron", "Olaf Scholz"} <= names(agree.sources)
    accuse = only(state, "ACCUSE")
    assert names(accuse.sources) == {"Olaf Scholz"} or names(accuse.sources) == {"Emmanuel Macron"}
    assert "Viktor Orban" in names(accuse.targets)


def test_ids_are_stable(nlp: Any, coder: CodingStage) -> None:
    text = "Turkish police detained 20 journalists in Istanbul."
    first = [e.id for e in code(nlp, coder, text).events]
    assert first
    assert first == [e.id for e in code(nlp, coder, text).events]


def test_lexicon_is_consistent_with_the_ontology() -> None:
    lexicon = Lexicon.load(Ontology.load())
    assert "meet" in lexicon.verbs
    assert lexicon.nouns["talks"].event_type == "CONSULT"


# -- the seeds, with the gold reading of their actor mentions standing in for the actor stage ----
def _oracle_mentions(text: str, doc: Any, actors: list[dict[str, Any]]) -> list[Mention]:
    sentences = sentences_of(doc)
    out: list[Mention] = []
    for actor in actors:
        label = "GPE" if actor["sector"] is None else ("PERSON" if actor.get("role") else "ORG")
        for mention in sorted(actor["mentions"], key=len, reverse=True):
            for found in re.finditer(re.escape(mention), text):
                if any(o.start <= found.start() < o.end for o in out):
                    continue
                index = next((s.index for s in sentences if s.start <= found.start() <= s.end), 0)
                ref = ActorRef(text=mention, name=actor["name"], country=actor["country"],
                               sector=actor["sector"], resolution="exact", score=1.0)
                out.append(Mention(text=mention, start=found.start(), end=found.end(),
                                   sentence_index=index, label=label, actor=ref))
    return out


def test_seed_articles_meet_the_gold(nlp: Any, coder: CodingStage) -> None:
    if not (SEEDS / "gold.json").is_file():
        pytest.skip("../shared/seeds is not beside the repository")
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    expected = found = produced = wrong = 0
    for article in gold["articles"]:
        text = (SEEDS / article["file"]).read_text(encoding="utf-8")
        doc = nlp(text)
        state = DocState(article=Article(id=article["article_id"], text=text, title=article["title"]),
                         text=text, doc=doc, sentences=sentences_of(doc))
        state.mentions = _oracle_mentions(text, doc, article["actors"])
        coder(state)

        def matches(event: Event, gold_event: dict[str, Any]) -> bool:
            need = {n.lower() for n in gold_event["sources"] + gold_event["targets"]}
            have = {(a.name or a.text).lower() for a in event.sources + event.targets}
            return event.event_type in gold_event["event_type"] and need <= have

        for gold_event in article["events"]:
            expected += 1
            hits = [e for e in state.events if matches(e, gold_event)]
            found += bool(hits)
            if gold_event.get("status") == "planned":
                assert any(e.status == "planned" for e in hits)
        for event in state.events:
            produced += 1
            noise = any(s in event.evidence_text for s in article["no_events_in"])
            known = article["events"] + article.get("optional_events", [])
            wrong += noise or not any(matches(event, g) for g in known)
    assert found == expected
    assert (produced - wrong) / produced >= 0.9
