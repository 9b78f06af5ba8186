"""Generic agents: role nouns ("envoy", "gunmen", "the army") mapped to sectors and offices.

The lexicon lives in ``agents.toml`` beside this module; users may pass their own file.
Words are folded and put in the singular before lookup, so the same lexicon serves a
spaCy token stream and a bare string.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from thucydides.errors import KnowledgeBaseError
from thucydides.kb.names import NameKeys, fold, tokens
from thucydides.kb.schema import OFFICES, SECTORS

__all__ = ["AGENTS_FILE", "AgentLexicon", "AgentMatch", "singular"]

AGENTS_FILE = Path(__file__).with_name("agents.toml")

_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "police": "police",
    "media": "media",
    "militia": "militia",
    "series": "series",
    "news": "news",
    "staff": "staff",
}
_KEEP_S = ("ss", "us", "is", "ous")


def singular(word: str) -> str:
    """A folded English noun in the singular; good enough for role nouns."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if len(word) <= 3 or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True, kw_only=True)
class AgentMatch:
    """A role phrase found in a word sequence: ``words[start:end]``."""

    phrase: str
    #: None for a head noun ("head of ...") whose sector comes from its complement
    sector: str | None
    office: str | None
    start: int
    end: int
    #: a role noun that names an agent only with a country ("the Palestinian leader")
    national: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class AgentLexicon:
    """Role phrases (singular, folded, space-joined) to sectors and offices."""

    sectors: Mapping[str, str]
    offices: Mapping[str, str]
    names: NameKeys
    stopwords: frozenset[str]
    longest: int
    heads: frozenset[str] = frozenset()
    #: the last word of every phrase, and the head nouns
    last_words: frozenset[str] = frozenset()
    #: role nouns that are an agent only with a country (``[national]``: "leader" -> GOV)
    national: Mapping[str, str] = field(default_factory=dict)
    #: words that make a role a past one (``[former]``: "former", "ousted")
    former: frozenset[str] = frozenset()
    #: equipment nouns that take an owner modifier's sector (``[equipment]``: "police helicopters")
    equipment: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: str | Path = AGENTS_FILE) -> AgentLexicon:
        """Read a lexicon file (see ``agents.toml`` for the layout)."""
        path = Path(path)
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeBaseError(f"cannot read the agent lexicon {path}: {exc}") from exc
        return cls.from_table(table, where=str(path))

    @classmethod
    def from_table(cls, table: Mapping[str, Any], *, where: str = "agent lexicon") -> AgentLexicon:
        """Build from a decoded TOML table; errors name the section at fault."""
        names = table.get("names", {})
        sectors = _phrase_codes(table, "sectors", SECTORS, what="a sector code", where=where)
        offices = _phrase_codes(table, "offices", OFFICES, what="an office code", where=where)
        keys = NameKeys.build(titles=names.get("titles", ()), particles=names.get("particles", ()))
        national = _phrase_codes(table, "national", SECTORS, what="a sector code", where=where)
        heads = frozenset(_key(w) for w in table.get("heads", {}).get("words", ()))
        former = frozenset(_key(w) for w in table.get("former", {}).get("words", ()))
        equipment = frozenset(_key(w) for w in table.get("equipment", {}).get("words", ()))
        longest = max((len(k.split()) for k in (*sectors, *offices, *national)), default=1)
        return cls(
            sectors=sectors,
            offices=offices,
            names=keys,
            stopwords=frozenset(fold(w) for w in names.get("stopwords", ())),
            longest=longest,
            heads=heads,
            last_words=frozenset(p.rsplit(" ", 1)[-1] for p in (*sectors, *offices, *national)) | heads,
            national=national,
            former=former,
            equipment=equipment,
        )

    def may_end(self, word: str) -> bool:
        """Whether a folded word can be the last word of a role phrase (a cheap pre-check)."""
        return singular(word) in self.last_words

    def match(
        self, words: Sequence[str], *, head: int | None = None, complement: bool = False
    ) -> AgentMatch | None:
        """The longest role phrase ending at ``head`` (default: the last word).

        ``words`` are folded words in text order; plural nouns are fine. With
        ``complement`` (an "of ..." follows), head nouns such as "head" or "leader" count.
        """
        if not words:
            return None
        end = len(words) if head is None else head + 1
        base = [singular(w) for w in words[:end]]
        for size in range(min(self.longest, end), 0, -1):
            phrase = " ".join(base[end - size : end])
            sector = self.sectors.get(phrase)
            office = self.offices.get(phrase)
            if sector is not None or office is not None:
                owner = self._equipment_owner(words, phrase, end - size)
                if owner is not None:
                    return replace(owner, phrase=phrase, office=None, end=end)
                return AgentMatch(
                    phrase=phrase,
                    sector=sector or _OFFICE_SECTOR.get(office or "", "GOV"),
                    office=office,
                    start=end - size,
                    end=end,
                )
        national = self.national.get(base[end - 1])
        if national is not None and not complement:
            return AgentMatch(
                phrase=base[end - 1], sector=national, office=None, start=end - 1, end=end, national=True
            )
        if complement and base[end - 1] in self.heads:
            return AgentMatch(phrase=base[end - 1], sector=None, office=None, start=end - 1, end=end)
        return None

    def _equipment_owner(self, words: Sequence[str], phrase: str, start: int) -> AgentMatch | None:
        """The role whose equipment a phrase names ("police" in "police helicopters"), if any."""
        if phrase not in self.equipment or start == 0:
            return None
        owner = self.match(words[:start])
        if owner is None or owner.sector is None or owner.national or owner.end != start:
            return None
        return owner

    def is_former(self, words: Sequence[str]) -> bool:
        """Whether folded words qualifying a role make it a past one ("former", "ousted")."""
        return any(w in self.former for w in words)

    def find(self, text: str) -> AgentMatch | None:
        """The role phrase of a bare string: its head is the last word before "of"/"to"/"in"."""
        words = tokens(fold(text))
        head = next((i - 1 for i, w in enumerate(words) if i and w in _PREPOSITIONS), len(words) - 1)
        found = self.match(words, head=head, complement=words[head + 1 : head + 2] == ["of"])
        if found is None and head != len(words) - 1:
            found = self.match(words)
        return found

    def office_in(self, text: str) -> str | None:
        """The office a phrase names, anywhere in it ("minister of interior" -> interior_minister)."""
        words = [singular(w) for w in tokens(fold(text))]
        best: tuple[int, str] | None = None
        for size in range(min(self.longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                office = self.offices.get(" ".join(words[start : start + size]))
                if office is not None and (best is None or size > best[0]):
                    best = (size, office)
            if best is not None:
                return best[1]
        return None


_PREPOSITIONS = frozenset({"of", "to", "in", "for", "at", "from"})
_OFFICE_SECTOR = {"commander": "MIL", "legislator": "LEG", "speaker": "LEG", "judge": "JUD"}


def _key(phrase: str) -> str:
    return " ".join(singular(w) for w in tokens(fold(phrase)))


def _section(table: Mapping[str, Any], name: str, *, where: str) -> dict[str, Iterable[str]]:
    section = table.get(name, {})
    if not isinstance(section, Mapping):
        raise KnowledgeBaseError(f"{where}: [{name}] must be a table")
    out: dict[str, Iterable[str]] = {}
    for key, phrases in section.items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise KnowledgeBaseError(f"{where}: [{name}] {key} must be a list of strings")
        out[str(key)] = phrases
    return out


def _phrase_codes(
    table: Mapping[str, Any], name: str, allowed: Collection[str], *, what: str, where: str
) -> dict[str, str]:
    """A ``[name]`` section of ``code = [phrases]`` as phrase key -> code (the first code wins)."""
    out: dict[str, str] = {}
    for code, phrases in _section(table, name, where=where).items():
        if code not in allowed:
            raise KnowledgeBaseError(f"{where}: [{name}] {code!r} is not {what}")
        for phrase in phrases:
            out.setdefault(_key(phrase), code)
    return out
