"""Dependency-parse helpers for the event coder: who the arguments of a trigger are,
which actors they denote, and whether the event happened.

Coreference is deliberately simple and documented here:

- "he"/"she"/"him"/"her" -> the last PERSON mention before the pronoun (three sentences back at most);
- "it" -> the last non-person agent mention in the same or previous sentence;
- "they"/"them", and participant nouns ("the duo", "the participants", "both sides")
  -> the participants of the previous event with two or more actors;
- "we"/"us" -> the speaker of the reported clause they stand in ("the rebels said we will
  fight"), else nobody: they never borrow the group mentioned last;
- a mention the actor stage resolved is used as is; an argument with no mention gets an
  unresolved ``ActorRef(text=...)`` when its head denotes an agent (a proper noun or an
  agent noun such as "officials", "troops"), and nothing otherwise ("the meeting", "issues").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from thucydides.records import ActorRef, EventStatus, Mention
from thucydides.stages.coding_lexicon import WordLists

__all__ = [
    "ActorIndex",
    "Memory",
    "actor_identity",
    "actor_key",
    "conjuncts",
    "counterfactual",
    "event_status",
    "for_clause",
    "for_infinitive",
    "subject_of",
    "unique_actors",
]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"})
_PERSON_LABELS = frozenset({"PERSON"})
_AGENT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def conjuncts(token: Token) -> list[Token]:
    """The token and its coordinated siblings ("X, Y and Z")."""
    out = [token]
    stack = [c for c in token.children if c.dep_ == "conj"]
    stack += [g for c in token.children if c.dep_ == "appos" for g in c.children if g.dep_ == "conj"]
    while stack:
        item = stack.pop(0)
        out.append(item)
        stack.extend(c for c in item.children if c.dep_ == "conj")
    return out


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions under ``token`` ("with X", "in the face of X")."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent", "dative"):
            continue
        facing = (
            "by" not in preps and child.lower_ == "in" and any(o.lemma_ == "face" for o in child.children)
        )
        if child.lower_ not in preps and not facing:
            continue
        for obj in child.children:
            if obj.dep_ in ("pobj", "pcomp"):
                out.extend(_unwrap_face(obj))
    return out


def _unwrap_face(token: Token) -> list[Token]:
    """ "in the face of X" / "on behalf of X": the object is X."""
    if token.lemma_ in ("face", "behalf", "part", "side"):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return [o for o in child.children if o.dep_ == "pobj"]
    return [token]


def subject_of(verb: Token) -> tuple[list[Token], bool]:
    """The subject tokens of a verb (inherited through xcomp/conj/relcl/acl), and
    whether the subject is the patient (passive).

    A conjunct shares its head's voice ("was arrested and jailed"); a complement or adjunct
    inherits only the subject and has a voice of its own: "X was killed fighting Y" and "X
    was forced to withdraw" are acts of X. A participle modifying a noun with no auxiliary
    is passive even when tagged as a past tense ("the nationals killed in the raid").
    """
    seen = 0
    current = verb
    own_voice = False  # reached through a complement or adjunct: the verb's own voice decides
    while seen < 6:
        seen += 1
        subj = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            # "The YPG is not proscribed and is supported by the US": a conjunct's own auxpass
            own = current is not verb and any(c.dep_ == "auxpass" for c in verb.children)
            passive = own if own_voice else subj[0].dep_ == "nsubjpass" or own or _small_passive(current)
            if current.dep_ == "relcl" and [c.tag_ for c in subj] in (["WP"], ["WDT"]):
                subj = [current.head]  # "the rebels who attacked the army": the rebels
            return subj, passive
        if (named := _for_subject(current)) is not None:
            # "issued a permit for officials to lend assistance": the officials lend it
            return [named], any(c.dep_ == "auxpass" for c in current.children)
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if own_voice:
                return [current.head], any(c.dep_ == "auxpass" for c in verb.children)
            passive = (
                current.tag_ == "VBN"
                or any(c.dep_ == "auxpass" for c in current.children)
                or (current.dep_ == "acl" and current.tag_ == "VBD" and not _has_aux(current))
            )
            return [current.head], passive
        if current.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and current.head is not current:
            if current.dep_ == "xcomp":
                # object control: "urged X to ..." -> X
                objs = [c for c in current.head.children if c.dep_ in ("dobj", "obj")]
                if objs:
                    return objs, False
            if current is verb and _bare_participle(verb):
                # "Kidnapped by X, the boys spent years ...": the main subject suffered the act
                return [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS], True
            if current.dep_ != "conj":
                own_voice = True
            current = current.head
            continue
        break
    return [], False


def _for_subject(verb: Token) -> Token | None:
    """The subject of a "for X to ..." infinitive, which the parser hangs on "for" as its object
    ("a permit for officials to lend assistance", "called for the army to withdraw")."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return None
    before = verb.doc[to.i - 1]
    for noun in (before, *before.ancestors):
        if noun.right_edge.i != to.i - 1:
            break
        if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.pos_ in ("NOUN", "PROPN", "PRON"):
            return noun
    return None


