"""Surveys go out when something ends for a person, once, with one reminder five days later,
through notifications; from every registered source."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.reports.models import LEAVE_RETURN, SurveyInvitation, SurveyQuestion
from careersupport.reports.registry import survey_sources
from careersupport.reports.reminders import SURVEY, SURVEY_REMINDER
from careersupport.reports.services import surveys_publish
from programs.models import SessionRegistration
from tests.factories import (
    EnrollmentFactory,
    LeavePolicyFactory,
    LeaveRequestFactory,
    OfferingFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_every_source_is_registered():
    assert {"programs.enrollment", "requests.leave_return"} <= set(survey_sources())


def test_beat_publishes_surveys_every_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["reports-publish-surveys"]
    assert entry == {"task": "reports.publish_surveys", "schedule": 3600.0}


def _completed(person, **offering):
    return EnrollmentFactory(
        offering=OfferingFactory(employer=person.employer, **offering),
        person=person,
        status="completed",
        ended_at=timezone.now() - timedelta(hours=2),
    )


def test_a_completed_offering_sends_one_survey_and_one_reminder(employee):
    enrollment = _completed(employee, title="Negotiation basics")
    assert surveys_publish(employer=employee.employer) == 1
    invitation = SurveyInvitation.objects.get()
    assert (invitation.person, invitation.source_id, invitation.offering) == (
        employee,
        enrollment.pk,
        enrollment.offering,
    )
    survey, later = (Reminder.objects.get(kind=k) for k in (SURVEY, SURVEY_REMINDER))
    assert survey.send_email and "Negotiation basics" in survey.title
    assert later.due_at - survey.due_at == timedelta(days=5)
    assert survey.url == invitation.get_absolute_url()


def test_it_is_sent_once_however_often_the_job_runs(employee):
    _completed(employee)
    surveys_publish(employer=employee.employer)
    assert surveys_publish(employer=employee.employer) == 0
    assert SurveyInvitation.objects.count() == 1 and Reminder.objects.count() == 2


def test_what_ended_long_ago_is_not_surveyed(employee):
    enrollment = _completed(employee)
    enrollment.ended_at = timezone.now() - timedelta(days=40)
    enrollment.save(update_fields=["ended_at"])
    assert surveys_publish(employer=employee.employer) == 0


def test_an_eap_survey_stays_in_the_inbox(employee):
    _completed(employee, kind="eap", is_confidential=True, title="EAP")
    surveys_publish(employer=employee.employer)
    assert not Reminder.objects.filter(send_email=True).exists()
    assert Reminder.objects.filter(confidential=True).count() == 2


def test_an_event_is_surveyed_after_the_last_session_registered_for(employee, peer):
    offering = OfferingFactory(employer=employee.employer)
    past = SessionFactory(
        offering=offering,
        starts_at=timezone.now() - timedelta(days=1, hours=2),
        ends_at=timezone.now() - timedelta(days=1),
    )
    coming = SessionFactory(offering=offering)
    for person in (employee, peer):
        EnrollmentFactory(offering=offering, person=person)
        SessionRegistration.objects.create(session=past, person=person)
    SessionRegistration.objects.create(session=coming, person=peer)
    surveys_publish(employer=employee.employer)
    assert [i.person for i in SurveyInvitation.objects.all()] == [employee]


def test_a_recorded_return_from_leave_is_surveyed_in_the_inbox(employee):
    policy = LeavePolicyFactory(employer=employee.employer, kind="parental", period="per_event")
    LeaveRequestFactory(
        policy=policy,
        person=employee,
        start_date=date.today() - timedelta(days=100),
        end_date=date.today() - timedelta(days=3),
        returned_on=timezone.now().date() - timedelta(days=2),
    )
    surveys_publish(employer=employee.employer)
    invitation = SurveyInvitation.objects.get()
    assert invitation.subject == LEAVE_RETURN and invitation.confidential
    assert not Reminder.objects.filter(send_email=True).exists()


def test_someone_who_left_is_not_surveyed(employee):
    _completed(employee)
    employee.deactivated_at = timezone.now()
    employee.save(update_fields=["deactivated_at"])
    assert surveys_publish(employer=employee.employer) == 0


def test_the_survey_asks_hrs_questions_of_its_subject_at_the_time(employee):
    asked = SurveyQuestion.objects.create(employer=employee.employer, subject="workshop", text="A?")
    SurveyQuestion.objects.create(employer=employee.employer, subject="eap", text="Other kind?")
    SurveyQuestion.objects.create(
        employer=employee.employer, subject="workshop", text="Old?", retired_at=timezone.now()
    )
    _completed(employee)
    surveys_publish(employer=employee.employer)
    assert SurveyInvitation.objects.get().questions == [asked.pk]
