"""One exception tree; every message says what the user can do about it.

::

    ThucydidesError
    ├── ConfigError          bad setting, unknown key, unreadable config file
    ├── InputError           an article could not be read (recorded, the batch goes on)
    │   ├── EmptyInputError      the file or record has no text
    │   ├── BinaryInputError     the file is not text
    │   └── RecordFormatError    a malformed JSONL line or CSV row
    ├── ModelError           the spaCy model is missing or broken
    ├── KnowledgeBaseError   a KB or gazetteer data file is malformed
    ├── StoreError           the database could not be opened or migrated
    ├── ExportError          an export format is unknown or its optional dependency missing
    └── GoldFormatError      a gold file for ``thucydides eval`` is malformed
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "ExportError",
    "GoldFormatError",
    "InputError",
    "KnowledgeBaseError",
    "ModelError",
    "RecordFormatError",
    "StoreError",
    "ThucydidesError",
]


class ThucydidesError(Exception):
    """Base of every error thucydides raises on purpose."""


class ConfigError(ThucydidesError):
    pass


class InputError(ThucydidesError):
    """An input could not be turned into an article. ``source`` says which."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.reason = message


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class RecordFormatError(InputError):
    pass


class ModelError(ThucydidesError):
    pass


class KnowledgeBaseError(ThucydidesError):
    pass


class StoreError(ThucydidesError):
    pass


class ExportError(ThucydidesError):
    pass


class GoldFormatError(ThucydidesError):
    pass
