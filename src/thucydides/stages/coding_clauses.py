"""Clause tests the event coder's filters read: what a verb's complements say about whether
an act is told (a purpose, a refusal to speak, a release of no one, a promise with no content)."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from thucydides.stages.coding_syntax import subject_of

__all__ = [
    "first_object",
    "has_complement",
    "names_released",
    "noun_purpose",
    "prices",
    "refuses_speech",
    "relative_object",
    "singular",
]


def first_object(objects: list[Token]) -> list[Token]:
    """A verb has one direct object (with its conjuncts); a second one is the parser's slip
    ("invited two leaders ... to discuss ... an attack by Isis, Turkish forces")."""
    direct = [o for o in objects if o.dep_ in ("dobj", "obj")]
    return [o for o in objects if o.dep_ not in ("dobj", "obj") or o is direct[0]]


def noun_purpose(verb: Token, intent_nouns: Container[str]) -> bool:
    """An infinitive modifying a noun ("the coalition to defeat Isis"), unless the noun is an
    intention ("the decision to withdraw": a planned act, see ``event_status``)."""
    return (
        verb.dep_ in ("acl", "relcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_.lower() not in intent_nouns
    )


def refuses_speech(verb: Token, speech_verbs: Container[str]) -> bool:
    """ "refused to say", "declined to comment": the refused act is speech."""
    return any(
        c.dep_ == "xcomp"
        and (c.lemma_.lower() in speech_verbs or c.lemma_.lower() in ("comment", "elaborate"))
        for c in verb.children
    )


def names_released(verb: Token) -> bool:
    """Whether a verb of release names who or what is handed back (an object or a passive subject)."""
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children) or subject_of(verb)[1]


def prices(verb: Token) -> bool:
    """ "charge" in its sense of price: no one charged with or over an offence, no charge made
    ("charged that ..."): "what smugglers were charging for the journey", "charges a fee"."""
    return verb.lemma_.lower() == "charge" and not any(
        c.dep_ == "ccomp" or (c.dep_ in ("prep", "agent") and c.lower_ in ("with", "over"))
        for c in verb.children
    )


def has_complement(verb: Token) -> bool:
    """A clause or "to" phrase completing a verb ("committed to withdraw", "committed itself to")."""
    return any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ in ("prep", "dative") and c.lower_ == "to")
        for c in verb.children
    )


def relative_object(verb: Token) -> Token | None:
    """The noun a relative clause with its own subject leaves as its object: "the enemy [we are
    fighting]", "the rebels [that the army attacked]" (not "the town [where the army attacked]")."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.tag_ not in ("WDT", "WP"):
            return None  # "the man [who attacked the army]": the clause has its own object
        if child.tag_ == "WRB" or (
            child.dep_ == "prep" and any(g.tag_ in ("WDT", "WP") for g in child.children)
        ):
            return None  # "where", "when", "in which": the noun is a setting
        if child.dep_ == "nsubj" and child.tag_ in ("WDT", "WP"):
            return None  # "the rebels [who attacked]": the noun is the subject
    return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None


def singular(word: str) -> str:
    """ "authorities" -> "authority", "leaders" -> "leader" (enough for agent heads)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word
