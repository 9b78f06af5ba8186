"""Coder rules drawn from judging events on real news (sentences written for the tests)."""

from __future__ import annotations

from typing import Any

import pytest
from test_coding import code  # mentions straight from the doc's entities, known ones resolved

from thucydides.records import ActorRef, Event, Mention
from thucydides.stages.base import DocState
from thucydides.stages.coding import CodingStage

pytestmark = pytest.mark.slow


def texts(actors: tuple[ActorRef, ...]) -> set[str]:
    return {a.text for a in actors}


def by_trigger(state: DocState, trigger: str) -> list[Event]:
    return [e for e in state.events if e.trigger == trigger]


def test_merged_tellings_keep_their_sides(nlp: Any, coder: CodingStage) -> None:
    # a Briton who fought and other Britons who fought are two events, not one with both sources
    text = (
        "A Dutch volunteer was killed fighting Isis in March. "
        "Other Dutch nationals killed fighting Isis include a nurse from Utrecht."
    )
    state = code(nlp, coder, text)
    fighting = by_trigger(state, "fighting")
    assert len(fighting) == 2
    for event in fighting:
        assert len(event.sources) == 1
        assert texts(event.targets) == {"Isis"}


def test_the_subject_of_a_passive_fights_actively(nlp: Any, coder: CodingStage) -> None:
    # "X was killed fighting Y": X fought Y; "nationals killed ...": the nationals were killed
    state = code(nlp, coder, "Two Dutch nationals killed fighting Isis were buried in Utrecht.")
    (fighting,) = by_trigger(state, "fighting")
    assert texts(fighting.sources) == {"Two Dutch nationals"}
    assert texts(fighting.targets) == {"Isis"}
    (killed,) = by_trigger(state, "killed")
    assert not killed.sources
    assert texts(killed.targets) == {"Two Dutch nationals"}


@pytest.mark.parametrize(
    "text",
    [
        "If Germany imposed sanctions on Belarus, the economy would suffer.",
        "Germany could impose new sanctions on Belarus next year.",
        "Poland did not expel the Russian ambassador last week.",
    ],
)
def test_acts_that_did_not_happen_are_no_events(nlp: Any, coder: CodingStage, text: str) -> None:
    assert code(nlp, coder, text).events == []


def test_a_refused_agreement_is_a_rejection(nlp: Any, coder: CodingStage) -> None:
    state = code(
        nlp, coder, "Hungary will not accept any more migrants from Greece, the Hungarian government said."
    )
    (event,) = state.events
    assert event.event_type == "REJECT"
    assert event.status == "occurred"
    assert texts(event.sources) == {"Hungary"}


@pytest.mark.parametrize(
    "text",
    [
        "Did Turkey secretly arm the rebels in Idlib?",
        "Islamist groups mutate in ways that make them hard to destroy.",
        "The Syrian war killed 400,000 people.",
    ],
)
def test_questions_possibilities_and_abstract_agents_are_no_events(
    nlp: Any, coder: CodingStage, text: str
) -> None:
    assert code(nlp, coder, text).events == []


def test_going_to_is_a_plan(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "We are going to kill you all, the militants told the villagers.")
    (event,) = state.events
    assert event.event_type == "THREATEN"
    assert event.status == "planned"


def test_was_going_to_is_a_past_intention_not_an_event(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "The militia was going to attack the convoy near the border.")
    assert state.events == []


@pytest.mark.parametrize(
    "text",
    [
        "The rebels want to attack the capital, the minister said.",
        "Let's hope the two leaders talk to each other.",
        "Putin will not wish to abandon the Kurds.",
    ],
)
def test_a_wish_or_hope_is_no_promise_threat_or_refusal(nlp: Any, coder: CodingStage, text: str) -> None:
    assert code(nlp, coder, text).events == []


