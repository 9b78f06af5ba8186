"""Actor stage: every actor mention in the document, resolved against the knowledge base.

Mentions come from spaCy entities (PERSON, ORG, NORP, GPE used as actors) and from
generic agent noun phrases ("the French envoy", "gunmen", "the Libyan army"). Each is
resolved by :class:`~thucydides.kb.resolver.Resolver` at the article's publication date,
in the context of the other actors and countries the document names, after in-document
linking: a later "Soler" or "Al-Sarraj" is the earlier "Paul Soler" / "Faiz al-Sarraj",
and a surname the model missed is still found when the full name occurs.

An undated article is read in the era its named office holders share
(``state.notes["actors_era"]``): a hint for titles and ambiguous names, never an event date.

A person the KB does not know keeps ``actor_id=None`` but takes country, sector and
role from an apposition or a title ("Paul Soler, the French Special Envoy to Libya").

A capital city named as the agent or target of a political predicate stands for its
country's government ("Ankara said", "Washington imposed sanctions on Moscow"); in a
setting ("in Ankara", "to Moscow") it stays a place (see :class:`CapitalRoles`).

``ruler_patterns()`` feeds the entity ruler placed before ``ner`` with the KB's aliases.
"""

from __future__ import annotations

import bisect
import logging
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thucydides.errors import ConfigError
from thucydides.kb.loader import KnowledgeBase, load_knowledge_base
from thucydides.kb.names import fold, tokens
from thucydides.kb.resolver import FORMER_SECTOR, OFFICE_SECTORS, Candidate, Resolver
from thucydides.records import ActorRef, Mention
from thucydides.stages.base import DocState
from thucydides.stages.place_words import PlaceWords, load_place_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from thucydides.config import Settings

__all__ = ["ACTOR_LABELS", "ActorStage", "CapitalRoles", "Resolver", "load_capital_roles", "ruler_patterns"]

logger = logging.getLogger(__name__)

#: entity labels read as actors
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: further labels the model sometimes gives a person's surname ("Soler" as LOC)
_LINKABLE_LABELS = frozenset({"LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
_NAME_RULES = frozenset({"exact", "normalised", "skeleton"})
#: rules strong enough to read a place-labelled name as a person
_EXACT_RULES = frozenset({"exact", "normalised"})
_PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entity-ruler id prefixes of the gazetteer's patterns (see GeoStage.ruler_patterns)
_GAZETTEER_IDS = ("place:", "geonames:")
_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod"})
_TITLE_DEPS = frozenset({"compound", "appos", "nmod", "amod"})
#: dependencies of the words of a title written before a name ("the former President X")
_TITLE_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "det"})
_KIND_LABEL = {
    "person": "PERSON",
    "organisation": "ORG",
    "armed_group": "ORG",
    "igo": "ORG",
    "country": "GPE",
}
_MIN_SCORE = 0.55
_MAX_COMPLEMENT = 7
_CAPITAL_ROLES_FILE = Path(__file__).with_name("capital_roles.toml")
#: labels a capital city's name may carry ("Washington" is sometimes an ORG)
_CAPITAL_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC"})
#: score of a capital read as its country's government
_CAPITAL_SCORE = 0.7
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


@dataclass(frozen=True, slots=True, kw_only=True)
class CapitalRoles:
    """Dependency roles in which a capital city stands for its government (``capital_roles.toml``)."""

    place_subject_verbs: frozenset[str]
    place_object_verbs: frozenset[str]
    political_prepositions: frozenset[str]
    place_object_nouns: frozenset[str] = frozenset()

    def governs(self, token: Token) -> bool:
        """Whether ``token`` (a capital's head word) is the agent or target of a political predicate.

        Subject of a verb that is not about the place itself ("Ankara said"), the agent of a
        passive ("sanctions imposed by Washington"), the object or passive subject of a verb
        that does not take places ("Washington urged Ankara", "Moscow was accused"), an
        indirect object, or the object of an interlocutor's preposition ("talks with
        Tehran"); a conjunct shares its first conjunct's role ("Ankara and Moscow agreed").
        """
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        head, dep = token.head, token.dep_
        verb = head.pos_ in ("VERB", "AUX")
        if dep in _SUBJECT_DEPS:
            return verb and head.lemma_.lower() not in self.place_subject_verbs
        if dep in ("dobj", "nsubjpass"):
            return head.pos_ == "VERB" and head.lemma_.lower() not in self.place_object_verbs
        if dep in ("dative", "iobj"):
            return verb
        if dep == "pobj":
            if head.dep_ == "agent":
                return True  # "by Washington"
            governor = head.head
            return head.lower_ in self.political_prepositions and (
                governor.pos_ != "NOUN" or governor.lower_ not in self.place_object_nouns
            )
        return False


