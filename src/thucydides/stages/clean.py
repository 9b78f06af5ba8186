"""Cleaning before spaCy: page furniture, repeated titles and section labels out; paragraphs in.

Scraped news text carries the page around the article: the title repeated at
the top and in the middle, section labels ("Middle East"), share buttons, "Show
More", related-article lists, comment forms, "Back to top". Left in, they glue
onto sentences and become false events. The rules here are general — the
shape of a line, its duplication of the title, and a lexicon of furniture
phrases (``clean_data/furniture.txt``) — and everything removed is kept, with
its reason, for audit.

The cleaned text has one paragraph per block, blocks separated by a blank line,
so that the NLP stage never glues a headline onto a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from thucydides.config import Settings
from thucydides.records import Removed
from thucydides.stages.base import DocState

__all__ = ["CleanStage", "Cleaner", "normalise_line"]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_WORD = re.compile(r"[\w'+&-]+", re.UNICODE)
_SENTENCE_END = re.compile(r"""[.!?]["')\]”’]*$|[.!?]\s*["”’]$""")
#: "…North Africa.Middle East": a short capitalised label glued after a sentence's full stop
_GLUED_LABEL = re.compile(r"(?<=[a-z0-9)][.!?])(?P<label>(?:[A-Z][\w&'-]*)(?: [A-Z][\w&'-]*){0,3})$")
_ONLY_SYMBOLS = re.compile(r"^[\W_]+$", re.UNICODE)


def normalise_line(line: str) -> str:
    """Case-, quote-, dash- and space-insensitive form used to compare lines."""
    text = unicodedata.normalize("NFKC", line).translate(_QUOTES).casefold()
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return " ".join(_WORD.findall(text))


@lru_cache(maxsize=1)
def _furniture_phrases() -> tuple[tuple[str, ...], ...]:
    raw = resources.files("thucydides.stages").joinpath("clean_data/furniture.txt").read_text("utf-8")
    phrases = {
        tuple(normalise_line(line).split())
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    return tuple(sorted((p for p in phrases if p), key=len, reverse=True))


def furniture_share(line: str) -> float:
    """Share of a line's words covered by furniture phrases (longest match first)."""
    words = normalise_line(line).split()
    if not words:
        return 1.0
    covered = [False] * len(words)
    for phrase in _furniture_phrases():
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if not any(covered[i : i + n]) and tuple(words[i : i + n]) == phrase:
                covered[i : i + n] = [True] * n
    return sum(covered) / len(words)


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def _looks_like_label(line: str) -> bool:
    """A section label: one to four capitalised words, no sentence punctuation."""
    words = line.split()
    if not 1 <= len(words) <= 4 or _is_sentence(line) or any(c.isdigit() for c in line):
        return False
    return all(w[0].isupper() or w.lower() in {"and", "of", "the", "&"} for w in words)


@dataclass(frozen=True, slots=True)
class Cleaner:
    """The cleaning rules, separate from the stage so they can be used on plain strings."""

    #: a short line whose words are at least this share furniture phrases is furniture
    furniture_threshold: float = 0.75
    #: longest line (in words) that can be furniture
    furniture_max_words: int = 16

    def is_furniture(self, line: str) -> bool:
        stripped = line.strip()
        if _ONLY_SYMBOLS.match(stripped):
            return True
        if stripped.startswith(("©", "(c) ", "Copyright ")):
            return True
        n_words = len(stripped.split())
        return n_words <= self.furniture_max_words and furniture_share(stripped) >= self.furniture_threshold

    def clean(self, text: str, *, title: str | None) -> tuple[str, list[Removed], list[tuple[int, int]]]:
        """Return the cleaned text, what was removed, and paragraph spans in the cleaned text."""
        lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        title_key = normalise_line(title) if title else None
        removed: list[Removed] = []
        kept: list[tuple[int, str]] = []
        seen_title = False
        for number, raw_line in enumerate(lines, start=1):
            line = raw_line
            if not line:
                continue
            key = normalise_line(line)
            if title_key and key == title_key:
                removed.append(
                    Removed(text=line, reason="repeated-title" if seen_title else "title", line=number)
                )
                seen_title = True
                continue
            if self.is_furniture(line):
                removed.append(Removed(text=line, reason="furniture", line=number))
                continue
            glued = _GLUED_LABEL.search(line)
            if glued and len(line) > 80:
                label = glued.group("label")
                removed.append(Removed(text=label, reason="section-label", line=number))
                line = line[: glued.start("label")].rstrip()
            kept.append((number, line))
        kept = self._strip_edges(kept, removed)
        kept = self._strip_trailing_lists(kept, removed)
        paragraphs: list[tuple[int, int]] = []
        parts: list[str] = []
        offset = 0
        for _, line in kept:
            paragraphs.append((offset, offset + len(line)))
            parts.append(line)
            offset += len(line) + 2
        removed.sort(key=lambda r: r.line)
        return "\n\n".join(parts), removed, paragraphs

    @staticmethod
    def _strip_edges(kept: list[tuple[int, str]], removed: list[Removed]) -> list[tuple[int, str]]:
        """Section labels before the first and after the last real paragraph."""
        while kept and _looks_like_label(kept[0][1]) and len(kept) > 1:
            number, line = kept.pop(0)
            removed.append(Removed(text=line, reason="section-label", line=number))
        while kept and _looks_like_label(kept[-1][1]) and len(kept) > 1:
            number, line = kept.pop()
            removed.append(Removed(text=line, reason="section-label", line=number))
        return kept

    def _strip_trailing_lists(
        self, kept: list[tuple[int, str]], removed: list[Removed]
    ) -> list[tuple[int, str]]:
        """Headline lists after the last sentence paragraph ("Related Articles" blocks)."""
        last_sentence = max((i for i, (_, line) in enumerate(kept) if _is_sentence(line)), default=-1)
        tail = kept[last_sentence + 1 :]
        if tail and all(len(line.split()) <= 20 for _, line in tail):
            for number, line in tail:
                removed.append(Removed(text=line, reason="trailing-list", line=number))
            return kept[: last_sentence + 1]
        return kept


class CleanStage:
    """Stage wrapper: fills ``state.text``, ``state.removed`` and ``state.paragraphs``."""

    name = "clean"

    def __init__(self, cleaner: Cleaner | None = None) -> None:
        self.cleaner = cleaner or Cleaner()

    @classmethod
    def from_settings(cls, settings: Settings) -> CleanStage:
        return cls()

    def __call__(self, state: DocState) -> None:
        text, removed, paragraphs = self.cleaner.clean(state.article.text, title=state.article.title)
        state.text, state.removed, state.paragraphs = text, removed, paragraphs
