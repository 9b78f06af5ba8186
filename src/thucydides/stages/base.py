"""The document state that flows through the stages, and the stage protocol.

Each stage takes the state and adds its own layer; none reaches back into an
earlier stage's internals. ``pipeline.py`` only coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from thucydides.records import Article, Event, Mention, PlaceMention, Removed, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DocState", "Stage"]


@dataclass(slots=True)
class DocState:
    """Working state of one article as it passes the stages.

    - ``clean`` fills ``text``, ``removed`` and ``paragraphs``;
    - ``nlp`` fills ``doc`` and ``sentences`` (spans index ``text``);
    - ``actors`` fills ``mentions``;
    - ``coding`` fills ``events`` and ``anchors`` (event id -> token index of the
      predicate in ``doc``), used by the geo and date stages;
    - ``geo`` fills ``places`` and each event's ``location``;
    - ``dates`` fills each event's ``date``.
    """

    article: Article
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)
    #: free-form notes a stage leaves for later ones (documented where set)
    notes: dict[str, Any] = field(default_factory=dict)


class Stage(Protocol):
    """A pipeline stage: adds its layer to the state, in place."""

    name: str

    def __call__(self, state: DocState) -> None: ...
