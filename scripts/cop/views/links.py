"""Knowledge-base links in contributed Markdown (`topic:<id>`, `office:<CODE>`, ...): one table.

Three parts of the project read a reference: the link rule (`cop check` accepts the schemes
named here and judges their targets), the sanitizer (it passes exactly these schemes on to the
resolver, and drops any other non-web scheme) and the resolver (it turns a reference into an
address). All three read this table, so a scheme cannot be accepted by one and unknown to
another; a scheme without a place to lead to cannot be written down here.

This module imports no engine and nothing heavy: the checker imports it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import urls as where

if TYPE_CHECKING:
    from ..model import KnowledgeBase


@dataclass(frozen=True)
class Place:
    """Where a reference leads: a generated page (.md path) and an anchor on it, or an address off the site."""

    page: str | None = None
    anchor: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Scheme:
    name: str
    targets: Callable[[KnowledgeBase], Mapping[str, object]]  # the ids a reference may name
    place: Callable[[KnowledgeBase, str], Place]  # where a reference to one of those ids leads


class _EntryIds(Mapping):
    """The entries keyed as an `entry:` reference names them (`EP/program-claims`), without a copy."""

    def __init__(self, entries: Mapping[tuple[str, str], object]):
        self._entries = entries

    def __getitem__(self, key: str) -> object:
        office, slash, topic = key.partition("/")
        if not slash:
            raise KeyError(key)
        return self._entries[(office, topic)]

    def __iter__(self) -> Iterator[str]:
        return (f"{office}/{topic}" for office, topic in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _entry_place(kb: KnowledgeBase, value: str) -> Place:
    office, _, topic = value.partition("/")
    return Place(where.topic(topic), where.entry_anchor(office, topic))


SCHEMES: dict[str, Scheme] = {scheme.name: scheme for scheme in (
    Scheme("topic", lambda kb: kb.topics, lambda kb, v: Place(where.topic(v))),
    Scheme("office", lambda kb: kb.offices, lambda kb, v: Place(where.office(v))),
    Scheme("entry", lambda kb: _EntryIds(kb.entries), _entry_place),
    Scheme("case", lambda kb: kb.cases, lambda kb, v: Place(where.case(v))),
    Scheme("glossary", lambda kb: kb.terms, lambda kb, v: Place(where.glossary(), v)),
    # A source is an official document elsewhere: the reference leads to the document itself.
    Scheme("source", lambda kb: kb.sources, lambda kb, v: Place(url=kb.sources[v].url)),
    Scheme("workshop", lambda kb: kb.workshops, lambda kb, v: Place(where.workshop(v))),
)}

NAMES = tuple(SCHEMES)


def place(kb: KnowledgeBase, scheme: str, value: str) -> Place | None:
    """Where `scheme:value` leads, or None when the scheme is not ours or names nothing that exists."""
    known = SCHEMES.get(scheme)
    if known is None or value not in known.targets(kb):
        return None
    return known.place(kb, value)
