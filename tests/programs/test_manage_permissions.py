"""Every HR action refused to people who are not HR, and to HR of another employer."""

import pytest
from django.urls import reverse

from programs.models import Cohort, Enrollment, Milestone, Offering, Phase
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(employer, employee):
    offering = OfferingFactory(employer=employer, title="Secret sauce", kind="reentry")
    enrollment = EnrollmentFactory(offering=offering, person=employee, status="requested")
    cohort = Cohort.objects.create(offering=offering, name="Spring", starts_on="2026-03-01")
    phase = Phase.objects.create(
        cohort=cohort, name="Refresh", starts_on="2026-03-01", ends_on="2026-04-01"
    )
    milestone = Milestone.objects.create(phase=phase, title="CV done")
    session = SessionFactory(offering=OfferingFactory(employer=employer, kind="workshop"))
    return {
        "o": offering.pk,
        "e": enrollment.pk,
        "c": cohort.pk,
        "m": milestone.pk,
        "s": session.pk,
    }


# (url name, args from targets, method)
OBJECT_ACTIONS = [
    ("programs:manage-offering", ["o"], "get"),
    ("programs:manage-edit", ["o"], "get"),
    ("programs:manage-edit", ["o"], "post"),
    ("programs:manage-roster-csv", ["o"], "get"),
    ("programs:manage-session-create", ["o"], "post"),
    ("programs:manage-policy", ["o"], "post"),
    ("programs:manage-cohort-create", ["o"], "post"),
    ("programs:manage-session-edit", ["s"], "post"),
    ("programs:manage-session-delete", ["s"], "post"),
    ("programs:manage-phase-create", ["c"], "post"),
    ("programs:manage-participant", ["e"], "post"),
    ("programs:manage-milestone", ["e", "m"], "post"),
    ("programs:manage-erg-lead", ["e"], "post"),
]
OBJECT_ACTIONS += [
    ("programs:manage-action", ["o", a], "post")
    for a in ("publish", "unpublish", "archive", "duplicate")
]
OBJECT_ACTIONS += [
    ("programs:manage-decide", ["e", d], "post") for d in ("approve", "decline", "complete")
]


def url_for(name, args, targets):
    return reverse(name, args=[targets.get(a, a) for a in args])


def unchanged(targets):
    offering = Offering.objects.get(pk=targets["o"])
    assert offering.status == "published"
    assert Offering.objects.count() == 2
    assert Enrollment.objects.get(pk=targets["e"]).status == "requested"


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach"])
@pytest.mark.parametrize(("name", "args", "method"), OBJECT_ACTIONS)
def test_it_refuses_people_who_are_not_hr_with_403(
    client_for, request, targets, persona, name, args, method
):
    client = client_for(request.getfixturevalue(persona))
    response = getattr(client, method)(url_for(name, args, targets), {"reason": "x"})
    assert response.status_code == 403
    unchanged(targets)


@pytest.mark.parametrize(("name", "args", "method"), OBJECT_ACTIONS)
def test_it_refuses_hr_of_another_employer_with_404(
    client_for, outsider_hr, targets, name, args, method
):
    response = getattr(client_for(outsider_hr), method)(
        url_for(name, args, targets), {"reason": "x"}
    )
    assert response.status_code == 404
    unchanged(targets)


@pytest.mark.parametrize(
    "name", ["programs:manage", "programs:manage-create", "programs:manage-queue"]
)
@pytest.mark.parametrize("persona", ["employee", "manager", "partner"])
def test_console_pages_refuse_non_hr(client_for, request, persona, name):
    assert client_for(request.getfixturevalue(persona)).get(reverse(name)).status_code == 403


def test_hr_of_another_employer_sees_none_of_ours(client_for, outsider_hr, targets):
    client = client_for(outsider_hr)
    assert "Secret sauce" not in client.get(reverse("programs:manage")).text
    assert "Secret sauce" not in client.get(reverse("programs:manage-queue")).text


def test_bulk_decision_cannot_reach_another_employers_requests(client_for, outsider_hr, targets):
    response = client_for(outsider_hr).post(
        reverse("programs:manage-queue"), {"enrollments": [targets["e"]], "decision": "approve"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    unchanged(targets)


@pytest.mark.parametrize(
    "data",
    [
        {"title": "Mine now", "kind": "workshop", "for_employees": "on"},
        {"enrollments": ["{e}"], "decision": "approve"},
        {"single": "approve:{e}"},
        {"single": "decline:{e}", "reason-{e}": "no"},
    ],
)
@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach"])
def test_console_posts_refuse_non_hr(client_for, request, targets, persona, data):
    data = {
        k.format(**targets): [x.format(**targets) for x in v]
        if isinstance(v, list)
        else v.format(**targets)
        for k, v in data.items()
    }
    name = "programs:manage-create" if "title" in data else "programs:manage-queue"
    response = client_for(request.getfixturevalue(persona)).post(reverse(name), data)
    assert response.status_code == 403
    unchanged(targets)
