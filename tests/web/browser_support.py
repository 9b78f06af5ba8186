"""Helpers of the browser tests: the server handle, Chromium's path and flags, screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thucydides.store import Store

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "SCREENSHOTS", "TOKEN", "Server", "shoot"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
TOKEN = "browser-test-token"


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    store: Store
    token: str


def shoot(target: Any, name: str) -> Path:
    """Save a screenshot of a page or element as build/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path
