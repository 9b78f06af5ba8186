"""What speakers do with words: announced acts, demands and judgements.

Event data codes many sentences by what is *said* about an act rather than by the act:

- an announced future act is a promise or a threat (CAMEO 03x / 13x): "Finland will give
  Tanzania a grant" is an AGREE by Finland, "the farmers said they would blockade Paris" a
  THREATEN; "is ready / willing / prepared to ..." announces the same way. What each type
  becomes is data (``coding_data/announced.csv``). An army that *prepares* to attack is
  mobilising, not yet attacking;
- "X said Y must / should / has to ..." is a demand by X on Y (REQUEST);
- a speaker's negative judgement of an actor with no event in it is an ACCUSE
  ("the aggressive coup mentality").

The announcing clause keeps its status ("planned"): the act itself has not happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from thucydides.records import ActorRef, EventStatus
from thucydides.stages.coding_lexicon import Lexicon, Predicate, WordLists
from thucydides.stages.coding_syntax import (
    ActorIndex,
    Memory,
    actor_key,
    counterfactual,
    for_infinitive,
    subject_of,
    unique_actors,
)

__all__ = [
    "Candidate",
    "demand_clauses",
    "judgement_targets",
    "reframe_announced",
    "speakers_of",
    "vowed_threat",
]

#: types that are themselves speech acts about other acts: never re-coded as announcements
_SPEECH_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "ACCUSE", "REJECT"})
#: "prepares to attack" is material preparation (MOBILIZE) only for these contents
_PREPARED_ATTACKS = frozenset({"ASSAULT"})
_THREAT_MARKS = frozenset({"unless", "if"})


@dataclass(slots=True)
class Candidate:
    """An event being built from one trigger."""

    trigger: Token
    predicate: Predicate
    sentence: Span
    sentence_index: int
    trigger_text: str
    nominal: bool
    governor: Token | None = None  # light verb of a nominal trigger
    sources: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    status: EventStatus = "occurred"
    definite: bool = False
    suppressed: bool = False
    depth: int = 0
    hints: set[str] = field(default_factory=set)
    event_type: str = ""
    mode: str | None = None
    cameo: str | None = None
    #: what a governing trigger is about ("agreed to [support]"): keeps two agreements apart
    content: str = ""
    #: coordinated direct objects ("he met A and B"): one dyadic event per object
    dyads: bool = False


def _clause_chain(token: Token) -> list[Token]:
    """The trigger's clause heads up through xcomp/acomp/conj links ("is ready to [send]")."""
    chain = [token]
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acomp", "conj", "ccomp") or token.head is token:
            break
        token = token.head
        chain.append(token)
    return chain


def _prepares(c: Candidate) -> bool:
    """ "The army prepared to resume shelling": the verb *prepare* (not "is prepared to")."""
    for tok in _clause_chain(c.governor or c.trigger)[1:]:
        if tok.lemma_.lower() == "prepare" and tok.pos_ == "VERB":
            return not any(ch.dep_ in ("auxpass", "cop") or ch.lemma_ == "be" for ch in tok.children)
    return False


def _threat_condition(c: Candidate) -> bool:
    """ "will boycott the elections unless ...", "may halt mediation if ...": a conditional act."""
    head = c.governor or c.trigger
    clauses = _clause_chain(head)
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in _THREAT_MARKS for m in child.children
            ):
                return True
    return False


def reframe_announced(c: Candidate, lexicon: Lexicon) -> None:
    """Re-code an announced act as the promise or threat it is (in place)."""
    if c.event_type == "AGREE" and c.status == "negated" and c.sources and _refused(c):
        # "will not accept refugees", "failed to reach agreement": a refusal that happened
        c.event_type, c.mode, c.cameo, c.status = "REJECT", None, None, "occurred"
        return
    if c.predicate.governs or c.event_type in _SPEECH_TYPES or not c.sources:
        return
    if not c.nominal and for_infinitive(c.trigger):
        return  # "arranged for troops to attack": someone else brings it about, its actors announce nothing
    if c.status == "planned" and c.event_type in _PREPARED_ATTACKS and _prepares(c):
        c.event_type, c.mode, c.cameo = "MOBILIZE", "troops", "150"
        return
    entry = lexicon.announcement(c.event_type, c.mode)
    if entry is None:
        return
    if c.status == "negated" and entry.event_type == "AGREE" and _refused(c):
        # "will not accept refugees", "failed to reach agreement": a refusal (REJECT) that happened
        c.event_type, c.mode, c.cameo, c.status = "REJECT", entry.request_mode, None, "occurred"
        return
    threat = entry.event_type == "THREATEN"
    conditional = c.status == "hypothetical" and threat and _threat_condition(c)
    if c.status == "planned" or (conditional and not counterfactual(c.governor or c.trigger)):
        # "will boycott unless ...", not "would have killed me if I had stayed"
        c.event_type, c.mode, c.cameo = entry.event_type, entry.mode, entry.cameo
        c.status = "planned"


_REFUSING_AUX = frozenset({"will", "wo", "would", "shall", "can", "could", "ca"})


def _refused(c: Candidate) -> bool:
    """A negated future or ability ("will not", "cannot"), or a failure ("failed to reach")."""
    for tok in _clause_chain(c.governor or c.trigger):
        if tok.lemma_.lower() in ("fail", "refuse", "decline"):
            return True
        if any(ch.dep_ == "aux" and ch.lower_ in _REFUSING_AUX for ch in tok.children):
            return True
    return False


