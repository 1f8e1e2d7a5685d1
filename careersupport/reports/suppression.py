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

A figure that counts no one (the goals of a group, its sessions, a sum of its ratings) names
the count of the people it is about, and is hidden wherever that count is (`follow`): three
people's twelve goals are hidden like the three.

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
    """The measures to hide in each cell (complements included), as described above.

    At 50,000 people a family has some 600,000 nodes (a cell's measure), so they are numbered
    in their sorted order (every cell has every measure: node = cell's rank × measures +
    measure's rank) and partitions are lists of numbers. Partitions are checked, and the
    part to hide chosen, in the order of their sorted nodes: the result depends only on the
    figures. `tests/reports/test_suppression.py` holds the plain node-by-node version it
    must agree with."""
    people, splits = list(people), list(splits)
    complements = [s.complement for s in splits if s.complement]
    names = sorted({*people, *complements})
    rank = {name: i for i, name in enumerate(names)}
    width = len(names)
    coords = sorted(cells)
    coord_rank = {coord: i for i, coord in enumerate(coords)}
    values = [0] * (len(coords) * width)
    for i, coord in enumerate(coords):
        measures = cells[coord]
        base = i * width
        for name in people:
            values[base + rank[name]] = int(measures.get(name) or 0)
        for split in splits:
            if split.complement:
                whole = int(measures.get(split.whole) or 0)
                part = int(measures.get(split.parts[0]) or 0)
                values[base + rank[split.complement]] = max(whole - part, 0)

    # Each partition: its total's node and its parts' nodes, keyed by what it partitions.
    # Coordinates are visited in order, so each partition's parts come sorted.
    by_total: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    split_parts: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    for i, coord in enumerate(coords):
        for dimension, parent in _parents(coord):
            j = coord_rank.get(parent)
            if j is None:
                continue
            groups = by_total[dimension]
            for r in range(width):
                groups[j * width + r].append(i * width + r)
        for split in splits:
            parts = (*split.parts, *([split.complement] if split.complement else []))
            if split.whole in rank and all(p in rank for p in parts):
                kids = sorted(i * width + rank[p] for p in parts)
                split_parts[(i * width + rank[split.whole], parts)] = kids
    keyed: list[tuple[str, int, tuple[str, ...], list[int]]] = []
    for dimension in sorted({*by_total, *(["split"] if split_parts else [])}):
        if dimension == "split":
            keyed += [("split", t, parts, kids) for (t, parts), kids in sorted(split_parts.items())]
        else:
            keyed += [(dimension, t, (), kids) for t, kids in sorted(by_total[dimension].items())]
    partitions = [(total, kids) for _, total, _, kids in keyed]
    number_of = {(dim, total, parts): n for n, (dim, total, parts, _) in enumerate(keyed)}
    totals_of: dict[int, list[int]] = defaultdict(list)
    for n, (total, _) in enumerate(partitions):
        totals_of[total].append(n)

    def member_of(node: int) -> list[int]:
        """The partitions `node` is the total or a part of."""
        found = list(totals_of.get(node, ()))
        i, r = divmod(node, width)
        for dimension, parent in _parents(coords[i]):
            j = coord_rank.get(parent)
            n = number_of.get((dimension, j * width + r, ())) if j is not None else None
            if n is not None:
                found.append(n)
        for split in splits:
            parts = (*split.parts, *([split.complement] if split.complement else []))
            if names[r] in parts and split.whole in rank:
                n = number_of.get(("split", i * width + rank[split.whole], parts))
                if n is not None:
                    found.append(n)
        return sorted(found)

    hidden = [0 < value < minimum for value in values]
    queue = deque(range(len(partitions)))
    queued = set(queue)
    while queue:
        number = queue.popleft()
        queued.discard(number)
        total, kids = partitions[number]
        if hidden[total]:
            continue
        hidden_kids = [k for k in kids if hidden[k]]
        if not hidden_kids:
            continue
        hidden_sum = sum(values[k] for k in hidden_kids)
        residual = values[total] - sum(values[k] for k in kids if not hidden[k])
        if len(hidden_kids) >= 2 and hidden_sum >= minimum and not 0 < residual < minimum:
            continue
        shown = [k for k in kids if not hidden[k] and values[k] > 0]
        target = min(shown, key=lambda k: (values[k], k)) if shown else total
        hidden[target] = True
        for again in [number, *member_of(target)]:
            if again not in queued:
                queue.append(again)
                queued.add(again)

    result: dict[Coord, set[str]] = defaultdict(set)
    for node, is_hidden in enumerate(hidden):
        if is_hidden:
            i, r = divmod(node, width)
            result[coords[i]].add(names[r])
    return dict(result)


def follow(hidden: dict[Coord, set[str]], about: Mapping[str, str]) -> dict[Coord, set[str]]:
    """`hidden` with each measure of `about` (derived -> the people it is about) hidden too
    wherever its people are."""
    for names in hidden.values():
        names |= {derived for derived, people in about.items() if people in names}
    return hidden