@cache
def load_capital_roles() -> CapitalRoles:
    """The bundled capital-metonymy word lists, with the geo stage's place-taking verbs."""
    path = _CAPITAL_ROLES_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the capital roles in {path}: {exc}; reinstall thucydides") from exc
    words = load_place_words()

    def lemmas(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, []))

    return CapitalRoles(
        place_subject_verbs=lemmas("place_subject_verbs"),
        place_object_verbs=lemmas("place_object_verbs") | words.place_object_verbs,
        political_prepositions=lemmas("political_prepositions"),
        place_object_nouns=words.place_object_nouns,
    )


@dataclass(slots=True, eq=False)
class _Found:
    """A mention being built: its span and (once resolved) its actor."""

    start: int  # token indexes in the doc
    end: int
    label: str
    text: str
    actor: ActorRef | None = None
    role_phrases: list[str] = field(default_factory=list)
    absorbed: bool = False
    #: the context or the gazetteer marks the name as a place ("the X air base", "city of X")
    place: bool = False
    #: the country whose government a capital's name stands for here ("Ankara said")
    capital_of: str | None = None


class ActorStage:
    """Fills ``state.mentions`` (see the module docstring)."""

    name = "actors"

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        resolver: Resolver | None = None,
        place_words: PlaceWords | None = None,
        capital_roles: CapitalRoles | None = None,
    ) -> None:
        self.kb = kb
        self.resolver = resolver or Resolver(kb)
        self.place_words = place_words or load_place_words()
        self.capital_roles = capital_roles or load_capital_roles()

    @classmethod
    def from_settings(cls, settings: Settings) -> ActorStage:
        """The stage over the bundled KB plus ``settings.kb_files`` (loaded once per process)."""
        return cls(load_knowledge_base(settings.kb_files))

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Entity ruler patterns for the KB's aliases (see :func:`ruler_patterns`)."""
        return ruler_patterns(self.kb)

    # -- the stage --------------------------------------------------------------------------
    def __call__(self, state: DocState) -> None:
        doc = state.doc
        if doc is None:
            logger.warning(
                "actors: article %s has no spaCy doc; the nlp stage must run first", state.article.id
            )
            return
        starts = [s.start for s in state.sentences] or [s.start_char for s in doc.sents]
        found = self._entities(doc)
        found += self._agents(doc, found)
        found = [f for f in found if not f.absorbed]
        context = self._context(found)
        day = state.article.published
        if day is None:
            # an undated article: the office holders it names tell its era (a ranking hint only)
            day = self.resolver.infer_era(context)
            state.notes["actors_era"] = day
        persons = self._resolve_persons(found, day=day, context=context)
        for item in found:
            if item.actor is None:
                item.actor = self._resolve_other(item, day=day, context=context, persons=persons)
        found += self._missed_surnames(doc, found, persons)
        mentions: list[Mention] = []
        for item in sorted(found, key=lambda f: f.start):
            if item.actor is None:
                continue
            span = doc[item.start : item.end]
            sentence = max(0, bisect.bisect_right(starts, span.start_char) - 1)
            mentions.extend(
                Mention(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    sentence_index=sentence,
                    label=item.label,
                    actor=actor,
                )
                for actor in self._per_country(item, item.actor)
            )
        state.mentions = mentions

    def _per_country(self, item: _Found, actor: ActorRef) -> list[ActorRef]:
        """One actor per country of a coordinated modifier ("Hungarian and Romanian officials":
        HUN GOV and ROU GOV, two mentions of one span); else the actor itself."""
        if item.label != "AGENT" or actor.resolution != "agent" or actor.actor_id is not None:
            return [actor]
        codes = self.resolver.coordinated_countries(item.text)
        if not codes:
            return [actor]
        return [replace(actor, country=code) for code in codes]

    def resolve(self, text: str, *, date: date | None = None, context: Iterable[str] = ()) -> list[Candidate]:
        """Resolve one string (the library face of ``thucydides actors resolve``)."""
        return self.resolver.resolve(text, date=date, context=context)

    # -- finding mentions -------------------------------------------------------------------
    def _entities(self, doc: Doc) -> list[_Found]:
        out: list[_Found] = []
        for ent in doc.ents:
            label = ent.label_
            if label not in ACTOR_LABELS and label not in _LINKABLE_LABELS:
                continue
            if label == "NORP" and _is_modifier(ent):
                continue  # "Libyan" in "the Libyan army": the agent phrase carries it
            span = _strip_possessive(ent)
            if not len(span) or self._is_title(span.text):
                continue  # "Field Marshal" tagged on its own is a title, not an actor
            previous = out[-1] if out else None
            if previous is not None and previous.label == label == "PERSON" and previous.end == span.start:
                # the ruler's surname and the model's first name: "Faiz al-" + "Sarraj"
                previous.end = span.end
                previous.text = doc[previous.start : span.end].text
                continue
            lead = self._leading_country(span) if label == "ORG" else 0
            if lead:
                # "the US military command in Africa": a descriptive name keeps its country
                # as a mention of its own, and is still resolved from the whole text
                out.append(_Found(span.start, span.start + lead, "GPE", span[:lead].text))
                out.append(_Found(span.start + lead, span.end, label, span.text))
                continue
            place = ent.ent_id_.startswith(_GAZETTEER_IDS) or self.place_words.marks_place(span)
            if place and label == "PERSON":
                label = "LOC"  # "the coastal city of Zuwara": the model's PERSON is a town
            found = _Found(span.start, span.end, label, span.text, place=place)
            if label in _CAPITAL_LABELS:
                found.capital_of = self._capital_government(span)
            out.append(found)
        return out

    def _capital_government(self, span: Span) -> str | None:
        """The country id a capital's name stands for when it acts or is acted on politically."""
        country = self.kb.capital_of(span.text)
        if country is None or not self.capital_roles.governs(span.root):
            return None
        return country.id

    def _leading_country(self, span: Span) -> int:
        """Tokens of a country name opening a descriptive (partly lowercase) organisation name."""
        if not any(t.is_lower and t.is_alpha and not t.is_stop for t in span[1:]):
            return 0
        for size in (3, 2, 1):
            if size < len(span) and span[size - 1].pos_ == "PROPN" and self.kb.country_of(span[:size].text):
                return size
        return 0

    def _is_title(self, text: str) -> bool:
        return tuple(tokens(fold(text))) in self.kb.keys.titles

    def _agents(self, doc: Doc, entities: list[_Found]) -> list[_Found]:
        """Generic agent phrases; appositions and titles of persons are attached to them."""
        lexicon = self.kb.lexicon
        by_token: dict[int, _Found] = {}
        for item in entities:
            for i in range(item.start, item.end):
                by_token[i] = item
        out: list[_Found] = []
        for item in entities:
            if item.label == "PERSON":
                self._title_before(doc, item)
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
                continue
            folded = fold(token.text)
            people = self.resolver.is_people_word(folded)
            if not people and not lexicon.may_end(folded):
                continue
            owner = by_token.get(token.i)
            if owner is not None and owner.label != "NORP":
                continue  # inside a name: the entity is the mention
            left = _left_edge(token)
            words = [fold(t.text) for t in doc[left : token.i + 1]]
            match = lexicon.match(words, complement=any(c.lower_ == "of" for c in token.rights))
            if match is None and not people:
                continue
            start, end = _within_line(doc, left, token.i, _right_edge(token))
            person = _titled_person(token, by_token)
            if person is not None:
                person.role_phrases.append(doc[start:end].text)
                continue
            inner = {by_token[i] for i in range(start, end) if i in by_token}
            titled = [i for i in inner if i.label == "PERSON" and i.start > token.i]
            if titled:  # "Minister of Interior Fathi Pashaga": a title, not an agent
                titled[0].role_phrases.append(doc[start : titled[0].start].text)
                continue
            if any(i.start < start or i.end > end for i in inner):
                end = min([i.start for i in inner if i.end > end and i.start > token.i] or [end])
                if any(i.start < start or i.end > end for i in inner):
                    continue  # overlaps a name awkwardly: leave the name alone
            text = doc[start:end].text
            # a country named before the role noun ("the US ambassador") stays its own mention;
            # the agent keeps it in the text it is resolved from
            # ("anti-Syria journalist": an alignment; "Ankara's administration": the owner)
            places = [
                i
                for i in inner
                if i.label == "GPE"
                and i.end <= token.i
                and not _aligned(doc, i.start)
                and (i.capital_of is not None or self.kb.capital_of(i.text) is None)
            ]
            if places:
                start = max(i.end for i in places)
            for item in inner:
                item.absorbed = item not in places
            out.append(_Found(start, end, "AGENT", text))
        return out

    def _title_before(self, doc: Doc, item: _Found) -> None:
        """A title the parser made part of a person's name ("Former Prime Minister X", "Ousted
        President X") becomes a role phrase of the person when the lexicon reads a role in it."""
        start = item.start
        while start > 0:
            token = doc[start - 1]
            if token.dep_ not in _TITLE_LEFT_DEPS or not start <= token.head.i < item.end or token.is_punct:
                break
            start -= 1
        if start < item.start:
            phrase = doc[start : item.start].text
            if self.kb.lexicon.find(phrase) is not None:
                item.role_phrases.append(phrase)

    # -- resolving --------------------------------------------------------------------------
    def _context(self, found: list[_Found]) -> list[str]:
        """Actor ids unambiguously named in the document, and its countries."""
        context: list[str] = []
        for item in found:
            if item.label not in ACTOR_LABELS or item.place or self.resolver.people(item.text) is not None:
                continue  # "Albanians" names a people, not a look-alike actor
            ids, rule, _ = self.resolver.match_name(item.text)
            if len(ids) == 1 and rule in _NAME_RULES:
                context.append(ids[0])
        return context

    def _resolve_persons(
        self, found: list[_Found], *, day: date | None, context: list[str]
    ) -> list[tuple[list[str], ActorRef]]:
        """Resolve PERSON mentions, longest first so short forms can link to them."""
        persons: list[tuple[list[str], ActorRef]] = []
        keys = self.kb.keys
        people = [f for f in found if f.label == "PERSON"]
        for item in sorted(people, key=lambda f: -len(keys.words(f.text, strip_titles=True))):
            words = keys.words(item.text, strip_titles=True)
            linked = _link(words, persons)
            best = self._best(item.text, day=day, context=context, names_only=True)
            if linked is not None and (best is None or best.actor_id != linked.actor_id) and len(words) == 1:
                item.actor = replace(linked, text=item.text, resolution="document")
            elif best is not None:
                item.actor = self._as_titled(best.to_ref(item.text), item)
            else:
                item.actor = self._unknown_person(item, day=day, context=context)
            if len(words) > 1 or item.actor.actor_id is not None:
                persons.append((words, item.actor))
        return persons

    def _as_titled(self, ref: ActorRef, item: _Found) -> ActorRef:
        """A known person titled as a past office holder ("former prime minister X") is ELI."""
        lexicon = self.kb.lexicon
        if ref.sector in OFFICE_SECTORS and any(
            lexicon.is_former(tokens(fold(p))) and lexicon.find(p) is not None for p in item.role_phrases
        ):
            return replace(ref, sector=FORMER_SECTOR)
        return ref

    def _unknown_person(self, item: _Found, *, day: date | None, context: list[str]) -> ActorRef:
        """A person the KB lacks: country and sector from an apposition or title, if any."""
        for phrase in item.role_phrases:
            # the reading of the title gives country and sector, never another person's id
            agent = self._best(phrase, day=day, context=context, names_only=False)
            if (
                agent is not None
                and agent.rule == "title"
                and self.resolver.country_in(tokens(fold(phrase))) is None
            ):
                # "President X" names no country: the holder the context suggests is not X's
                agent = self.resolver.agent(phrase)
            if agent is not None:
                return ActorRef(
                    text=item.text,
                    name=item.text,
                    country=agent.country,
                    sector=agent.sector,
                    role=phrase.removeprefix("the ").removeprefix("The "),
                    resolution="apposition",
                    score=0.4,
                )
        return ActorRef(text=item.text, name=item.text)

    def _resolve_other(
        self, item: _Found, *, day: date | None, context: list[str], persons: list[tuple[list[str], ActorRef]]
    ) -> ActorRef | None:
        keys = self.kb.keys
        if item.label == "AGENT":
            best = self._best(item.text, day=day, context=context, names_only=False)
            return best.to_ref(item.text) if best is not None else None
        best = self._best(item.text, day=day, context=context, names_only=item.label != "ORG")
        if item.capital_of is not None and (best is None or best.rule not in _EXACT_RULES):
            return self._government(item, item.capital_of)
        if best is not None and not self._actor_reading(item, best):
            return None
        linked = None if item.place else _link(keys.words(item.text, strip_titles=True), persons)
        if linked is not None and (best is None or best.kind == "person"):
            item.label = "PERSON"
            return replace(linked, text=item.text, resolution="document")
        if best is not None:
            item.label = (
                _KIND_LABEL.get(best.kind or "", item.label) if item.label in _LINKABLE_LABELS else item.label
            )
            return best.to_ref(item.text)
        if item.label == "ORG":
            return ActorRef(text=item.text, name=item.text)
        return None

    def _government(self, item: _Found, country_id: str) -> ActorRef:
        """A capital's name read as its country's government ("Ankara said" -> Turkey GOV)."""
        country = self.kb.actors[country_id]
        item.label = "GPE"
        return ActorRef(
            text=item.text,
            actor_id=country.id,
            name=country.name,
            country=country.country,
            sector="GOV",
            role="government",
            resolution="capital",
            score=_CAPITAL_SCORE,
        )

    @staticmethod
    def _actor_reading(item: _Found, best: Candidate) -> bool:
        """Whether a place-like name may still be read as this actor.

        A name the context or the gazetteer marks as a place is an actor only when it is
        exactly an organisation's or a country's name ("an LNA base"); a place-labelled
        name is a person only by an exact alias, never by a look-alike spelling
        ("Tarhuna" is not "Tarhouni").
        """
        if item.place:
            return best.rule in _EXACT_RULES and best.kind not in (None, "person")
        if item.label in _PLACE_ENTITY_LABELS and best.kind == "person":
            return best.rule in _EXACT_RULES
        return True

    def _best(self, text: str, *, day: date | None, context: list[str], names_only: bool) -> Candidate | None:
        found = self.resolver.resolve(text, date=day, context=context, names_only=names_only)
        if not found or (found[0].score < _MIN_SCORE and found[0].rule != "agent"):
            return None
        return found[0]

    def _missed_surnames(
        self, doc: Doc, found: list[_Found], persons: list[tuple[list[str], ActorRef]]
    ) -> list[_Found]:
        """Proper nouns outside every mention that repeat a person's surname ("Townsend")."""
        surnames = {words[-1]: ref for words, ref in persons if len(words) > 1}
        if not surnames:
            return []
        taken = {i for f in found for i in range(f.start, f.end)}
        out: list[_Found] = []
        for token in doc:
            if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            words = self.kb.keys.words(token.text)
            ref = surnames.get(words[-1]) if len(words) == 1 else None
            if ref is not None:
                actor = replace(ref, text=token.text, resolution="document")
                out.append(_Found(token.i, token.i + 1, "PERSON", token.text, actor=actor))
        return out


