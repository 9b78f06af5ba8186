"""Resolve a name, title or role phrase to knowledge base actors.

Tiers, first hit wins (each candidate says which ``rule`` found it):

1. ``exact`` — the alias as written;
2. ``normalised`` — case, diacritics, hyphens, apostrophes, al-/el- particles, leading
   titles (General, Field Marshal, Dr...) and middle initials ignored;
3. ``skeleton`` — the transliteration skeleton (Pashaga = Bashagha, Dbeibah = Dbeibeh);
4. ``fuzzy`` — word by word with rapidfuzz: every word close, the last word (the surname)
   closer, and words whose skeletons differ held to a stricter ratio (Haftar ≠ Hafez);
5. ``title`` — an office or role title held at the article's date ("the Libyan prime
   minister", "the head of the Presidential Council");
6. ``agent`` — a generic agent ("the French envoy", "gunmen"): no actor, but the country
   and sector the words say. A role qualified as past ("the former prime minister", "an
   ousted president") is PLOVER's ELI (former officials) and never resolves to the holder
   of the office; a national role noun ("the Palestinian leader") needs its country.

Before the fuzzy tiers, a plural demonym ("Albanians", "Iraqis", "the Bosnian Serbs") is
the ``people`` of its country: PLOVER's CVL, not the state.

Candidates of one tier are ranked by the roles they hold at the date and by the document
context (actor ids and countries mentioned around, and the country it is mostly about: an
ambiguous institution such as "House of Representatives" follows the document's focus).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from thucydides.kb.agents import singular
from thucydides.kb.loader import KnowledgeBase, RoleEntry, skeleton_usable
from thucydides.kb.names import NameKeys, fold, tokens
from thucydides.kb.schema import Actor, Role, parse_partial_date
from thucydides.records import ActorRef

__all__ = ["FORMER_SECTOR", "OFFICE_SECTORS", "PEOPLE_SECTOR", "Candidate", "Resolver"]

#: base score of each rule, before the date and context adjustments
RULE_SCORES = {
    "exact": 1.0,
    "normalised": 0.95,
    "skeleton": 0.85,
    "fuzzy": 0.7,
    "title": 0.8,
    "agent-of": 0.75,
    "people": 0.9,
    "agent": 0.5,
}
#: the sector of a people named by a plural demonym (PLOVER: unaffiliated civilians)
PEOPLE_SECTOR = "CVL"
#: PLOVER's sector of former officials, given to a role qualified as past
FORMER_SECTOR = "ELI"
#: sectors of offices a "former" holder leaves for ELI (a former rebel stays a rebel)
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO"})
#: determiners and quantities before a people noun ("some 800,000 Iraqis", "the Albanians")
_PEOPLE_LEAD = frozenset({"the", "some", "many", "most", "all", "several", "few", "thousands",
                          "hundreds", "dozens", "tens", "of", "up", "to", "about", "around", "nearly",
                          "ethnic", "fellow", "ordinary"})  # fmt: skip
#: words that end a people noun phrase and start its complement
_PEOPLE_TAIL = frozenset({"of", "in", "from", "at", "living", "who", "across", "inside", "outside"})
#: tail words that set a people somewhere ("Albanians in southern Serbia"), not its origin ("from")
_PEOPLE_SETTING = frozenset({"of", "in", "living", "across", "inside"})
#: words that make the name after them an alignment ("pro-Iranian", "anti-Syria")
_ALIGNMENT = frozenset({"pro", "anti"})
_TITLE_SYNONYMS = {
    "president": "head",
    "chairman": "head",
    "chair": "head",
    "chief": "head",
    "leader": "head",
}
#: words that make a different office of a title ("deputy head" is not "head")
_QUALIFIERS = frozenset({"deputy", "vice", "assistant", "acting", "former", "adviser", "advisor", "member"})
_CACHE_LIMIT = 50_000
#: an owner and what it owns: "President Bouteflika's government", "the rebels' leader"
_POSSESSIVE = re.compile(r"^(.+?)(?:['’]s|(?<=s)['’])\s+(\S.*)$")
#: name tiers trusted to identify a possessive owner
_OWNER_RULES = frozenset({"exact", "normalised", "skeleton"})
#: what joins coordinated modifiers ("French, British and Egyptian warships")
_COORDINATION = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)
#: ranking bonus of the reading in the document's focus country when several actors share a name
_FOCUS_BONUS = 0.04
#: shortest word skeleton that lets two differently spelt words count as one name
_MIN_WORD_SKELETON = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One reading of a mention: an actor (or none, for a generic agent) with its score."""

    actor_id: str | None
    name: str | None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    rule: str = "unresolved"
    score: float = 0.0

    def to_ref(self, text: str) -> ActorRef:
        """The :class:`ActorRef` a mention of ``text`` gets from this candidate."""
        return ActorRef(
            text=text,
            actor_id=self.actor_id,
            name=self.name,
            country=self.country,
            sector=self.sector,
            role=self.role,
            resolution=self.rule,
            score=round(self.score, 3),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for the CLI and the API)."""
        return {
            "actor_id": self.actor_id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "rule": self.rule,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class _Context:
    actors: frozenset[str]
    countries: frozenset[str]
    #: the country the context names most often (ahead of every other), if any
    focus: str | None = None


class Resolver:
    """Name/title → candidates over one :class:`KnowledgeBase` (cheap to call per mention)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._single = [k for k in kb.normalised if " " not in k and len(k) >= 4]
        self._multi: dict[int, list[str]] = {}
        for key in kb.normalised:
            if " " in key:
                self._multi.setdefault(key.count(" ") + 1, []).append(key)
        self._names_cache: dict[str, tuple[tuple[str, ...], str, float]] = {}
        # role titles as content-word sets, with an index from each word to the titles using it
        self._titles: list[tuple[frozenset[str], tuple[RoleEntry, ...]]] = []
        self._title_words: dict[str, list[int]] = {}
        for title, entries in kb.role_titles.items():
            words = self._title_key(title)
            if words:
                for word in words:
                    self._title_words.setdefault(word, []).append(len(self._titles))
                self._titles.append((words, entries))
        self._titles_cache: dict[str, tuple[tuple[RoleEntry, float], ...]] = {}
        self._ctx: tuple[tuple[str, ...], _Context] | None = None  # the last document's context

    @property
    def keys(self) -> NameKeys:
        return self.kb.keys

    # -- public -----------------------------------------------------------------------------
    def resolve(
        self,
        text: str,
        *,
        date: date | None = None,
        context: Iterable[str] = (),
        names_only: bool = False,
    ) -> list[Candidate]:
        """Candidates for ``text``, best first.

        ``date`` is the article's publication date (None: prefer current office holders);
        ``context`` holds actor ids, ISO alpha-3 country codes or names mentioned around.
        With ``names_only`` the title and generic-agent tiers are skipped.
        """
        text = " ".join(text.split())
        if not text:
            return []
        key = tuple(context)
        if self._ctx is None or self._ctx[0] != key:
            self._ctx = (key, self._context(key))
        ctx = self._ctx[1]
        if text not in self.kb.exact:
            people = self.people(text, ctx=ctx)
            if people is not None:
                return [people]
        ids, rule, base = self.match_name(text)
        if ids:
            found = [self._candidate(self.kb.actors[i], rule=rule, score=base, day=date) for i in ids]
            return self._rank(found, day=date, ctx=ctx)
        if names_only:
            return []
        possessed = self._possessed(text, date=date, ctx=ctx)
        if possessed is not None:
            return [possessed]
        owner = self._owner(text, date=date, ctx=ctx)
        if owner is not None and owner.kind == "igo":
            return [owner]  # "European Community foreign ministers", "U.N. helicopters": the body's
        former = self.kb.lexicon.is_former(tokens(fold(text)))
        titled = [] if former else self._by_title(text, day=date, ctx=ctx)
        if titled:
            return titled
        agent = self.agent(text, ctx=ctx)
        if owner is not None and agent is not None:
            return [owner]
        if owner is not None and agent is None and self.kb.lexicon.find(text) is not None:
            return [owner]  # "the Hamas leader": a national role noun owned by a group
        return [agent] if agent is not None else []

    def best(self, text: str, *, date: date | None = None, context: Iterable[str] = ()) -> Candidate | None:
        """The top candidate, or None."""
        found = self.resolve(text, date=date, context=context)
        return found[0] if found else None

    def match_name(self, text: str) -> tuple[tuple[str, ...], str, float]:
        """Actor ids a name matches by the name tiers, the rule and its base score (cached)."""
        cached = self._names_cache.get(text)
        if cached is None:
            cached = self._match_name(text)
            if len(self._names_cache) >= _CACHE_LIMIT:
                self._names_cache.clear()
            self._names_cache[text] = cached
        return cached

    def agent(self, text: str, *, ctx: _Context | None = None) -> Candidate | None:
        """The generic-agent reading of a role phrase ("the French envoy" -> FRA GOV).

        A demonym shared by two countries ("Congolese") takes the one the document names.
        """
        lexicon = self.kb.lexicon
        found = lexicon.find(text)
        if found is None:
            return None
        words = tokens(fold(text))
        country = (
            self.country_in(words[: found.start], ctx=ctx)
            or self.country_in(words[found.end :], ctx=ctx)
            or self.place_in(words)  # a capital: "demonstrators in Baghdad", "Ankara police"
        )
        sector = found.sector
        if found.national or (sector is None and found.phrase in lexicon.national):
            if country is None:
                return None  # "the leader" alone: whose?
            sector = lexicon.national[found.phrase]
        if sector in OFFICE_SECTORS and lexicon.is_former(words[: found.start]):
            sector = FORMER_SECTOR  # "the former prime minister", "ex-army chief"
        return Candidate(
            actor_id=None,
            name=None,
            country=country,
            sector=sector,
            role=found.phrase,
            rule="agent",
            score=RULE_SCORES["agent"],
        )

    def people(self, text: str, *, ctx: _Context | None = None) -> Candidate | None:
        """A country's people named by a plural demonym ("Albanians", "some 800,000 Iraqis").

        The head must be a demonym in the plural ("the Bosnian Serbs", "three young Iraqis":
        the first demonym gives the country), so "Albanian", "Libyan officials" or "the
        Philippines" (a country's own name) are not read so.
        """
        words = tokens(fold(text))
        while words and (words[0] in _PEOPLE_LEAD or words[0].isdigit()):
            words = words[1:]
        cut = next((i for i, w in enumerate(words) if i and w in _PEOPLE_TAIL), len(words))
        words, tail = words[:cut], words[cut:]  # "Albanians of southern Serbia", "Iraqis living in Jordan"
        if not words or not self.is_people_word(words[-1]):
            return None  # "Palestinian Authority officials" is no people
        # a place the phrase names is where the people are: "ethnic Albanians in southern Serbia"
        place = self.place_in(tail) if tail and tail[0] in _PEOPLE_SETTING else None
        return Candidate(
            actor_id=None,
            name=None,
            country=place
            or self.country_in([*words[:-1], self._demonym_of(words[-1]) or words[-1]], ctx=ctx),
            sector=PEOPLE_SECTOR,
            role="people",
            rule="people",
            score=RULE_SCORES["people"],
        )

    def coordinated_countries(self, text: str) -> tuple[str, ...]:
        """Every country of a role phrase whose modifier coordinates several ("Hungarian and
        Romanian officials", "French, British and Egyptian warships"): one actor each.

        Empty unless each coordinated part names a country and they name two or more
        ("Bosnian Croat and Moslem forces" is one country's: "Moslem" names none).
        """
        if "and" not in text and "," not in text and "&" not in text:
            return ()
        found = self.kb.lexicon.find(text)
        if found is None or found.start == 0:
            return ()
        parts = _COORDINATION.split(text)
        if len(parts) < 2:
            return ()
        codes: list[str] = []
        for i, part in enumerate(parts):
            words = tokens(fold(part))
            if i == len(parts) - 1:  # the last part holds the role noun: its modifier only
                head = self.kb.lexicon.find(part)
                if head is None or head.phrase != found.phrase:
                    return ()
                words = words[: head.start]
            code = self.country_in(words)
            if code is None:
                return ()
            if code not in codes:
                codes.append(code)
        return tuple(codes) if len(codes) > 1 else ()

    def is_people_word(self, word: str) -> bool:
        """Whether a folded word is a plural demonym ("iraqis", "serbs"), not a country's name."""
        return self._demonym_of(word) is not None

    def _demonym_of(self, word: str) -> str | None:
        """The demonym a plural names ("serbs" -> "serb"; "iraqis" -> "iraqi", which singular()
        keeps as it is, like "crisis"); None for a country's own name ("the Philippines")."""
        if word in self.kb.countries or not word.endswith("s"):
            return None
        for one in (singular(word), word[:-1]):
            if one != word and one in self.kb.demonyms:
                return one
        return None

    def _owner(self, text: str, *, date: date | None, ctx: _Context) -> Candidate | None:
        """The actor a role phrase belongs to by its modifier ("the Haftar militia" -> Haftar)."""
        found = self.kb.lexicon.find(text)
        if found is None:
            return None
        words = tokens(fold(text))
        modifier = _unaligned([w for w in words[: found.start] if w not in self.kb.lexicon.stopwords])
        complement = words[found.end + 1 :] if words[found.end : found.end + 1] in (["of"], ["for"]) else []
        ids: tuple[str, ...] = ()
        for part in (modifier, complement):
            if part and not self.country_in(part):
                ids, _, _ = self.match_name(" ".join(part))
                if ids:
                    break
        actors = [self.kb.actors[i] for i in ids if self.kb.actors[i].kind != "country"]
        if not actors:
            return None
        ranked = self._rank(
            [self._candidate(a, rule="agent-of", score=RULE_SCORES["agent-of"], day=date) for a in actors],
            day=date,
            ctx=ctx,
        )
        top = ranked[0]
        if top.kind == "igo":
            # a role of an international body is the body's (PLOVER's IGO), its equipment too
            # ("U.N. helicopters"); troops lent by its members stay military ("U.N. peacekeepers")
            if found.sector == "MIL" and found.phrase not in self.kb.lexicon.equipment:
                return None
            return replace(top, sector="IGO", role=found.phrase)
        return top

    def _possessed(self, text: str, *, date: date | None, ctx: _Context) -> Candidate | None:
        """A role phrase with a possessive owner that is not a country's name.

        A person's government is that person's country's ("President Bouteflika's
        government" -> DZA GOV); a capital's gives its country ("Ankara's administration");
        an international body's is IGO; an owner the KB does not know gives the role alone
        (no country is invented, and no office holder is read from the title's words).
        None when there is no possessive, or the owner is a country ("Libya's prime
        minister" goes on to the title tiers).
        """
        split = _POSSESSIVE.match(text)
        if split is None:
            return None
        owner_text, rest = split.group(1), split.group(2)
        owner_words = tokens(fold(owner_text))
        if not owner_words or self.country_in(owner_words) is not None:
            return None
        agent = self.agent(rest, ctx=ctx)
        if agent is None:
            return None
        capital = self.kb.capital_of(" ".join(w for w in owner_words if w != "the"))
        if capital is not None:
            return replace(agent, country=capital.country)
        ids, rule, _ = self.match_name(owner_text)
        actors = [self.kb.actors[i] for i in ids] if rule in _OWNER_RULES else []
        if not actors:
            return agent
        top = self._rank(
            [self._candidate(a, rule="agent-of", score=RULE_SCORES["agent-of"], day=date) for a in actors],
            day=date,
            ctx=ctx,
        )[0]
        if top.kind == "igo":
            return replace(top, sector="IGO", role=agent.role)
        if top.kind in ("person", "country") and agent.sector == "GOV":
            return replace(agent, country=top.country or agent.country)
        return top

    def country_in(self, words: list[str], *, ctx: _Context | None = None) -> str | None:
        """The first country named or implied (demonym) in a folded word sequence.

        Where the name fits several countries, the one in the document's context wins.
        """
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                name = " ".join(words[start : start + size])
                code = self.kb.countries.get(name)
                if code is None or (start and words[start - 1] in _ALIGNMENT):
                    continue  # "pro-Iranian", "anti-Syria": an alignment, not a nationality
                options = self.kb.country_options.get(name, (code,))
                if ctx is not None and len(options) > 1:
                    in_context = [c for c in options if c in ctx.countries]
                    if in_context:
                        return in_context[0]
                return code
        return None

    def place_in(self, words: list[str]) -> str | None:
        """The country of a place a phrase names: a country ("in southern Serbia") or a capital
        ("in Baghdad", "Ankara's"). A demonym names no place ("the Israeli-occupied West
        Bank"), and names after "pro"/"anti" state an alignment."""
        kb = self.kb
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                if start and words[start - 1] in _ALIGNMENT:
                    continue
                name = " ".join(words[start : start + size])
                code = kb.countries.get(name) if name not in kb.demonyms else None
                if code is not None:
                    return code
                actor_id = kb.capitals.get(name)
                if actor_id is not None:
                    return kb.actors[actor_id].country
        return None

    def infer_era(self, actor_ids: Iterable[str]) -> date | None:
        """A date at which most of the named office holders held office (undated articles).

        Only a ranking hint for titles and ambiguous names: it is never an event date.
        Needs at least two dated roles to say anything.
        """
        periods = [
            (r.sort_key(), r.end)
            for i in set(actor_ids)
            if (actor := self.kb.actors.get(i)) is not None and actor.kind == "person"
            for r in actor.roles
            if r.start is not None
        ]
        if len(periods) < 2:
            return None
        best: tuple[int, date] | None = None
        for day, _ in periods:
            count = sum(1 for start, end in periods if start <= day and (end is None or day <= _upper(end)))
            if best is None or count > best[0] or (count == best[0] and day > best[1]):
                best = (count, day)
        return best[1] if best is not None and best[0] >= 2 else None

    # -- name tiers -------------------------------------------------------------------------
    def _match_name(self, text: str) -> tuple[tuple[str, ...], str, float]:
        kb, keys = self.kb, self.keys
        hit = kb.exact.get(text)
        if hit:
            return hit, "exact", RULE_SCORES["exact"]
        plain = keys.normalise(text)
        hit = kb.normalised.get(plain)
        if hit:
            return hit, "normalised", RULE_SCORES["normalised"]
        words = keys.words(text, strip_titles=True)
        no_initials = [w for w in words if len(w) > 1] or words
        for variant in (" ".join(words), " ".join(no_initials)):
            hit = kb.normalised.get(variant)
            if hit:
                return hit, "normalised", RULE_SCORES["normalised"] - 0.02
        if not any(c.isupper() for c in text):
            return (), "unresolved", 0.0
        joined = " ".join(no_initials)
        skel = keys.skeleton(joined)
        if skeleton_usable(skel, joined):
            hit = kb.skeleton.get(skel)
            if hit:
                return hit, "skeleton", RULE_SCORES["skeleton"]
        return self._fuzzy(no_initials)

    def _fuzzy(self, words: list[str]) -> tuple[tuple[str, ...], str, float]:
        if not words or any(w in self.kb.lexicon.stopwords for w in words):
            return (), "unresolved", 0.0
        query = " ".join(words)
        choices = self._single if len(words) == 1 else self._multi.get(len(words), [])
        if len(query) < 4 or not choices:
            return (), "unresolved", 0.0
        best: tuple[float, str] | None = None
        for key, _, _ in process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=60, limit=8):
            score = self._word_by_word(words, key.split())
            if score is not None and (best is None or score > best[0]):
                best = (score, key)
        if best is None:
            return (), "unresolved", 0.0
        return self.kb.normalised[best[1]], "fuzzy", RULE_SCORES["fuzzy"] * best[0]

    def _word_by_word(self, ours: list[str], theirs: list[str]) -> float | None:
        """Mean word similarity (0-1) when every word pair passes, else None."""
        ratios: list[float] = []
        for position, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            ratio = fuzz.ratio(a, b)
            skeleton = NameKeys.skeleton_word(a)
            same_skeleton = skeleton == NameKeys.skeleton_word(b)
            last = position == len(ours) - 1
            if a[0] != b[0] and not (same_skeleton and len(skeleton) >= _MIN_WORD_SKELETON):
                return None  # a two-letter skeleton cannot excuse another initial (Wattia ~ Atta)
            if not same_skeleton and not _one_letter_apart(
                NameKeys.skeleton_word(a), NameKeys.skeleton_word(b)
            ):
                return None
            needed = (70 if last else 60) if same_skeleton else 90
            if len(a) <= 3 or len(b) <= 3:
                needed = max(needed, 100 if not same_skeleton else 80)
            if ratio < needed:
                return None
            ratios.append(max(ratio, 90.0) if same_skeleton else ratio)
        return sum(ratios) / (100.0 * len(ratios))

    # -- titles -----------------------------------------------------------------------------
    def _title_key(self, text: str) -> frozenset[str]:
        """Content words of a title, synonyms folded ("president" = "head"), countries left out."""
        stop, countries = self.kb.lexicon.stopwords, self.kb.countries
        words = (_TITLE_SYNONYMS.get(w, w) for w in tokens(fold(text)))
        return frozenset(w for w in words if w not in stop and w not in countries)

    def _title_matches(self, text: str) -> tuple[tuple[RoleEntry, float], ...]:
        """Roles whose title has the same content words as ``text`` (one within the other)."""
        cached = self._titles_cache.get(text)
        if cached is not None:
            return cached
        query = self._title_key(text)
        found: list[tuple[RoleEntry, float]] = []
        if len(query) >= 2:
            seen: set[int] = set()
            for word in query:
                for index in self._title_words.get(word, ()):
                    if index in seen:
                        continue
                    seen.add(index)
                    theirs, entries = self._titles[index]
                    if not (query <= theirs or theirs <= query) or (theirs - query) & _QUALIFIERS:
                        continue  # one within the other, and not "deputy head" for "head"
                    overlap = len(query & theirs) / len(query | theirs)
                    if overlap >= 0.6:
                        found.extend((entry, 0.05 * overlap) for entry in entries)
        if len(self._titles_cache) >= _CACHE_LIMIT:
            self._titles_cache.clear()
        self._titles_cache[text] = result = tuple(found)
        return result

    def _by_title(self, text: str, *, day: date | None, ctx: _Context) -> list[Candidate]:
        kb = self.kb
        office = kb.lexicon.office_in(text)
        words = tokens(fold(text))
        country = self.country_in(words)
        query = self._title_key(text)
        generic = kb.lexicon.find(text)
        # a generic role phrase ("the party leader", "the army chief") matches only a title with
        # exactly its words, never a longer one that names an organisation ("Leader of X Party")
        exact_only = generic is not None and self._title_key(generic.phrase) == query
        entries: dict[tuple[str, str], tuple[RoleEntry, float]] = {
            (entry.actor_id, entry.role.title): (entry, bonus)
            for entry, bonus in self._title_matches(text)
            if not exact_only or self._title_key(entry.role.title) == query
        }
        if office is not None:
            countries = [country] if country else sorted(ctx.countries)
            for code in countries:
                for entry in kb.offices.get((office, code), ()):
                    key = (entry.actor_id, entry.role.title)
                    entries.setdefault(key, (entry, 0.0 if country else -0.1))
        found_at_date: dict[str, Candidate] = {}
        for entry, bonus in entries.values():
            role = entry.role
            owner = kb.actors[entry.actor_id]
            if (
                country
                and (role.country or owner.country) != country
                and not _names_country(role.title, country, kb)
            ):
                continue  # "the Libyan prime minister": the role must be Libyan (or name Libya)
            if not _held(
                role, day=day, holders=[e for e, _ in entries.values() if e.role.office == role.office]
            ):
                continue
            cand = self._candidate(
                owner, rule="title", score=RULE_SCORES["title"] + bonus, day=day, role=role
            )
            if cand.actor_id is not None and (
                cand.actor_id not in found_at_date or found_at_date[cand.actor_id].score < cand.score
            ):
                found_at_date[cand.actor_id] = cand
        return self._rank(list(found_at_date.values()), day=day, ctx=ctx)

    # -- ranking ----------------------------------------------------------------------------
    def _context(self, context: Iterable[str]) -> _Context:
        actors: set[str] = set()
        mentions: Counter[str] = Counter()  # countries, once per item of the context
        for raw in context:
            item = raw.strip()
            if not item:
                continue
            if len(item) == 3 and item.isalpha() and item.isupper() and item not in self.kb.actors:
                mentions[item] += 1
                continue
            actor_id = item if item in self.kb.actors else None
            if actor_id is None:
                ids, _, _ = self.match_name(item)
                actor_id = ids[0] if len(ids) == 1 else None
            if actor_id is not None:
                actors.add(actor_id)
                country = self.kb.actors[actor_id].country
                if country:
                    mentions[country] += 1
            elif code := self.kb.country_of(item):
                mentions[code] += 1
        ranked = mentions.most_common(2)
        focus = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        return _Context(frozenset(actors), frozenset(mentions), focus)

    def _linked(self, actor_id: str) -> set[str]:
        """Actors within two affiliation hops ("GNA forces" - GNA - its ministers)."""
        near = self.kb.affiliated(actor_id)
        far = set(near)
        for other in near:
            far |= self.kb.affiliated(other)
        far.discard(actor_id)
        return far

    def _candidate(
        self, actor: Actor, *, rule: str, score: float, day: date | None, role: Role | None = None
    ) -> Candidate:
        if role is None:
            held = actor.roles_on(day)
            role = max(held, key=lambda r: r.sort_key()) if held else None
        return Candidate(
            actor_id=actor.id,
            name=actor.name,
            kind=actor.kind,
            country=actor.country or (role.country if role else None),
            # the office held at the date says what the person acts as ("President Omar
            # al-Bashir" is GOV, though the KB files the general as MIL); else the actor's own
            sector=(role.sector if role is not None and _holds(role, day) else None)
            or actor.sector_on(day)
            or (role.sector if role else None),
            role=role.title if role else None,
            rule=rule,
            score=score,
        )

    def _rank(self, found: list[Candidate], *, day: date | None, ctx: _Context) -> list[Candidate]:
        if len(found) <= 1 and not ctx.actors:
            return found
        ranked: list[Candidate] = []
        for cand in found:
            bonus = 0.0
            actor = self.kb.actors.get(cand.actor_id or "")
            if actor is not None:
                if actor.id in ctx.actors:
                    bonus += 0.06
                bonus += 0.02 * min(3, len(self._linked(actor.id) & ctx.actors))
                if actor.country and actor.country in ctx.countries:
                    bonus += 0.02
                if len(found) > 1 and actor.country is not None and actor.country == ctx.focus:
                    bonus += _FOCUS_BONUS  # "House of Representatives" in a US story
                active = self.kb.active_on(actor.id, day)
                if active is not None and day is not None:
                    bonus += 0.05 if active else -0.05
                elif active:
                    bonus += 0.02
            if len(found) > 1:
                bonus -= 0.05  # ambiguous: several actors share the reading
            ranked.append(replace(cand, score=cand.score + bonus))
        ranked.sort(key=lambda c: (-c.score, c.actor_id or ""))
        return [replace(c, score=max(0.0, min(1.0, c.score))) for c in ranked]