@pytest.mark.parametrize(
    "text",
    [
        "If I had stayed in Raqqa, the commander would have killed me, the farmer said.",
        "Presumably Damascus will attack Idlib next.",
        "The army will probably attack Idlib next month.",
    ],
)
def test_counterfactuals_and_guesses_are_no_events(nlp: Any, coder: CodingStage, text: str) -> None:
    assert code(nlp, coder, text).events == []


def test_an_event_noun_keeps_its_own_status_under_another_verb(nlp: Any, coder: CodingStage) -> None:
    # the future of "will use" is not a planned withdrawal (no promise by Trump)
    state = code(nlp, coder, "Isis will use Trump's withdrawal to regroup.")
    assert [(e.event_type, e.status) for e in state.events] == [("RETREAT", "occurred")]


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister is due to give a press conference with the Saudi foreign minister on Monday.",
        "A British jihadist gave birth to her third child in the camp.",
        "The state department cancelled its daily press briefing.",
    ],
)
def test_routine_acts_of_public_life_are_no_events(nlp: Any, coder: CodingStage, text: str) -> None:
    assert code(nlp, coder, text).events == []


@pytest.mark.parametrize(
    "text",
    [
        "The Isis terrorists have been eliminated completely from Raqqa, the Kurdish commander said.",
        "NBC reported that the Syrian government was responsible.",
    ],
)
def test_describing_words_and_reporters_make_no_accusation(nlp: Any, coder: CodingStage, text: str) -> None:
    assert code(nlp, coder, text).events == []


def test_a_political_speaker_judging_an_actor_accuses_it(nlp: Any, coder: CodingStage) -> None:
    state = code(
        nlp, coder, "The Turkish government has long argued that the YPG is a terrorist organisation."
    )
    (event,) = state.events
    assert event.event_type == "ACCUSE"
    assert texts(event.targets) == {"YPG"}


def test_a_verb_is_no_judgement_cue(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "We have defeated Isis in Syria, the Iraqi prime minister said.")
    assert [e for e in state.events if e.event_type == "ACCUSE"] == []


@pytest.mark.parametrize(
    "text",
    [
        "About 2,000 US troops deployed in the fight against Isis will leave Syria.",
        "Kurdish forces allied to the US crossed the river on Monday.",
        "The US-led coalition fighting the Islamic State said the strike hit a depot.",
        "The town is close to the bases where US troops are currently deployed.",
    ],
)
def test_participles_and_present_passives_describe_no_event(nlp: Any, coder: CodingStage, text: str) -> None:
    assert code(nlp, coder, text).events == []


def test_a_participle_on_an_object_tells_what_it_was_doing(nlp: Any, coder: CodingStage) -> None:
    state = code(
        nlp, coder, "Riot police dispersed demonstrators protesting the election results in Monrovia."
    )
    assert {e.event_type for e in state.events} == {"COERCE", "PROTEST"}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The rebels that the army attacked on Monday surrendered.", "the army", "The rebels"),
        ("The rebels who attacked the army surrendered.", "The rebels", "the army"),
        ("The rebels who were attacked by the army surrendered.", "the army", "The rebels"),
    ],
)
def test_a_relative_clause_gives_its_noun_the_right_role(
    nlp: Any, coder: CodingStage, text: str, source: str, target: str
) -> None:
    (event,) = [e for e in code(nlp, coder, text).events if e.event_type == "ASSAULT"]
    assert (texts(event.sources), texts(event.targets)) == ({source}, {target})


def test_an_event_takes_its_target_from_its_purpose(nlp: Any, coder: CodingStage) -> None:
    text = "Hundreds of Kurds began a hunger strike on Monday to protest against Germany's decision to deport them."
    (event,) = code(nlp, coder, text).events
    assert event.event_type == "PROTEST"
    assert texts(event.targets) == {"Germany"}


def test_rulers_are_agents_of_their_country(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "Berlin rejected recent calls by Belarus's rulers for immediate economic aid.")
    (event,) = [e for e in state.events if e.event_type == "REJECT"]
    assert {t.country for t in event.targets} == {"BLR"}