def _link(words: list[str], persons: list[tuple[list[str], ActorRef]]) -> ActorRef | None:
    """The longer person mention a short form belongs to (its surname, or its last words)."""
    if not words:
        return None
    matches = {
        ref.actor_id or ref.text: ref
        for longer, ref in persons
        if len(longer) > len(words) and longer[-len(words) :] == words
    }
    return next(iter(matches.values())) if len(matches) == 1 else None


def _strip_possessive(ent: Span) -> Span:
    end = ent.end
    while end > ent.start and ent.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    start = ent.start
    while start < end and ent.doc[start].lower_ in ("the",):
        start += 1
    return ent.doc[start:end] if start > ent.start or end < ent.end else ent


def _is_modifier(ent: Span) -> bool:
    root = ent.root
    return (
        root.dep_ in ("amod", "compound", "nmod")
        and root.head.pos_ in ("NOUN", "PROPN")
        and (root.head.i >= ent.end)
    )


def _aligned(doc: Doc, start: int) -> bool:
    """Whether a name opening at ``start`` follows "pro-"/"anti-": an alignment, no actor of its own."""
    i = start - 1
    if i >= 0 and doc[i].text in ("-", "‑", "–"):
        i -= 1
    return i >= 0 and doc[i].lower_.rstrip("-") in ("pro", "anti")


