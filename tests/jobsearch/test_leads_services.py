"""The leads' services called directly, as a command or a task would: HR's work refuses
anyone but HR of the employer (`require_hr`), and saving refuses who may not use the tracker."""

import contextlib
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from careersupport.jobsearch.models import Application, JobLead, LeadSave
from careersupport.jobsearch.services import leads as services
from careersupport.people.models import AuditEvent
from tests.conftest import need_service
from tests.factories import IndividualFactory, JobLeadFactory, LeadOrganisationFactory

SOON = timezone.localdate() + timedelta(days=10)


@pytest.fixture
def t(employer):
    return {
        "employer": employer,
        "lead": JobLeadFactory(employer=employer),
        "org": LeadOrganisationFactory(employer=employer),
    }


SERVICES = [
    (
        "organisation_create",
        lambda t, a: services.organisation_create(employer=t["employer"], actor=a, name="New"),
    ),
    (
        "organisation_update",
        lambda t, a: services.organisation_update(
            organisation=t["org"], actor=a, name="Renamed", location="", website=""
        ),
    ),
    (
        "lead_create",
        lambda t, a: services.lead_create(
            employer=t["employer"], actor=a, title="New", closes_on=SOON, suits=["everyone"]
        ),
    ),
    (
        "lead_update",
        lambda t, a: services.lead_update(
            lead=t["lead"], actor=a, suits=["partners"], title="Changed"
        ),
    ),
    ("lead_close", lambda t, a: services.lead_close(lead=t["lead"], actor=a)),
    (
        "leads_import_csv",
        lambda t, a: services.leads_import_csv(
            employer=t["employer"], actor=a, data=f"title,closes_on\nX,{SOON}\n".encode()
        ),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", ["employee", "partner", "outsider_hr", None])
@pytest.mark.parametrize(("name", "call"), SERVICES, ids=[n for n, _ in SERVICES])
def test_hrs_services_refuse_everyone_but_hr_of_the_employer(request, t, name, call, wrong):
    actor = request.getfixturevalue(wrong) if wrong else None
    with pytest.raises(PermissionDenied):
        call(t, actor)
    assert not AuditEvent.objects.exists()
    assert JobLead.objects.get().closed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "call"), SERVICES, ids=[n for n, _ in SERVICES])
def test_hr_of_the_employer_passes_the_check(t, hr_admin, name, call):
    with contextlib.suppress(ValidationError):
        call(t, hr_admin)
    assert AuditEvent.objects.filter(actor=hr_admin).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coach", "outsider"])
def test_saving_refuses_a_coach_and_another_employer(request, t, who):
    with pytest.raises(PermissionDenied):
        services.lead_save(lead=t["lead"], actor=request.getfixturevalue(who))
    assert not Application.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_make_one_application(employer):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    lead = JobLeadFactory(employer=employer)
    person = IndividualFactory(employer=employer)
    barrier, errors = threading.Barrier(2), []

    def save():
        try:
            barrier.wait(timeout=10)
            services.lead_save(lead=lead, actor=person)
        except Exception as error:  # noqa: BLE001  # pragma: no cover - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Application.objects.filter(owner=person).count() == 1
    assert LeadSave.objects.count() == 1


@pytest.mark.django_db
def test_saving_a_lead_turns_an_employees_tracker_on_and_starts_its_timeline(employer):
    from careersupport.jobsearch.permissions import may_use_tracker

    employee = IndividualFactory(employer=employer)
    lead = JobLeadFactory(
        employer=employer, url="https://jobs.example.org/1", location="Potsdam", remote=True
    )
    assert not may_use_tracker(employee)
    save = services.lead_save(lead=lead, actor=employee)
    application = save.application
    assert may_use_tracker(employee)
    assert (application.link, application.location, application.remote) == (
        "https://jobs.example.org/1",
        "Potsdam",
        True,
    )
    assert application.stage_changes.count() == 1