def for_clause(verb: Token) -> Token | None:
    """A "for X to ..." infinitive the parser hangs on a verb as a clause marked by "for"
    ("called for the army to withdraw", "arranged for troops to attack")."""
    for child in verb.children:
        if child.dep_ in ("advcl", "ccomp", "xcomp") and for_infinitive(child):
            return child
    return None


def for_infinitive(verb: Token) -> bool:
    """Whether a verb is the infinitive of "for X to ...", marked by "for" or with its subject
    hung on "for" ("arranged for troops to attack", "a permit for officials to lend aid")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return (
        any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) or _for_subject(verb) is not None
    )


def _bare_participle(verb: Token) -> bool:
    """A past participle adjunct with no auxiliary or subject of its own ("Kidnapped the day
    after ..., the boys spent years ...", "..., backed by Russia"): passive, its subject the
    main clause's (its patient)."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "mark", *SUBJECT_DEPS) for c in verb.children)
    )


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _small_passive(verb: Token) -> bool:
    """A participle with a subject and no auxiliary is a passive small clause ("keep the
    government funded", "left the Kurds exposed")."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("ccomp", "xcomp", "oprd", "advcl")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def event_status(trigger: Token, words: WordLists, *, governor: Token | None = None) -> EventStatus:
    """occurred / planned / hypothetical / negated / claimed, from the clause around the trigger."""
    chain = [trigger]
    if governor is not None:
        chain.append(governor)
    # an event noun no light verb governs is told as a fact by the clause around it: "Isis will
    # use Trump's withdrawal" tells no planned withdrawal ("plans a withdrawal" still does)
    nominal = trigger.pos_ in ("NOUN", "PROPN") and governor is None
    head = trigger
    for _ in range(3):  # the clause heads up the xcomp/conj/aux chain
        if head.head is head or not _inherits_status(head, words):
            break
        if (
            nominal
            and head.head.pos_ in ("VERB", "AUX")
            and head.head.lemma_.lower() not in words.intent_verbs
        ):
            break
        head = head.head
        chain.append(head)
    status: EventStatus = "occurred"
    for tok in chain:
        if tok is not trigger and tok.pos_ == "VERB" and tok.lemma_.lower() in words.desire_verbs:
            return "hypothetical"  # "want to train", "let's hope they talk", "will not wish to abandon"
        if tok is not trigger and _conditioned_passive(tok, words):
            return "hypothetical"  # "if not, the US would be forced to release them": no act, no refusal
        # "should be leading": the parser may hang the modal under the auxiliary "be"
        nested = [
            g for c in tok.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ == "aux"
        ]
        for child in [*tok.children, *nested]:
            lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and lower == "no" and tok is trigger):
                return "negated"
            if child.dep_ == "mark" and lower in words.conditional_marks:
                return "hypothetical"
            if child.dep_ == "aux" and lower in words.hypothetical_modals and counterfactual(tok):
                return "hypothetical"  # "he would have killed me": what did not happen
            if child.dep_ == "advmod" and lower in words.speculation_adverbs:
                return "hypothetical"  # "Presumably Damascus will attack", "will probably attack"
            if child.dep_ == "aux" and lower in words.hypothetical_modals:
                # "they said they would boycott": the future of reported speech, not a hypothesis
                reported = lower in ("would", "'d") and _reported(tok, words)
                status = "planned" if reported and status != "hypothetical" else "hypothetical"
            if child.dep_ == "aux" and lower in words.future_modals:
                status = "planned"
            if child.dep_ == "advmod" and lower in words.claim_adverbs and status == "occurred":
                status = "claimed"
        if tok is not trigger and status == "occurred" and _hearsay(tok, words):
            status = "claimed"  # "is believed to have been killed", "was said to have fled"
        if tok is not trigger and tok.lemma_ in ("fail", "refrain", "neglect"):
            return "negated"  # "failed to persuade": did not happen
        if tok is not trigger and tok.lemma_ in words.intent_verbs and status == "occurred":
            status = "planned"
        if tok is not trigger and tok.lemma_ in words.intent_nouns and status == "occurred":
            status = "planned"
        if status == "occurred" and for_infinitive(tok):
            status = "planned"  # "arranged for troops to attack the rebels": brought about, not told done
    if status == "occurred" and (
        _alleged(trigger, words)
        or any(c.dep_ == "amod" and c.lower_ in words.claim_adjectives for c in trigger.children)
    ):
        return "claimed"  # "claimed that X attacked", "an alleged gas attack"
    if nominal and trigger.dep_ == "nsubj" and _predicted(trigger.head):
        return "hypothetical"  # "US withdrawal is likely to be messy": a forecast, not an act told
    if _asked(trigger) or any(
        tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words.irrealis_adjectives for tok in chain
    ):
        return "hypothetical"  # "what support can we give?", "hard to destroy", "unlikely to attack"
    # "if" clauses further up
    for anc in trigger.ancestors:
        if anc.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in words.conditional_marks for c in anc.children
        ):
            return "hypothetical"
    if trigger.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in ("going",) for c in trigger.children):
        status = "planned"
    if status == "occurred" and (tense := _going_to(trigger)) is not None:
        # "we are going to kill you" is a plan; "they were going to return home" a past
        # intention, told mostly when it did not come true
        status = "hypothetical" if tense == "past" else "planned"
    return status


_FORECAST_ADJECTIVES = frozenset({"likely", "unlikely", "bound", "certain"})


def _predicted(verb: Token) -> bool:
    """A copula predicting what its subject will be ("is likely to be messy")."""
    return any(
        c.dep_ == "acomp" and c.lower_ in _FORECAST_ADJECTIVES and any(x.dep_ == "xcomp" for x in c.children)
        for c in verb.children
    )


def _conditioned_passive(verb: Token, words: WordLists) -> bool:
    """A passive governor under a modal or a condition ("would be forced to", "could be made to",
    "if ..., X will be compelled to"): what X would be made to do is a possibility, neither a
    promise nor a refusal of X (even in reported speech)."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(
        (c.dep_ == "aux" and c.lower_ in words.hypothetical_modals)
        or (
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in words.conditional_marks for m in c.children)
        )
        for c in verb.children
    )


