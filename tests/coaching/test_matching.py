"""The ranking of coaches for an intake: the documented score, its reasons, the exclusions."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from careersupport.people.models import Individual
from coaching import matching, services
from coaching.models import Engagement
from tests.factories import (
    CoachProfileFactory,
    EngagementFactory,
    IndividualFactory,
    WindowFactory,
)

from .conftest import workday_windows

pytestmark = pytest.mark.django_db


def pool_coach(employer, name, **fields):
    profile = CoachProfileFactory(
        individual__employer=employer, individual__last_name=name, **fields
    )
    workday_windows(profile)
    return profile


def rank(person, **intake):
    intake = {"topics": [], "languages": ["en"]} | intake
    return matching.rank(person=person, **intake)


def names(suggestions):
    return [s.last_name for s in suggestions]


def test_the_score_orders_coaches_as_documented(employer, employee):
    pool_coach(employer, "Apt", specialties=["interview", "salary", "resume"], languages=["fr"])
    pool_coach(employer, "Bit", specialties=["interview", "salary"], languages=["fr"])
    pool_coach(employer, "Cue", specialties=["interview", "salary", "resume"], languages=["de"])
    pool_coach(employer, "Dim", specialties=[], languages=["fr"], time_zone="Asia/Tokyo")
    found = rank(employee, topics=["interview", "salary", "resume"], languages=["fr"])
    assert names(found) == ["Apt", "Bit", "Cue", "Dim"]
    apt, bit = found[0], found[1]
    assert apt.parts["topics"] == 40 and round(bit.parts["topics"], 1) == 26.7
    assert apt.parts["language"] == 20 and found[2].parts["language"] == 0
    assert found[3].parts["hours"] == 0  # eight hours apart: no working day in common


def test_each_suggestion_gives_its_reasons_in_words(employer, employee):
    pool_coach(
        employer,
        "Lis",
        specialties=["interview", "salary"],
        languages=["fr", "en"],
        time_zone="Europe/Lisbon",
        capacity=3,
    )
    (suggestion,) = rank(employee, topics=["interview", "salary", "resume"], languages=["fr"])
    assert suggestion.reasons_text == "2 of 3 topics · speaks French · 1 h apart · 3 places free"


def test_more_free_places_score_higher_up_to_five(employer, employee):
    roomy = pool_coach(employer, "Roomy", capacity=10)
    pool_coach(employer, "Busy", capacity=2)
    EngagementFactory(coach=roomy.individual, coachee__employer=employer)
    found = rank(employee)
    assert names(found) == ["Roomy", "Busy"]
    assert found[0].parts["places"] == 10 and found[1].parts["places"] == 4


def test_preferred_times_count_windows_moved_into_the_persons_zone(employer, employee):
    morning = CoachProfileFactory(individual__employer=employer, individual__last_name="Early")
    evening = CoachProfileFactory(individual__employer=employer, individual__last_name="Late")
    for day in range(5):
        WindowFactory(coach=morning, weekday=day, starts_at=time(8), ends_at=time(11))
        WindowFactory(coach=evening, weekday=day, starts_at=time(18), ends_at=time(20))
    found = rank(employee, days=[0, 2], parts=["evening"])
    assert names(found) == ["Late", "Early"]
    assert found[0].parts["times"] == 15 and found[1].parts["times"] == 0
    assert "free at your preferred times" in found[0].reasons


def test_a_stored_zone_this_host_cannot_load_counts_as_utc(employer, employee):
    # Written before the validator or by hand: one such row must not break the ranking.
    Individual.objects.filter(pk=employee.pk).update(time_zone="Mars/Olympus")
    employee.refresh_from_db()
    pool_coach(employer, "Utc", time_zone="UTC")
    pool_coach(employer, "Odd", time_zone="Atlantis/Lost")
    found = rank(employee)
    assert sorted(names(found)) == ["Odd", "Utc"]
    assert [s.facts["apart"] for s in found] == [0, 0]


def test_a_coach_at_capacity_or_paused_is_never_suggested(employer, employee):
    full = pool_coach(employer, "Full", capacity=1)
    EngagementFactory(coach=full.individual, coachee__employer=employer)
    asked = pool_coach(employer, "Asked", capacity=1)
    EngagementFactory(
        coach=asked.individual, coachee__employer=employer, status=Engagement.Status.REQUESTED
    )
    pool_coach(employer, "Paused", status="paused")
    pool_coach(employer, "Free")
    assert names(rank(employee)) == ["Free"]


def test_partners_are_matched_only_with_coaches_who_coach_partners(employer, partner):
    pool_coach(employer, "Yes", coaches_partners=True)
    pool_coach(employer, "No", coaches_partners=False)
    found = rank(partner)
    assert names(found) == ["Yes"] and "coaches partners" in found[0].reasons


def test_nobody_in_the_persons_reporting_line_is_suggested(employer, manager, employee, peer):
    director = IndividualFactory(employer=employer, last_name="Director")
    manager.manager = director
    manager.save()
    report = IndividualFactory(employer=employer, manager=employee, last_name="Report")
    for person in (director, manager, report, peer):
        CoachProfileFactory(individual=person, employer=employer, provider_name="")
    assert names(rank(employee)) == [peer.last_name]


def test_the_reporting_line_is_read_once_per_ranking(
    employer, employee, django_assert_max_num_queries
):
    for n in range(20):
        pool_coach(employer, f"Coach{n}")
    # The line (2), the pool, its places, its windows, the profiles shown: 6 for any size.
    with django_assert_max_num_queries(6):
        assert len(rank(employee)) == 20


def test_coaches_without_an_account_yet_are_not_suggested(employer, employee):
    pool_coach(employer, "Invited", individual__user=None)
    pool_coach(employer, "Ready")
    assert names(rank(employee)) == ["Ready"]


def test_a_coach_who_declined_is_not_suggested_again(employer, employee, coach_profile):
    engagement = EngagementFactory(
        coachee=employee, coach=coach_profile.individual, status=Engagement.Status.REQUESTED
    )
    other = pool_coach(employer, "Other")
    services.engagement_answer(
        engagement=engagement, actor=coach_profile.individual, accept=False, message="Full up."
    )
    engagement.refresh_from_db()
    assert [s.coach for s in matching.for_engagement(engagement)] == [other.individual]
    with pytest.raises(ValidationError, match="cannot take"):
        services.engagement_choose(
            engagement=engagement, actor=employee, coach=coach_profile.individual
        )