def _unaligned(words: list[str]) -> list[str]:
    """Words without the alignments they state ("pro iranian hizbollah" -> "hizbollah")."""
    out: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in _ALIGNMENT:
            skip = True
        else:
            out.append(word)
    return out


def _holds(role: Role, day: date | None) -> bool:
    """Whether a role is held at ``day`` (no date: still held as far as the KB knows)."""
    return role.active_on(day) if day is not None else role.current


def _upper(text: str) -> date:
    return parse_partial_date(text, upper=True)


def _one_letter_apart(a: str, b: str) -> bool:
    """Skeletons of 4+ letters that differ by one substitution, insertion or deletion (typos)."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    return fuzz.ratio(a, b) >= 100 * (1 - 2 / (len(a) + len(b))) - 1e-9 or (
        len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    )


def _names_country(title: str, country: str, kb: KnowledgeBase) -> bool:
    return any(kb.countries.get(w) == country for w in tokens(fold(title)))


def _held(role: Role, *, day: date | None, holders: list[RoleEntry]) -> bool:
    """Whether ``role`` is held at ``day``; with no date, the current or most recent holder."""
    if day is not None:
        return role.active_on(day)
    if role.current:
        return True
    return not any(e.role.current for e in holders) and role.sort_key() >= max(
        e.role.sort_key() for e in holders
    )
