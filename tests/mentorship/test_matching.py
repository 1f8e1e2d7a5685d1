"""Optimality of cohort matching: on random small cohorts the solver's total equals the best
total an exhaustive search finds; capacities hold; nobody is matched twice."""

import itertools
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorship.matching import greedy, match_cohort, solve
from mentorship.scoring import MenteeFacts, MentorFacts, Weights


def best_by_search(scores, allowed, free) -> float:
    """Every way to give each mentee a mentor with a place, or nobody."""
    n, m = scores.shape
    best = 0.0
    for choice in itertools.product(range(-1, m), repeat=n):
        taken = Counter(j for j in choice if j >= 0)
        if any(taken[j] > free[j] for j in taken):
            continue
        if any(j >= 0 and not allowed[i, j] for i, j in enumerate(choice)):
            continue
        best = max(best, sum(scores[i, j] for i, j in enumerate(choice) if j >= 0))
    return best


cohorts = st.integers(1, 5).flatmap(
    lambda n: st.integers(1, 4).flatmap(
        lambda m: st.tuples(
            st.lists(st.lists(st.integers(0, 100), min_size=m, max_size=m), min_size=n, max_size=n),
            st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n),
            st.lists(st.integers(0, 3), min_size=m, max_size=m),
        )
    )
)


@settings(max_examples=200, deadline=None)
@given(cohorts)
def test_the_total_equals_the_best_found_by_exhaustive_search(cohort):
    scores, allowed, free = np.array(cohort[0], dtype=float), np.array(cohort[1]), cohort[2]
    result = solve(scores, allowed, free)
    assert np.isclose(result.total, best_by_search(scores, allowed, free))


@settings(max_examples=200, deadline=None)
@given(cohorts)
def test_capacities_hold_nobody_is_matched_twice_and_no_forbidden_pair_is_kept(cohort):
    scores, allowed, free = np.array(cohort[0], dtype=float), np.array(cohort[1]), cohort[2]
    for result in (solve(scores, allowed, free), greedy(scores, allowed, free)):
        per_mentor = Counter(result.pairs.values())
        assert all(per_mentor[j] <= free[j] for j in per_mentor)
        # Each mentee (a key) at most once, each a real row, and the total is the pairs' sum.
        assert set(result.pairs) <= set(range(scores.shape[0]))
        assert np.isclose(result.total, sum(scores[i, j] for i, j in result.pairs.items()))
        assert all(allowed[i, j] for i, j in result.pairs.items())


@settings(max_examples=100, deadline=None)
@given(cohorts)
def test_the_optimum_is_never_below_greedy(cohort):
    scores, allowed, free = np.array(cohort[0], dtype=float), np.array(cohort[1]), cohort[2]
    assert solve(scores, allowed, free).total >= greedy(scores, allowed, free).total - 1e-9


def test_the_solver_beats_first_come_when_the_first_mentee_takes_the_contested_mentor():
    scores = np.array([[90.0, 80.0], [85.0, 10.0]])
    allowed = np.ones((2, 2), dtype=bool)
    assert greedy(scores, allowed, [1, 1]).total == 100
    assert solve(scores, allowed, [1, 1]).total == 165


def mentee(pid, **kw):
    return MenteeFacts(person_id=pid, employer_id=1, **kw)


def mentor(pid, **kw):
    return MentorFacts(person_id=pid, employer_id=1, **{"capacity": 1, **kw})


def test_an_unmatched_mentee_is_told_nobody_speaks_their_language():
    result = match_cohort([mentee(1, language="de")], [mentor(9)], Weights(), {"de": "German"})
    assert result.unmatched_reasons == {0: "No available mentor speaks German."}


def test_an_unmatched_mentee_is_told_the_fitting_mentors_are_full():
    result = match_cohort([mentee(1), mentee(2)], [mentor(9)], Weights())
    assert list(result.unmatched_reasons.values()) == [
        "All 1 fitting mentor is full with pairs that score higher; add places or mentors to match them."
    ]


def test_an_unmatched_mentee_is_told_when_no_mentor_has_a_place():
    result = match_cohort([mentee(1)], [mentor(9, paused=True)], Weights())
    assert result.unmatched_reasons[0] == "No mentor has a free place in this programme."


def test_a_mentee_whose_only_mentor_is_in_their_line_is_told_so():
    result = match_cohort([mentee(1, line=frozenset({9}))], [mentor(9)], Weights())
    assert result.unmatched_reasons[0] == "The available mentors are in their reporting line."
