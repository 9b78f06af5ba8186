"""The event coder: sentence -> PLOVER events with sources, targets, evidence and status.

Reading order for one article:

1. every sentence is scanned for triggers from the predicate lexicon
   (``coding_data/predicates.csv``): verbs ("met", "accused", "call for",
   "impose +sanction") and event nouns governed by a light verb or carrying their
   own participants ("held discussions with X", "a meeting between X and Y");
2. each trigger's arguments come from the dependency parse and its frame: subject ->
   source, object and the frame's prepositions -> target, passives ("X was arrested by
   Y"), coordination ("X, Y and Z met" is one meeting of three), apposition;
3. arguments become actors through ``state.mentions`` (see :mod:`coding_syntax` for the
   simple coreference of "he", "they", "the duo", "the participants");
4. a trigger governed by another ("agreed to support", "threatened to cut off") is the
   content of its governor, not an event of its own; speech verbs are channels: the
   content is coded, and a judgement with no event in it ("the aggressive coup mentality")
   is an ACCUSE by the speaker;
5. status from negation, modals, intent verbs, conditionals and hedges; what is only
   hypothetical ("if X attacked", "X should attack", "X could attack") or told as not
   happening ("X did not attack") is no event, as in CAMEO and PLOVER coding; an announced,
   refused or demanded act is coded as the promise, threat, rejection or request it is;
6. generic background ("Libya has become a departure point") gives nothing: an event
   needs an agent, and abstract heads ("the meeting", "issues") are not agents;
7. within the article, one real event told twice becomes one event with ``more_evidence``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from thucydides.config import Settings
from thucydides.errors import ModelError
from thucydides.kb.loader import load_knowledge_base
from thucydides.kb.names import fold, tokens
from thucydides.kb.resolver import Resolver
from thucydides.ontology import Ontology
from thucydides.records import ActorRef, Event, stable_id
from thucydides.stages.base import DocState
from thucydides.stages.coding_clauses import first_object, relative_object, singular
from thucydides.stages.coding_filters import blocked, is_event
from thucydides.stages.coding_lexicon import Lexicon, Predicate
from thucydides.stages.coding_merge import antecedent, combine, content, merge, newcomers
from thucydides.stages.coding_roles import (
    clause_targets,
    further_targets,
    modifier_actors,
    object_actors,
    place_targets,
)
from thucydides.stages.coding_speech import (
    Candidate,
    demand_clauses,
    judgement_targets,
    reframe_announced,
    speakers_of,
    vowed_threat,
)
from thucydides.stages.coding_syntax import (
    OBJECT_DEPS,
    ActorIndex,
    Memory,
    actor_identity,
    actor_key,
    conjuncts,
    event_status,
    for_clause,
    prep_objects,
    subject_of,
    unique_actors,
)

__all__ = ["CODER_VERSION", "CodingStage"]

log = logging.getLogger(__name__)

#: stamped on every event; bump when the lexicon or the rules change what is coded
CODER_VERSION = "thucydides-coder-0.11"

_TERRITORIAL_HINTS = frozenset({"regain", "capture"})
#: summed cue weight a context needs in the event's own sentence
_SENTENCE_CUE_WEIGHT = 2
_QUANTITY_NOUNS = frozenset(
    {"series", "number", "string", "wave", "spate", "round", "couple", "set", "flurry", "lot"}
)
#: types whose "against X" names the other side, not the one the act is done to
_COOPERATIVE_TYPES = frozenset({"AGREE", "SUPPORT", "AID", "COOPERATE", "CONSULT", "CONCEDE"})
#: sectors whose words report or describe rather than judge (a broadcaster's report is no ACCUSE)
_MEDIA_SECTORS = frozenset({"JRN"})
#: statuses of acts that did not happen: not coded
_UNREAL = frozenset({"hypothetical", "negated"})


class CodingStage:
    """Fills ``state.events`` and ``state.anchors`` (see ``docs/CONTRACTS.md``)."""

    name = "coding"

    def __init__(
        self,
        ontology: Ontology,
        lexicon: Lexicon,
        *,
        min_confidence: float = 0.0,
        resolver: Resolver | None = None,
    ) -> None:
        self.ontology = ontology
        self.lexicon = lexicon
        self.words = lexicon.words
        self.min_confidence = min_confidence
        #: reads role phrases around arguments ("Israeli Prime Minister" -> ISR GOV)
        self.resolver = resolver

    @classmethod
    def from_settings(cls, settings: Settings) -> CodingStage:
        ontology = Ontology.load()
        resolver = Resolver(load_knowledge_base(settings.kb_files))
        return cls(
            ontology, Lexicon.load(ontology), min_confidence=settings.min_confidence, resolver=resolver
        )

    def _describe(self, phrase: str) -> tuple[str | None, str | None]:
        """Country and sector of a role phrase; a bare demonym or country name gives the country."""
        if self.resolver is None:
            return None, None
        found = self.resolver.agent(phrase)
        if found is not None:
            return found.country, found.sector
        return self.resolver.country_in(tokens(fold(phrase))), None

    def _political(self, actor: ActorRef) -> bool:
        """A known actor, a country, an agent of a political sector or with a political head
        ("leaders of the coalition"); named groups are in ``ActorIndex.groups``."""
        sector = (actor.sector or "").lower()
        if actor.actor_id or actor.country or sector in self.words.political_sectors:
            return True
        nouns = self.words.political_nouns
        return actor.name is None and any(singular(w) in nouns for w in tokens(fold(actor.text)))

    def _political_in(self, groups: Container[str]) -> Callable[[ActorRef], bool]:
        """:meth:`_political`, or one of the article's named groups (``ActorIndex.groups``)."""
        return lambda actor: self._political(actor) or actor_key(actor) in groups

    def ruler_patterns(self) -> list[dict[str, Any]]:
        return []

    # -- the stage -------------------------------------------------------------------------
    def __call__(self, state: DocState) -> None:
        doc = state.doc
        if doc is None:
            raise ModelError("the coding stage needs state.doc; run the nlp stage first")
        index = ActorIndex(
            doc,
            state.mentions,
            self.words,
            event_nouns=frozenset(self.lexicon.nouns),
            describe=self._describe,
        )
        memory = Memory()
        article_contexts = self._article_contexts(doc)
        sentence_numbers = {s.start: s.index for s in state.sentences}
        events: list[Event] = []
        anchors: dict[str, int] = {}
        contents: dict[str, str] = {}
        title = (state.article.title or "").strip()
        for number, sent in enumerate(s for s in doc.sents if s.text.strip()):
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            sentence_index = sentence_numbers.get(start, number)
            headline = bool(title) and sent.text.strip() == title
            for candidate, told in self._sentence_events(
                state.article.id,
                sent,
                sentence_index=sentence_index,
                start=start,
                index=index,
                memory=memory,
                article_contexts=article_contexts,
                headline=headline,
            ):
                event = told
                earlier = antecedent(events, candidate) if candidate.definite else None
                if earlier is not None:  # "the talks", "the government's meeting": told before
                    event = combine(events[earlier], newcomers(event, events[earlier]), lead=events[earlier])
                    events[earlier] = event
                elif event.confidence < self.min_confidence or not (event.sources or event.targets):
                    continue
                else:
                    events.append(event)
                    anchors[event.id] = candidate.trigger.i
                    contents[event.id] = candidate.content or content(candidate)
                participants = tuple(event.sources) + tuple(event.targets)
                if len(participants) >= 2 and candidate.predicate.symmetric:
                    memory.last_group = participants
        merged, anchors = merge(events, anchors, contents)
        state.events.extend(merged)
        state.anchors.update(anchors)
        state.notes["coding"] = {"coder_version": CODER_VERSION, "events": len(merged)}

    def _sentence_events(
        self,
        article_id: str,
        sent: Span,
        *,
        sentence_index: int,
        start: int,
        index: ActorIndex,
        memory: Memory,
        article_contexts: tuple[str, ...],
        headline: bool,
    ) -> list[tuple[Candidate, Event]]:
        """The sentence's events; "he met A and B" gives one dyadic event per object."""
        out: list[tuple[Candidate, Event]] = []
        for candidate in self._code_sentence(sent, sentence_index, index, memory, headline=headline):
            event = self._to_event(article_id, candidate, start, article_contexts, naming=index.by_token)
            if candidate.dyads and len(event.targets) > 1 and len(event.sources) == 1:
                keys = [actor_key(t) for t in event.targets]
                for target, key in zip(event.targets, keys, strict=True):
                    # one span, two countries ("Hungarian and Romanian officials"): two dyads
                    dyad_key = actor_identity(target) if keys.count(key) > 1 else key
                    dyad_id = stable_id(event.id, dyad_key, prefix="e-")
                    out.append((candidate, replace(event, id=dyad_id, targets=(target,))))
            else:
                out.append((candidate, event))
        return out

    # -- triggers ----------------------------------------------------------------------------
    def _code_sentence(
        self, sent: Span, sentence_index: int, index: ActorIndex, memory: Memory, *, headline: bool
    ) -> list[Candidate]:
        candidates: list[Candidate] = []
        for token in sent:
            found = self._trigger(token, sent, sentence_index)
            if found is not None:
                candidates.append(found)
        by_token = {c.trigger.i: c for c in candidates}
        for candidate in candidates:
            self._arguments(candidate, index, memory)
            candidate.status = event_status(candidate.trigger, self.words, governor=candidate.governor)
            candidate.depth = _depth(candidate.governor or candidate.trigger)
        self._govern(candidates, by_token)
        _purposes(candidates)
        demands = self._demands(sent, sentence_index, index, memory, candidates)
        for candidate in candidates:
            if not candidate.suppressed:
                reframe_announced(candidate, self.lexicon)
        candidates = sorted(candidates + demands, key=lambda c: c.trigger.i)
        sentence_hints = {h for c in candidates for h in c.hints if h in _TERRITORIAL_HINTS}
        political = self._political_in(index.groups)
        out = []
        for candidate in candidates:
            if candidate.suppressed or candidate.status in _UNREAL:
                continue  # "if X attacked", "X did not attack": no event (a refusal is a REJECT)
            if not is_event(candidate, self.words, headline=headline, political=political):
                anaphoric = candidate.definite and not blocked(candidate.trigger, self.words.blocking_preps)
                if not anaphoric:
                    continue
            if candidate.event_type == "ASSAULT":
                candidate.hints |= sentence_hints
                if candidate.mode is None and candidate.hints & _TERRITORIAL_HINTS:
                    candidate.mode = "seize"  # a territorial gain with no weapon named
            out.append(candidate)
        if not out:
            speech = self._speech_act(sent, sentence_index, index, memory)
            if speech is not None:
                out.append(speech)
        return out

    def _trigger(self, token: Token, sent: Span, sentence_index: int) -> Candidate | None:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            predicate = None
            for form in (lemma, *_verb_forms(token.lower_)):  # the lemmatiser reads "staged" as "stag"
                predicate = self._verb_entry(token, form)
                if predicate is not None:
                    break
            if predicate is not None:
                return self._candidate(token, predicate, sent, sentence_index, nominal=False)
            return None
        if token.pos_ in ("NOUN", "PROPN") and token.tag_ not in ("NNP",):
            predicate = None
            for mod in (c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")):
                predicate = self.lexicon.nouns.get(f"{mod.lower_} {token.lower_}") or self.lexicon.nouns.get(
                    f"{mod.lemma_.lower()} {lemma}"
                )
                if predicate is not None:
                    break  # "hunger strike", "general strike": the compound decides
            predicate = predicate or self.lexicon.nouns.get(token.lower_) or self.lexicon.nouns.get(lemma)
            if predicate is None:
                return None
            governor = self._light_verb(token)
            candidate = self._candidate(token, predicate, sent, sentence_index, nominal=True)
            candidate.governor = governor
            candidate.definite = governor is None and any(
                c.dep_ == "poss"
                or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
                for c in token.children
            )
            if governor is not None:
                candidate.trigger_text = f"{governor.text} {token.text}"
            return candidate
        return None

    def _verb_entry(self, token: Token, lemma: str) -> Predicate | None:
        entries = self.lexicon.verb_entries(lemma)
        if not entries:
            return None
        if any(
            c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.words.statement_phrasals for c in token.children
        ):
            return None  # "speak out with some warnings": a statement, no consultation
        # "fought alongside": the parser may read the preposition as an adverb
        child_words = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "agent", "advmod")}
        if for_clause(token) is not None:
            child_words.add("for")  # "called for the army to withdraw": "for" marks the clause
        object_lemmas = set()
        for child in token.children:
            if child.dep_ in ("dobj", "obj", "prt", "attr", "nsubjpass", "npadvmod", "advmod"):
                object_lemmas.add(child.lemma_.lower())
                object_lemmas.update(  # "launched ten days of war games"
                    g.lemma_.lower()
                    for p in child.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                )
            if child.dep_ == "prep":
                object_lemmas.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
        with_object = [e for e in entries if e.obj is not None and e.obj in object_lemmas]
        if with_object:
            return with_object[0]
        with_particle = [e for e in entries if e.particle is not None and e.particle in child_words]
        if with_particle:
            return with_particle[0]
        plain = [e for e in entries if e.obj is None and e.particle is None]
        return plain[0] if plain else None

    def _light_verb(self, noun: Token) -> Token | None:
        """The light verb lending its subject to an event noun ("held talks", "a meeting held by")."""
        while noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in _QUANTITY_NOUNS:
            noun = noun.head.head  # "achieved a series of victories"
        head = noun.head
        if noun.dep_ in ("dobj", "obj", "attr") and head.lemma_.lower() in self.words.light_verbs:
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "into"):
            verb = head.head
            if verb.pos_ == "VERB" and verb.lemma_.lower() in self.words.light_verbs:
                return verb
        for child in noun.children:  # "a meeting held by X with Y"
            if child.dep_ == "acl" and child.lemma_.lower() in self.words.light_verbs:
                return child
        return None

    def _candidate(
        self, token: Token, predicate: Predicate, sent: Span, sentence_index: int, *, nominal: bool
    ) -> Candidate:
        trigger_text = token.text
        if predicate.particle:
            trigger_text = f"{token.text} {predicate.particle}"
        elif predicate.obj:
            words = [t for t in token.subtree if t.lemma_.lower() == predicate.obj and t.i != token.i]
            trigger_text = f"{token.text} {words[0].text if words else predicate.obj}"
        return Candidate(
            trigger=token,
            predicate=predicate,
            sentence=sent,
            sentence_index=sentence_index,
            trigger_text=trigger_text,
            nominal=nominal,
            event_type=predicate.event_type,
            mode=predicate.mode,
            cameo=predicate.cameo,
            hints={predicate.hint} if predicate.hint else set(),
        )

    # -- arguments ----------------------------------------------------------------------------
    def _arguments(self, c: Candidate, index: ActorIndex, memory: Memory) -> None:
        p = c.predicate
        if c.nominal:
            self._noun_arguments(c, index, memory)
            return
        verb = c.trigger
        subjects, passive = subject_of(verb)
        agents = prep_objects(verb, frozenset({"by"}))
        objects = first_object([o for o in verb.children if o.dep_ in OBJECT_DEPS and o.dep_ != "attr"])
        gap = relative_object(verb)
        if gap is not None and p.frame not in ("symt", "dv"):  # "the rebels (that) the army attacked"
            objects = [o for o in objects if o.tag_ not in ("WDT", "WP")] + [gap]
        if p.frame == "symt":
            objects = []
        if p.needs_agent:  # "received treatment", "invited discussion": no one received or invited
            objects = [o for o in objects if index.is_agent(o)]
        if p.frame == "dv":
            recipients = [o for o in verb.children if o.dep_ == "dative"] + prep_objects(verb, p.target_preps)
            objects = recipients  # "gave birth", "gave reasons": no recipient, no transfer
        else:
            objects += prep_objects(verb, p.target_preps | _always_target(p))
        if passive:
            sources = [a for t in agents for a in index.actors(t, memory)]
            # "Emphasis was given to X": the subject of a passive transfer is the thing given;
            # "where refugees will go is being discussed by X": the subject of a discussion is its topic
            thing = p.frame in ("dv", "symt")
            targets = [] if thing else [a for t in subjects for a in index.actors(t, memory)]
        else:
            sources = [a for t in subjects for a in index.actors(t, memory)]
            if not sources and c.event_type == "ASSAULT":  # "a roadside bombing killed ..."
                sources = [a for t in subjects for a in self._instrument_agents(t, index, memory)]
                c.hints |= {"instrument"} if any(_is_instrument(t, self.words) for t in subjects) else set()
            targets = []
        direct = [o for o in objects if o.dep_ in ("dobj", "obj")]
        if direct and not p.governs and not passive and len(subjects) == 1:
            # "he met A and B": a meeting with each; "A, B and C met" stays one meeting
            c.dyads = not conjuncts(subjects[0])[1:] and (p.symmetric or len(conjuncts(direct[0])) > 1)
        targets += [a for t in objects for a in object_actors(t, index, memory)]
        if p.symmetric:
            targets += index.people_after(verb.i + 1, c.sentence.end)
        if not targets and not passive and p.frame != "symt":
            targets = clause_targets(verb, c.event_type, index, memory)
        c.sources = _unique(sources)
        c.targets = self._completed(c, targets, [verb], index, memory)

    def _completed(
        self, c: Candidate, targets: list[ActorRef], heads: list[Token], index: ActorIndex, memory: Memory
    ) -> list[ActorRef]:
        """The targets, or failing them the actor of a further preposition or the country acted in."""
        source_keys = {actor_key(s) for s in c.sources}
        out = [t for t in _unique(targets) if actor_key(t) not in source_keys]
        if (
            out
            or not c.sources
            or c.predicate.symmetric
            or c.predicate.needs_agent
            or c.event_type == "CONSULT"
        ):
            return out
        hostile = c.event_type not in _COOPERATIVE_TYPES  # "backed action against Syria": Syria is not backed
        for found in (further_targets(heads, index, memory, hostile=hostile), place_targets(heads, index)):
            out = [t for t in found if actor_key(t) not in source_keys]
            if out:
                return out
        return out

    def _instrument_agents(self, subject: Token, index: ActorIndex, memory: Memory) -> list[ActorRef]:
        """Who is behind an attack noun in subject position ("US drone attacks killed ...")."""
        if not _is_instrument(subject, self.words):
            return []
        out: list[ActorRef] = []
        for child in subject.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod"):
                out += index.actors_at(child.i)
            elif child.dep_ == "prep" and child.lower_ == "by":
                out += [a for o in child.children if o.dep_ == "pobj" for a in index.actors(o, memory)]
        return out

    def _noun_arguments(self, c: Candidate, index: ActorIndex, memory: Memory) -> None:
        p = c.predicate
        noun = c.trigger
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        possessors = [ch for ch in noun.children if ch.dep_ == "poss"]
        poss_actors = [a for t in possessors for a in index.actors(t, memory)]
        if p.frame == "npat":
            targets += poss_actors
            targets += [a for t in prep_objects(noun, frozenset({"of"})) for a in index.actors(t, memory)]
        else:
            sources += poss_actors
        sources += [a for t in prep_objects(noun, frozenset({"by"})) for a in index.actors(t, memory)]
        preps = p.target_preps | frozenset({"between", "among", "with", "against"} if p.symmetric else set())
        places = [noun] + ([c.governor] if c.governor is not None else [])
        for place in places:
            if place is c.governor:
                sources += [
                    a for t in prep_objects(place, frozenset({"by"})) for a in index.actors(t, memory)
                ]
            targets += [a for t in prep_objects(place, preps) for a in object_actors(t, index, memory)]
        if c.governor is not None:
            subjects, passive = subject_of(c.governor)
            if not passive:
                sources = [a for t in subjects for a in index.actors(t, memory)] + sources
        if p.symmetric:
            last = max(noun.i, c.governor.i if c.governor is not None else noun.i)
            targets += index.people_after(last + 1, c.sentence.end)
        if not sources and not possessors and c.governor is None and not p.symmetric:
            named = modifier_actors(noun, index)  # "Palestinian riots", "US airstrikes"
            targets, sources = (targets + named, sources) if p.frame == "npat" else (targets, named)
        if p.symmetric and not sources and len(targets) >= 2:
            sources, targets = targets[:1], targets[1:]
        c.sources = _unique(sources)
        c.targets = self._completed(c, targets, places, index, memory)

    # -- governance and speech ----------------------------------------------------------------
    def _govern(self, candidates: list[Candidate], by_token: dict[int, Candidate]) -> None:
        """A trigger inside the complement of a governing trigger is that trigger's content."""
        for c in candidates:
            for anc in _clause_ancestors(c.governor or c.trigger):
                gov = by_token.get(anc.i)
                if gov is None or gov is c or not gov.predicate.governs:
                    continue
                c.suppressed = True
                if not gov.targets and not _through_noun(c.governor or c.trigger, anc):
                    # "agreed to provide aid for X": X; "agreed on the need to support X": a need
                    gov.targets = [
                        t for t in c.targets if actor_key(t) not in {actor_key(s) for s in gov.sources}
                    ]
                if vowed_threat(gov, c, self.lexicon):
                    break
                if gov.event_type == "AGREE" and c.event_type in ("SUPPORT", "COOPERATE", "AID", "CONSULT"):
                    gov.cameo = {"COOPERATE": "031", "AID": "033", "CONSULT": "036"}.get(
                        c.event_type, gov.cameo
                    )
                break

    def _speech_act(
        self, sent: Span, sentence_index: int, index: ActorIndex, memory: Memory
    ) -> Candidate | None:
        """A political speaker's negative judgement with no event in it codes as ACCUSE."""
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.words.speech_verbs:
                continue
            subjects, speakers = speakers_of(verb, index, memory)
            if not any(self._political(s) and s.sector not in _MEDIA_SECTORS for s in speakers):
                continue  # "NBC reported ...", "his stepfather said ...": no political actor judges
            targets = judgement_targets(
                verb, subjects=subjects, speakers=speakers, index=index, words=self.words
            )
            if not targets:
                continue
            predicate = self.lexicon.verb_entries("accuse")[0]
            candidate = self._candidate(verb, predicate, sent, sentence_index, nominal=False)
            candidate.event_type, candidate.mode, candidate.cameo = "ACCUSE", "disapprove", "111"
            candidate.trigger_text = verb.text
            candidate.sources, candidate.targets = speakers, targets
            candidate.depth = 1
            memory.last_speaker = speakers[0]
            return candidate
        return None

    def _demands(
        self, sent: Span, sentence_index: int, index: ActorIndex, memory: Memory, candidates: list[Candidate]
    ) -> list[Candidate]:
        """ "X said Y must ...": a REQUEST by X of Y; events inside the demanded clause are its content."""
        out: list[Candidate] = []
        for verb, clause in demand_clauses(sent, self.words):
            _subjects, speakers = speakers_of(verb, index, memory)
            addressees = [a for t in subject_of(clause)[0] for a in index.actors(t, memory)]
            speaker_keys = {actor_key(s) for s in speakers}
            home = {s.country for s in speakers if s.country}
            addressees = [
                a
                for a in addressees
                if actor_key(a) not in speaker_keys and not (a.sector is None and a.country in home)
            ]  # "Germany must ...", said the German minister: a resolve, not a demand on someone
            if subject_of(clause)[1]:
                addressees = []  # "children needed to be brought home": the demand is on no one named
            if not speakers or not addressees:
                continue  # "we must do more": resolve, not a demand on anyone
            inside = [c for c in candidates if clause.left_edge.i <= c.trigger.i <= clause.right_edge.i]
            mode = None
            for c in inside:
                c.suppressed = True
                entry = self.lexicon.announcement(c.event_type, c.mode)
                mode = mode or (entry.request_mode if entry is not None else None)
            predicate = self.lexicon.verb_entries("demand")[0]
            candidate = self._candidate(verb, predicate, sent, sentence_index, nominal=False)
            candidate.mode, candidate.cameo = mode, None
            candidate.trigger_text = f"{verb.text} … {clause.text}"
            candidate.sources, candidate.targets = speakers, addressees
            candidate.content = clause.lemma_.lower()
            candidate.depth = _depth(verb)
            out.append(candidate)
        return out

    # -- records ------------------------------------------------------------------------------
    def _to_event(
        self,
        article_id: str,
        c: Candidate,
        sentence_start: int,
        article_contexts: tuple[str, ...],
        *,
        naming: Container[int] = (),
    ) -> Event:
        sent = c.sentence
        text = sent.text.strip()
        contexts = self._contexts(sent, c, article_contexts, naming=naming)
        cameo = c.cameo or self.ontology.cameo_for(c.event_type, c.mode)
        source_sectors = [s.sector for s in c.sources if s.sector]
        acled = self.ontology.acled_for(
            c.event_type, c.mode, hints=c.hints, source_sectors=source_sectors, contexts=contexts
        )
        return Event(
            id=stable_id(article_id, c.sentence_index, c.trigger.i, c.event_type, prefix="e-"),
            article_id=article_id,
            sentence_index=c.sentence_index,
            evidence_text=text,
            evidence_span=(sentence_start, sentence_start + len(text)),
            event_type=c.event_type,
            mode=c.mode,
            contexts=contexts,
            status=c.status,
            sources=tuple(c.sources),
            targets=tuple(c.targets),
            cameo_code=cameo,
            acled_type=acled,
            confidence=_confidence(c),
            coder_version=CODER_VERSION,
            trigger=c.trigger_text,
        )

    def _contexts(
        self, sent: Span, c: Candidate, article_contexts: tuple[str, ...], *, naming: Container[int] = ()
    ) -> tuple[str, ...]:
        """The predicate's contexts, the sentence's own cues, then the article's themes.

        A sentence cue counts only outside the actors' names ("the Presidential Council",
        "Field Marshal Haftar" say who acts, not what the event is about) and only with a
        weight of 2 or more (one strong cue, or two weak ones).
        """
        found: list[str] = list(c.predicate.contexts)
        lemmas = [t.lemma_.lower() for t in sent]
        cues = self.lexicon.cues
        weights: Counter[str] = Counter()
        for i, lemma in enumerate(lemmas):
            if sent[i].i in naming:
                continue
            for key in (lemma, f"{lemma} {lemmas[i + 1]}" if i + 1 < len(lemmas) else ""):
                cue = cues.get(key)
                if cue is not None:
                    weights[cue.context] += cue.weight
        found += [ctx for ctx, weight in weights.items() if weight >= _SENTENCE_CUE_WEIGHT]
        found += article_contexts
        return tuple(dict.fromkeys(found))

    def _article_contexts(self, doc: Doc) -> tuple[str, ...]:
        weights: Counter[str] = Counter()
        lemmas = [t.lemma_.lower() for t in doc]
        for i, lemma in enumerate(lemmas):
            for key in (lemma, f"{lemma} {lemmas[i + 1]}" if i + 1 < len(lemmas) else ""):
                cue = self.lexicon.cues.get(key)
                if cue is not None:
                    weights[cue.context] += cue.weight
        return tuple(ctx for ctx, w in weights.most_common() if w >= self.lexicon.article_threshold)


