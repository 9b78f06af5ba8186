"""Load the actor knowledge base and build its alias indexes.

The bundled files (``kb/data/*.jsonl``) are read first, then the user's files
(``Settings.kb_files``) in order; a user record replaces a bundled one with the same id.
Indexes are built once, at load:

- ``exact``: alias as written -> actor ids;
- ``normalised``: :meth:`NameKeys.normalise` of every alias (with and without leading
  titles, and without middle initials) -> actor ids;
- ``skeleton``: the transliteration skeleton -> actor ids (only skeletons long enough to
  say something, see :func:`skeleton_usable`);
- ``offices``: (office, country) -> the roles that hold it, and ``role_titles``.

Aliases listed in ``kb/data/ambiguous_aliases.txt`` (or a user file of the same name)
knowingly name several actors; the resolver decides them by context.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thucydides.errors import KnowledgeBaseError
from thucydides.kb.agents import AGENTS_FILE, AgentLexicon
from thucydides.kb.names import MIN_SKELETON, NameKeys, fold
from thucydides.kb.schema import Actor, Affiliation, Role, SchemaError, actor_from_dict

__all__ = [
    "BUNDLED_DIR",
    "KnowledgeBase",
    "RoleEntry",
    "load_knowledge_base",
    "read_actors",
    "skeleton_usable",
]

logger = logging.getLogger(__name__)

BUNDLED_DIR = Path(__file__).with_name("data")
AMBIGUOUS_FILE = "ambiguous_aliases.txt"


def skeleton_usable(skeleton: str, normalised: str) -> bool:
    """Whether a skeleton is specific enough to match on: 4+ letters, or 3 from a 6+ letter name."""
    return len(skeleton) >= MIN_SKELETON or (len(skeleton) == 3 and len(normalised.replace(" ", "")) >= 6)


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """One role of one actor, as found by office or title."""

    actor_id: str
    role: Role


def read_actors(path: str | Path) -> Iterator[Actor]:
    """Actors of one JSONL file; blank lines and ``#`` comment lines are skipped.

    Raises :class:`KnowledgeBaseError` with ``file:line`` and what is wrong.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read KB file {path}: {exc.strerror or exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise KnowledgeBaseError(
                    f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})"
                ) from None
            try:
                yield actor_from_dict(record, origin=f"{path.name}:{number}")
            except SchemaError as exc:
                actor_id = record.get("id") if isinstance(record, dict) else None
                which = f" (id {actor_id!r})" if isinstance(actor_id, str) else ""
                raise KnowledgeBaseError(f"{path}:{number}{which}: {exc}") from None


