"""The actor knowledge base: records, loader, name keys, resolver and importers.

::

    from thucydides.kb import load_knowledge_base, Resolver

    kb = load_knowledge_base()                       # bundled files, once per process
    Resolver(kb).resolve("Fathi Pashaga")            # -> [Candidate(actor_id="fathi-bashagha", ...)]
"""

from __future__ import annotations

from thucydides.kb.agents import AgentLexicon, AgentMatch
from thucydides.kb.loader import BUNDLED_DIR, KnowledgeBase, load_knowledge_base, read_actors
from thucydides.kb.names import NameKeys, fold
from thucydides.kb.resolver import Candidate, Resolver
from thucydides.kb.schema import Actor, Affiliation, Role, actor_from_dict, actor_to_dict

__all__ = [
    "BUNDLED_DIR",
    "Actor",
    "Affiliation",
    "AgentLexicon",
    "AgentMatch",
    "Candidate",
    "KnowledgeBase",
    "NameKeys",
    "Resolver",
    "Role",
    "actor_from_dict",
    "actor_to_dict",
    "fold",
    "load_knowledge_base",
    "read_actors",
]
