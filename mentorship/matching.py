"""Cohort matching: the assignment of mentees to mentors' free places with the highest total
score, by `scipy.optimize.linear_sum_assignment`. Plain data in, plain data out: no queries.

The cost matrix has one column per free place of every mentor (a mentor with two free places
has two identical columns, so capacities hold by construction) and one "nobody" column per
mentee at cost 0, so leaving a mentee unmatched is always possible and the solver maximises
the total score itself rather than the number of pairs first. An excluded pair costs far more
than any score, so it is never chosen over "nobody"; any pair the solver returns at that cost
is dropped all the same. Each mentee gets at most one row, so nobody is matched twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from .scoring import EXCLUSION_CODES, MenteeFacts, MentorFacts, Weights, score_matrix

FORBIDDEN = 1e9


@dataclass(frozen=True, slots=True)
class Assignment:
    pairs: dict[int, int]  # mentee index -> mentor index
    total: float

    @property
    def matched(self) -> int:
        return len(self.pairs)


def solve(scores: np.ndarray, allowed: np.ndarray, free: Sequence[int]) -> Assignment:
    """The optimal assignment for a score matrix, its allowed pairs and each mentor's free
    places: the largest total score; no mentor over their places, no mentee twice."""
    n = scores.shape[0]
    places = np.repeat(np.arange(scores.shape[1]), np.maximum(np.asarray(free, dtype=int), 0))
    if n == 0 or len(places) == 0:
        return Assignment({}, 0.0)
    cost = np.where(allowed[:, places], -scores[:, places], FORBIDDEN)
    # The "nobody" columns: one per mentee, free of cost.
    cost = np.hstack([cost, np.zeros((n, n))])
    rows, cols = linear_sum_assignment(cost)
    pairs = {}
    total = 0.0
    for i, c in zip(rows, cols, strict=True):
        if c < len(places) and cost[i, c] < FORBIDDEN and allowed[i, places[c]]:
            pairs[int(i)] = int(places[c])
            total += float(scores[i, places[c]])
    return Assignment(pairs, total)


def greedy(scores: np.ndarray, allowed: np.ndarray, free: Sequence[int]) -> Assignment:
    """First come, first served: each mentee in turn takes their best mentor with a place."""
    left = list(free)
    pairs, total = {}, 0.0
    for i in range(scores.shape[0]):
        best = -1
        for j in np.argsort(-scores[i], kind="stable"):
            if allowed[i, j] and left[j] > 0:
                best = int(j)
                break
        if best >= 0:
            left[best] -= 1
            pairs[i] = best
            total += float(scores[i, best])
    return Assignment(pairs, total)


@dataclass(frozen=True, slots=True)
class CohortResult:
    optimal: Assignment
    greedy: Assignment
    scores: np.ndarray
    codes: np.ndarray
    unmatched_reasons: dict[int, str]


def match_cohort(
    mentees: Sequence[MenteeFacts],
    mentors: Sequence[MentorFacts],
    weights: Weights,
    language_names: dict[str, str] | None = None,
) -> CohortResult:
    """Score the cohort, solve it, compare with greedy and say why each unmatched mentee is."""
    scores, codes = score_matrix(mentees, mentors, weights)
    allowed = codes == 0
    free = [0 if m.paused else m.free for m in mentors]
    optimal = solve(scores, allowed, free)
    first_come = greedy(scores, allowed, free)
    reasons = {
        i: unmatched_reason(mentees[i], codes[i], mentors, language_names or {})
        for i in range(len(mentees))
        if i not in optimal.pairs
    }
    return CohortResult(optimal, first_come, scores, codes, reasons)


def unmatched_reason(
    mentee: MenteeFacts,
    codes: np.ndarray,
    mentors: Sequence[MentorFacts],
    language_names: dict[str, str],
) -> str:
    """Why nobody was proposed to this mentee, in words HR can act on."""
    available = [j for j, m in enumerate(mentors) if not m.paused and m.free > 0 and codes[j] != 1]
    if not available:
        return "No mentor has a free place in this programme."
    fitting = [j for j in available if codes[j] == 0]
    if fitting:
        return (
            f"All {len(fitting)} fitting mentor{'s are' if len(fitting) != 1 else ' is'} "
            "full with pairs that score higher; add places or mentors to match them."
        )
    counts = Counter(EXCLUSION_CODES[codes[j]] for j in available)
    language = language_names.get(mentee.language, mentee.language)
    words = {
        "language": f"no available mentor speaks {language}",
        "timezone": f"no available mentor is within {mentee.max_tz_difference} hours of their time zone",
        "partner": "no available mentor is open to mentoring partners",
        "line": "the available mentors are in their reporting line",
        "avoid": "the only fitting mentors are their current or poor-fit mentors",
        "employer": "no mentor of their employer is available",
    }
    ranked = [words[code] for code, _ in counts.most_common() if code in words]
    if not ranked:
        return "No mentor fits the rules of the programme."
    if len(ranked) == 1 or counts.most_common()[0][1] == len(available):
        return ranked[0][0].upper() + ranked[0][1:] + "."
    return ranked[0][0].upper() + ranked[0][1:] + "; the others: " + ", ".join(ranked[1:3]) + "."
