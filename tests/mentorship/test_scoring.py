"""The score, its reasons and every exclusion (plain data: no database)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorship.scoring import (
    Labels,
    MenteeFacts,
    MentorFacts,
    Weights,
    evaluate,
    exclusion,
    score_matrix,
)

W = Weights()
LABELS = Labels(
    topics={1: "Leadership", 2: "Python", 3: "Public speaking"}, languages={"de": "German"}
)


def mentee(**kw):
    return MenteeFacts(**{"person_id": 1, "employer_id": 1, **kw})


def mentor(**kw):
    return MentorFacts(**{"person_id": 2, "employer_id": 1, "capacity": 2, "years": 12, **kw})


def test_shared_topics_raise_the_score_and_are_named():
    asked = mentee(topics=frozenset({1, 2}))
    both = evaluate(asked, mentor(topics=frozenset({1, 2})), W, LABELS)
    one = evaluate(asked, mentor(topics=frozenset({1})), W, LABELS)
    assert both.score > one.score
    assert "Shares all 2 of your topics: Leadership, Python" in both.reasons
    assert "Shares 1 of your 2 topics: Leadership" in one.reasons


def test_every_reason_is_given_in_words():
    result = evaluate(
        mentee(
            topics=frozenset({1}),
            language="de",
            department_preference="same",
            department_id=5,
            goal_categories=frozenset({"role"}),
            years=2,
        ),
        mentor(
            topics=frozenset({1}),
            languages=frozenset({"de"}),
            department_id=5,
            goal_categories=frozenset({"role"}),
            tz_offset=1.0,
        ),
        W,
        Labels(
            topics={1: "Leadership"},
            categories={"role": "Role or promotion"},
            languages={"de": "German"},
        ),
    )
    assert result.reasons == (
        "Shares your topic: Leadership",
        "Helps with your role or promotion goals",
        "From your department",
        "Speaks German",
        "1 hour apart, 7 working hours in common",
        "10 more years of experience",
        "2 of 2 places free",
    )


def test_a_perfect_pair_scores_100():
    perfect = evaluate(
        mentee(
            topics=frozenset({1}),
            goal_categories=frozenset({"skill"}),
            language="en",
            department_preference="other",
            department_id=1,
            years=0,
        ),
        mentor(topics=frozenset({1}), goal_categories=frozenset({"skill"}), department_id=2),
        W,
    )
    assert round(perfect.score, 6) == 100


def test_weights_decide_what_counts():
    topics_only = Weights(
        topics=1, goals=0, department=0, language=0, timezone=0, seniority=0, capacity=0
    )
    asked = mentee(topics=frozenset({1, 2}))
    assert evaluate(asked, mentor(topics=frozenset({1})), topics_only).score == 50


def test_a_closer_time_zone_scores_higher():
    near = evaluate(mentee(), mentor(tz_offset=1), W).score
    far = evaluate(mentee(), mentor(tz_offset=9), W).score
    assert near > far


def test_the_time_gap_goes_the_short_way_round_the_clock():
    reasons = evaluate(mentee(tz_offset=-11), mentor(tz_offset=12), W).reasons
    assert "1 hour apart, 7 working hours in common" in reasons


def test_seniority_falls_off_for_a_mentor_with_no_more_experience():
    junior = evaluate(mentee(years=10), mentor(years=8), W)
    senior = evaluate(mentee(years=2), mentor(years=12), W)
    assert senior.score > junior.score
    assert "No more experience than you" in junior.reasons


def test_free_capacity_prefers_the_emptier_mentor():
    assert (
        evaluate(mentee(), mentor(capacity=3), W).score
        > evaluate(mentee(), mentor(capacity=3, active=2), W).score
    )


EXCLUDED = [
    ("self", mentee(), mentor(person_id=1)),
    ("employer", mentee(), mentor(employer_id=2)),
    ("paused", mentee(), mentor(paused=True)),
    ("full", mentee(), mentor(capacity=2, active=2)),
    ("line", mentee(line=frozenset({2})), mentor()),
    ("partner", mentee(is_partner=True), mentor(open_to_partners=False)),
    ("language", mentee(language="de"), mentor(languages=frozenset({"en"}))),
    ("timezone", mentee(max_tz_difference=3), mentor(tz_offset=5)),
    ("avoid", mentee(avoid=frozenset({2})), mentor()),
]


def test_every_exclusion_is_refused_with_its_reason():
    for code, who, whom in EXCLUDED:
        result = evaluate(who, whom, W)
        assert (result.excluded, result.score) == (code, 0.0), code
        assert result.reasons[0].startswith("The mentor "), code


def test_a_partner_may_have_a_mentor_open_to_partners():
    assert exclusion(mentee(is_partner=True), mentor(open_to_partners=True)) == ""


def test_the_matrix_marks_every_exclusion_as_the_pair_function_does():
    from mentorship.scoring import EXCLUSION_CODES

    for code, who, whom in EXCLUDED:
        _, codes = score_matrix([who], [whom], W)
        assert EXCLUSION_CODES[codes[0, 0]] == code


ids = st.frozensets(st.integers(1, 5), max_size=4)
cats = st.frozensets(st.sampled_from(["skill", "role", "education"]), max_size=3)
mentees_st = st.builds(
    MenteeFacts,
    person_id=st.integers(1, 6),
    employer_id=st.just(1),
    is_partner=st.booleans(),
    department_id=st.one_of(st.none(), st.integers(1, 3)),
    topics=ids,
    goal_categories=cats,
    language=st.sampled_from(["", "en", "de"]),
    department_preference=st.sampled_from(["any", "same", "other"]),
    tz_offset=st.sampled_from([-5.0, 0.0, 1.0, 5.5, 9.0]),
    max_tz_difference=st.one_of(st.none(), st.integers(0, 12)),
    years=st.one_of(st.none(), st.integers(0, 30)),
    line=st.frozensets(st.integers(1, 12), max_size=3),
    avoid=st.frozensets(st.integers(1, 12), max_size=2),
)
mentors_st = st.builds(
    MentorFacts,
    person_id=st.integers(1, 12),
    employer_id=st.sampled_from([1, 1, 1, 2]),
    department_id=st.one_of(st.none(), st.integers(1, 3)),
    topics=ids,
    goal_categories=cats,
    languages=st.frozensets(st.sampled_from(["en", "de", "fr"]), min_size=1),
    tz_offset=st.sampled_from([-5.0, 0.0, 1.0, 5.5, 9.0]),
    years=st.integers(0, 40),
    capacity=st.integers(1, 3),
    active=st.integers(0, 3),
    paused=st.booleans(),
    open_to_partners=st.booleans(),
)
weights_st = st.builds(Weights, *[st.integers(0, 10)] * 7)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(mentees_st, min_size=1, max_size=4),
    st.lists(mentors_st, min_size=1, max_size=4),
    weights_st,
)
def test_the_matrix_agrees_with_the_pair_function(mentees, mentors, weights):
    scores, codes = score_matrix(mentees, mentors, weights)
    for i, e in enumerate(mentees):
        for j, m in enumerate(mentors):
            result = evaluate(e, m, weights)
            assert np.isclose(scores[i, j], result.score)
            assert (codes[i, j] == 0) == result.allowed
