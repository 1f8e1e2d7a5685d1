"""Small groups, on hand-built cells: hidden by size, and hidden by subtraction.

No database: `suppress` is a pure function of a family's cells."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from careersupport.reports.models import ALL, NO_DEPARTMENT
from careersupport.reports.suppression import MIN_GROUP, Split, _parents, suppress

JAN, FEB, MAR, Q1, Y = (date(2026, m, 1) for m in (1, 2, 3, 1, 1))
SALES, ENG, OPS = 11, 12, 13


def c(department=ALL, kind="", offering=ALL, grain="month", period=JAN):
    return (grain, period, department, kind, offering)


def hidden_of(cells, people=("n",), splits=()):
    return suppress(cells, people, splits)


def test_the_threshold_is_five():
    assert MIN_GROUP == 5


def test_a_group_under_five_is_hidden_and_zero_and_five_are_shown():
    assert hidden_of({c(): {"n": 4}}) == {c(): {"n"}}
    assert hidden_of({c(): {"n": 5}}) == {}
    assert hidden_of({c(): {"n": 0}}) == {}


def test_one_hidden_department_hides_a_second_so_the_total_does_not_give_it_away():
    # 12 in all: Sales 9, Engineering 3 -> Engineering by size, Sales by subtraction.
    cells = {c(): {"n": 12}, c(SALES): {"n": 9}, c(ENG): {"n": 3}}
    hidden = hidden_of(cells)
    assert hidden[c(ENG)] == {"n"} and hidden[c(SALES)] == {"n"}
    assert c() not in hidden  # the total alone is shown


def test_the_second_hidden_is_the_smallest_group_still_shown():
    cells = {c(): {"n": 30}, c(SALES): {"n": 20}, c(ENG): {"n": 2}, c(OPS): {"n": 8}}
    hidden = hidden_of(cells)
    assert set(hidden) == {c(ENG), c(OPS)}


def test_two_hidden_groups_that_make_fewer_than_five_together_hide_a_third():
    # Engineering 1 + Ops 2 = 3 would be the total minus Sales: Sales is hidden too.
    cells = {c(): {"n": 10}, c(SALES): {"n": 7}, c(ENG): {"n": 1}, c(OPS): {"n": 2}}
    assert set(hidden_of(cells)) == {c(SALES), c(ENG), c(OPS)}


def test_two_hidden_groups_of_five_together_are_enough():
    cells = {c(): {"n": 20}, c(SALES): {"n": 15}, c(ENG): {"n": 2}, c(OPS): {"n": 3}}
    assert set(hidden_of(cells)) == {c(ENG), c(OPS)}


def test_a_lone_part_with_nothing_to_hide_beside_it_hides_the_total():
    # The only department shown is "no department": no other part to hide beside it.
    cells = {c(): {"n": 8}, c(NO_DEPARTMENT): {"n": 3}}
    assert set(hidden_of(cells)) == {c(), c(NO_DEPARTMENT)}


def test_offerings_of_a_kind_and_kinds_of_the_total_are_partitions_too():
    cells = {
        c(): {"n": 40},
        c(kind="workshop"): {"n": 33},
        c(kind="eap"): {"n": 7},
        c(kind="workshop", offering=1): {"n": 30},
        c(kind="workshop", offering=2): {"n": 3},
    }
    hidden = hidden_of(cells)
    assert set(hidden) == {c(kind="workshop", offering=1), c(kind="workshop", offering=2)}


def test_months_of_a_quarter_are_a_partition():
    cells = {
        c(grain="quarter", period=Q1): {"n": 21},
        c(period=JAN): {"n": 10},
        c(period=FEB): {"n": 3},
        c(period=MAR): {"n": 8},
    }
    assert set(hidden_of(cells)) == {c(period=FEB), c(period=MAR)}


def test_a_share_whose_other_part_is_small_is_hidden():
    # 7 ended, 5 completed: the 2 who did not complete would be 7 - 5.
    cells = {c(): {"ended": 7, "completed": 5}}
    hidden = suppress(cells, ["ended", "completed"], [Split("ended", ("completed",))])
    assert hidden[c()] == {"completed", "ended-completed"}


def test_a_share_with_both_parts_of_five_or_more_is_shown():
    cells = {c(): {"ended": 10, "completed": 5}}
    assert suppress(cells, ["ended", "completed"], [Split("ended", ("completed",))]) == {}


def test_a_hidden_department_is_protected_in_every_partition_it_is_part_of():
    # Engineering's 2 in January: hidden by size; the January total (by department) and
    # Engineering's quarter (by month) must each hide a second figure.
    cells = {
        c(): {"n": 12},
        c(SALES): {"n": 10},
        c(ENG): {"n": 2},
        c(ENG, grain="quarter", period=Q1): {"n": 9},
        c(ENG, period=FEB): {"n": 7},
    }
    hidden = hidden_of(cells)
    assert c(SALES) in hidden and c(ENG, period=FEB) in hidden


def _partitions(cells, people):
    groups = defaultdict(list)
    for coord in cells:
        for dimension, parent in _parents(coord):
            if parent in cells:
                groups[(dimension, parent)].append(coord)
    return groups


def test_no_random_cube_leaves_a_small_group_recoverable():
    rng = random.Random(16)
    for _ in range(150):
        cells = {}
        for period, grain in [(JAN, "month"), (FEB, "month"), (MAR, "month"), (Q1, "quarter")]:
            kids = {d: rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 14]) for d in (SALES, ENG, OPS)}
            for d, n in kids.items():
                cells[c(d, grain=grain, period=period)] = {"n": n}
            cells[c(grain=grain, period=period)] = {"n": sum(kids.values())}
        hidden = {coord for coord, names in suppress(cells, ["n"]).items() if "n" in names}
        for coord, values in cells.items():
            assert coord in hidden or not 0 < values["n"] < MIN_GROUP
        for (_, parent), kids in _partitions(cells, ["n"]).items():
            if parent in hidden:
                continue
            gone = [cells[k]["n"] for k in kids if k in hidden]
            assert not gone or (len(gone) >= 2 and sum(gone) >= MIN_GROUP), (parent, gone)


def _plain_suppress(cells, people, splits=(), minimum=MIN_GROUP):
    """The rule as first written, node by node: the fast `suppress` must agree with it."""
    values = {}
    for coord, measures in cells.items():
        for name in people:
            values[(coord, name)] = int(measures.get(name) or 0)
        for split in splits:
            if split.complement:
                whole = int(measures.get(split.whole) or 0)
                part = int(measures.get(split.parts[0]) or 0)
                values[(coord, split.complement)] = max(whole - part, 0)
    groups = defaultdict(list)
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
    member_of = defaultdict(list)
    for index, (parent, kids) in enumerate(partitions):
        member_of[parent].append(index)
        for kid in kids:
            member_of[kid].append(index)
    hidden = {node for node, value in values.items() if 0 < value < minimum}
    queue = list(range(len(partitions)))
    while queue:
        index = queue.pop(0)
        parent, kids = partitions[index]
        if parent in hidden or not [k for k in kids if k in hidden]:
            continue
        hidden_kids = [k for k in kids if k in hidden]
        hidden_sum = sum(values[k] for k in hidden_kids)
        residual = values[parent] - sum(values[k] for k in kids if k not in hidden)
        if len(hidden_kids) >= 2 and hidden_sum >= minimum and not 0 < residual < minimum:
            continue
        shown = [k for k in kids if k not in hidden and values[k] > 0]
        target = min(shown, key=lambda k: (values[k], k)) if shown else parent
        hidden.add(target)
        for again in [index, *member_of[target]]:
            if again not in queue:
                queue.append(again)
    result = defaultdict(set)
    for coord, name in hidden:
        result[coord].add(name)
    return dict(result)


def test_the_fast_suppression_hides_exactly_what_the_plain_rule_hides():
    rng = random.Random(7)
    splits = [Split("n", ("placed",))]
    for _ in range(60):
        cells = {}
        for period, grain in [(JAN, "month"), (FEB, "month"), (Q1, "quarter"), (Y, "year")]:
            for kind, offerings in (("workshop", (101, 102)), ("training", (103,))):
                for department in (ALL, SALES, ENG, NO_DEPARTMENT):
                    for offering in (ALL, *offerings):
                        n = rng.choice([0, 1, 2, 3, 4, 5, 7, 12])
                        placed = rng.randint(0, n)
                        cells[c(department, kind, offering, grain, period)] = {
                            "n": n,
                            "placed": placed,
                        }
            for department in (ALL, SALES, ENG, NO_DEPARTMENT):
                cells[c(department, "", ALL, grain, period)] = {"n": rng.randint(0, 30)}
        people = ["n", "placed"]
        assert suppress(cells, people, splits) == _plain_suppress(cells, people, splits)
