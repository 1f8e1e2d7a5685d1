"""An employee who turned the tracker on can turn it off: a confirmation first, then all of
it goes (applications and everything in them, résumé files, saved leads, reminders still to
come). A partner's tracker stays on; nobody else can turn anyone's off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from careersupport.jobsearch import reminders, services
from careersupport.jobsearch.models import (
    Application,
    Contact,
    LeadSave,
    ResumeVersion,
    StageChange,
    TrackerOptIn,
)
from careersupport.jobsearch.services import leads
from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from tests.factories import JobLeadFactory

from .conftest import pdf, stored

pytestmark = pytest.mark.django_db
STOP = reverse("jobsearch:stop")


@pytest.fixture
def search(employee, employer, _private_storage):
    """The employee's tracker, on, with an application carrying a planned next step, a
    contact and a résumé, and a saved lead."""
    services.tracker_turn_on(person=employee, actor=employee)
    application = services.application_create(
        owner=employee, actor=employee, organisation="Contoso", role="Analyst"
    )
    services.application_set_next_step(
        application=application,
        actor=employee,
        next_step="Call Rae",
        next_step_on=timezone.localdate() + timedelta(days=5),
    )
    services.contact_create(application=application, actor=employee, name="Rae")
    services.resume_upload(application=application, actor=employee, upload=pdf())
    leads.lead_save(lead=JobLeadFactory(employer=employer), actor=employee)
    return application


def test_it_asks_first_and_names_what_goes(client_for, employee, search):
    response = client_for(employee).get(STOP)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Turn off your job-search tracker?" in text
    assert "2 applications" in text and "1 contact" in text and "1 résumé version" in text
    assert "1 saved lead" in text
    assert Application.objects.filter(owner=employee).count() == 2  # the lead's one too


def test_turning_it_off_deletes_all_of_it(
    client_for, employee, search, django_capture_on_commit_callbacks, _private_storage
):
    assert len(stored(_private_storage)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(employee).post(STOP)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert not TrackerOptIn.objects.exists()
    assert not Application.objects.exists() and not StageChange.objects.exists()
    assert not Contact.objects.exists() and not ResumeVersion.objects.exists()
    assert not LeadSave.objects.exists()
    assert stored(_private_storage) == []
    assert not Reminder.objects.filter(kind=reminders.NEXT_STEP, state="pending").exists()
    event = AuditEvent.objects.get(verb="jobsearch.turned_off")
    assert event.actor_id == employee.pk and event.data == {"applications": 2}
    # The board is closed again; the page that turns it on opens instead.
    assert client_for(employee).get(reverse("jobsearch:board"))["Location"] == reverse(
        "jobsearch:start"
    )


def test_the_board_offers_it_to_an_employee_only(client_for, employee, partner, search):
    assert STOP in client_for(employee).get(reverse("jobsearch:board")).content.decode()
    assert STOP not in client_for(partner).get(reverse("jobsearch:board")).content.decode()


def test_a_partners_tracker_stays_on(client_for, partner, application):
    client = client_for(partner)
    assert client.get(STOP).status_code == 403
    assert client.post(STOP).status_code == 403
    assert Application.objects.filter(owner=partner).exists()


@pytest.mark.parametrize("who", ["manager", "hr_admin", "outsider"])
def test_nobody_turns_off_anothers(request, client_for, employee, search, who):
    client_for(request.getfixturevalue(who)).post(STOP)
    assert TrackerOptIn.objects.filter(person=employee).exists()
    assert Application.objects.filter(owner=employee).count() == 2


def test_the_service_refuses_another_actor(employee, manager, search):
    with pytest.raises(PermissionDenied):
        services.tracker_turn_off(person=employee, actor=manager)
    assert Application.objects.filter(owner=employee).exists()
