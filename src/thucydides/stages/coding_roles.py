"""Who an event is done to when the direct object is not an actor.

The frame of a predicate (``coding_data/predicates.csv``) names the usual target: the
direct object, the recipient, the "with" of a meeting. News sentences often put the
actor one step further away, and event data (CAMEO, PLOVER) still codes it as the target:

- the owner of an abstract object: "rejected *North Korea's* demand", "praised *Haiti's*
  efforts", "rejected calls by *Belarus's rulers*", "demanded the withdrawal of *Serbian
  forces*";
- the subject of a demanded clause: "demanded that *the US* cancel ...";
- the actor of a further preposition: "provide aid *for Romania and Poland*",
  "demanded support *from the Assembly*";
- failing all those, the country where an act is done to a place: "lifted the curfew
  *in Montenegro*", "withdrew forces *from Panama*".

Each rule applies only when the rules before it found no target.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.records import ActorRef
from thucydides.stages.coding_syntax import (
    ActorIndex,
    Memory,
    conjuncts,
    for_clause,
    prep_objects,
    unique_actors,
)

__all__ = [
    "clause_targets",
    "further_targets",
    "modifier_actors",
    "object_actors",
    "place_targets",
]

#: prepositions whose object names an owner of an abstract noun ("calls by X", "rights of X")
_OWNER_PREPS = frozenset({"by", "of", "from"})
#: modifiers of an abstract noun that may name its owner ("a U.S. request", "Turkey's efforts")
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
#: prepositions whose actor may be the target when nothing closer is ("aid for X", "support from X")
_FURTHER_PREPS = frozenset({"to", "for", "against", "with", "on", "from", "toward", "towards", "into"})
#: prepositions placing an act in or out of a country ("in Montenegro", "from Panama")
_PLACE_PREPS = frozenset({"in", "into", "to", "from", "inside", "across", "throughout"})
#: types whose content clause names the one addressed ("demanded that the US ...")
_CLAUSE_TYPES = frozenset({"REQUEST"})


_BODY_PARTS = frozenset(
    {"head", "hand", "arm", "leg", "foot", "eye", "ear", "nose", "finger", "throat", "neck", "body", "face"}
)


def _known(actor: ActorRef) -> bool:
    return bool(actor.actor_id or actor.name or actor.country or actor.sector)


def object_actors(token: Token, index: ActorIndex, memory: Memory) -> list[ActorRef]:
    """The actors an object denotes, or the owners of an abstract object ("Turkey's efforts")."""
    out: list[ActorRef] = []
    for head in conjuncts(token):
        if head.lemma_.lower() in _BODY_PARTS:
            owners = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
            owners += [c for c in head.children if c.dep_ == "poss"]
            if owners:  # "cut off the heads of their captives": the captives are the target
                out.extend(a for o in owners for a in object_actors(o, index, memory))
                continue
        found = index.head_actors(head, memory)
        if any(_known(a) for a in found) or index.is_agent(head):
            out.extend(found)
        else:
            out.extend(owner_actors(head, index, memory) or found)
    return unique_actors(out)


def owner_actors(noun: Token, index: ActorIndex, memory: Memory) -> list[ActorRef]:
    """Who an abstract noun belongs to: its possessor, a named modifier, or "by/of/from X"."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in index.by_token:
        return []
    lemma = noun.lemma_.lower()
    if lemma in index.words.relational_nouns or lemma in index.words.attribute_nouns:
        return []  # "Turkey's allies" are not Turkey; "the value of Syria" is done nothing to
    for child in noun.children:
        if child.dep_ == "poss":
            return index.actors(child, memory)
    named = [
        c
        for c in noun.children
        if c.dep_ in _OWNER_DEPS and c.i in index.by_token and index.by_token[c.i].label != "PERSON"
    ]
    if named:  # the first owner, with every country of it ("Hungarian and Romanian demands")
        return index.actors_at(named[0].i)
    for obj in prep_objects(noun, _OWNER_PREPS):
        found = [a for a in index.actors(obj, memory) if _known(a)]
        if found:
            return found
    return []


def modifier_actors(noun: Token, index: ActorIndex) -> list[ActorRef]:
    """The nation or organisation named as the modifier of an event noun ("Palestinian riots",
    "US airstrikes", "Hamas rocket fire"): who acts, or for a patient noun who undergoes it."""
    out: list[ActorRef] = []
    for child in noun.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > noun.i:
            continue
        mention = index.by_token.get(child.i)
        if mention is not None and mention.label in ("NORP", "GPE", "ORG"):
            out += index.actors_at(child.i)
        elif mention is None and child.ent_type_ in ("NORP", "GPE") and index.describe is not None:
            country, sector = index.describe(child.text)  # "Palestinian": no mention of its own
            out.append(ActorRef(text=child.text, country=country, sector=sector))
    return unique_actors([a for a in out if a.country or a.actor_id or a.sector])


def clause_targets(verb: Token, event_type: str, index: ActorIndex, memory: Memory) -> list[ActorRef]:
    """ "demanded that the US cancel ...": the subject of the demanded clause."""
    if event_type not in _CLAUSE_TYPES:
        return []
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if (marked := for_clause(verb)) is not None:
        clauses.append(marked)  # "called for the army to withdraw": the army is asked
    for child in clauses:
        if child.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [s for s in child.children if s.dep_ == "nsubj"]
        found = [a for s in subjects for a in index.actors(s, memory)]
        if found:
            return found
    return []


def _open_chain(verb: Token) -> list[Token]:
    """The verb and the open complements it governs ("threatened to resume": both verbs)."""
    chain = [verb]
    while (
        nxt := next((c for c in chain[-1].children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    ) is not None:
        chain.append(nxt)
    return chain


def further_targets(
    heads: list[Token], index: ActorIndex, memory: Memory, *, hostile: bool = True
) -> list[ActorRef]:
    """Named actors after the further prepositions of the trigger or of its object; "against X"
    only for a hostile act (supporting an action against X is no support of X)."""
    preps = _FURTHER_PREPS if hostile else _FURTHER_PREPS - {"against"}
    out: list[ActorRef] = []
    for place in _acted_on(heads, index):
        for obj in prep_objects(place, preps):
            out += [a for a in object_actors(obj, index, memory) if _known(a) and not _is_place(obj, index)]
    return unique_actors(out)


def place_targets(heads: list[Token], index: ActorIndex) -> list[ActorRef]:
    """The country mentioned where the act is done ("lifted the curfew in Montenegro")."""
    out: list[ActorRef] = []
    for place in _acted_on(heads, index):
        for obj in prep_objects(place, _PLACE_PREPS):
            for tok in conjuncts(obj):
                mention = index.by_token.get(tok.i)
                if mention is not None and mention.label == "GPE":
                    out += [a for a in index.actors_at(tok.i) if a.country]
    return unique_actors(out)


def _acted_on(heads: list[Token], index: ActorIndex) -> list[Token]:
    """The trigger heads, the open complements they govern and their direct objects, whose
    prepositions may name a target;
    an attribute object is skipped ("dismissed the value of Syria to the US": no one is dismissed)."""
    out: list[Token] = []
    for head in [h for top in heads for h in _open_chain(top)]:  # "threatened to resume X in Israel"
        out.append(head)
        out += [
            o
            for o in head.children
            if o.dep_ in ("dobj", "obj") and o.lemma_.lower() not in index.words.attribute_nouns
        ]
    return out


def _is_place(token: Token, index: ActorIndex) -> bool:
    mention = index.by_token.get(token.i)
    return mention is not None and mention.label == "GPE" and token.head.lower_ in ("in", "inside")