def counterfactual(verb: Token) -> bool:
    """A modal perfect ("would have killed", "could have stopped"): an act that did not happen."""
    modal = any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "shall", "'ll") for c in verb.children
    )
    return modal and any(c.dep_ == "aux" and c.lower_ in ("have", "'ve", "of") for c in verb.children)


def _asked(trigger: Token) -> bool:
    """Whether the trigger's clause is a question ("What support can we give to families?")."""
    sent = trigger.sent
    last = [t for t in sent if not t.is_punct or t.text == "?"]
    if not last or last[-1].text != "?":
        return False
    root = sent.root
    node = trigger
    for _ in range(8):  # a question told inside a statement ("he asked: '...?'") is still asked
        if node is root or node.head is node:
            return True
        if node.dep_ in ("relcl", "acl") and node.head.i < trigger.i and node.i > trigger.i:
            return False
        node = node.head
    return True


def _going_to(verb: Token) -> Literal["past", "present"] | None:
    """ "is going to attack": the infinitive of a progressive "go", and the tense of its "be"."""
    head = verb.head
    if not (
        verb.dep_ == "xcomp"
        and head.lemma_ == "go"
        and head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return None
    auxiliaries = [c for c in head.children if c.dep_ == "aux"]
    if not auxiliaries:
        return None
    return "past" if any(c.tag_ == "VBD" for c in auxiliaries) else "present"


def _inherits_status(clause: Token, words: WordLists) -> bool:
    """Whether a clause takes the negation and modality of its head.

    Complements, objects and shared-auxiliary conjuncts do ("would allow X to send",
    "will meet and discuss"); a conjunct with its own auxiliary or subject is told on its own
    ("do not consider X terrorists, and have supported them"); a clause reported or judged
    by a verb of saying or thinking is that verb's content, not its negation ("do not believe
    that X attacked").
    """
    dep = clause.dep_
    if dep == "conj":
        return not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in clause.children)
    if dep == "ccomp":
        lemma = clause.head.lemma_.lower()
        return lemma not in words.speech_verbs and lemma not in words.hearsay_verbs and lemma != "consider"
    if (
        dep == "advcl"
        and clause.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    ):
        return True  # a purpose infinitive: "plan to go over the border to attack X" is planned too
    return dep in ("xcomp", "acl", "pobj", "dobj", "prep", "pcomp")


