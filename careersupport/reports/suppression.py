"""Small groups: no figure about fewer than `MIN_GROUP` people, and none that lets such a
group be worked out by subtraction. Pure functions over one family's roll-up cells.

A cell is a family's measures at one coordinate `(grain, period, department, kind, offering)`
(`ALL` = 0 for every department, every offering of the kind; `""` for every kind). Each
people-counting measure is protected in two steps:

1. **Primary**: a count of 1 to `MIN_GROUP - 1` people is hidden (0 is shown: it is no one).
2. **Secondary**, by subtraction: wherever a figure is the total of others, a *partition*
   (every department of the "all departments" figure; every kind of the total, every
   offering of its kind; every quarter of a year, every month of a quarter; the parts a
   family splits a measure into, such as the returners placed, extended or exited),
   one hidden part would be the total minus the parts shown. So in every partition whose
   total is shown, the hidden parts must be at least two and together at least `MIN_GROUP`
   people; until they are, the smallest part still shown is hidden too, or the total when no
   part is left to hide. This repeats until every partition holds, so a cell hidden for one
   partition is protected in the others as well.

A family declares a split where the rest of a group is itself a sensitive outcome: those who
did not return after parental leave (`Split("leave_ended", ("returned",))` gets the
complement measure `leave_ended-returned`, protected like any other), or the returners who
were placed, extended or exited. A share is then shown only when its numerator, its
denominator and its complement all are. Other shares (completion, response rate) are shown
when their numerator and denominator are. Counts of distinct people do not always add up
(someone in two kinds of offering counts once in the total); the rule is applied to those
totals all the same, which hides at least as much as exact arithmetic would need.

Known limit: each partition is protected on its own; the figures are not audited as a system
of equations across several partitions at once (a linear-programming audit).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .models import ALL
from .periods import parent_start

MIN_GROUP = 5  # the one threshold: reports never show a group smaller than this

Coord = tuple[str, date, int, str, int]  # grain, period, department, kind, offering
Node = tuple[Coord, str]


@dataclass(frozen=True)
class Split:
    """`whole` people split into `parts` (with one part, its complement is made)."""

    whole: str
    parts: tuple[str, ...]

    @property
    def complement(self) -> str | None:
        return f"{self.whole}-{self.parts[0]}" if len(self.parts) == 1 else None


def complement_name(whole: str, part: str) -> str:
    return f"{whole}-{part}"


def _parents(coord: Coord) -> Iterable[tuple[str, Coord]]:
    """(dimension, coordinate of the total) of each partition `coord` is a part of."""
    grain, period, department, kind, offering = coord
    if department != ALL:
        yield "department", (grain, period, ALL, kind, offering)
    if offering != ALL:
        yield "programme", (grain, period, department, kind, ALL)
    elif kind:
        yield "programme", (grain, period, department, "", ALL)
    up = parent_start(period, grain)
    if up is not None:
        yield "time", (up[0], up[1], department, kind, offering)


def suppress(
    cells: Mapping[Coord, Mapping[str, float]],
    people: Iterable[str],
    splits: Iterable[Split] = (),
    minimum: int = MIN_GROUP,
) -> dict[Coord, set[str]]:
    """The measures to hide in each cell (complements included), as described above."""
    people, splits = list(people), list(splits)
    values: dict[Node, int] = {}
    for coord, measures in cells.items():
        for name in people:
            values[(coord, name)] = int(measures.get(name) or 0)
        for split in splits:
            if split.complement:
                whole = int(measures.get(split.whole) or 0)
                part = int(measures.get(split.parts[0]) or 0)
                values[(coord, split.complement)] = max(whole - part, 0)

    # (what partitions, the total's node, which split) -> the parts' nodes
    groups: dict[tuple, list[Node]] = defaultdict(list)
    for node in values:
        coord, name = node
        for dimension, parent in _parents(coord):
            if (parent, name) in values:
                groups[(dimension, (parent, name), ())].append(node)
    for coord in cells:
        for split in splits:
            parts = (*split.parts, *([split.complement] if split.complement else []))
            groups[("split", (coord, split.whole), parts)] = [(coord, p) for p in parts]
    partitions = [(key[1], sorted(kids)) for key, kids in sorted(groups.items())]
    member_of: dict[Node, list[int]] = defaultdict(list)
    for index, (parent, kids) in enumerate(partitions):
        member_of[parent].append(index)
        for kid in kids:
            member_of[kid].append(index)

    hidden = {node for node, value in values.items() if 0 < value < minimum}
    queue = deque(range(len(partitions)))
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        parent, kids = partitions[index]
        if parent in hidden:
            continue
        hidden_kids = [k for k in kids if k in hidden]
        if not hidden_kids:
            continue
        hidden_sum = sum(values[k] for k in hidden_kids)
        residual = values[parent] - sum(values[k] for k in kids if k not in hidden)
        if len(hidden_kids) >= 2 and hidden_sum >= minimum and not 0 < residual < minimum:
            continue
        shown = [k for k in kids if k not in hidden and values[k] > 0]
        target = min(shown, key=lambda k: (values[k], k)) if shown else parent
        hidden.add(target)
        for again in [index, *member_of[target]]:
            if again not in queued:
                queue.append(again)
                queued.add(again)

    result: dict[Coord, set[str]] = defaultdict(set)
    for coord, name in hidden:
        result[coord].add(name)
    return dict(result)
