"""Résumé review and interview practice go to a coach through coaching, with the résumé
attached; the coach's comments come back on the application while the engagement is active."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careersupport.jobsearch import reminders, services
from careersupport.jobsearch.models import PreparationComment, PreparationRequest
from careersupport.notifications.models import Reminder
from coaching.models import Engagement

from .conftest import end, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def resume(partner, application):
    return services.resume_upload(application=application, actor=partner, upload=pdf())


def ask(client, application, **data):
    url = reverse("jobsearch:prepare", args=[application.pk])
    return client.post(url, {"kind": "resume_review", "message": "Is it too long?", **data})


def test_with_an_active_coach_the_request_goes_to_them(
    client_for, partner, application, resume, coaching
):
    response = ask(client_for(partner), application, resume=resume.pk)
    prep = PreparationRequest.objects.get()
    assert response["Location"] == prep.get_absolute_url()
    assert (prep.engagement, prep.resume) == (coaching, resume)
    told = Reminder.objects.get(kind=reminders.PREPARATION_NEW)
    assert told.recipient == coaching.coach and told.url == prep.get_absolute_url()


def test_without_a_coach_it_starts_coaching_and_shows_the_matches(
    client_for, partner, application, resume, coach_profile
):
    response = ask(client_for(partner), application, resume=resume.pk, languages=["en"])
    engagement = Engagement.objects.get(coachee=partner)
    assert response["Location"] == reverse("coaching:suggestions", args=[engagement.pk])
    assert "resume" in engagement.topics and engagement.status == "requested"
    assert PreparationRequest.objects.get().engagement == engagement
    page = client_for(partner).get(response["Location"])
    assert page.status_code == 200 and coach_profile.individual.full_name in page.text


def test_a_review_needs_a_resume(client_for, partner, application, coaching):
    response = ask(client_for(partner), application)
    assert response.status_code == 400 and "Attach the résumé" in response.text
    assert not PreparationRequest.objects.exists()


def test_the_coach_sees_the_request_and_its_resume_and_comments(
    client_for, partner, application, resume, coaching
):
    prep = services.preparation_request(
        application=application, actor=partner, kind="resume_review", resume=resume
    )
    coach = client_for(coaching.coach)
    assert coach.get(reverse("jobsearch:coach")).status_code == 200
    assert coach.get(resume.get_absolute_url()).status_code == 200
    response = coach.post(prep.get_absolute_url(), {"text": "Cut it to one page."})
    assert response.status_code == 302
    page = client_for(partner).get(application.get_absolute_url())
    assert "Cut it to one page." in page.text
    assert Reminder.objects.get(kind=reminders.PREPARATION_COMMENT).recipient == partner


def test_the_coach_loses_it_when_the_engagement_ends(
    client_for, partner, application, resume, coaching
):
    prep = services.preparation_request(
        application=application, actor=partner, kind="resume_review", resume=resume
    )
    end(coaching)
    coach = client_for(coaching.coach)
    assert coach.get(prep.get_absolute_url()).status_code == 404
    assert coach.post(prep.get_absolute_url(), {"text": "Late"}).status_code == 404
    assert coach.get(resume.get_absolute_url()).status_code == 404
    assert not PreparationComment.objects.exists()


@pytest.mark.parametrize("who", ["employee", "hr_admin", "manager", "outsider"])
def test_nobody_else_sees_the_request(
    request, client_for, partner, application, resume, coaching, who
):
    prep = services.preparation_request(
        application=application, actor=partner, kind="resume_review", resume=resume
    )
    assert client_for(request.getfixturevalue(who)).get(prep.get_absolute_url()).status_code == 404


def test_an_empty_comment_is_refused_beside_the_field(
    client_for, partner, application, resume, coaching
):
    prep = services.preparation_request(
        application=application, actor=partner, kind="interview_practice"
    )
    response = client_for(coaching.coach).post(prep.get_absolute_url(), {"text": ""})
    assert response.status_code == 400 and "This field is required" in response.text


def test_the_coach_marks_it_done_and_the_owner_withdraws_after_asking(
    client_for, partner, application, coaching
):
    done = services.preparation_request(
        application=application, actor=partner, kind="interview_practice"
    )
    client_for(coaching.coach).post(reverse("jobsearch:preparation-close", args=[done.pk, "done"]))
    done.refresh_from_db()
    assert done.status == "done"
    other = services.preparation_request(
        application=application, actor=partner, kind="interview_practice"
    )
    url = reverse("jobsearch:preparation-close", args=[other.pk, "withdrawn"])
    assert client_for(partner).get(url).status_code == 200  # asks first
    client_for(partner).post(url)
    other.refresh_from_db()
    assert other.status == "withdrawn"
    assert client_for(coaching.coach).get(other.get_absolute_url()).status_code == 404
