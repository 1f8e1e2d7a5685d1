"""The mentor–mentee score: plain data in, a number and its reasons out. No queries here.

A pair is first checked against the rules that are never bent (`EXCLUSIONS`): a mentor
who is paused or full, the mentee themselves, someone at another employer, anyone in the
mentee's reporting line (above or below), a mentor not open to partners for a partner, a
mentor who does not speak the language the mentee asked for, one farther away than the
mentee's time-zone range, and a mentor the mentee already has or was a poor fit with.

An allowed pair scores 0–100: the weighted mean of seven parts, each between 0 and 1, with
HR's weights for the programme (0–10 each):

| part | 1 when | 0 when |
|---|---|---|
| shared topics | the mentor covers every topic the mentee asked for | none (or none asked) |
| goal fit | the mentor's topics help with every kind of goal the mentee linked | none |
| department | the mentee's preference (same / another department) is met | it is not; no preference counts ½ |
| language | the mentor speaks the mentee's language (any language asked: ½) | — (a mismatch is excluded) |
| time-zone overlap | the same working hours (9–17) | no overlap (8 hours or more apart) |
| seniority gap | the mentor has 5–15 more years of experience | the same or less; falls off past 15 |
| free capacity | all of the mentor's places are free | one place left of many |

`score_matrix` computes the same numbers for a whole cohort at once with NumPy; a test
checks that both agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

EXCLUSIONS = {
    "self": "is the mentee",
    "employer": "works for another employer",
    "paused": "has paused mentoring",
    "full": "has no free place",
    "line": "is in the mentee's reporting line",
    "partner": "does not mentor partners",
    "language": "does not speak the mentee's language",
    "timezone": "is outside the mentee's time-zone range",
    "avoid": "is, or was a poor fit as, the mentee's mentor",
}
# Codes in the matrix of `score_matrix`: 0 allowed, then EXCLUSIONS in this order.
EXCLUSION_CODES = ["", *EXCLUSIONS]
PART_NAMES = ("topics", "goals", "department", "language", "timezone", "seniority", "capacity")
WORK_HOURS = 8.0


@dataclass(frozen=True, slots=True)
class Weights:
    topics: int = 5
    goals: int = 3
    department: int = 1
    language: int = 2
    timezone: int = 2
    seniority: int = 2
    capacity: int = 1

    def as_array(self) -> np.ndarray:
        return np.array([getattr(self, n) for n in PART_NAMES], dtype=float)

    @property
    def total(self) -> int:
        return sum(getattr(self, n) for n in PART_NAMES)


@dataclass(frozen=True, slots=True)
class MenteeFacts:
    person_id: int
    employer_id: int
    is_partner: bool = False
    department_id: int | None = None
    topics: frozenset[int] = frozenset()
    goal_categories: frozenset[str] = frozenset()
    language: str = ""  # "" for any
    department_preference: str = "any"  # any, same, other
    tz_offset: float = 0.0  # hours from UTC now
    max_tz_difference: int | None = None
    years: int | None = None
    line: frozenset[int] = frozenset()  # everyone above or below the mentee
    avoid: frozenset[int] = frozenset()  # mentors not to propose again


@dataclass(frozen=True, slots=True)
class MentorFacts:
    person_id: int
    employer_id: int
    department_id: int | None = None
    topics: frozenset[int] = frozenset()
    goal_categories: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset({"en"})
    tz_offset: float = 0.0
    years: int = 5
    capacity: int = 1
    active: int = 0
    paused: bool = False
    open_to_partners: bool = False

    @property
    def free(self) -> int:
        return max(self.capacity - self.active, 0)


@dataclass(frozen=True, slots=True)
class Labels:
    """Names for the reasons: topic names, goal-category and language labels."""

    topics: Mapping[int, str] = field(default_factory=dict)
    categories: Mapping[str, str] = field(default_factory=dict)
    languages: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evaluation:
    score: float  # 0–100; 0 when excluded
    reasons: tuple[str, ...] = ()
    excluded: str = ""  # a key of EXCLUSIONS, "" when allowed

    @property
    def allowed(self) -> bool:
        return not self.excluded


def tz_gap(a: float, b: float) -> float:
    """Hours between two UTC offsets, the short way round the clock."""
    d = abs(a - b) % 24
    return min(d, 24 - d)


def exclusion(mentee: MenteeFacts, mentor: MentorFacts) -> str:
    """The first rule the pair breaks, or "" when it may be suggested."""
    if mentor.person_id == mentee.person_id:
        return "self"
    if mentor.employer_id != mentee.employer_id:
        return "employer"
    if mentor.paused:
        return "paused"
    if mentor.free <= 0:
        return "full"
    if mentor.person_id in mentee.line:
        return "line"
    if mentee.is_partner and not mentor.open_to_partners:
        return "partner"
    if mentee.language and mentee.language not in mentor.languages:
        return "language"
    if (
        mentee.max_tz_difference is not None
        and tz_gap(mentee.tz_offset, mentor.tz_offset) > mentee.max_tz_difference
    ):
        return "timezone"
    if mentor.person_id in mentee.avoid:
        return "avoid"
    return ""


def _seniority(gap: float) -> float:
    if gap <= 0:
        return 0.0
    if gap < 5:
        return gap / 5
    if gap <= 15:
        return 1.0
    return max(0.0, 1 - (gap - 15) / 15)


def parts(mentee: MenteeFacts, mentor: MentorFacts) -> tuple[float, ...]:
    """The seven parts, each 0–1, in `PART_NAMES` order."""
    shared = len(mentee.topics & mentor.topics)
    topics = shared / len(mentee.topics) if mentee.topics else 0.0
    covered = len(mentee.goal_categories & mentor.goal_categories)
    goals = covered / len(mentee.goal_categories) if mentee.goal_categories else 0.0
    same = mentee.department_id is not None and mentee.department_id == mentor.department_id
    department = {"same": float(same), "other": float(not same)}.get(
        mentee.department_preference, 0.5
    )
    language = 1.0 if mentee.language else 0.5
    overlap = max(0.0, WORK_HOURS - tz_gap(mentee.tz_offset, mentor.tz_offset)) / WORK_HOURS
    seniority = _seniority(mentor.years - (mentee.years or 0))
    capacity = mentor.free / mentor.capacity if mentor.capacity else 0.0
    return (topics, goals, department, language, overlap, seniority, capacity)


def combine(values: Sequence[float], weights: Weights) -> float:
    total = weights.total
    if not total:
        return 0.0
    return (
        100 * sum(v * getattr(weights, n) for v, n in zip(values, PART_NAMES, strict=True)) / total
    )


def evaluate(
    mentee: MenteeFacts, mentor: MentorFacts, weights: Weights, labels: Labels | None = None
) -> Evaluation:
    """Whether the pair may be suggested, its score and the reasons, in words."""
    why_not = exclusion(mentee, mentor)
    if why_not:
        return Evaluation(0.0, (f"The mentor {EXCLUSIONS[why_not]}.",), why_not)
    values = parts(mentee, mentor)
    return Evaluation(combine(values, weights), _reasons(mentee, mentor, values, labels))


def _names(ids, names: Mapping, limit: int = 4) -> str:
    shown = sorted(names.get(i, str(i)) for i in ids)
    more = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" and {more} more" if more > 0 else "")


def _reasons(
    mentee: MenteeFacts, mentor: MentorFacts, values: tuple[float, ...], labels: Labels | None
) -> tuple[str, ...]:
    labels = labels or Labels()
    topics, goals, department, _, overlap, seniority, capacity = values
    out = []
    shared = mentee.topics & mentor.topics
    names = _names(shared, labels.topics)
    if shared and len(mentee.topics) == 1:
        out.append(f"Shares your topic: {names}")
    elif shared == mentee.topics and shared:
        out.append(f"Shares all {len(shared)} of your topics: {names}")
    elif shared:
        out.append(f"Shares {len(shared)} of your {len(mentee.topics)} topics: {names}")
    elif mentee.topics:
        out.append("Shares none of your topics")
    covered = mentee.goal_categories & mentor.goal_categories
    if covered:
        out.append(f"Helps with your {_names(covered, labels.categories).lower()} goals")
    if mentee.department_preference == "same":
        out.append("From your department" if department else "From another department")
    elif mentee.department_preference == "other":
        out.append("From another department" if department else "From your own department")
    if mentee.language:
        out.append(f"Speaks {labels.languages.get(mentee.language, mentee.language)}")
    gap = tz_gap(mentee.tz_offset, mentor.tz_offset)
    if gap == 0:
        out.append("Same working hours")
    else:
        hours = f"{gap:g} hour{'s' if gap != 1 else ''} apart"
        common = overlap * WORK_HOURS
        out.append(
            f"{hours}, {common:g} working hour{'s' if common != 1 else ''} in common"
            if common
            else f"{hours}, no working hours in common"
        )
    gap_years = mentor.years - (mentee.years or 0)
    if seniority >= 1:
        out.append(f"{gap_years} more years of experience")
    elif gap_years > 0:
        out.append(f"{gap_years} more year{'s' if gap_years != 1 else ''} of experience")
    else:
        out.append("No more experience than you")
    out.append(
        f"{mentor.free} of {mentor.capacity} place{'s' if mentor.capacity != 1 else ''} free"
    )
    return tuple(out)


# --- the same for many pairs at once ---------------------------------------------------------


@dataclass(slots=True)
class MentorTable:
    """Mentors as columns (one NumPy array per fact), for scoring thousands at once.

    `topics` is the mentors × `topic_ids` incidence matrix and `categories` the mentors ×
    `category_codes` one (the goal categories their topics help with). Built from facts
    (`from_facts`) or straight from database rows (`facts.mentor_table`)."""

    person_id: np.ndarray
    employer_id: np.ndarray
    department_id: np.ndarray  # -2 where none
    tz_offset: np.ndarray
    years: np.ndarray
    capacity: np.ndarray
    active: np.ndarray
    paused: np.ndarray
    open_to_partners: np.ndarray
    languages: np.ndarray  # ",en,de," per mentor
    topic_ids: np.ndarray
    topics: np.ndarray
    category_codes: list[str]
    categories: np.ndarray

    def __len__(self) -> int:
        return len(self.person_id)

    @property
    def free(self) -> np.ndarray:
        return np.maximum(self.capacity - self.active, 0)

    @classmethod
    def from_facts(cls, mentors: Sequence[MentorFacts]) -> MentorTable:
        topic_ids = sorted({t for x in mentors for t in x.topics})
        codes = sorted({c for x in mentors for c in x.goal_categories})
        return cls(
            person_id=np.array([x.person_id for x in mentors], dtype=np.int64),
            employer_id=np.array([x.employer_id for x in mentors], dtype=np.int64),
            department_id=np.array(
                [x.department_id if x.department_id is not None else -2 for x in mentors],
                dtype=np.int64,
            ),
            tz_offset=np.array([x.tz_offset for x in mentors], dtype=float),
            years=np.array([x.years for x in mentors], dtype=float),
            capacity=np.array([x.capacity for x in mentors], dtype=float),
            active=np.array([x.active for x in mentors], dtype=float),
            paused=np.array([x.paused for x in mentors], dtype=bool),
            open_to_partners=np.array([x.open_to_partners for x in mentors], dtype=bool),
            languages=np.array([f",{','.join(sorted(x.languages))}," for x in mentors], dtype=str),
            topic_ids=np.array(topic_ids, dtype=np.int64),
            topics=_incidence([x.topics for x in mentors], {t: i for i, t in enumerate(topic_ids)}),
            category_codes=codes,
            categories=_incidence(
                [x.goal_categories for x in mentors], {c: i for i, c in enumerate(codes)}
            ),
        )

    def facts(self, j: int) -> MentorFacts:
        """One mentor back as plain facts (for the reasons of a page of cards)."""
        return MentorFacts(
            person_id=int(self.person_id[j]),
            employer_id=int(self.employer_id[j]),
            department_id=None if self.department_id[j] == -2 else int(self.department_id[j]),
            # The matrices keep one dummy column when there is nothing to count.
            topics=frozenset(
                int(t) for t in self.topic_ids[self.topics[j, : len(self.topic_ids)] > 0]
            ),
            goal_categories=frozenset(
                c
                for c, on in zip(
                    self.category_codes,
                    self.categories[j, : len(self.category_codes)] > 0,
                    strict=True,
                )
                if on
            ),
            languages=frozenset(c for c in str(self.languages[j]).split(",") if c),
            tz_offset=float(self.tz_offset[j]),
            years=int(self.years[j]),
            capacity=int(self.capacity[j]),
            active=int(self.active[j]),
            paused=bool(self.paused[j]),
            open_to_partners=bool(self.open_to_partners[j]),
        )


def _incidence(sets: Sequence[frozenset], index: dict) -> np.ndarray:
    matrix = np.zeros((len(sets), max(len(index), 1)), dtype=np.float64)
    for row, members in enumerate(sets):
        for member in members:
            column = index.get(member)
            if column is not None:
                matrix[row, column] = 1.0
    return matrix


def score_matrix(
    mentees: Sequence[MenteeFacts],
    mentors: Sequence[MentorFacts] | MentorTable,
    weights: Weights,
) -> tuple[np.ndarray, np.ndarray]:
    """Scores (mentees × mentors, 0 where excluded) and the exclusion codes
    (`EXCLUSION_CODES` index, 0 where allowed), with the rules and parts of `evaluate`."""
    table = mentors if isinstance(mentors, MentorTable) else MentorTable.from_facts(mentors)
    n, m = len(mentees), len(table)
    if not n or not m:
        return np.zeros((n, m)), np.zeros((n, m), dtype=np.int8)
    topic_index = {int(t): i for i, t in enumerate(table.topic_ids)}
    te = _incidence([x.topics for x in mentees], topic_index)[:, : table.topics.shape[1]]
    asked = np.array([len(x.topics) for x in mentees], dtype=float)
    topics = np.divide(
        te @ table.topics.T, asked[:, None], out=np.zeros((n, m)), where=asked[:, None] > 0
    )
    cat_index = {c: i for i, c in enumerate(table.category_codes)}
    ge = _incidence([x.goal_categories for x in mentees], cat_index)[:, : table.categories.shape[1]]
    linked = np.array([len(x.goal_categories) for x in mentees], dtype=float)
    goals = np.divide(
        ge @ table.categories.T, linked[:, None], out=np.zeros((n, m)), where=linked[:, None] > 0
    )

    dept_e = np.array([x.department_id if x.department_id is not None else -1 for x in mentees])
    same = dept_e[:, None] == table.department_id[None, :]
    pref = np.array([x.department_preference for x in mentees])
    department = np.where(
        (pref == "same")[:, None], same, np.where((pref == "other")[:, None], ~same, 0.5)
    ).astype(float)
    has_language = np.array([bool(x.language) for x in mentees])
    language = np.broadcast_to(np.where(has_language, 1.0, 0.5)[:, None], (n, m))

    tz_e = np.array([x.tz_offset for x in mentees])
    gap = np.abs(tz_e[:, None] - table.tz_offset[None, :]) % 24
    gap = np.minimum(gap, 24 - gap)
    overlap = np.maximum(0.0, WORK_HOURS - gap) / WORK_HOURS

    years_e = np.array([x.years or 0 for x in mentees], dtype=float)
    diff = table.years[None, :] - years_e[:, None]
    seniority = np.where(
        diff <= 0,
        0.0,
        np.where(
            diff < 5, diff / 5, np.where(diff <= 15, 1.0, np.maximum(0.0, 1 - (diff - 15) / 15))
        ),
    )
    free = table.free
    capacity = np.broadcast_to(
        np.divide(free, table.capacity, out=np.zeros(m), where=table.capacity > 0)[None, :], (n, m)
    )

    w = weights.as_array()
    stacked = (topics, goals, department, language, overlap, seniority, capacity)
    scores = sum(part * weight for part, weight in zip(stacked, w, strict=True))
    scores = 100 * scores / w.sum() if w.sum() else np.zeros((n, m))

    codes = np.zeros((n, m), dtype=np.int8)

    def mark(mask: np.ndarray, reason: str) -> None:
        # The first rule broken wins, as in `exclusion`.
        codes[(codes == 0) & mask] = EXCLUSION_CODES.index(reason)

    person_e = np.array([x.person_id for x in mentees])
    mark(person_e[:, None] == table.person_id[None, :], "self")
    emp_e = np.array([x.employer_id for x in mentees])
    mark(emp_e[:, None] != table.employer_id[None, :], "employer")
    mark(np.broadcast_to(table.paused[None, :], (n, m)), "paused")
    mark(np.broadcast_to((free <= 0)[None, :], (n, m)), "full")
    line = np.zeros((n, m), dtype=bool)
    avoid = np.zeros((n, m), dtype=bool)
    for i, x in enumerate(mentees):
        if x.line:
            line[i] = np.isin(table.person_id, np.fromiter(x.line, dtype=np.int64))
        if x.avoid:
            avoid[i] = np.isin(table.person_id, np.fromiter(x.avoid, dtype=np.int64))
    mark(line, "line")
    partner_e = np.array([x.is_partner for x in mentees])
    mark(partner_e[:, None] & ~table.open_to_partners[None, :], "partner")
    speaks: dict[str, np.ndarray] = {}
    spoken = np.ones((n, m), dtype=bool)
    for i, x in enumerate(mentees):
        if x.language:
            if x.language not in speaks:
                speaks[x.language] = np.char.find(table.languages, f",{x.language},") >= 0
            spoken[i] = speaks[x.language]
    mark(~spoken, "language")
    limit = np.array(
        [x.max_tz_difference if x.max_tz_difference is not None else 99 for x in mentees]
    )
    mark(gap > limit[:, None], "timezone")
    mark(avoid, "avoid")
    scores = np.where(codes == 0, scores, 0.0)
    return scores, codes
