"""The units of a scope where a condition holds, with the hits that make it hold.

The rule engine (``wpslint.rules.engine``) evaluates conditions as set algebra over these
mappings: a concept's hits grouped by unit (``Grouped``), the parts of ``any``, ``all`` and
``at_least`` together (``Joined``), units that hold without hits (``Bare``: ``where``,
``not``, ``heading``), hits close to one another (``Nearby``), and the parts of an ``any``
(``Either``), which may hold a ``near``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Set
from functools import cached_property
from itertools import chain

from wpslint.rules.matcher import Hit


def common(found: list[Units]) -> set[int]:
    """The units in every one of ``found`` (a new set, which the caller may change).

    Candidates are intersected first, so that a ``near`` works out only the units left.
    """
    first, *others = sorted(found, key=lambda units: len(units.candidates))
    common = set(first.candidates)
    common.intersection_update(*(units.candidates for units in others))
    for lazy in (units for units in found if units.lazy):
        common = {unit for unit in common if unit in lazy}
    return common


class Units(Mapping[int, list[Hit]]):
    """The units of a scope where a condition holds, with the hits that make it hold.

    The units are a set known up front; each unit's hits are worked out only when asked for.
    Set operations decide which units a condition holds in; most units only meet more set
    operations (an ``all`` around them), and few become evidence. Building every unit's hit
    list up front cost more than the rest of the rule evaluation on a long plan, where
    concepts have thousands of hits. A unit's hits come in no particular order and may
    repeat, except from ``sorted_hits``.
    """

    #: Whether telling members from the other candidates takes more than set operations
    #: (``near``, or an ``any`` holding one): ``common`` then asks about the units it leaves.
    lazy = False

    def __init__(self, members: Set[int]) -> None:
        #: Shared between mappings (``where`` holds where its condition does): never changed.
        self.members = members
        #: The units, or more of them when working them out takes more than set operations
        #: (``near``); a candidate that is not a member has no hits.
        self.candidates = members

    def __getitem__(self, unit: int) -> list[Hit]:
        if unit not in self:
            raise KeyError(unit)
        return self._hits_of(unit)

    def sorted_hits(self, unit: int) -> list[Hit]:
        """The hits of ``unit`` sorted, each once (what bisection needs)."""
        return sorted(set(self[unit]))

    def _hits_of(self, unit: int) -> list[Hit]:
        """The hits of a candidate unit."""
        raise NotImplementedError

    def has_hits(self, unit: int) -> bool:
        """Whether a candidate unit has hits (``where`` and ``not`` hold without any)."""
        return bool(self._hits_of(unit))

    def __contains__(self, unit: object) -> bool:
        return unit in self.members

    def __iter__(self) -> Iterator[int]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)


class Grouped(Units):
    """A concept's sorted hits by unit: ``hits[cuts[i]:cuts[i + 1]]`` lie in unit ``keys[i]``."""

    def __init__(self, hits: list[Hit], keys: list[int], cuts: list[int]) -> None:
        super().__init__(set(keys))
        self._keys = keys
        self._hits = hits
        self._cuts = cuts

    def _hits_of(self, unit: int) -> list[Hit]:
        index = bisect.bisect_left(self._keys, unit)
        return self._hits[self._cuts[index] : self._cuts[index + 1]]

    def has_hits(self, unit: int) -> bool:
        return True

    def sorted_hits(self, unit: int) -> list[Hit]:
        """The matcher's hits are sorted and unique already.

        Only asked about candidates (by ``Joined`` and ``Nearby``, tens of thousands of times
        on a long plan), so not checked for being one.
        """
        return self._hits_of(unit)


class Joined(Units):
    """The units where ``any``, ``all`` or ``at_least`` holds, with the hits of its parts."""

    def __init__(self, parts: list[Units], members: Set[int]) -> None:
        super().__init__(members)
        self._parts = [part for part in parts if part.candidates]

    def _hits_of(self, unit: int) -> list[Hit]:
        # Not kept: a unit's hits are rarely asked for twice.
        found: list[Hit] = []
        for part in self._parts:
            if unit in part.candidates:
                found += part._hits_of(unit)
        return found

    def has_hits(self, unit: int) -> bool:
        return any(unit in part.candidates and part.has_hits(unit) for part in self._parts)

    def sorted_hits(self, unit: int) -> list[Hit]:
        """Often a single part has hits in the unit: its sorted hits need no sorting again."""
        if unit not in self:
            raise KeyError(unit)
        lists = [
            hits
            for part in self._parts
            if unit in part.candidates and (hits := part.sorted_hits(unit))
        ]
        return lists[0] if len(lists) == 1 else sorted(set(chain.from_iterable(lists)))