def test_we_is_the_speaker_never_the_last_group(nlp: Any, coder: CodingStage) -> None:
    text = (
        "Government troops and tribal fighters met in Sabha on Monday. "
        "We urge the council to release the prisoners."
    )
    state = code(nlp, coder, text)
    later = [e for e in state.events if e.sentence_index > 0]
    assert all(not {"Government troops", "tribal fighters"} & texts(e.sources) for e in later)


def test_we_in_a_reported_clause_is_its_speaker(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "The rebel commander said we will attack the garrison tomorrow.")
    attacks = [e for e in state.events if e.event_type in ("THREATEN", "ASSAULT")]
    assert attacks
    assert texts(attacks[0].sources) & {"The rebel commander", "rebel commander"}


def test_what_a_conditioned_passive_would_force_is_hypothetical(nlp: Any, coder: CodingStage) -> None:
    # "if not, X would be forced to release them": neither a promise nor a refusal by X
    state = code(
        nlp, coder, "She said that if they did not, Germany would be forced to release the prisoners."
    )
    assert state.events == []


@pytest.mark.parametrize(
    "text",
    [
        "The minister had to sign a special permit for German consular officials to lend assistance to Assad.",
        "The foreign secretary had to issue a special licence for British diplomatic officials"
        " to provide assistance to Assad.",
    ],
)
def test_for_x_to_names_the_infinitive_s_subject(nlp: Any, coder: CodingStage, text: str) -> None:
    (event,) = [e for e in code(nlp, coder, text).events if e.event_type == "AID"]
    assert "officials" in " ".join(texts(event.sources))
    assert texts(event.targets) == {"Assad"}


@pytest.mark.parametrize(
    "text",
    [
        # the price sense of "charge": no one charged with or over an offence
        "Traffickers in Libya were charging far more for the crossing than a year ago.",
        # routine objects and talk to the press under "agree to"
        "Several Iraqi officials who agreed to interviews spoke on condition of anonymity.",
        "The Jordanian foreign minister agreed to talk to reporters after the summit.",
        # an office held is no ground seized
        "As for Putin, he remains Russia's dominant politician, a position he has occupied for two decades.",
        # private people travelling make no state visit
        "Some 2,000 German citizens travelled to Iraq, the ministry said.",
        # "speak out" states, it consults no one
        'Dmitry Peskov said: "Just to speak out with some warnings, without taking into account'
        ' the real risks for the region, is probably not a serious approach."',
        # a first-person obligation is no demand on anyone
        'The French ambassador told the Security Council: "We must not lose sight of the danger Isis poses."',
    ],
)
def test_prices_interviews_offices_journeys_and_statements_are_no_events(
    nlp: Any, coder: CodingStage, text: str
) -> None:
    assert code(nlp, coder, text).events == []


def test_charged_with_an_offence_is_still_an_accusation(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "Turkish prosecutors charged two German journalists with espionage.")
    assert [e.event_type for e in state.events] == ["ACCUSE"]


def test_an_official_travelling_still_visits(nlp: Any, coder: CodingStage) -> None:
    state = code(nlp, coder, "The German foreign minister travelled to Iraq on Monday.")
    assert [(e.event_type, e.mode) for e in state.events] == [("CONSULT", "visit")]


def test_given_assurances_are_a_promise_not_aid(nlp: Any, coder: CodingStage) -> None:
    state = code(
        nlp,
        coder,
        "Turkey has given assurances to the Syrian opposition that its fighters will be protected.",
    )
    (event,) = [e for e in state.events if e.trigger.startswith("given")]
    assert event.event_type == "AGREE"
    assert texts(event.sources) == {"Turkey"}
    assert texts(event.targets) == {"the Syrian opposition"}