def _read_ambiguous(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {fold(line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")}


@dataclass(slots=True)
class KnowledgeBase:
    """All actors with their alias, office and title indexes. Treat as read-only."""

    actors: dict[str, Actor]
    lexicon: AgentLexicon
    ambiguous: frozenset[str] = frozenset()
    exact: dict[str, tuple[str, ...]] = field(default_factory=dict)
    normalised: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skeleton: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offices: dict[tuple[str, str | None], tuple[RoleEntry, ...]] = field(default_factory=dict)
    role_titles: dict[str, tuple[RoleEntry, ...]] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: organisation id -> the periods of the roles and affiliations that refer to it
    periods: dict[str, tuple[Role | Affiliation, ...]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    #: every country a name or demonym may mean ("congolese" -> COD, COG), for context to choose
    country_options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: a capital's normalised name -> its country's actor id ("ankara" -> "tur"), from the
    #: ``capital`` and ``capital_aliases`` keys of country records
    capitals: dict[str, str] = field(default_factory=dict)
    #: normalised demonyms of countries, one word each ("iraqi", "serb"): "Iraqis" is a people
    demonyms: frozenset[str] = frozenset()
    load_seconds: float = 0.0

    @classmethod
    def from_actors(
        cls,
        actors: Iterable[Actor],
        *,
        lexicon: AgentLexicon | None = None,
        ambiguous: Iterable[str] = (),
    ) -> KnowledgeBase:
        """Index the given actors (later ones replace earlier ones with the same id)."""
        by_id: dict[str, Actor] = {}
        for actor in actors:
            by_id[actor.id] = actor
        kb = cls(by_id, lexicon or AgentLexicon.load(AGENTS_FILE), frozenset(fold(a) for a in ambiguous))
        kb._build_indexes()
        return kb

    @property
    def keys(self) -> NameKeys:
        """The name normaliser every index was built with."""
        return self.lexicon.names

    def _build_indexes(self) -> None:
        exact: defaultdict[str, list[str]] = defaultdict(list)
        normalised: defaultdict[str, list[str]] = defaultdict(list)
        skeleton: defaultdict[str, list[str]] = defaultdict(list)
        offices: defaultdict[tuple[str, str | None], list[RoleEntry]] = defaultdict(list)
        titles: defaultdict[str, list[RoleEntry]] = defaultdict(list)
        members: defaultdict[str, list[str]] = defaultdict(list)
        periods: defaultdict[str, list[Role | Affiliation]] = defaultdict(list)
        keys = self.keys
        demonyms: set[str] = set()

        def add(index: defaultdict[str, list[str]], key: str, actor_id: str) -> None:
            if key and actor_id not in index[key]:
                index[key].append(actor_id)

        for actor in self.actors.values():
            for name in (*actor.names, *actor.demonyms):
                add(exact, name, actor.id)
                plain = keys.normalise(name)
                add(normalised, plain, actor.id)
                if actor.kind == "person":
                    words = keys.words(name, strip_titles=True)
                    add(normalised, " ".join(words), actor.id)
                    initials_dropped = [w for w in words if len(w) > 1]
                    if len(initials_dropped) >= 2:
                        add(normalised, " ".join(initials_dropped), actor.id)
                    stripped = " ".join(initials_dropped or words)
                else:
                    stripped = plain
                if name in actor.demonyms:
                    continue  # English adjectives, spelt one way: a skeleton only finds look-alikes
                skel = keys.skeleton(stripped)  # ("Ivorian" and the Syrian town of Afrin share one)
                if skeleton_usable(skel, stripped) and not _is_acronym(name):
                    add(skeleton, skel, actor.id)
            if actor.kind == "country" and actor.country:
                for name in (*actor.names, *actor.demonyms):
                    key = keys.normalise(name)
                    self.countries.setdefault(key, actor.country)
                    options = self.country_options.get(key, ())
                    if actor.country not in options:
                        self.country_options[key] = (*options, actor.country)
                for name in _capital_names(actor):
                    self.capitals.setdefault(keys.normalise(name), actor.id)
                demonyms.update(k for k in map(keys.normalise, actor.demonyms) if k.isalpha())
            for role in actor.roles:
                entry = RoleEntry(actor.id, role)
                offices[(role.office, role.country or actor.country)].append(entry)
                titles[keys.normalise(role.title)].append(entry)
                if role.organisation:
                    periods[role.organisation].append(role)
            for link in actor.affiliations:
                members[link.actor].append(actor.id)
                periods[link.actor].append(link)

        self.demonyms = frozenset(demonyms)
        self.exact = {k: tuple(v) for k, v in exact.items()}
        self.normalised = {k: tuple(v) for k, v in normalised.items()}
        self.skeleton = {k: tuple(v) for k, v in skeleton.items()}
        self.offices = {k: tuple(v) for k, v in offices.items()}
        self.role_titles = {k: tuple(v) for k, v in titles.items()}
        self.members = {k: tuple(v) for k, v in members.items()}
        self.periods = {k: tuple(v) for k, v in periods.items()}

    def active_on(self, actor_id: str, day: date | None) -> bool | None:
        """Whether an actor is in play at ``day``: a role it held then, else an affiliation of
        its own, else a role or affiliation of others referring to it. None when the KB has no dates.
        """
        actor = self.actors.get(actor_id)
        periods: tuple[Role | Affiliation, ...] = ()
        if actor is not None:
            periods = actor.roles or actor.affiliations
        periods = periods or self.periods.get(actor_id, ())
        if not periods:
            return None
        if day is None:
            return any(p.current for p in periods)
        return any(p.active_on(day) for p in periods)

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, if any."""
        return self.actors.get(actor_id)

    def __getitem__(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KnowledgeBaseError(f"no actor with id {actor_id!r} in the knowledge base") from None

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def is_ambiguous(self, alias: str) -> bool:
        """Whether an alias knowingly names several actors (listed, or shared in the indexes)."""
        return fold(alias.strip()) in self.ambiguous or len(self.exact.get(alias.strip(), ())) > 1

    def country_of(self, text: str) -> str | None:
        """The ISO alpha-3 code of a country name or demonym ("Libyan" -> "LBY")."""
        return self.countries.get(self.keys.normalise(text))

    def capital_of(self, text: str) -> Actor | None:
        """The country whose capital ``text`` names ("Ankara" -> Turkey), or None."""
        actor_id = self.capitals.get(self.keys.normalise(text))
        return self.actors.get(actor_id) if actor_id is not None else None

    def affiliated(self, actor_id: str) -> set[str]:
        """Ids linked to an actor: its affiliations, role organisations and its members."""
        actor = self.actors.get(actor_id)
        linked: set[str] = set(self.members.get(actor_id, ()))
        if actor is not None:
            linked.update(a.actor for a in actor.affiliations)
            linked.update(r.organisation for r in actor.roles if r.organisation)
        return linked

    def select(
        self, *, country: str | None = None, sector: str | None = None, kind: str | None = None
    ) -> list[Actor]:
        """Actors filtered by country, sector and kind (all optional), sorted by id."""
        return sorted(
            (
                a
                for a in self.actors.values()
                if (country is None or a.country == country.upper())
                and (sector is None or a.sector == sector.upper())
                and (kind is None or a.kind == kind)
            ),
            key=lambda a: a.id,
        )


def _capital_names(actor: Actor) -> list[str]:
    """The capital and its other spellings a country record lists (extra keys, strings only)."""
    capital = actor.extra.get("capital")
    others = actor.extra.get("capital_aliases") or []
    names = [capital, *others] if isinstance(others, list) else [capital]
    return [n for n in names if isinstance(n, str) and n.strip()]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= 6


def _bundled_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl")) if directory.is_dir() else []


def _load(files: tuple[str, ...], bundled: bool, lexicon_file: str) -> KnowledgeBase:
    started = time.perf_counter()
    actors: dict[str, Actor] = {}
    seen_at: dict[str, str] = {}
    ambiguous: set[str] = set()
    if bundled:
        for path in _bundled_files(BUNDLED_DIR):
            for actor in read_actors(path):
                if actor.id in seen_at:
                    raise KnowledgeBaseError(
                        f"{path.parent / actor.origin}: id {actor.id!r} is already used at "
                        f"{seen_at[actor.id]}; ids must be unique across the bundled KB files"
                    )
                seen_at[actor.id] = actor.origin
                actors[actor.id] = actor
        ambiguous |= _read_ambiguous(BUNDLED_DIR / AMBIGUOUS_FILE)
    for name in files:
        path = Path(name).expanduser()
        if path.is_dir():
            for sub in _bundled_files(path):
                actors.update((a.id, a) for a in read_actors(sub))
            ambiguous |= _read_ambiguous(path / AMBIGUOUS_FILE)
        elif path.name == AMBIGUOUS_FILE:
            ambiguous |= _read_ambiguous(path)
        else:
            actors.update((a.id, a) for a in read_actors(path))
    kb = KnowledgeBase.from_actors(
        actors.values(), lexicon=AgentLexicon.load(lexicon_file), ambiguous=ambiguous
    )
    kb.load_seconds = time.perf_counter() - started
    logger.debug("loaded %d actors in %.3f s", len(kb), kb.load_seconds)
    return kb


@functools.lru_cache(maxsize=8)
def _load_cached(files: tuple[str, ...], bundled: bool, lexicon_file: str) -> KnowledgeBase:
    return _load(files, bundled, lexicon_file)


def load_knowledge_base(
    files: Iterable[str | Path] = (),
    *,
    bundled: bool = True,
    lexicon: str | Path = AGENTS_FILE,
    cache: bool = True,
) -> KnowledgeBase:
    """The knowledge base from the bundled files plus ``files`` (JSONL files or folders of them).

    Loaded once per process for the same arguments (``cache=False`` forces a reload).
    """
    key = tuple(str(Path(f)) for f in files)
    if cache:
        return _load_cached(key, bundled, str(lexicon))
    return _load(key, bundled, str(lexicon))


def kb_summary(kb: KnowledgeBase) -> Mapping[str, int]:
    """Counts for ``actors list`` and logs."""
    kinds: defaultdict[str, int] = defaultdict(int)
    for actor in kb.actors.values():
        kinds[actor.kind] += 1
    return dict(kinds)
