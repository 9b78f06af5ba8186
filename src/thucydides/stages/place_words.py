"""Words that mark a proper name as a place ("the city of X", "the X air base"), and
predicates whose place object is where the event happened ("captured Kirkuk").

The lists live in ``geo_data/place_nouns.toml``. The actor stage uses them to keep
places out of the actors (a town or an air base is not a person, however close its
spelling to a name in the knowledge base).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from thucydides.errors import ConfigError
from thucydides.stages.geo_index import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["PlaceWords", "load_place_words"]

_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Settlement nouns ("city of X") and facility phrases ("X air base"), lowercase."""

    settlement_of: frozenset[str]
    facility_after: tuple[tuple[str, ...], ...]  # longest first
    #: nouns whose "of" introduces a place: the settlement nouns and "the border of X", ...
    place_of: frozenset[str] = frozenset()
    #: verb lemmas and event nouns whose place object is the event's location
    place_object_verbs: frozenset[str] = frozenset()
    place_object_nouns: frozenset[str] = frozenset()
    #: verb lemmas whose "to" object is where the event happened ("flew to X")
    destination_verbs: frozenset[str] = frozenset()
    #: verb lemmas whose direct object is a place when the gazetteer knows it ("visited X")
    visit_verbs: frozenset[str] = frozenset()
    #: words that qualify a place ("North London"), division words after a name
    #: ("Karak district") and head nouns of named sites ("Vancouver Art Gallery")
    name_qualifiers: frozenset[str] = frozenset()
    division_suffixes: frozenset[str] = frozenset()
    facility_heads: frozenset[str] = frozenset()
    #: words that name no place on their own ("Regional" in "South Regional Jail")
    generic_words: frozenset[str] = frozenset()

    def facility_follows(self, span: Span) -> bool:
        """Whether a facility phrase follows the span, past closing quotes: “Al-Wattia” air base."""
        doc = span.doc
        i = span.end
        while i < len(doc) and doc[i].text in _QUOTES:
            i += 1
        words = [t.lower_ for t in doc[i : i + 3]]
        return any(tuple(words[: len(phrase)]) == phrase for phrase in self.facility_after)

    def settlement_before(self, span: Span) -> bool:
        """Whether the span is the object of "<settlement noun> of", directly or as a conjunct."""
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i:  # "the cities of X and Y"
            root = root.head
        head = root.head
        return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in self.settlement_of

    def marks_place(self, span: Span) -> bool:
        """The context says this name is a place."""
        return self.facility_follows(span) or self.settlement_before(span)


@cache
def load_place_words() -> PlaceWords:
    """The bundled place nouns (read once per process; the value is immutable)."""
    path = DATA_DIR / "place_nouns.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the place nouns in {path}: {exc}; reinstall thucydides") from exc
    phrases = {tuple(p.lower().split()) for p in raw.get("facility_after", [])}
    settlement_of = frozenset(w.lower() for w in raw.get("settlement_of", []))
    return PlaceWords(
        settlement_of=settlement_of,
        place_of=settlement_of | {w.lower() for w in raw.get("place_of", [])},
        facility_after=tuple(sorted(phrases, key=lambda p: (-len(p), p))),
        place_object_verbs=frozenset(w.lower() for w in raw.get("place_object_verbs", [])),
        place_object_nouns=frozenset(w.lower() for w in raw.get("place_object_nouns", [])),
        destination_verbs=frozenset(w.lower() for w in raw.get("destination_verbs", [])),
        visit_verbs=frozenset(w.lower() for w in raw.get("visit_verbs", [])),
        name_qualifiers=frozenset(w.lower() for w in raw.get("name_qualifiers", [])),
        division_suffixes=frozenset(w.lower() for w in raw.get("division_suffixes", [])),
        facility_heads=frozenset(w.lower() for w in raw.get("facility_heads", [])),
        generic_words=frozenset(w.lower() for w in raw.get("generic_words", [])),
    )