def _alleged(trigger: Token, words: WordLists) -> bool:
    """Whether the trigger is inside what someone claimed or alleged ("claimed that extremists
    had created an enclave to menace Lebanon")."""
    node = trigger
    for _ in range(5):
        if node.head is node:
            return False
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in words.claim_verbs:
            return True
        node = node.head
    return False


def _hearsay(verb: Token, words: WordLists) -> bool:
    """A passive verb of hearsay ("is believed", "was reported") over the event."""
    return verb.lemma_.lower() in words.hearsay_verbs and any(
        c.dep_ in ("auxpass", "nsubjpass") for c in verb.children
    )


def _reported(clause: Token, words: WordLists) -> bool:
    """Whether a clause is the content of a speech verb ("X said [they would ...]")."""
    head = clause
    for _ in range(3):
        if head.dep_ not in ("ccomp", "conj", "xcomp") or head.head is head:
            return False
        head = head.head
        if head.lemma_.lower() in words.speech_verbs:
            return True
    return False


@dataclass(slots=True)
class Memory:
    """What the coreference rules remember while reading an article in order."""

    last_group: tuple[ActorRef, ...] = ()
    last_speaker: ActorRef | None = None


class ActorIndex:
    """Maps tokens to the actor mentions covering them, and argument heads to actors."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        words: WordLists,
        *,
        event_nouns: frozenset[str] = frozenset(),
        describe: Callable[[str], tuple[str | None, str | None]] | None = None,
    ) -> None:
        self.doc = doc
        self.words = words
        #: country and sector of a role phrase ("Israeli Prime Minister" -> ISR, GOV)
        self.describe = describe
        #: event nouns ("withdrawal", "attack"): never an agent, even with a national modifier
        self.event_nouns = event_nouns | words.instrument_nouns
        #: named groups, nations and places ("Hamas", "the Kurds", "Berlin rejected"): political actors
        self.groups = frozenset(
            [actor_key(m.actor) for m in mentions if m.label in _GROUP_LABELS and m.actor.name]
            + [ent.text.lower() for ent in doc.ents if ent.label_ in _GROUP_LABELS]
        )
        #: every mention at a token: "Hungarian and Romanian officials" is two, one per country
        self.all_by_token: dict[int, list[Mention]] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.all_by_token.setdefault(tok.i, []).append(mention)
        #: the first mention at a token (its label, its span: one is enough)
        self.by_token: dict[int, Mention] = {i: found[0] for i, found in self.all_by_token.items()}
        self.mentions = sorted(mentions, key=lambda m: m.start)

    # -- actor resolution ------------------------------------------------------------------
    def actors_at(self, i: int) -> list[ActorRef]:
        """The actors of every mention at token ``i`` (one per country of a coordinated
        modifier: "Hungarian and Romanian officials" is HUN and ROU)."""
        return [m.actor for m in self.all_by_token.get(i, ())]

    def actors(self, token: Token, memory: Memory) -> list[ActorRef]:
        """The actors an argument head denotes (coordination gives several)."""
        out: list[ActorRef] = []
        for head in conjuncts(token):
            out.extend(self.head_actors(head, memory))
        return unique_actors(out)

    def head_actors(self, head: Token, memory: Memory) -> list[ActorRef]:
        """The actors one argument head denotes (its coordinated siblings not included)."""
        return [self._described(actor, head) for actor in self._actor(head, memory)]

    def is_agent(self, head: Token) -> bool:
        """A head that names or denotes an agent (a mention, a proper noun, an agent noun)."""
        return (
            head.i in self.by_token
            or head.pos_ in ("PROPN", "PRON")
            or head.lemma_.lower() in self.words.agent_nouns
            or head.lower_ in self.words.agent_nouns
        )

    def _described(self, actor: ActorRef, head: Token) -> ActorRef:
        """A person or agent the actor stage left without country or sector takes them from
        the title around it ("Israeli Prime Minister Ehud Barak", "King Hassan of Morocco")."""
        if self.describe is None or actor.actor_id or (actor.country and actor.sector) or head.pos_ == "PRON":
            return actor
        if head.lemma_.lower() in self.words.relational_nouns:
            return actor  # "US allies": the US is who they are allied to
        phrase = self._role_phrase(head, actor)
        if not phrase:
            return actor
        country, sector = self.describe(phrase)
        if not (country and not actor.country) and not (sector and not actor.sector):
            return actor
        return replace(actor, country=actor.country or country, sector=actor.sector or sector)

    def _role_phrase(self, head: Token, actor: ActorRef) -> str:
        """The words around an argument head that describe it: its modifiers, its apposition
        and its "of" complement, without the name itself."""
        mention = self.by_token.get(head.i)
        if mention is None:
            return _core_text(head) if head.pos_ != "PROPN" else ""
        name = {t.i for t in self.doc.char_span(mention.start, mention.end, alignment_mode="expand") or ()}
        words: list[Token] = []
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < head.i:
                words += [t for t in child.subtree if t.i not in name]
            elif child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
                if child.dep_ == "appos" and child.i in self.by_token:
                    continue
                words += [t for t in child.subtree if t.i not in name and t.i - child.i < 8]
        words = [t for t in sorted(words, key=lambda t: t.i) if not t.is_punct]
        if not words or (mention.label != "PERSON" and actor.text != mention.text):
            return ""
        return " ".join(t.text for t in words)

    def _actor(self, head: Token, memory: Memory) -> list[ActorRef]:
        head = self._unquantified(head)
        lower = head.lower_
        if head.pos_ == "PRON" or head.tag_ in ("PRP", "PRP$"):
            referents = self._pronoun(head, memory)
            clause = head.head
            if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN") and head.i != clause.head.i:
                # "the forces who we fought alongside": "we" is not the forces
                relativised = {actor_key(a) for a in self._actor(clause.head, memory)}
                referents = [a for a in referents if actor_key(a) not in relativised]
            return referents
        mention = self.by_token.get(head.i)
        appos_person = [
            self.by_token[c.i]
            for c in head.children
            if c.dep_ == "appos" and c.i in self.by_token and self.by_token[c.i].label == "PERSON"
        ]
        if appos_person and (mention is None or mention.label != "PERSON"):
            return [appos_person[0].actor]
        if mention is not None and self._far_title(head, mention):
            text = _core_text(head)  # "her commanders" alone: described by its own words
            country, sector = self.describe(text) if self.describe is not None else (None, None)
            return [ActorRef(text=text, country=country, sector=sector)]
        if mention is not None:
            return self.actors_at(head.i)
        inner = self._inner_mention(head) or self._titled_person(head)
        if inner is not None:
            return [inner.actor]
        participant = (
            head.lemma_.lower() in self.words.participant_nouns or lower in self.words.participant_nouns
        )
        definite = lower == "both" or any(c.lower_ in _DEFINITE for c in head.children)
        if participant and definite and memory.last_group:
            return list(memory.last_group)
        appos_any = [self.by_token[c.i] for c in head.children if c.dep_ == "appos" and c.i in self.by_token]
        if appos_any:
            return [appos_any[0].actor]
        if head.lemma_.lower() in self.words.relational_nouns:
            return [ActorRef(text=_core_text(head))]  # "US allies" are not the US
        for child in head.children:  # "the Haftar militia", "Russian troops"
            if child.dep_ in ("compound", "poss") and child.i in self.by_token:
                found = self.by_token[child.i]
                if head.lemma_.lower() in self.words.agent_nouns or (
                    child.dep_ == "compound"
                    and found.label in ("ORG", "NORP", "GPE")
                    and head.lemma_.lower() not in self.event_nouns  # "the US withdrawal" is no agent
                ):
                    return [
                        ActorRef(
                            text=_core_text(head),
                            country=actor.country,
                            sector=actor.sector,
                            name=actor.name,
                            actor_id=actor.actor_id,
                            resolution="head-of-mention",
                            score=actor.score * 0.8,
                        )
                        for actor in self.actors_at(child.i)
                    ]
        named = head.pos_ == "PROPN" and head.ent_type_ in _AGENT_ENTS | {""} and head.is_alpha
        national = (
            any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in head.children)
            and head.lemma_.lower() not in self.words.abstract_heads
        )  # "the Syrian war" acts on no one ("an Australian ultimatum" is Australia's)
        if named or national or head.lemma_.lower() in self.words.agent_nouns:
            return [ActorRef(text=_core_text(head))]
        return []

    def _far_title(self, head: Token, mention: Mention) -> bool:
        """ "her commanders" read by its title as a person named paragraphs before: a possessive
        pronoun's owner must be near, else the generic agent stands alone."""
        owned = [c for c in head.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
        return (
            bool(owned)
            and mention.actor.resolution == "title"
            and not self._named_near(owned[0], self.actors_at(head.i))
        )

    def _named_near(self, token: Token, actors: list[ActorRef]) -> bool:
        """Whether one of ``actors`` is named (not by a pronoun) in the token's sentence or the
        one before it, ahead of the token."""
        first = token.sent.start
        if first > 0:
            first = token.doc[first - 1].sent.start
        start = token.doc[first].idx
        keys = {actor_key(a) for a in actors}
        return any(
            start <= m.start
            and m.end <= token.idx
            and m.text.lower() not in _PRONOUN_WORDS
            and actor_key(m.actor) in keys
            for m in self.mentions
        )

    def _unquantified(self, head: Token) -> Token:
        """ "thousands of students", "a group of rebels", "tens of thousands of people": the people."""
        for _ in range(3):
            if (
                head.lemma_.lower() not in self.words.quantity_heads
                and head.lower_ not in self.words.quantity_heads
            ):
                return head
            if head.i in self.by_token:  # "the Group of Seven" is a name, not a quantity
                return head
            inner = [
                o
                for c in head.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children
                if o.dep_ == "pobj"
            ]
            if not inner:
                return head
            head = inner[0]
        return head

    def _pronoun(self, head: Token, memory: Memory) -> list[ActorRef]:
        lower = head.lower_
        speaker = self._speaker(head, memory)
        if speaker:
            return speaker
        if lower in self.words.personal_pronouns or lower in ("his", "hers"):
            ahead = self._cataphor(head)
            if ahead is not None:
                return [ahead]
            return self._before(head.idx, window=1500, person=True)
        if lower in self.words.neuter_pronouns or lower == "its":
            main = self._main_subject(head)
            if main:
                return main
            return self._before(head.idx, window=400, person=False)
        if lower in self.words.first_person_pronouns:
            return []  # not the speaker of a reported clause: whoever "we" are, not the last group
        if lower in self.words.plural_pronouns or lower == "their":
            if memory.last_group:
                return list(memory.last_group)
            return self._before(head.idx, window=400, person=False)
        return []

    def _speaker(self, pronoun: Token, memory: Memory) -> list[ActorRef]:
        """ "Palestinian leaders said they would ...": the subject of a reported clause is the speaker
        when the pronoun agrees with them (plural "they", personal "he", neuter "it")."""
        clause = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
            return []
        verb = clause.head
        if verb.lemma_.lower() not in self.words.speech_verbs:
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        if not subjects:
            return []
        subject = subjects[0]
        mention = self.by_token.get(subject.i)
        person = mention is not None and mention.label in _PERSON_LABELS
        plural = subject.tag_ in ("NNS", "NNPS") or len(conjuncts(subject)) > 1
        lower = pronoun.lower_
        agrees = (
            lower in self.words.first_person_pronouns  # a person speaks for their side too
            or (lower in self.words.plural_pronouns and (plural or (mention is not None and not person)))
            or (lower in self.words.personal_pronouns and person)
            or (lower in self.words.neuter_pronouns and not person and not plural)
        )
        return self.actors(subject, memory) if agrees else []

    def _main_subject(self, pronoun: Token) -> list[ActorRef]:
        """ "The army ... as it prepares": a pronoun in a subordinate clause names the main subject."""
        root = pronoun.sent.root
        if pronoun.head is root:
            return []
        for subj in (c for c in root.children if c.dep_ == "nsubj" and c.i < pronoun.i):
            if subj.pos_ != "PRON":
                mention = self.by_token.get(subj.i)
                if mention is not None and mention.label not in _PERSON_LABELS:
                    return self.actors_at(subj.i)
        return []

    def _before(self, offset: int, *, window: int, person: bool) -> list[ActorRef]:
        """The last mention before ``offset`` (a person, or a non-person agent), with every
        actor of its span ("Hungarian and Romanian officials ... they")."""
        for mention in reversed(self.mentions):
            if mention.end > offset:
                continue
            if offset - mention.end > window:
                return []
            if (mention.label in _PERSON_LABELS) == person and mention.label != "GPE":
                return [
                    m.actor
                    for m in self.mentions
                    if (m.start, m.end, m.label) == (mention.start, mention.end, mention.label)
                ]
        return []

    def _cataphor(self, pronoun: Token) -> ActorRef | None:
        """ "During his visit, Soler ...": a pronoun in a fronted adjunct names the subject after it."""
        root = pronoun.sent.root
        if pronoun.i > root.i:
            return None
        for subj in (c for c in root.children if c.dep_ == "nsubj" and c.i > pronoun.i):
            mention = self.by_token.get(subj.i)
            if mention is not None and mention.label in _PERSON_LABELS:
                return mention.actor
        return None

    def _titled_person(self, head: Token) -> Mention | None:
        """ "the President of the Council, Faiz al-Sarraj": a title followed by ", <person>"."""
        if head.lemma_.lower() not in self.words.agent_nouns:
            return None
        after = head.right_edge.i + 1
        if after + 1 < len(self.doc) and self.doc[after].text == ",":
            mention = self.by_token.get(after + 1)
            if mention is not None and mention.label in _PERSON_LABELS:
                return mention
        return None

    def people_after(self, start: int, end: int) -> list[ActorRef]:
        """PERSON mentions from ``start`` up to the next verb or ";" (a meeting's list of people)."""
        out: list[ActorRef] = []
        seen: set[int] = set()
        for tok in self.doc[start:end]:
            if tok.pos_ == "VERB" or tok.text == ";":
                break
            mention = self.by_token.get(tok.i)
            if mention is not None and mention.actor.actor_id is None and _locative(tok):
                # "met in the city of Zuwara": a place, even when NER calls it a person; a known
                # person stays one in a misparsed apposition chain ("..., the US ambassador, X")
                continue
            if mention is not None and mention.label in _PERSON_LABELS and mention.start not in seen:
                seen.add(mention.start)
                out.append(mention.actor)
        return out

    def _inner_mention(self, head: Token) -> Mention | None:
        """A mention inside a title-like phrase: "Minister of Interior Fathi Pashaga",
        "the President of the Council, Faiz al-Sarraj" (a person is preferred)."""
        found: list[Mention] = []
        stack = [c for c in head.children if c.dep_ in _INNER_DEPS]
        while stack:
            tok = stack.pop()
            mention = self.by_token.get(tok.i)
            if mention is not None:
                found.append(mention)
            stack.extend(c for c in tok.children if c.dep_ in _INNER_DEPS)
        people = [m for m in found if m.label in _PERSON_LABELS]
        if people:
            return people[0]
        if head.lemma_.lower() in self.words.agent_nouns:
            return None
        return None


_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "from", "to", "into", "across", "around"}
)


