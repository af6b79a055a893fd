"""Seeded samples of a stream: the best few items of however many, in memory bounded by how few.

Every item gets a key from a seeded hash of its name, so a sample depends on the seed and the names, never on
how many items came or on the interpreter (Python's own ``hash`` of a string changes from run to run).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
from typing import Generic, TypeVar

T = TypeVar("T")


class SeededKeys:
    """Sort keys: the same name and seed always give the same key, another seed an unrelated one."""

    def __init__(self, seed: str) -> None:
        # A blake2b key holds at most 64 bytes, and a seed names a file id of any length.
        self._key = hashlib.blake2b(seed.encode(), digest_size=32).digest()

    def __call__(self, name: str) -> int:
        return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8, key=self._key).digest(), "big")


class SmallestKeys(Generic[T]):
    """The ``size`` items with the smallest keys of all those offered, whatever order they came in (of equal
    keys, the first offered)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[int, int, T]] = []
        """(-key, -arrival, item): the worst item kept is on top, ready to be pushed out."""
        self._arrivals = itertools.count()

    def __len__(self) -> int:
        return len(self._heap)

    def offer(self, key: int, item: T) -> T | None:
        """Keeps ``item`` if its key is small enough. Returns the item this drops: the one pushed out, or
        ``item`` itself if it does not make the cut; None when the sample was not full."""
        entry = (-key, -next(self._arrivals), item)
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
            return None
        if entry <= self._heap[0]:
            return item
        return heapq.heapreplace(self._heap, entry)[2]

    def ranked(self) -> list[tuple[int, T]]:
        """The items kept with their keys, smallest key first."""
        return [(-key, item) for key, _, item in sorted(self._heap, reverse=True)]


class DistinctSample(Generic[T]):
    """A sample of at most ``size`` items of distinct names: the names with the smallest seeded keys, each
    with the item first offered under it."""

    def __init__(self, size: int, keys: SeededKeys) -> None:
        self._keys = keys
        self._smallest = SmallestKeys[tuple[str, T]](size)
        self._names: set[str] = set()

    def __len__(self) -> int:
        return len(self._smallest)

    def offer(self, name: str, item: T) -> None:
        if name in self._names:
            return
        dropped = self._smallest.offer(self._keys(name), (name, item))
        if dropped is None:
            self._names.add(name)
        elif dropped[0] != name:
            self._names.add(name)
            self._names.discard(dropped[0])

    def items(self) -> list[T]:
        """The items, in the order of their keys."""
        return [item for _, (_, item) in self._smallest.ranked()]
