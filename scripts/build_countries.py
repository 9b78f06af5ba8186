"""Build ``src/thucydides/kb/data/countries.jsonl`` (one-off; its output is committed).

The ISO part (alpha-2, alpha-3, ISO short and official names) comes from pycountry.
Everything a news reader needs beyond ISO -- the canonical English name, demonyms, common
and historical names, the Wikidata QID when certain -- is written by hand in
``scripts/country_extras.csv`` (one row per country: the 193 UN member states plus
Palestine, Kosovo, Taiwan, Western Sahara and the Holy See).

Run from the repository root::

    .venv/bin/python scripts/build_countries.py
"""

from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path
from typing import Any

import pycountry

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = Path(__file__).resolve().parent / "country_extras.csv"
OUTPUT = ROOT / "src" / "thucydides" / "kb" / "data" / "countries.jsonl"

#: Kosovo has no ISO 3166-1 code; XK / XKX are the user-assigned codes used by the EU,
#: the IMF and most data sets.
KOSOVO = {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo", "official_name": "Republic of Kosovo"}

#: ISO names we do not offer as aliases: politically loaded forms a news article would
#: not use to name the country.
REJECTED_ISO_NAMES = frozenset({"Taiwan, Province of China"})

SOURCE = "ISO 3166-1 via pycountry 26.2.16; names, demonyms and QIDs: thucydides editors"


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split(";") if part.strip()]


def _iso_names(alpha_3: str) -> tuple[str, list[str]]:
    """The alpha-2 code and the usable ISO names (no inverted 'Korea, Republic of' forms)."""
    if alpha_3 == KOSOVO["alpha_3"]:
        return KOSOVO["alpha_2"], [KOSOVO["name"], KOSOVO["official_name"]]
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        raise SystemExit(f"{alpha_3} is not an ISO 3166-1 alpha-3 code; fix {EXTRAS.name}")
    names = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if not value or "," in value or value in REJECTED_ISO_NAMES:
            continue
        value = re.sub(r"^the ", "", value)
        value = re.sub(r"\s*\(.*\)$", "", value)
        names.append(value)
    return str(country.alpha_2), names


def _dedupe(values: list[str], *, exclude: str) -> list[str]:
    seen = {exclude.casefold()}
    out = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def build_row(row: dict[str, str]) -> dict[str, Any]:
    alpha_3 = row["alpha3"].strip().upper()
    alpha_2, iso_names = _iso_names(alpha_3)
    name = row["name"].strip()
    entry: dict[str, Any] = {"id": alpha_3.lower()}
    if row["qid"].strip():
        entry["qid"] = row["qid"].strip()
    entry.update(
        {
            "name": name,
            "kind": "country",
            "aliases": _dedupe([*iso_names, *_split(row["aliases"])], exclude=name),
            "country": alpha_3,
            "alpha2": alpha_2,
            "sector": None,
            "demonyms": _split(row["demonyms"]),
            "source": SOURCE,
        }
    )
    return entry


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with EXTRAS.open(encoding="utf-8", newline="") as handle:
        rows = [build_row(row) for row in csv.DictReader(handle)]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8") as out:
        for entry in rows:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    logger.info("wrote %d countries to %s", len(rows), OUTPUT.relative_to(ROOT))


if __name__ == "__main__":
    main()