def _left_edge(token: Token) -> int:
    """First token of the contiguous determiners and modifiers left of a noun."""
    left = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ in _MODIFIER_DEPS and child.i == left - 1:
            left = child.left_edge.i if child.dep_ != "det" else child.i
        elif child.dep_ in _MODIFIER_DEPS and child.right_edge.i == left - 1:
            left = child.left_edge.i
        else:
            break
    return left


def _within_line(doc: Doc, start: int, head: int, end: int) -> tuple[int, int]:
    """Trim a phrase to the line its head is on (headlines are not parsed apart from the body)."""
    for i in range(start, head):
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            start = i + 1
    for i in range(head, end):
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            return start, i + (0 if doc[i].is_space else 1)
    return start, end


def _right_edge(token: Token) -> int:
    """End of a short "of/to/in X" complement naming whose agent this is."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "in", "for") and child.i == end:
            tail = child.right_edge.i + 1
            tail = next((t.i for t in token.doc[end:tail] if t.is_punct or t.dep_ == "cc"), tail)
            if tail - token.i <= _MAX_COMPLEMENT:
                end = tail
        break
    return end


def _titled_person(token: Token, by_token: dict[int, _Found]) -> _Found | None:
    """The person a role noun is the title or apposition of ("Envoy" in "Soler, the Envoy")."""
    candidates: list[Token] = []
    if token.dep_ in _TITLE_DEPS:
        candidates.append(token.head)
    candidates += [c for c in token.children if c.dep_ == "appos"]
    for other in candidates:
        item = by_token.get(other.i)
        if item is not None and item.label == "PERSON":
            return item
    return None


def ruler_patterns(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Entity-ruler patterns for the KB aliases that help the model.

    Persons, organisations, armed groups and IGOs (with their acronyms) by every alias;
    countries as GPE by name. Patterns are phrase strings (matched case-sensitively, which
    keeps short aliases such as "LNA" from matching common words); an all-capitals acronym
    also gets its capitalised spelling ("AFRICOM" -> "Africom"). Aliases listed as
    ambiguous and single words that are common English words in lowercase are left out.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for actor in sorted(kb.actors.values(), key=lambda a: a.id):
        label = _KIND_LABEL.get(actor.kind)
        if label is None:
            continue
        for alias in actor.names:
            if kb.is_ambiguous(alias) or not _pattern_worthy(alias):
                continue
            variants = [alias]
            if alias.isupper() and alias.isalpha() and len(alias) > 4:
                variants.append(alias.capitalize())
            for text in variants:
                if (text, label) not in seen:
                    seen.add((text, label))
                    patterns.append({"label": label, "pattern": text, "id": actor.id})
    return patterns


def _pattern_worthy(alias: str) -> bool:
    words = tokens(fold(alias))
    if not words or not any(c.isalpha() for c in alias):
        return False
    # a single word must look like a name (capitalised), and not be a bare particle
    return len(words) > 1 or (alias[:1].isupper() and len(alias) >= 2)