def vowed_threat(governor: Candidate, content: Candidate, lexicon: Lexicon) -> bool:
    """ "have sworn to fight", "vowed to retaliate": a vow of a hostile act is a threat (in place)."""
    if governor.event_type != "AGREE" or governor.trigger.lemma_.lower() not in _VOWS:
        return False
    entry = lexicon.announcement(content.event_type, content.mode)
    if entry is None or entry.event_type != "THREATEN":
        return False
    governor.event_type, governor.mode, governor.cameo = entry.event_type, entry.mode, entry.cameo
    return True


_VOWS = frozenset({"vow", "swear", "pledge", "promise", "resolve", "undertake", "commit"})


_COGNITION = frozenset({"know", "understand", "realise", "realize", "remember", "recognise", "recognize"})


def _obligation(verb: Token, words: WordLists) -> bool:
    """ "Y must/should return", "Y has to / needs to return"."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in words.obligation_modals - {"have", "need"}:
            return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in ("have", "need")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def demand_clauses(sent: Span, words: WordLists) -> list[tuple[Token, Token]]:
    """(speaker's verb, demanded clause) pairs: "X said [Y must return the helicopter]".

    The speaker's verb is a speech verb, or the light verb of a speech noun ("issued a
    reminder [that Y must ...]"). A demand on oneself ("we must do more") is left to the caller.
    """
    out: list[tuple[Token, Token]] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not _obligation(verb, words):
            continue
        clause = verb.head if verb.dep_ == "xcomp" else verb
        if verb.lemma_.lower() in _COGNITION:
            continue  # "Y should know that ...": a reminder of a fact, no act demanded
        node = clause
        for _ in range(3):
            if node.dep_ not in ("ccomp", "acl", "conj", "advcl") or node.head is node:
                break
            node = node.head
            if node.pos_ == "VERB" and node.lemma_.lower() in words.speech_verbs:
                out.append((node, clause))
                break
            if node.pos_ == "NOUN" and node.head.pos_ == "VERB":  # "issued a reminder that ..."
                out.append((node.head, clause))
                break
    return out


def judgement_targets(
    verb: Token,
    *,
    subjects: list[Token],
    speakers: list[ActorRef],
    index: ActorIndex,
    words: WordLists,
) -> list[ActorRef]:
    """The actor a speaker judges negatively in their words ("the aggressive coup mentality");
    a cue word that only names the actor ("Isis terrorists") does not judge it."""
    content = [t for t in verb.sent if t.i != verb.i and not _within(t, subjects)]
    if verb.dep_ not in ("ROOT",) and not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return []
    cues = [
        t
        for t in content
        if (t.lemma_.lower() in words.negative_judgement or t.lower_ in words.negative_judgement)
        and not _negated(t)
        and t.pos_ not in ("VERB", "AUX")  # "we have defeated Isis" tells an act
    ]
    if not cues:
        return []
    speaker_keys = {actor_key(s) for s in speakers}
    scored: list[tuple[int, ActorRef]] = []
    for tok in content:
        mention = index.by_token.get(tok.i)
        if mention is None or actor_key(mention.actor) in speaker_keys or mention.label == "GPE":
            continue
        if tok.i > 0 and index.by_token.get(tok.i - 1) is mention:
            continue
        if tok.dep_ == "nsubj" and tok.head.i != verb.i and tok.head.lemma_.lower() in words.speech_verbs:
            continue  # "claimed that Porton Down had told him Russia was responsible": the informant
        judging = [cue for cue in cues if not _names(cue, tok, index)]
        if judging:
            distance = min(_tree_distance(tok, cue) for cue in judging)
            scored += [(distance, actor) for actor in index.actors_at(tok.i)]
    scored = [(score, actor) for score, actor in scored if score <= _JUDGEMENT_REACH]
    if not scored:
        return []
    best = min(score for score, _ in scored)
    out: list[ActorRef] = []
    for score, actor in scored:
        if score == best:
            out.append(actor)
    return unique_actors(out)


#: how far (in dependency links) a judged actor may be from the judging word
_JUDGEMENT_REACH = 6


def speakers_of(verb: Token, index: ActorIndex, memory: Memory) -> tuple[list[Token], list[ActorRef]]:
    subjects, _ = subject_of(verb)
    return subjects, [a for t in subjects for a in index.actors(t, memory)]


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in ("acomp", "dobj", "attr")
    )


def _names(cue: Token, token: Token, index: ActorIndex) -> bool:
    """Whether a cue word only names the actor at ``token`` ("Isis terrorists", "the Haftar
    militia", "the militia"): a description, not a judgement of it."""
    if cue.i == token.i or index.by_token.get(cue.i) is index.by_token.get(token.i):
        return True
    return token.head.i == cue.i and token.dep_ in ("compound", "poss", "amod", "nmod", "appos")


def _within(token: Token, heads: list[Token]) -> bool:
    return any(h.left_edge.i <= token.i <= h.right_edge.i for h in heads)


def _tree_distance(a: Token, b: Token) -> int:
    path_a = [a, *a.ancestors]
    index_a = {t.i: n for n, t in enumerate(path_a)}
    for n, tok in enumerate([b, *b.ancestors]):
        if tok.i in index_a:
            return n + index_a[tok.i]
    return 99