def code_coordinated(
    nlp: Any, coder: CodingStage, text: str, phrases: dict[str, tuple[str, ...]]
) -> DocState:
    """Code ``text`` as the actors stage leaves it when a role phrase coordinates several
    countries: one mention per country over the same span (GOV sector)."""
    state = code(nlp, coder, text)
    spans = [(text.index(p), text.index(p) + len(p), p) for p in phrases]
    kept = [m for m in state.mentions if not any(s <= m.start < e for s, e, _ in spans)]
    for start, end, phrase in spans:
        kept += [
            Mention(
                text=phrase,
                start=start,
                end=end,
                sentence_index=0,
                label="AGENT",
                actor=ActorRef(text=phrase, country=country, sector="GOV", resolution="agent", score=0.5),
            )
            for country in phrases[phrase]
        ]
    state = DocState(
        article=state.article,
        text=text,
        doc=state.doc,
        sentences=state.sentences,
        mentions=sorted(kept, key=lambda m: m.start),
    )
    coder(state)
    return state


def test_a_phrase_of_several_countries_gives_an_actor_for_each(nlp: Any, coder: CodingStage) -> None:
    # the actors stage gives "Hungarian and Romanian officials" two mentions, HUN and ROU
    phrases = {"Hungarian and Romanian officials": ("HUN", "ROU")}
    state = code_coordinated(nlp, coder, "Hungarian and Romanian officials met in Vienna on Monday.", phrases)
    (event,) = state.events
    assert event.event_type == "CONSULT"
    assert [a.country for a in event.sources] == ["HUN", "ROU"]
    phrases = {"Serbian and Croatian diplomats": ("SRB", "HRV")}
    state = code_coordinated(nlp, coder, "Albania accused Serbian and Croatian diplomats of spying.", phrases)
    (event,) = state.events
    assert event.event_type == "ACCUSE"
    assert [a.country for a in event.targets] == ["SRB", "HRV"]


def test_calling_for_x_to_act_asks_x(nlp: Any, coder: CodingStage) -> None:
    # the parser hangs "for" on the infinitive as its marker: still "call for", and X is asked
    state = code(nlp, coder, "The protesters called for the police to leave the square in Aleppo.")
    (event,) = [e for e in state.events if e.trigger.startswith("called")]
    assert event.event_type == "REQUEST"
    assert texts(event.sources) == {"The protesters"}
    assert texts(event.targets) == {"the police"}


def test_what_someone_arranges_for_others_to_do_is_planned(nlp: Any, coder: CodingStage) -> None:
    # "for X to <verb>" brings an act about; it is not told as done, nor is it X's threat
    state = code(nlp, coder, "The general arranged for Syrian jets to bomb the rebel villages.")
    (event,) = state.events
    assert (event.event_type, event.status) == ("ASSAULT", "planned")


def test_a_threatened_act_in_a_country_aims_at_that_country(nlp: Any, coder: CodingStage) -> None:
    # the place is on the threatened act ("to resume activities in X"), not on "threatened" itself
    state = code(nlp, coder, "Iran threatened to resume its activities in Pakistan.")
    (event,) = [e for e in state.events if e.event_type == "THREATEN"]
    assert [a.country for a in event.targets] == ["PAK"]


def test_a_fronted_past_participle_makes_the_main_subject_its_patient(nlp: Any, coder: CodingStage) -> None:
    # "Kidnapped by X, the farmers spent ...": the farmers were kidnapped, they kidnapped no one
    state = code(nlp, coder, "Kidnapped by the militia in 2015, the two farmers spent months in a cellar.")
    (event,) = [e for e in state.events if e.event_type == "ASSAULT"]
    assert texts(event.sources) == {"the militia"}
    assert texts(event.targets) == {"the two farmers"}


def test_a_purpose_under_a_planned_move_is_planned(nlp: Any, coder: CodingStage) -> None:
    # "preparing to move south to bomb X": the bombing is planned as much as the move
    state = code(nlp, coder, "The army is preparing to move south to bomb the villages.")
    assert state.events
    assert all(e.status == "planned" for e in state.events)


