"""Toponyms the model misses, found from the text around the ones it finds.

- all-caps datelines at the start of a line: "GOMA, Congo —", "BEIRUT —", "HOLLIDAY, Mo. —";
- the locator after a place: "Barrie, Ont.", "Clacton, Essex", "Ada, Oklahoma";
- one sense per document: a name read as a place once is a place wherever else it is
  written the same way, unless it is part of a longer name ("Georgia Stevens") or an
  actor ("Edmonton" labelled an organisation three sentences later is still the city);
- "Toronto-based", "U.S.-backed": a place glued to a participle.

Every finder returns spaCy spans labelled ``GPE`` that overlap none of the spans
already ``taken``; :class:`~thucydides.stages.geo.GeoStage` resolves them with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["after_locators", "datelines", "glued_places", "same_name_elsewhere"]

#: an all-caps name opening a line, then the dateline's comma, bracket or dash
_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,3})(?=[ \t]*(?:,|\(|—|–|--?[ \t]))"
)
#: ", Ont.", ", Essex", ", New South Wales" right after a place
_LOCATOR = re.compile(r"[ \t]*,[ \t]*([A-Z][\w'’]*\.?(?:[ ][A-Z][\w'’]*\.?){0,2})")
#: "Toronto-based", "U.S.-backed", "Kurdish-led" (the latter is not a place: the lookup decides)
_GLUED = re.compile(r"\b([A-Z][\w.'’]*(?:[ ][A-Z][\w.'’]*){0,2})-(?:based|backed|led|born|bound|run|owned)\b")


def _free(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return not any(s < end and start < e for s, e in taken)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, label="GPE", alignment_mode="strict")


def datelines(
    doc: Doc, text: str, *, known: Callable[[str], bool], taken: Sequence[tuple[int, int]]
) -> list[Span]:
    """All-caps place names that open a line as a dateline ("BEIRUT —", "INNISFAIL -");
    ``text`` is ``doc.text``."""
    out: list[Span] = []
    for match in _DATELINE.finditer(text):
        name = match.group(1).rstrip(".-")
        if len(name) < 3 or not _free(match.start(1), match.start(1) + len(name), taken):
            continue
        if known(name.title()):
            span = _span(doc, match.start(1), match.start(1) + len(name))
            if span is not None:
                out.append(span)
    return out


def after_locators(
    doc: Doc,
    text: str,
    places: Iterable[Span],
    *,
    locator: Callable[[str], bool],
    taken: Sequence[tuple[int, int]],
) -> list[Span]:
    """The state or country named after a place and a comma: "Barrie, Ont.", "Ada, Oklahoma"."""
    out: list[Span] = []
    for place in places:
        match = _LOCATOR.match(text, place.end_char)
        if match is None:
            continue
        words = match.group(1).split(" ")
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            start = match.start(1)
            end = start + len(name)
            if not _free(start, end, taken) or not locator(name):
                continue
            span = _span(doc, start, end) or _span(doc, start, end - 1)  # "Ont." or "Ont" + "."
            if span is not None:
                out.append(span)
                break
    return out


def same_name_elsewhere(
    doc: Doc,
    text: str,
    names: Iterable[str],
    *,
    taken: Sequence[tuple[int, int]],
    blocked: Sequence[tuple[int, int]],
) -> list[Span]:
    """Other occurrences of names already read as places, outside ``blocked`` spans
    (longer names, actors)."""
    out: list[Span] = []
    for name in sorted({n for n in names if len(n) >= 3 and n[:1].isupper()}):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if (
                _boundary(text, start - 1)
                and _boundary(text, end)
                and _free(start, end, taken)
                and _free(start, end, blocked)
            ):
                span = _span(doc, start, end)
                if span is not None:
                    out.append(span)
            start = text.find(name, end)
    return out


def _boundary(text: str, i: int) -> bool:
    """Whether position ``i`` is outside the text or not part of a word ("Paris" in "Parisian")."""
    return not 0 <= i < len(text) or not (text[i].isalnum() or text[i] in "-_")


def glued_places(
    doc: Doc, text: str, *, known: Callable[[str], bool], taken: Sequence[tuple[int, int]]
) -> list[Span]:
    """A place glued to a participle: "a Toronto-based firm", "U.S.-backed forces"."""
    out: list[Span] = []
    for match in _GLUED.finditer(text):
        start, end = match.span(1)
        if _free(start, end, taken) and known(match.group(1)):
            span = _span(doc, start, end)
            if span is not None:
                out.append(span)
    return out
