"""The mentor list, the matching review and HR's pair list keep their query count flat."""

import pytest
from django.urls import reverse

from mentorship import services
from mentorship.models import Mentorship
from tests.factories import IndividualFactory, MentorProfileFactory

from .conftest import enroll

pytestmark = pytest.mark.django_db


def mentors(employer, n, topic):
    profiles = [
        MentorProfileFactory(person__employer=employer, person__user=None, capacity=3)
        for _ in range(n)
    ]
    for p in profiles:
        p.topics.add(topic)
    return profiles


@pytest.mark.parametrize("size", [3, 40])
def test_the_ranked_mentor_list_keeps_query_count_flat(
    client_for, employee, programme, waiting, topic, django_assert_max_num_queries, size
):
    mentors(employee.employer, size, topic)
    client = client_for(employee)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("mentorship:find"), {"programme": programme.offering_id})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_the_matching_review_keeps_query_count_flat(
    client_for, hr_admin, programme, topic, django_assert_max_num_queries, size
):
    mentors(hr_admin.employer, size, topic)
    for _ in range(size):
        enroll(programme, IndividualFactory(employer=hr_admin.employer, user=None))
    run = services.run_start(programme=programme, actor=hr_admin)
    client = client_for(hr_admin)
    with django_assert_max_num_queries(12):
        assert client.get(run.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_the_hr_pair_list_keeps_query_count_flat(
    client_for, hr_admin, programme, topic, django_assert_max_num_queries, size
):
    for profile in mentors(hr_admin.employer, size, topic):
        mentee = IndividualFactory(employer=hr_admin.employer, user=None)
        enroll(programme, mentee)
        Mentorship.objects.create(
            employer=hr_admin.employer,
            programme=programme,
            mentee=mentee,
            mentor=profile.person,
            source="run",
            ends_on="2030-01-01",
        )
    client = client_for(hr_admin)
    for view in ("", "stalled", "poor_fit"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse("mentorship:manage-pairs"), {"view": view}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mentorship:manage-mentors")).status_code == 200