# -- helpers ------------------------------------------------------------------------------------
def _verb_forms(word: str) -> tuple[str, ...]:
    """Candidate lemmas of an inflected verb, for when the lemmatiser errs ("staged" -> "stag")."""
    forms: list[str] = []
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ing", "e"),
        ("ing", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    if (
        len(word) > 5
        and word.endswith(("ed", "ing"))
        and word[-3 if word.endswith("ed") else -4] == word[-4 if word.endswith("ed") else -5]
    ):
        forms.append(word[: -3 if word.endswith("ed") else -4])  # "shelled", "shelling" -> "shell"
    return tuple(dict.fromkeys(forms))


def _is_instrument(token: Token, words: Any) -> bool:
    return token.lemma_.lower() in words.instrument_nouns or token.lower_ in words.instrument_nouns


def _purposes(candidates: list[Candidate]) -> None:
    """ "staged demonstrations to demand reforms": the purpose of an event is not an event of its
    own; who the purpose is aimed at is the event's target when it has none."""
    heads = {(c.governor or c.trigger).i: c for c in candidates}
    for c in candidates:
        clause = c.governor or c.trigger
        if clause.dep_ not in ("advcl", "xcomp") or not any(
            ch.dep_ == "aux" and ch.lower_ == "to" for ch in clause.children
        ):
            continue
        owner = heads.get(clause.head.i)
        if owner is not None and owner is not c and not owner.suppressed and not owner.predicate.governs:
            c.suppressed = True
            if not owner.targets:  # "began a hunger strike to protest against Sweden's decision": Sweden
                own = {actor_key(s) for s in owner.sources}
                owner.targets = [t for t in c.targets if actor_key(t) not in own]
    for c in candidates:  # "met to discuss how to protect the Kurds": a topic, not an event
        for anc in (c.governor or c.trigger).ancestors:
            owner = heads.get(anc.i)
            if owner is not None and owner is not c and owner.predicate.frame == "symt":
                c.suppressed = True
                break


def _always_target(p: Predicate) -> frozenset[str]:
    return frozenset({"with", "between"}) if p.symmetric else frozenset({"against"})


def _unique(actors: list[ActorRef]) -> list[ActorRef]:
    return unique_actors(actors)


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 20:
        token = token.head
        depth += 1
    return depth


def _clause_ancestors(token: Token) -> list[Token]:
    """Ancestors reached through complement/coordination links (not through subjects)."""
    out = []
    current = token
    for _ in range(6):
        if current.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "dobj", "acl", "advcl"):
            break
        current = current.head
        out.append(current)
    return out


def _through_noun(token: Token, governor: Token) -> bool:
    """Whether a content clause hangs from its governor through a noun ("agreed on the need to ...")."""
    node = token.head
    while node.i != governor.i and node.head is not node:
        if node.pos_ in ("NOUN", "PROPN"):
            return True
        node = node.head
    return False


def _confidence(c: Candidate) -> float:
    score = 0.6
    score += 0.15 if c.depth <= 1 else 0.0
    score -= 0.15 if c.nominal and c.governor is None else 0.0
    resolved = [a for a in c.sources + c.targets if a.actor_id or a.name]
    score += 0.1 if resolved else -0.1
    return round(max(0.05, min(0.95, score)), 2)