def test_should_know_that_is_no_demand(nlp: Any, coder: CodingStage) -> None:
    # "Y should know that ...": a reminder of a fact, not a request that Y act
    text = '"The White House should know that the court has sentenced the mayor," said the Iranian spokeswoman Leila Rahimi.'
    state = code(nlp, coder, text)
    assert not [e for e in state.events if e.event_type == "REQUEST"]


def test_an_event_noun_forecast_with_likely_is_not_told(nlp: Any, coder: CodingStage) -> None:
    # "the withdrawal is likely to be messy": a forecast about an act, no act reported
    state = code(nlp, coder, "The US withdrawal from Syria is likely to be messy.")
    assert not state.events


def test_a_body_part_object_targets_its_owner(nlp: Any, coder: CodingStage) -> None:
    # "cut off the heads of the villagers": the villagers are the target, not their heads
    state = code(nlp, coder, "The gunmen threatened to cut off the heads of the villagers.")
    (event,) = [e for e in state.events if e.event_type == "THREATEN"]
    assert texts(event.targets) == {"the villagers"}


def test_harm_in_a_fire_with_no_agent_is_no_assault(nlp: Any, coder: CodingStage) -> None:
    # "burned in a fire": a mishap, no political act of anyone
    state = code(nlp, coder, "Three Syrian children were burned in a fire on Monday.")
    assert not [e for e in state.events if e.event_type == "ASSAULT"]


def test_whom_a_claim_says_told_the_speaker_is_not_accused(nlp: Any, coder: CodingStage) -> None:
    # "claimed that the Pentagon had told him Iran was responsible": the Pentagon informed him
    text = (
        "The senator had falsely claimed that the Pentagon had told him Iran was responsible for the attack."
    )
    state = code(nlp, coder, text)
    assert not [e for e in state.events if e.event_type == "ACCUSE" and "Pentagon" in texts(e.targets)]


def test_people_being_evacuated_by_no_one_named_is_no_aid(nlp: Any, coder: CodingStage) -> None:
    # an agentless passive evacuation tells people moved, not aid given by anyone
    state = code(nlp, coder, '"The Iraqi soldiers being evacuated from the town remain loyal," he said.')
    assert not [e for e in state.events if e.event_type == "AID"]


def test_a_possessive_title_read_as_a_far_person_stands_alone(nlp: Any, coder: CodingStage) -> None:
    # the actor stage read "her commanders" by its title as a general named two sentences
    # before; "her" does not reach that far: the commanders act, not the general
    text = (
        "General Ivan Petrov met the envoy in Rome on Monday. The talks lasted three hours. "
        "The young nurse had heard her commanders were withdrawing the troops from the front."
    )
    first = code(nlp, coder, text)
    start = text.index("her commanders")
    general = ActorRef(
        text="her commanders", name="Ivan Petrov", country="RUS", sector="MIL", resolution="title"
    )
    titled = Mention(
        text="her commanders", start=start, end=start + 14, sentence_index=2, label="AGENT", actor=general
    )
    mentions = sorted([*first.mentions, titled], key=lambda m: m.start)
    state = DocState(
        article=first.article, text=text, doc=first.doc, sentences=first.sentences, mentions=mentions
    )
    coder(state)
    (event,) = [e for e in state.events if e.event_type == "RETREAT"]
    assert [a.name for a in event.sources] == [None]
    assert texts(event.sources) == {"her commanders"}


def test_combating_an_abstract_object_is_no_assault(nlp: Any, coder: CodingStage) -> None:
    # "combating moves towards independence" fights a trend, not an actor ("combating the rebels" does)
    state = code(nlp, coder, "Vladimir Putin has been combating moves towards Chechen independence.")
    assert not [e for e in state.events if e.event_type == "ASSAULT"]
    state = code(nlp, coder, "The Iraqi army combated the rebels near Mosul.")
    assert [e.event_type for e in state.events] == ["ASSAULT"]
