"""Whether a coded candidate is an event told, or background, a purpose, a non-act.

The coder finds far more trigger words than events: "the coalition to defeat Isis" is a
purpose, "a charity called X" a name, "gave birth" no transfer, "Libya is a departure
point" generic background. :func:`is_event` is the one place these readings are ruled out;
each rule names the sentences it is for.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from thucydides.records import ActorRef
from thucydides.stages.coding_clauses import (
    has_complement,
    names_released,
    noun_purpose,
    prices,
    refuses_speech,
    relative_object,
)
from thucydides.stages.coding_lexicon import WordLists
from thucydides.stages.coding_speech import Candidate
from thucydides.stages.coding_syntax import subject_of

__all__ = ["blocked", "is_event"]

#: standing relations and states: a participle describing a noun tells no act of these types
#: ("troops deployed in Syria", "forces allied to the US", "rebels backed by Turkey"); a
#: violent or coercive one still does ("the men killed in the raid", "the journalists detained")
_STANDING_TYPES = frozenset({"MOBILIZE", "SUPPORT", "COOPERATE"})
#: verbal acts: told in the present tense they are still events ("Syria rejects the plan")
_VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def is_event(
    c: Candidate, words: WordLists, *, headline: bool, political: Callable[[ActorRef], bool]
) -> bool:
    """Whether the candidate tells an act that happened (or was announced) between actors.

    ``political`` says whether an actor takes part in politics (a known actor, a country,
    a political sector or a named group); outside ``words.political_types`` an event needs one.
    """
    if not c.sources and not c.targets:
        return False
    if c.event_type.lower() not in words.political_types and not any(
        political(a) for a in c.sources + c.targets
    ):
        return False  # "two women plead their innocence", "they returned to their hotel"
    if c.event_type == "AID" and not c.sources and not c.nominal and subject_of(c.trigger)[1]:
        return False  # "the fighters being evacuated": moved, by no one named; no aid told
    if c.event_type == "ASSAULT" and not c.sources and _mishap(c.trigger):
        return False  # "children who were burned in a fire": no one acted
    if c.predicate.governs and not c.nominal and subject_of(c.trigger)[1]:
        return False  # "massacres were committed by ...": a passive "commit" promises nothing
    if (
        not c.nominal
        and c.trigger.lemma_.lower() in words.complement_promises
        and not has_complement(c.trigger)
    ):
        return False  # "the atrocities Isis committed": no promise
    if any(_routine(n, words) for n in _acted_nouns(c)):
        return False  # "gave birth to her child", "cancelled a press briefing": no political act
    if c.predicate.frame == "dv" and not c.targets:
        return False  # "gave birth", "provided reasons": a transfer needs a recipient
    if not c.nominal and noun_purpose(c.trigger, words.intent_nouns):
        return False  # "the special envoy for the coalition to defeat Isis": a purpose, not an act
    if c.event_type == "REJECT" and not c.nominal and refuses_speech(c.trigger, words.speech_verbs):
        return False  # "refused to say": a refusal to speak is no rejection of anyone
    if c.event_type == "ACCUSE" and not c.nominal and not c.targets and prices(c.trigger):
        return False  # "what smugglers were charging for the journey": a price, no accusation
    if c.event_type == "ASSAULT" and not c.nominal and any(_office(n, words) for n in _held(c.trigger)):
        return False  # "a position he has occupied for a decade": an office held, no ground seized
    if (
        c.mode == "visit"
        and c.sources
        and all((a.sector or "").lower() in words.private_travellers for a in c.sources)
    ):
        return False  # "4,000 Russian citizens travelled to Syria": a journey, no state visit
    if c.mode == "release" and not c.nominal and not names_released(c.trigger):
        return False  # "they may return to Europe": a journey, nobody handed back
    if (
        not c.nominal
        and _describes(c.trigger)
        and (c.event_type in _STANDING_TYPES or _names_agent(c.trigger))
    ):
        return (
            False  # "troops deployed in the fight", "forces allied to X", "the coalition fighting Isis said"
        )
    if c.predicate.needs_agent and not _agentive(c):
        return False  # "a charity called X", "warned that ...", "were invited to a celebration"
    if c.nominal:
        if c.governor is None and not c.sources and not (c.predicate.symmetric and len(c.targets) >= 2):
            return False
        if c.governor is None and blocked(c.trigger, words.blocking_preps):
            return False
    elif c.event_type == "CONSULT" and c.predicate.frame == "tv" and not c.targets:
        return False  # "visited", "received", "hosted": only with someone visited or received
    elif not c.sources and "instrument" not in c.hints:
        _subjects, passive = subject_of(c.trigger)
        if not passive:  # an active verb whose subject is no agent: background, not an event
            return False
    if not headline and _generic_present(c.governor or c.trigger) and not c.nominal:
        # "The Palestinians reject the changes, X said": a verbal act told in the present
        verbal = c.event_type in _VERBAL_TYPES and c.trigger.dep_ in ("ROOT", "ccomp")
        return bool(c.sources) and (c.status != "occurred" or verbal)
    return True


_MISHAPS = frozenset({"fire", "blaze", "accident", "crash", "flood", "earthquake", "storm", "stampede"})


def _mishap(verb: Token) -> bool:
    """An agentless harm told as a mishap ("burned in a fire", "killed in a car crash")."""
    return any(
        p.dep_ == "prep" and p.lower_ in ("in", "by") and o.dep_ == "pobj" and o.lemma_.lower() in _MISHAPS
        for p in verb.children
        for o in p.children
    )


def blocked(noun: Token, blocking: frozenset[str]) -> bool:
    """An event noun that is only the purpose/topic/setting of something else."""
    return noun.dep_ == "pobj" and noun.head.lower_ in blocking


def _acted_nouns(c: Candidate) -> list[Token]:
    """The event noun itself, or the direct objects of a verb trigger (and of the complement of a
    governing one: "agreed to [give] an interview"), and what they are done "to" ("agreed to
    interviews")."""
    if c.nominal:
        return [c.trigger]
    verbs = [c.trigger]
    if c.predicate.governs:
        verbs += [x for x in c.trigger.children if x.dep_ == "xcomp"]
    return [
        o for v in verbs for o in [*(x for x in v.children if x.dep_ in ("dobj", "obj")), *_to_objects(v)]
    ]


def _to_objects(verb: Token) -> list[Token]:
    """The objects of a verb's "to" phrase: "agreed to interviews", "talk to reporters"."""
    return [
        g
        for p in verb.children
        if p.dep_ in ("prep", "dative") and p.lower_ == "to"
        for g in p.children
        if g.dep_ == "pobj"
    ]


def _held(verb: Token) -> list[Token]:
    """What a verb acts on: its direct objects, or the noun its relative clause leaves as object."""
    objects = [o for o in verb.children if o.dep_ in ("dobj", "obj")]
    held = relative_object(verb)
    return objects + ([held] if held is not None else [])


def _office(noun: Token, words: WordLists) -> bool:
    """An office, not ground: "a position", "the post" (not "army positions", "a border post")."""
    return (
        noun.lemma_.lower() in words.office_nouns
        and noun.tag_ == "NN"
        and not any(c.dep_ in ("compound", "nmod") for c in noun.children)
    )


def _routine(noun: Token, words: WordLists) -> bool:
    """A routine act of public life ("birth", "a press conference"), with or without its modifier,
    or talk addressed to the press ("talk to reporters")."""
    lemma = noun.lemma_.lower()
    if noun.dep_ == "pobj" and lemma in words.press_addressees:
        return True
    modifiers = (m.lemma_.lower() for m in noun.lefts if m.dep_ in ("compound", "amod", "nmod"))
    return lemma in words.routine_objects or any(f"{m} {lemma}" in words.routine_objects for m in modifiers)


def _describes(verb: Token) -> bool:
    """A participle describing a noun ("the coalition fighting Isis", "the men killed in the
    raid"), also when the parser reads it as a clausal subject ("troops deployed in the fight
    will leave": a participle with a subject of its own cannot be a subject clause)."""
    if verb.tag_ not in ("VBN", "VBG", "VBD") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.dep_ == "acl":
        return not any(c.dep_ == "mark" for c in verb.children)
    return verb.dep_ == "csubj" and verb.tag_ != "VBG" and any(c.dep_ == "nsubj" for c in verb.children)


def _names_agent(verb: Token) -> bool:
    """A present participle on the subject of another verb says who that subject is ("the
    coalition fighting Isis said ..."); on an object it tells what the patient was doing at the
    time ("police dispersed demonstrators protesting the results": a protest)."""
    return verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.dep_ in ("nsubj", "nsubjpass")


def _agentive(c: Candidate) -> bool:
    """An act done to someone: a target, no naming complement, no agentless passive."""
    if not c.targets or c.nominal:
        return bool(c.targets)
    verb = c.trigger
    if verb.dep_ in ("acl", "amod") or any(ch.dep_ in ("oprd", "attr") for ch in verb.children):
        return False  # "a charity called the Lotus Flower", "called him a hero"
    return bool(c.sources) or not subject_of(verb)[1]


def _generic_present(verb: Token) -> bool:
    """Simple present (active, or passive with only "is/are") without a past, perfect or
    progressive auxiliary: generic, habitual or a state, not an event told."""
    while verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head is not verb:
        if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return False
        verb = verb.head
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN" and auxiliaries:  # "where US troops are deployed": a state, not a deployment
        agent = any(c.dep_ == "agent" for c in verb.children)  # "is supported by the US" tells who acts
        return not agent and all(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries
