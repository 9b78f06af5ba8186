from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.config import Settings, load_settings, parse_override
from thucydides.errors import ConfigError


def test_layers_in_order(tmp_path: Path) -> None:
    toml = tmp_path / "t.toml"
    toml.write_text('db = "sqlite:///file.db"\nbatch_size = 4\n[api]\nport = 9000\n')
    env = {"THUCYDIDES_BATCH_SIZE": "8", "THUCYDIDES_MIN_CONFIDENCE": "0.3"}
    settings = load_settings(config_file=toml, environ=env, overrides={"min_confidence": "0.5"})
    assert settings.db == "sqlite:///file.db"  # file
    assert settings.batch_size == 8  # env beats file
    assert settings.min_confidence == 0.5  # --set beats env
    assert settings.api_port == 9000  # nested table flattened


def test_defaults_without_any_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_settings(environ={}) == Settings()


def test_unknown_key_lists_known_ones() -> None:
    with pytest.raises(ConfigError, match="known settings"):
        load_settings(environ={}, overrides={"bogus": "1"})


def test_bad_value_says_expected_type() -> None:
    with pytest.raises(ConfigError, match="expects int"):
        load_settings(environ={}, overrides={"batch_size": "many"})


def test_tuple_and_bool_values() -> None:
    settings = load_settings(environ={}, overrides={"stages": "actors,coding", "api_public_read": "yes"})
    assert settings.stages == ("actors", "coding")
    assert settings.api_public_read is True


def test_parse_override() -> None:
    assert parse_override("db = x") == ("db", "x")
    with pytest.raises(ConfigError):
        parse_override("novalue")


def test_fingerprint_ignores_db_and_api() -> None:
    assert Settings(db="sqlite:///a").fingerprint() == Settings(db="sqlite:///b", api_port=1).fingerprint()
    assert Settings(batch_size=1).fingerprint() != Settings(batch_size=2).fingerprint()