def _locative(token: Token) -> bool:
    """Whether a token sits inside a locative prepositional phrase ("in the city of X")."""
    node = token
    for _ in range(6):
        if node.dep_ == "prep" and node.lower_ in _LOCATIVE_PREPS:
            return True
        if node.head is node or node.pos_ == "VERB":
            return False
        node = node.head
    return False


_DEFINITE = frozenset({"the", "both", "these", "those", "all"})
_INNER_DEPS = frozenset({"compound", "appos", "prep", "pobj", "flat", "nmod", "npadvmod", "conj", "cc"})


def _core_text(head: Token) -> str:
    """The head with its determiners, adjectives and compounds: "the Libyan army"."""
    left = [c for c in head.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod")]
    start = min([head.i] + [c.left_edge.i for c in left])
    return head.doc[start : head.i + 1].text


def unique_actors(actors: list[ActorRef]) -> list[ActorRef]:
    """The actors in order, each once (compared by :func:`actor_key`); unnamed actors of one
    text but different countries stay apart ("Hungarian and Romanian officials": HUN and ROU)."""
    seen: dict[str, set[str | None]] = {}
    out = []
    for actor in actors:
        key = actor_key(actor)
        countries = seen.get(key)
        if countries is not None and (
            actor.actor_id
            or actor.name
            or None in countries
            or actor.country in countries
            or not actor.country
        ):
            continue
        seen.setdefault(key, set()).add(actor.country)
        out.append(actor)
    return out


_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})


_PRONOUN_WORDS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its"})


def actor_key(actor: ActorRef) -> str:
    """How two actor references are compared: KB id, else canonical name, else text."""
    return (actor.actor_id or actor.name or actor.text).lower()


def actor_identity(actor: ActorRef) -> str:
    """What makes two actor references one actor in a list: :func:`actor_key`, and for an
    unnamed actor its country too ("Hungarian and Romanian officials" are two, HUN and ROU)."""
    key = actor_key(actor)
    if actor.actor_id or actor.name or not actor.country:
        return key
    return f"{key}|{actor.country.lower()}"


def sentence_tokens(sent: Span) -> Iterator[Token]:
    yield from sent
