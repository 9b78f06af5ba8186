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
from thucydides.stages.coding_clauses import has_complement, names_released, noun_purpose, refuses_speech
from thucydides.stages.coding_lexicon import WordLists
from thucydides.stages.coding_speech import Candidate
from thucydides.stages.coding_syntax import subject_of

__all__ = ["blocked", "is_event"]

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
    if c.mode == "release" and not c.nominal and not names_released(c.trigger):
        return False  # "they may return to Europe": a journey, nobody handed back
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


def blocked(noun: Token, blocking: frozenset[str]) -> bool:
    """An event noun that is only the purpose/topic/setting of something else."""
    return noun.dep_ == "pobj" and noun.head.lower_ in blocking


def _acted_nouns(c: Candidate) -> list[Token]:
    """The event noun itself, or the direct objects of a verb trigger."""
    if c.nominal:
        return [c.trigger]
    return [o for o in c.trigger.children if o.dep_ in ("dobj", "obj")]


def _routine(noun: Token, words: WordLists) -> bool:
    """A routine act of public life ("birth", "a press conference"), with or without its modifier."""
    lemma = noun.lemma_.lower()
    modifiers = (m.lemma_.lower() for m in noun.lefts if m.dep_ in ("compound", "amod", "nmod"))
    return lemma in words.routine_objects or any(f"{m} {lemma}" in words.routine_objects for m in modifiers)


def _agentive(c: Candidate) -> bool:
    """An act done to someone: a target, no naming complement, no agentless passive."""
    if not c.targets or c.nominal:
        return bool(c.targets)
    verb = c.trigger
    if verb.dep_ in ("acl", "amod") or any(ch.dep_ in ("oprd", "attr") for ch in verb.children):
        return False  # "a charity called the Lotus Flower", "called him a hero"
    return bool(c.sources) or not subject_of(verb)[1]


def _generic_present(verb: Token) -> bool:
    """Simple present without a past/perfect auxiliary: generic or habitual, not an event told."""
    while verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head is not verb:
        if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return False
        verb = verb.head
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