class Either(Joined):
    """The units where ``any`` holds, with the hits of its parts.

    Its candidates are those of its parts. When a part's members take work to find (a
    ``near``), so do its own, and an ``all`` around it asks only about the units its other
    conditions leave: otherwise every ``near`` of an ``any`` measured distances in every
    unit where its concepts meet.
    """

    def __init__(self, parts: list[Units]) -> None:
        # Not ``super().__init__``: the members are worked out from the candidates.
        self._parts = [part for part in parts if part.candidates]
        self.candidates = set().union(*(part.candidates for part in self._parts))
        self.lazy = any(part.lazy for part in self._parts)

    @cached_property
    def members(self) -> Set[int]:  # type: ignore[override]
        if not self.lazy:
            return self.candidates
        return {unit for unit in self.candidates if unit in self}

    def __contains__(self, unit: object) -> bool:
        if not self.lazy:
            return unit in self.candidates
        return unit in self.candidates and any(unit in part for part in self._parts)


class Bare(Units):
    """Units without hits: where ``where``, ``not`` or ``heading`` holds (no evidence)."""

    def _hits_of(self, unit: int) -> list[Hit]:
        return []

    def has_hits(self, unit: int) -> bool:
        return False


class Nearby(Units):
    """The units where ``near`` holds, each with the hits found close enough (sorted).

    Whether it holds in a unit is worked out when asked for: an ``all`` around it asks only
    about the units where its other conditions hold.
    """

    lazy = True

    def __init__(self, parts: list[Units], within: int, candidates: set[int]) -> None:
        # Not ``super().__init__``: the members are worked out from the candidates.
        self.candidates = candidates
        self._sorters = [part.sorted_hits for part in parts]
        self._within = within
        self._picked: dict[int, list[Hit]] = {}

    @cached_property
    def members(self) -> Set[int]:  # type: ignore[override]
        return {unit for unit in self.candidates if self._hits_of(unit)}

    def __contains__(self, unit: object) -> bool:
        return unit in self.candidates and bool(self._hits_of(unit))  # type: ignore[arg-type]

    def _hits_of(self, unit: int) -> list[Hit]:
        found = self._picked.get(unit)
        if found is None:
            lists = [hits for sort in self._sorters if (hits := sort(unit))]
            found = self._picked[unit] = _window(lists, self._within)
        return found

    sorted_hits = _hits_of  # sorted by ``_window``


def _window(hit_lists: list[list[Hit]], within: int) -> list[Hit]:
    """Hits, one per list, at most ``within`` tokens from a hit of the first list.

    Hit lists are sorted, so the nearest hit to an anchor is found by bisection.
    """
    first, *others = hit_lists
    if not others:
        return list(first)  # each list is sorted, each hit once
    chosen: set[Hit] = set()
    for anchor in first:
        picks = [anchor]
        for hits in others:
            gap, nearest = _nearest(hits, anchor)
            if gap > within:
                break
            picks.append(nearest)
        else:
            chosen.update(picks)
    return sorted(chosen)


def _nearest(hits: list[Hit], anchor: Hit) -> tuple[int, Hit]:
    """The hit of a sorted list closest to ``anchor`` (the first of equals), and the tokens
    between them (0 when they touch or overlap)."""
    index = bisect.bisect_left(hits, anchor)
    start, end = anchor
    best, best_gap = anchor, -1  # until the first candidate
    # Hits before the anchor's place may end inside or after it: the three before it count.
    # (A conditional, not max(): this runs for every anchor, and calls cost.)
    for hit in hits[index - 3 if index > 3 else 0 : index + 1]:
        if hit[0] >= end:
            gap = hit[0] - end
        elif start >= hit[1]:
            gap = start - hit[1]
        else:
            gap = 0
        if best_gap < 0 or gap < best_gap:
            best, best_gap = hit, gap
    return best_gap, best
