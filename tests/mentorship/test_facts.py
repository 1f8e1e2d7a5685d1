"""The database turned into facts: the columnar table of the ranked list says what the
per-mentor facts say, and a cohort's reporting lines take one query."""

import numpy as np
import pytest

from careersupport.people.models import Individual
from mentorship.facts import cohort_lines, mentor_facts, mentor_table
from mentorship.scoring import MenteeFacts, MentorTable, Weights, score_matrix
from mentorship.selectors import ranked_mentors
from tests.factories import DepartmentFactory, IndividualFactory, MentorProfileFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_mentor_table_from_the_database_scores_like_the_facts(employer, employee, manager):
    dept = DepartmentFactory(employer=employer)
    topics = [
        TopicFactory(employer=employer, goal_categories=",role,"),
        TopicFactory(employer=employer),
    ]
    for i in range(6):
        profile = MentorProfileFactory(
            person__employer=employer,
            person__department=dept if i % 2 else None,
            person__time_zone=["Europe/Berlin", "Asia/Tokyo"][i % 2],
            languages=[",en,", ",de,en,"][i % 2],
            capacity=1 + i % 3,
            years_experience=3 * i,
            open_to_partners=i % 3 == 0,
        )
        profile.topics.set(topics[: i % 3])
    MentorProfileFactory(person__employer=employer, paused=True)
    mentee = MenteeFacts(
        person_id=employee.pk,
        employer_id=employer.pk,
        topics=frozenset({topics[0].pk}),
        goal_categories=frozenset({"role"}),
        language="de",
        years=2,
    )
    names = {}
    table = mentor_table(employer, names=names)
    facts = mentor_facts(employer)
    assert sorted(table.person_id.tolist()) == sorted(f.person_id for f in facts)
    by_id = {f.person_id: f for f in facts}
    ordered = [by_id[int(p)] for p in table.person_id]
    from_db, _ = score_matrix([mentee], table, Weights())
    from_facts, _ = score_matrix([mentee], MentorTable.from_facts(ordered), Weights())
    assert np.allclose(from_db, from_facts)
    assert all(table.facts(j) == ordered[j] for j in range(len(table)))
    assert names[topics[0].pk] == topics[0].name


def test_a_cohorts_reporting_lines_take_one_query(
    employer, manager, employee, django_assert_num_queries
):
    report_of_employee = IndividualFactory(employer=employer, manager=employee)
    with django_assert_num_queries(1):
        lines = cohort_lines([employee.pk], [manager.pk, report_of_employee.pk])
    assert lines[employee.pk] == {manager.pk, report_of_employee.pk}


def test_a_mentor_without_topics_comes_back_from_the_table_as_they_are(employer):
    profile = MentorProfileFactory(person__employer=employer)
    table = mentor_table(employer)
    assert table.facts(0) == mentor_facts(employer)[0]
    assert table.facts(0).person_id == profile.person_id


def test_a_stored_zone_this_host_cannot_load_counts_as_utc(employer, employee, programme):
    # Written before the validator or by hand: one such row must not break the suggestions.
    Individual.objects.filter(pk=employee.pk).update(time_zone="Mars/Olympus")
    employee.refresh_from_db()
    profile = MentorProfileFactory(person__employer=employer, person__time_zone="Atlantis/Lost")
    ranking = ranked_mentors(viewer=employee, programme=programme)
    assert [person for person, _ in ranking.order] == [profile.person_id]
    assert ranking.mentee.tz_offset == 0 and ranking.table.tz_offset.tolist() == [0.0]
