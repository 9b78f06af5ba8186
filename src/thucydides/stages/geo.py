"""The geo stage: toponyms -> places, and where each event happened.

Recognition
    spaCy GPE/LOC/FAC entities (the entity ruler adds our curated places and
    multi-word GeoNames towns, see :meth:`GeoStage.ruler_patterns`), plus names
    the model took for people or organisations that the gazetteer knows and the
    context marks as places ("the coastal city of Zuwara", "in Bani Walid", "visited X",
    "flew to X") --
    unless the actor stage resolved that entity as an actor.

Resolution
    :class:`~thucydides.stages.geo_resolve.Resolver`: gazetteer candidates ranked
    by the document's country focus (including its actors' countries), kind of
    place, population and local context.

Event location (:meth:`GeoStage.locate`)
    the place attached to the event's predicate by a locative preposition
    ("met in the coastal city of Zuwara", "engagements in Tripoli, where he
    met ..."); else a place in the event's sentence that is not part of an actor
    ("the US ambassador to Tripoli") nor inside a discussed topic ("talks about
    the floods in Derna"); else the dateline. Never a place merely mentioned.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycountry

from thucydides.records import Mention, PlaceMention
from thucydides.stages.base import DocState
from thucydides.stages.geo_index import DATA_DIR, DEMONYM, GeoIndex, load_curated
from thucydides.stages.geo_recognise import after_locators, datelines, glued_places, same_name_elsewhere
from thucydides.stages.geo_resolve import Resolution, Resolver, ToponymQuery, to_place
from thucydides.stages.place_words import PlaceWords, load_place_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from thucydides.config import Settings

__all__ = ["GeoStage"]

logger = logging.getLogger(__name__)

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_RESCUE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: labels of numbers and times: never a place, whatever noun follows ("1,000 villages")
_NUMERIC_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME", "DATE"})
#: prepositions that put an event somewhere
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "within",
        "on",
        "into",
        "off",
        "through",
        "along",
    }
)
#: locative prepositions that place an argument ("gunmen in Kirkuk", "two soldiers near Gao")
_ARGUMENT_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "throughout"})
#: the preposition of a partner or opponent whose locative phrase tells where the event happened
#: ("against" is left out: "protesting against the detention of X in Y" is a topic):
#: "clashed with militiamen in X", "met with elders in X"
_PARTNER_PREPS = frozenset({"with"})
#: prepositions of a movement verb's destination: "flew to X", "sailed into X"
_DESTINATION_PREPS = frozenset({"to", "into"})
#: arguments whose locative phrase tells where the event happened
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj"})
#: prepositions inside an object that still lead to its place: "large parts of X",
#: "the skies over X", "several towns including X", "positions near X"
_OBJECT_PREPS = frozenset({"of", "in", "over", "including", "near", "around", "outside", "across", "along"})
#: clause links climbed from the predicate to find a locative phrase of its governing clause
_CLAUSE_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp"})
#: prepositions and nouns that make a place part of a topic, not the event's setting
_TOPIC_PREPS = frozenset({"about", "regarding", "concerning", "over", "on", "of", "for", "against", "to"})
_LOCATIVE_BEFORE_ENT = frozenset({"in", "at", "near", "from", "outside", "around", "across", "of"})
#: curated features that the entity ruler labels FAC (sites) rather than LOC/GPE
_SITE_FEATURES = frozenset(
    {
        "airbase",
        "airport",
        "port",
        "oil terminal",
        "refinery",
        "oil field",
        "gas field",
        "border crossing",
        "camp",
        "hospital",
        "military base",
        "dam",
        "nuclear site",
        "power plant",
        "bridge",
        "mosque",
        "square",
        "industrial site",
        "oil facility",
    }
)
#: head words of named sites besides the facility nouns of ``place_nouns.toml``
_SITE_HEADS = frozenset(
    {"roundabout", "junction", "fields", "farms", "hill", "hills", "mountain", "ridge", "quarter", "highway"}
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z'’.-]*\s?){1,4}(?:,\s*[A-Za-z .]{2,25})?\s*(?:\([^)]{1,40}\))?\s*[-—–:]"
)
_MULTIWORD_MIN_POPULATION = 20000
_ACRONYM = re.compile(r"[A-Z][A-Z.&-]{0,5}")
#: a name the model took for an organisation is a place when it names a town this big
_MAJOR_POPULATION = 100_000


class GeoStage:
    """Finds toponyms, resolves them, and sets each event's location."""

    name = "geo"

    def __init__(self, index: GeoIndex, *, place_words: PlaceWords | None = None) -> None:
        self.index = index
        self.place_words = place_words or load_place_words()
        #: nouns that frame a place inside an object: "the outskirts of X", "X's airport"
        self._frame_nouns = self.place_words.place_of | {
            phrase[-1] for phrase in self.place_words.facility_after
        }
        #: head words of named sites and divisions: "Panorama Roundabout", "Al-Sha'ar Gas Fields"
        self._site_words = (
            self.place_words.facility_heads
            | self.place_words.division_suffixes
            | {phrase[-1] for phrase in self.place_words.facility_after}
            | _SITE_HEADS
        )
        self.resolver = Resolver(index)
        self._iso3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}

    @classmethod
    def from_settings(cls, settings: Settings, *, cache_dir: Path | None = None) -> GeoStage:
        index = GeoIndex.open(
            cache_dir=cache_dir, extra_files=settings.gazetteer_files, min_population=settings.min_population
        )
        return cls(index)

    # -- entity ruler ---------------------------------------------------------------------------

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Curated places (all their names) and multi-word GeoNames towns.

        Single-word GeoNames names are left to the model and to the contextual rescue
        in :meth:`find_places`: many are also surnames or words ("Victoria", "Hope").
        """
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()

        def add(label: str, text: str, ident: str) -> None:
            text = text.removeprefix("the ").strip()
            if len(text) < 3 or (label, text) in seen:
                return
            seen.add((label, text))
            patterns.append({"label": label, "pattern": text, "id": ident})

        for path in [DATA_DIR / "places.jsonl"]:
            for place in load_curated(path):
                label = (
                    "FAC"
                    if place.feature in _SITE_FEATURES
                    else "LOC"
                    if place.precision == "region"
                    else "GPE"
                )
                ident = f"place:{place.name}"
                for text in (place.name, *place.aliases):
                    if text[:1].isupper():
                        add(label, text, ident)
        rows = self.index._con.execute(
            "SELECT name, geonameid FROM place WHERE source = 'geonames' AND population >= ? AND name LIKE '% %'",
            (_MULTIWORD_MIN_POPULATION,),
        ).fetchall()
        for name, geonameid in rows:
            if name.isascii() and all(w[:1].isupper() or w in {"al", "el", "de", "la"} for w in name.split()):
                add("GPE", name, f"geonames:{geonameid}")
        return patterns

    # -- recognition and resolution -------------------------------------------------------------

    def _actor_spans(self, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
        """Spans the actor stage resolved as actors that are not places."""
        return [
            (m.start, m.end)
            for m in mentions
            if m.label in {"PERSON", "ORG"}
            and m.actor.actor_id is not None
            and m.actor.resolution != "unresolved"
        ]

    def _in_place_context(self, ent: Span) -> bool:
        """True when the context marks a PERSON/ORG entity as a place ("city of X", "in X")."""
        root = ent.root
        head = root.head
        if root.dep_ == "conj":  # "the cities of Tarhuna and Bani Walid", "Tripoli and Zuwara"
            if head.ent_type_ in _PLACE_LABELS:
                return True
            root, head = head, head.head
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in self.place_words.place_of:
            return True
        if root.dep_ == "appos" and head.lower_ in self.place_words.place_of:
            return True
        if self._destination(root) or (
            root.dep_ == "dobj"
            and head.pos_ == "VERB"
            and head.lemma_.lower() in self.place_words.visit_verbs
        ):  # "flew to X", "returned to X", "visited X", "toured X"
            return True
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in _LOCATIVE_BEFORE_ENT - {"of"} and root.dep_ == "pobj":
            return True
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if after is not None and after.text == "," and ent.end + 1 < len(ent.doc):
            nxt = ent.doc[ent.end + 1]
            return any(c.source == "country" and c.kind != 2 for c in self.index.lookup(nxt.text))
        return False

    def _destination(self, tok: Token) -> bool:
        """The token is the destination of a movement verb: "travelled to X", "flew into X"."""
        prep = tok.head
        return (
            tok.dep_ == "pobj"
            and prep.dep_ == "prep"
            and prep.lower_ in _DESTINATION_PREPS
            and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() in self.place_words.destination_verbs
        )

    def _rescued(self, ent: Span) -> bool:
        """A PERSON/ORG entity that the gazetteer knows and the context marks as a place."""
        return (
            ent.label_ in _RESCUE_LABELS - {"NORP"}
            and self._in_place_context(ent)
            and self.index.known(ent.text)
        )

    def _keeps(self, span: Span, res: Resolution) -> bool | None:
        """Whether a recognised name keeps its reading (None: it is no toponym at all).

        A nationality is a place only as its country or continent ("Turkish"), or by a big
        place's own name ("Aleppo" taken for a nationality). A name the gazetteer does not know
        is read as the document's main place only after a locative preposition ("in Foua") or
        when shaped like a site or a division ("Penn Park"): otherwise it stays unresolved, being
        more likely the model's mistake ("a golfer, Brooke Henderson") than an unknown place.
        """
        cand = res.candidate
        if span.label_ == "NORP":
            by_nation = cand is not None and cand.source in {"country", "continent"} and cand.kind == DEMONYM
            return (res.basis == "name" and (by_nation or self._major_place(span.text))) or None
        if cand is None:
            return True
        if res.basis == "document":
            words = span.text.lower().split()
            before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
            return before in _LOCATIVE_BEFORE_ENT - {"of"} or (
                len(words) > 1
                and (
                    words[-1] in self.place_words.facility_heads
                    or words[-1] in self.place_words.division_suffixes
                )
            )
        return True

    def _site_shaped(self, ent: Span) -> bool:
        """An entity the model calls a facility that reads as a site or a division by its head
        word ("Panorama Roundabout", "Palmasola prison") or its context ("the X crossing", "at
        Al-Taji") -- not "the 304th", nor an event ("the World Ski Championships")."""
        words = ent.text.lower().split()
        if not ent.text[:1].isalpha() or not words:
            return False
        if words[-1] in self._site_words or self.place_words.marks_place(ent):
            return True
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        return before in _LOCATIVE_BEFORE_ENT - {"of", "from"} and ent.root.dep_ == "pobj"

    def _place_name(self, text: str) -> bool:
        """The gazetteer knows the name as a place's own name, not only as a nationality."""
        return any(c.kind != DEMONYM for c in self.index.lookup(text))

    def _major_place(self, text: str) -> bool:
        """A name that is, by its own name, a country, a first-order division, a continent,
        a curated place or a town of at least ``_MAJOR_POPULATION`` people (not an acronym:
        "ATF", "BA" are bodies whatever the gazetteer's codes say)."""
        if _ACRONYM.fullmatch(text):
            return False
        return any(
            c.kind != DEMONYM
            and (
                c.source in {"country", "admin1", "continent", "curated"} or c.population >= _MAJOR_POPULATION
            )
            for c in self.index.lookup(text)
        )

    def _locator(self, text: str) -> bool:
        """A state or country name that can follow a place and a comma ("Ont.", "Essex")."""
        return any(
            c.kind != DEMONYM and c.source in {"country", "admin1", "admin2"} for c in self.index.lookup(text)
        )

    def _candidate_spans(
        self, doc: Doc, text: str, mentions: Sequence[Mention], *, demonyms: bool
    ) -> tuple[list[Span], list[Span]]:
        """Toponyms to resolve, and names the context marks as places that the gazetteer does
        not know (left unresolved: no coordinates are made up for them)."""
        actor_spans = self._actor_spans(mentions)
        # words of multi-word person names: "Soler" after "Paul Soler" is the man, not a town
        person_words = {
            tok.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent
        }
        spans: list[Span] = []
        unplaced: list[Span] = []
        for ent in doc.ents:
            if any(s < ent.end_char and ent.start_char < e for s, e in actor_spans) and ent.label_ != "GPE":
                continue
            if ent.label_ != "NORP" and ent.text.lower() in person_words:
                continue
            if ent.label_ == "FAC" and not self.index.known(ent.text):
                if self._site_shaped(ent):  # "the Panorama Roundabout", "at Al-Taji"
                    unplaced.append(ent)
            elif ent.label_ in _PLACE_LABELS:
                spans.append(ent)
            elif ent.label_ not in _NUMERIC_LABELS and self.place_words.marks_place(ent):
                # "the village of Rasm Al-Abed", "Garubula village", "the Kissufim crossing" taken
                # for a person, a body or a product: a place, on the map only if the gazetteer knows it
                (spans if self.index.known(ent.text) else unplaced).append(ent)
            elif (ent.label_ == "NORP" and demonyms) or self._rescued(ent):
                spans.append(ent)
            elif ent.label_ in {"ORG", "NORP"} and self._major_place(ent.text):
                # "Edmonton", "Aleppo" taken for an organisation or a nationality
                spans.append(ent)
        spans += self._missed_spans(doc, text, spans, actor_spans=actor_spans, person_words=person_words)
        return spans, unplaced

    def _missed_spans(
        self,
        doc: Doc,
        text: str,
        spans: Sequence[Span],
        *,
        actor_spans: Sequence[tuple[int, int]],
        person_words: set[str],
    ) -> list[Span]:
        """Places the model missed: datelines, locators, repeated names, "X-based"."""
        taken = [(s.start_char, s.end_char) for s in spans]
        found = datelines(doc, text, known=self._place_name, taken=taken)
        taken += [(s.start_char, s.end_char) for s in found]
        places = [s for s in [*spans, *found] if s.label_ != "NORP"]
        found += after_locators(doc, text, places, locator=self._locator, taken=taken)
        taken += [(s.start_char, s.end_char) for s in found]
        blocked = [*actor_spans]
        blocked += [
            (e.start_char, e.end_char) for e in doc.ents if e.label_ not in _PLACE_LABELS and len(e) > 1
        ]
        names = {
            _strip_article(s.text)
            for s in [*places, *found]
            if s.text.lower() not in person_words and self._place_name(_strip_article(s.text))
        }
        found += same_name_elsewhere(doc, text, names, taken=taken, blocked=blocked)
        taken += [(s.start_char, s.end_char) for s in found]
        found += glued_places(doc, text, known=self._place_name, taken=taken)
        return found

    def find_places(
        self,
        doc: Doc,
        *,
        text: str | None = None,
        mentions: Sequence[Mention] = (),
        actor_countries: Iterable[str] = (),
        sentence_starts: Sequence[int] = (),
        demonyms: bool = False,
    ) -> list[PlaceMention]:
        """Every toponym in ``doc`` with its resolved place (``place=None`` when unknown).

        A name the gazetteer does not know that only its context makes a place ("the village
        of X" taken for a person, an unknown site "the X roundabout") is not resolved at all:
        it is kept, with ``place=None``, so that an event attached to it is not moved elsewhere.

        ``demonyms`` also reads nationality adjectives ("Turkish") as their country,
        as TR-News annotates them; the pipeline leaves them to the actor stage.
        """
        text = doc.text if text is None else text
        spans, unplaced = self._candidate_spans(doc, text, mentions, demonyms=demonyms)
        spans.sort(key=lambda s: s.start_char)
        queries = [
            ToponymQuery(text=_strip_article(s.text), start=s.start_char, end=s.end_char) for s in spans
        ]
        results = self.resolver.resolve(queries, text=text, actor_countries=actor_countries)
        starts = list(sentence_starts) or [s.start_char for s in doc.sents]
        out: list[PlaceMention] = []
        for span, res in zip(spans, results, strict=True):
            keep = self._keeps(span, res)
            if keep is None:
                continue
            reading = res if keep else Resolution(candidate=None)
            out.append(
                PlaceMention(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    sentence_index=max(0, bisect.bisect_right(starts, span.start_char) - 1),
                    place=to_place(reading.candidate) if reading.candidate is not None else None,
                    score=reading.score,
                )
            )
        taken = [(m.start, m.end) for m in out]
        for span in unplaced:
            if not any(s < span.end_char and span.start_char < e for s, e in taken):
                sentence_index = max(0, bisect.bisect_right(starts, span.start_char) - 1)
                out.append(
                    PlaceMention(
                        text=span.text,
                        start=span.start_char,
                        end=span.end_char,
                        sentence_index=sentence_index,
                        place=None,
                    )
                )
        return sorted(out, key=lambda m: m.start)

    # -- event location -------------------------------------------------------------------------

    def locate(
        self,
        doc: Doc,
        *,
        anchor: int,
        places: Sequence[PlaceMention],
        text: str | None = None,
        actor_spans: Sequence[tuple[int, int]] = (),
    ) -> PlaceMention | None:
        """The place where the event whose predicate is ``doc[anchor]`` happened, if the text says.

        A place attached to the predicate (a locative phrase, a place object, a locative phrase
        on an argument) is chosen even when the gazetteer cannot place it ("killed in the
        village of Zangang"): the returned mention then has ``place=None``, and a coarser place
        mentioned nearby is not put in its stead. Weaker evidence (the nearest place in the
        sentence, the dateline) only ever chooses resolved places.
        """
        if not places or not 0 <= anchor < len(doc):
            return None
        by_token: dict[int, PlaceMention] = {}
        for p in places:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    by_token[tok.i] = p
        predicate = doc[anchor]
        for finder in (self._attached_place, self._object_place, self._argument_place):
            found = finder(predicate, by_token)
            if found is not None:
                return found
        by_token = {i: p for i, p in by_token.items() if p.place is not None}
        resolved = [p for p in places if p.place is not None]
        sentence = predicate.sent
        best: tuple[int, PlaceMention] | None = None
        for tok_i, place in by_token.items():
            tok = doc[tok_i]
            if not sentence.start <= tok_i < sentence.end or place.place is None:
                continue
            if any(s <= place.start < e for s, e in actor_spans) or not self._is_setting(tok, predicate):
                continue
            distance = abs(tok_i - anchor)
            if best is None or distance < best[0]:
                best = (distance, place)
        if best is not None:
            return best[1]
        clause = self._clause_place(predicate, by_token, actor_spans)
        if clause is not None:
            return clause
        return self._dateline(resolved, text if text is not None else doc.text)

    def _attached_place(self, predicate: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
        """A locative phrase on the predicate, its conjoined verbs, or the clauses above it."""
        heads = [predicate]
        heads += [c for c in predicate.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        node = predicate
        for _ in range(3):  # "police said gunmen killed ..." <- "In Kirkuk, police said"
            if node.dep_ not in _CLAUSE_DEPS or node.head.pos_ not in {"VERB", "AUX"}:
                break
            node = node.head
            heads.append(node)
        for head in heads:
            phrases = [
                found
                for child in head.children
                if child.dep_ == "prep" and child.lower_ in _LOCATIVE
                for pobj in child.children
                if pobj.dep_ == "pobj" and (found := self._place_in_phrase(pobj, by_token)) is not None
            ]
            if phrases:  # "In the Midwest, ... destroyed in the town of Poplar Grove": the finer one
                return min(phrases, key=_coarseness)
            for child in head.children:
                if child.dep_ == "advmod" and child.lower_ == "where" and head.dep_ == "relcl":
                    # "engagements in Tripoli, where he met ...": the noun the clause hangs on
                    found = by_token.get(head.head.i)
                    if found is not None:
                        return found
                elif child.dep_ == "npadvmod" and child.i in by_token:  # "struck Kyiv overnight"
                    return by_token[child.i]
        return None

    def _object_place(self, predicate: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
        """The place a capture, attack or visit is done to: its object is where it happened.

        "captured Kirkuk", "shelled the outskirts of Aleppo", "Kirkuk was captured", "the
        liberation of Mosul", "an attack on Kabul"; and for such a predicate, a place-taking
        event noun it governs ("victories, the most prominent of which is the liberation of X").
        """
        words = self.place_words
        objects: list[Token] = []
        if predicate.pos_ in {"VERB", "AUX"} and predicate.lemma_.lower() in words.place_object_verbs:
            objects += [c for c in predicate.children if c.dep_ in {"dobj", "nsubjpass"}]
            objects += [
                pobj
                for prep in predicate.children
                if prep.dep_ == "prep" and prep.lower_ in {"on", "into", "through"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        elif predicate.lower_ in words.place_object_nouns:
            objects += self._noun_objects(predicate)
        elif predicate.pos_ == "VERB" and predicate.lemma_.lower() in words.destination_verbs:
            objects += [  # "flew to X", "returned to X"
                pobj for prep in predicate.children for pobj in prep.children if self._destination(pobj)
            ]
        else:
            return None
        for obj in objects:
            found = self._place_in_object(obj, by_token)
            if found is not None:
                return found
        scope = predicate
        while scope.pos_ not in {"VERB", "AUX"} and scope.head.i != scope.i:  # "achieved victories"
            scope = scope.head
        for tok in scope.subtree:  # a place-taking event noun in the predicate's clause
            if tok.i != predicate.i and tok.lower_ in words.place_object_nouns:
                for obj in self._noun_objects(tok):
                    found = self._place_in_object(obj, by_token)
                    if found is not None:
                        return found
        return None

    @staticmethod
    def _noun_objects(noun: Token) -> list[Token]:
        """The objects of an event noun: "the capture of X", "an attack on X", "X's capture"."""
        out = [c for c in noun.children if c.dep_ == "poss"]
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "on", "against"}:
                out += [c for c in prep.children if c.dep_ == "pobj"]
        return out

    def _place_in_object(self, obj: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
        """The place an object phrase names: itself, its conjuncts, or one framed by a place noun
        ("the city of X", "the X air base", "X's airport") -- not a person's or a body's place."""
        fallback: PlaceMention | None = None
        for tok in obj.subtree:
            if tok.i not in by_token:
                continue
            node, ok = tok, True
            while node.i != obj.i and ok:
                head = node.head
                if node.dep_ in {"compound", "poss", "nmod", "amod"}:
                    ok = head.lower_ in self._frame_nouns
                elif node.dep_ in {"pobj", "prep"}:
                    ok = (node if node.dep_ == "prep" else head).lower_ in _OBJECT_PREPS
                else:
                    ok = node.dep_ in {"conj", "appos", "cc", "punct", "det"}
                node = head
            if ok:
                if not self._container(tok, by_token):
                    return by_token[tok.i]
                fallback = fallback or by_token[tok.i]
        return fallback

    def _argument_place(self, predicate: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
        """A locative phrase on one of the predicate's arguments: "killed two soldiers in Gao",
        "gunmen near Kirkuk opened fire"."""
        arguments = [c for c in predicate.children if c.dep_ in _ARGUMENT_DEPS - {"pobj"}]
        arguments += [  # "clashed with militiamen in X"
            pobj
            for prep in predicate.children
            if prep.dep_ == "prep" and prep.lower_ in _PARTNER_PREPS
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        arguments += [
            pobj
            for agent in predicate.children
            if agent.dep_ == "agent"
            for pobj in agent.children
            if pobj.dep_ == "pobj"
        ]
        for argument in arguments:
            for prep in argument.children:
                if prep.dep_ != "prep" or prep.lower_ not in _ARGUMENT_LOCATIVE:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = self._place_in_phrase(pobj, by_token)
                        if found is not None:
                            return found
        return None

    def _container(self, tok: Token, by_token: dict[int, PlaceMention]) -> bool:
        """The place only qualifies a place noun that names a finer place: "the West Bank city
        of Hebron", "Congo's capital, Kinshasa", "Iraq's northern capital of Mosul"."""
        mention = by_token[tok.i]
        node = tok
        while node.dep_ in {"compound", "amod", "nmod", "poss"} and by_token.get(node.head.i) is mention:
            node = node.head
        if node.dep_ not in {"compound", "amod", "nmod", "poss"} or node.head.lower_ not in self._frame_nouns:
            return False
        noun = node.head
        finer = [c for c in noun.children if c.dep_ == "appos"]
        finer += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        return any(by_token.get(c.i) not in {None, mention} for c in finer)

    def _leads_on(self, prep: Token) -> bool:
        """A preposition inside a locative phrase that still leads to where it happened: "the
        city of X", "a cottage near X", "a raid on houses in X" -- not "a debate on X"."""
        if prep.lower_ in {"on", "against"}:
            return prep.head.lower_ in self.place_words.place_object_nouns
        return prep.lower_ == "of" or prep.lower_ in _ARGUMENT_LOCATIVE

    def _place_in_phrase(self, pobj: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
        """The place a locative phrase names: its object, "the city of X", "her X residence",
        "a cottage near X", "a raid on houses in X"."""
        if pobj.i in by_token:
            return by_token[pobj.i]
        fallback: PlaceMention | None = None
        for tok in pobj.subtree:
            if tok.i not in by_token:
                continue
            path_ok = True
            node = tok
            while node.i != pobj.i:
                if node.dep_ in {"relcl", "acl", "advcl"} or (
                    node.dep_ == "prep" and not self._leads_on(node)
                ):
                    path_ok = False
                    break
                if (
                    node.dep_ in {"compound", "amod", "nmod", "poss"}
                    and node.head.lower_ not in self._frame_nouns
                ):
                    # "in a U.S. airstrike", "in front of Morocco's parliament" -- but "in a Baghdad market"
                    place = by_token[tok.i].place
                    if node.dep_ == "poss" or (place is not None and place.precision == "country"):
                        path_ok = False
                        break
                node = node.head
            if path_ok:
                if not self._container(tok, by_token):
                    return by_token[tok.i]
                fallback = fallback or by_token[tok.i]
        return fallback

    def _clause_place(
        self, predicate: Token, by_token: dict[int, PlaceMention], actor_spans: Sequence[tuple[int, int]]
    ) -> PlaceMention | None:
        """The nearest place inside the predicate's own phrase that is neither a participant,
        a topic, nor a modifier of a person or body: "killed after clashes in X"."""
        best: tuple[int, PlaceMention] | None = None
        for tok in predicate.subtree:
            place = by_token.get(tok.i)
            if place is None or any(s <= place.start < e for s, e in actor_spans):
                continue
            if not self._within_phrase(tok, predicate):
                continue
            distance = abs(tok.i - predicate.i)
            if best is None or distance < best[0]:
                best = (distance, place)
        return best[1] if best is not None else None

    def _within_phrase(self, tok: Token, predicate: Token) -> bool:
        """The place is the object of a locative preposition somewhere below the predicate,
        on a path free of participants, topics, other clauses and modifiers."""
        if not (tok.dep_ == "pobj" and tok.head.lower_ in _ARGUMENT_LOCATIVE) and not (
            tok.dep_ == "conj" and tok.head.dep_ == "pobj" and tok.head.head.lower_ in _ARGUMENT_LOCATIVE
        ):
            return False
        node = tok
        while node.i != predicate.i:
            head = node.head
            if node.dep_ in {"poss", "compound", "amod", "nmod"} and head.lower_ not in self._frame_nouns:
                return False
            if node.dep_ in {"relcl", "ccomp", "parataxis", "nsubj", "nsubjpass", "dobj", "attr"}:
                return False
            if node.dep_ == "prep" and node.lower_ in _TOPIC_PREPS - {"of", "on"} | {"from", "with", "by"}:
                return False
            node = head
        return True

    def _is_setting(self, tok: Token, predicate: Token) -> bool:
        """A place reached from the predicate through locative prepositions only.

        Not a topic ("talks about the floods in Derna"), a title ("envoy to Libya"),
        a modifier ("Libya's sovereignty") or a participant (the subject or object).
        """
        node = tok
        locative = False
        for _ in range(12):
            if node.i == predicate.i:
                return locative
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ in {"poss", "compound", "amod", "nmod"} and head.pos_ in {"NOUN", "PROPN"}:
                return False  # "Libya's sovereignty", "Tripoli residents"
            if not locative and node.dep_ in {"nsubj", "nsubjpass", "dobj", "iobj", "attr", "agent"}:
                return False  # the place is a participant, not the setting
            if head.pos_ == "VERB" and head.i != predicate.i and not _linked_verbs(head, predicate):
                return False  # another clause's setting: "killed since the war in Syria broke out"
            if head.dep_ == "prep":
                if head.lower_ not in _LOCATIVE or head.lower_ in _TOPIC_PREPS - {"on"}:
                    return False
                locative = True
            node = head
        return False

    def _dateline(self, places: Sequence[PlaceMention], text: str) -> PlaceMention | None:
        match = _DATELINE.match(text)
        if match is None:
            return None
        for place in places:
            if place.start < match.end() and place.place is not None and place.place.precision != "continent":
                return place
        return None

    # -- the stage ------------------------------------------------------------------------------

    def __call__(self, state: DocState) -> None:
        if state.doc is None:
            return
        countries = [
            self._iso3.get(m.actor.country, "")
            for m in state.mentions
            if m.actor.country and m.actor.resolution != "unresolved"
        ]
        places = self.find_places(
            state.doc,
            text=state.text,
            mentions=state.mentions,
            actor_countries=[c for c in countries if c],
            sentence_starts=[s.start for s in state.sentences],
        )
        state.places = places
        actor_spans = [(m.start, m.end) for m in state.mentions if m.label != "GPE"]
        located = []
        for event in state.events:
            anchor = state.anchors.get(event.id)
            chosen = None
            if anchor is not None:
                chosen = self.mapped_location(
                    state.doc, anchor=anchor, places=places, text=state.text, actor_spans=actor_spans
                )
            place = chosen.place if chosen is not None else None
            located.append(dataclasses.replace(event, location=place) if place is not None else event)
        state.events = located

    def mapped_location(
        self,
        doc: Doc,
        *,
        anchor: int,
        places: Sequence[PlaceMention],
        text: str | None = None,
        actor_spans: Sequence[tuple[int, int]] = (),
        setting: PlaceMention | None = None,
    ) -> PlaceMention | None:
        """The event's location as the pipeline records it: :meth:`locate`, except that a
        setting the gazetteer cannot place gives way to what the resolved places alone say
        (no coordinates are ever made up for it). ``setting``: what :meth:`locate` already
        returned for these arguments, when the caller has it."""
        chosen = setting or self.locate(doc, anchor=anchor, places=places, text=text, actor_spans=actor_spans)
        if chosen is not None and chosen.place is None:  # where the text says, but not on a map
            resolved = [p for p in places if p.place is not None]
            chosen = self.locate(doc, anchor=anchor, places=resolved, text=text, actor_spans=actor_spans)
        return chosen


def _linked_verbs(verb: Token, predicate: Token) -> bool:
    """Verbs that tell one event: conjoined ("killed and injured in X") or a verb and its
    complement ("began shelling X")."""
    pair = {verb, predicate}
    return any(v.dep_ in {"conj", "xcomp"} and v.head in pair for v in pair)


_PRECISION_ORDER = ("point", "city", "admin2", "admin1", "region", "country", "continent")


def _coarseness(mention: PlaceMention) -> int:
    """How coarse a mention's place is: a site 0, a town 1, ..., a continent 6; a name the
    gazetteer does not know counts as a town (big places are in it)."""
    precision = mention.place.precision if mention.place is not None else "city"
    return _PRECISION_ORDER.index(precision) if precision in _PRECISION_ORDER else len(_PRECISION_ORDER)


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
