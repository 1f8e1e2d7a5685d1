"""Nobody but the owner sees an application, a contact, a résumé or a salary note: not the
other partner, not HR, not the manager, not another employer (404); a coach sees what the
owner shared with them while the engagement is active."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careersupport.jobsearch import services
from careersupport.jobsearch.selectors import next_steps, stage_counts
from tests.factories import CoachProfileFactory, EngagementFactory, IndividualFactory

from .conftest import end, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(partner, application):
    """The partner's application with a contact, a résumé and salary research."""
    contact = services.contact_create(application=application, actor=partner, name="Rae Recruiter")
    resume = services.resume_upload(application=application, actor=partner, upload=pdf())
    services.salary_research_save(
        application=application, actor=partner, target="65000", walk_away="55000"
    )
    return application, contact, resume


def pages(application, contact, resume) -> dict[str, str]:
    return {
        "application": reverse("jobsearch:application", args=[application.pk]),
        "contact": reverse("jobsearch:contact-edit", args=[application.pk, contact.pk]),
        "resume": reverse("jobsearch:resume-download", args=[resume.pk]),
        "salary": reverse("jobsearch:salary", args=[application.pk]),
    }


def test_the_owner_opens_every_page(client_for, partner, full):
    client = client_for(partner)
    for url in pages(*full).values():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "who", ["employee", "manager", "hr_admin", "peer", "coach", "outsider", "outsider_hr"]
)
def test_nobody_else_sees_any_of_it(request, client_for, full, who):
    """The other partner (the employee), the manager, HR, a colleague, a coach without an
    active engagement, another employer: 404 on every page, even where they have a tracker."""
    person = request.getfixturevalue(who)
    client = client_for(person)
    for name, url in pages(*full).items():
        assert client.get(url).status_code == 404, name


def test_the_other_partner_with_a_tracker_gets_404(client_for, employee, full):
    services.tracker_turn_on(person=employee, actor=employee)
    client = client_for(employee)
    for url in pages(*full).values():
        assert client.get(url).status_code == 404, url


def test_a_coach_sees_a_shared_application_while_the_engagement_is_active(
    client_for, partner, coaching, full
):
    application = full[0]
    services.application_update(application=application, actor=partner, shared_with_coach=True)
    client = client_for(coaching.coach)
    response = client.get(reverse("jobsearch:application", args=[application.pk]))
    assert response.status_code == 200 and "Rae Recruiter" in response.text
    assert client.get(reverse("jobsearch:resume-download", args=[full[2].pk])).status_code == 200
    assert "Salary research" not in response.text  # shared on its own


def test_a_coach_sees_salary_research_only_when_it_is_shared(client_for, partner, coaching, full):
    application = full[0]
    services.application_update(application=application, actor=partner, shared_with_coach=True)
    services.salary_research_save(application=application, actor=partner, shared_with_coach=True)
    response = client_for(coaching.coach).get(
        reverse("jobsearch:application", args=[application.pk])
    )
    assert "Salary research" in response.text and "55000" in response.text


def test_a_coach_may_not_change_a_shared_application(client_for, partner, coaching, full):
    application = full[0]
    services.application_update(application=application, actor=partner, shared_with_coach=True)
    client = client_for(coaching.coach)
    assert client.get(reverse("jobsearch:salary", args=[application.pk])).status_code == 403
    response = client.post(
        reverse("jobsearch:application-move", args=[application.pk]), {"stage": "applied"}
    )
    assert response.status_code == 403


def test_a_coach_does_not_see_an_application_not_shared(client_for, coaching, full):
    response = client_for(coaching.coach).get(reverse("jobsearch:application", args=[full[0].pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("status", ["paused", "completed", "cancelled"])
def test_sharing_ends_with_the_engagement(client_for, partner, coaching, full, status):
    services.application_update(application=full[0], actor=partner, shared_with_coach=True)
    end(coaching, status)
    client = client_for(coaching.coach)
    assert client.get(reverse("jobsearch:application", args=[full[0].pk])).status_code == 404
    assert client.get(reverse("jobsearch:resume-download", args=[full[2].pk])).status_code == 404


def test_another_coach_sees_nothing(client_for, partner, coaching, full, employer):
    services.application_update(application=full[0], actor=partner, shared_with_coach=True)
    other = CoachProfileFactory(
        individual=IndividualFactory(employer=employer, kind="external")
    ).individual
    EngagementFactory(coachee=IndividualFactory(employer=employer), coach=other)
    assert (
        client_for(other).get(reverse("jobsearch:application", args=[full[0].pk])).status_code
        == 404
    )


def test_the_household_selectors_read_only_counts_and_next_steps(partner, application):
    services.application_set_next_step(
        application=application, actor=partner, next_step="Send portfolio", next_step_on=None
    )
    assert stage_counts(partner)["interested"] == 1
    assert next_steps(partner) == []  # no date: not a dated next step
