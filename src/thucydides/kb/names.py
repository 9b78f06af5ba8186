"""Name keys: the normalised form and the transliteration skeleton of a name.

Both sides of a lookup (KB aliases at load time, mentions at run time) go through the
same functions, so a key only has to be consistent, not linguistically exact.

- :func:`fold` — Unicode compatibility form, diacritics and case removed, typographic
  apostrophes and dashes unified.
- :meth:`NameKeys.normalise` — folded, punctuation and hyphens to spaces, a leading
  article and a trailing possessive dropped, Arabic article particles (al-, el-, ad-, ...)
  dropped, optionally leading titles (General, Field Marshal, Dr, ...) dropped.
- :meth:`NameKeys.skeleton` — a consonant skeleton that folds the letters romanisations
  of Arabic mix up (p/b, q/k/g/gh, kh/h, dh/th/z, ch/sh, dj/j, w/y/vowels, doubled
  letters), so Bashagha/Pashaga, Dbeibah/Dbaiba, Sarraj/Serraj, Menfi/Mnifi meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["MIN_SKELETON", "NameKeys", "fold", "tokens"]

#: a skeleton shorter than this says too little to match on its own
MIN_SKELETON = 4

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘`´ʼʻʾʿ′", "'"))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_NON_WORD = re.compile(r"[^\w+&]+")
_POSSESSIVE = re.compile(r"'s\b")
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")

#: multi-letter spellings folded first (longest first), then single letters
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("sch", "$"),
    ("tch", "$"),
    ("kh", "h"),
    ("gh", "k"),
    ("dh", "z"),
    ("th", "z"),
    ("sh", "$"),
    ("ch", "$"),
    ("dj", "j"),
    ("dz", "z"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ee", "i"),
)
_LETTERS = str.maketrans({"p": "b", "q": "k", "g": "k", "c": "k", "v": "f", "x": "k"})
_VOWELISH = frozenset("aeiouwy'")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Compatibility-normalised, lowercase, without diacritics; apostrophes and dashes unified."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_DASHES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    """The word tokens of a folded text (apostrophes inside words removed, dotted acronyms joined)."""
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _POSSESSIVE.sub("", text).replace("'", "")
    return [t for t in _NON_WORD.split(text.replace("_", " ")) if t]


def _skeleton_token(token: str) -> str:
    for src, dst in _DIGRAPHS:
        token = token.replace(src, dst)
    token = token.translate(_LETTERS)
    head = "a" if token[0] in _VOWELISH else token[0]
    body = [c for c in token[1:] if c not in _VOWELISH and not c.isdigit()]
    out = [head]
    for c in body:
        if c != out[-1]:
            out.append(c)
    # a final -h after a vowel is the ta marbuta (Dbeibah/Dbeiba, Misratah/Misrata)
    if len(out) > 2 and out[-1] == "h" and token[-2:-1] in _VOWELISH:
        out.pop()
    return "".join(out)


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Normalisation with a given lexicon of titles and name particles.

    ``titles`` are folded phrases ("field marshal", "gen"); ``particles`` folded words
    ("al", "el") dropped from names as long as something else remains.
    """

    titles: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    articles: frozenset[str] = frozenset({"the"})
    #: titles by their first word, longest first
    by_first: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, *, titles: Iterable[str], particles: Iterable[str]) -> NameKeys:
        """Titles sorted longest first so "field marshal" wins over "marshal"."""
        split = {tuple(tokens(fold(t))) for t in titles}
        ordered = tuple(sorted((t for t in split if t), key=lambda t: (-len(t), t)))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for title in ordered:
            by_first.setdefault(title[0], []).append(title)
        return cls(
            ordered,
            frozenset(fold(p) for p in particles),
            by_first={k: tuple(v) for k, v in by_first.items()},
        )

    def words(self, name: str, *, strip_titles: bool = False) -> list[str]:
        """Normalised word tokens of ``name`` (see the module docstring)."""
        words = tokens(fold(name))
        while len(words) > 1 and words[0] in self.articles:
            words = words[1:]
        if strip_titles:
            words = self._strip_titles(words)
        kept = [w for w in words if w not in self.particles]
        return kept or words

    def _strip_titles(self, words: list[str]) -> list[str]:
        changed = True
        while changed and len(words) > 1:
            changed = False
            for title in self.by_first.get(words[0], ()):
                n = len(title)
                if len(words) > n and tuple(words[:n]) == title:
                    words = words[n:]
                    changed = True
                    break
        return words

    def normalise(self, name: str, *, strip_titles: bool = False) -> str:
        """The normalised key: words joined by single spaces."""
        return " ".join(self.words(name, strip_titles=strip_titles))

    def skeleton(self, name: str, *, strip_titles: bool = False) -> str:
        """The transliteration skeleton of the whole name, tokens joined without spaces.

        Joining makes "Abdul Hamid" and "Abdulhamid" meet.
        """
        return "".join(_skeleton_token(w) for w in self.words(name, strip_titles=strip_titles))

    @staticmethod
    def skeleton_word(word: str) -> str:
        """The skeleton of one already normalised word."""
        return _skeleton_token(word) if word else ""

    def title_of(self, name: str) -> str | None:
        """The leading title of ``name`` if it has one ("field marshal" in "Field Marshal Haftar")."""
        words = tokens(fold(name))
        while len(words) > 1 and words[0] in self.articles:
            words = words[1:]
        for title in self.titles:
            if len(words) > len(title) and tuple(words[: len(title)]) == title:
                return " ".join(title)
        return None
