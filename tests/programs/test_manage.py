import pytest
from django.urls import reverse

from careersupport.notifications.models import Reminder
from programs.models import Enrollment, Offering
from tests.factories import EnrollmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Negotiating your salary",
    "kind": "salary_negotiation",
    "description": "Two evenings.",
    "for_employees": "on",
    "for_partners": "on",
    "provider": "internal",
    "format": "online",
    "online_url": "https://meet.example.test/x",
    "starts_on": "2030-05-01",
    "ends_on": "2030-05-02",
    "capacity": "12",
}


def test_hr_creates_an_offering_as_a_draft(client_for, hr_admin):
    response = client_for(hr_admin).post(reverse("programs:manage-create"), VALID)
    offering = Offering.objects.get()
    assert response.status_code == 302
    assert (offering.status, offering.employer, offering.capacity) == (
        "draft",
        hr_admin.employer,
        12,
    )


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"ends_on": "2030-04-01"}, "The end date is before the start date."),
        (
            {"enrollment_closes_at": "2030-06-01T10:00"},
            "Enrollment closes after the offering has ended",
        ),
        ({"format": "in_person"}, "An in-person or hybrid offering needs a location."),
        ({"provider": "external"}, "Name the partner organisation"),
        ({"for_employees": "", "for_partners": ""}, "Choose at least one audience."),
        ({"kind": "eap"}, "An EAP is always confidential."),
        ({"is_confidential": "on", "needs_approval": "on"}, "cannot need approval"),
    ],
)
def test_it_explains_what_is_wrong_and_saves_nothing(client_for, hr_admin, change, field_message):
    response = client_for(hr_admin).post(reverse("programs:manage-create"), {**VALID, **change})
    assert response.status_code == 400
    assert field_message in response.text
    assert not Offering.objects.exists()


def test_capacity_cannot_drop_below_the_enrolled(client_for, hr_admin, offering):
    EnrollmentFactory.create_batch(3, offering=offering)
    data = {**VALID, "kind": offering.kind, "capacity": "2"}
    response = client_for(hr_admin).post(reverse("programs:manage-edit", args=[offering.pk]), data)
    assert "capacity cannot be lower than 3" in response.text
    offering.refresh_from_db()
    assert offering.capacity is None


@pytest.mark.parametrize(("action", "status"), [("unpublish", "draft"), ("archive", "archived")])
def test_hr_changes_the_status(client_for, hr_admin, offering, action, status):
    client_for(hr_admin).post(reverse("programs:manage-action", args=[offering.pk, action]))
    offering.refresh_from_db()
    assert offering.status == status


def test_publishing_a_policy_needs_its_text(client_for, hr_admin, employer):
    policy = OfferingFactory(employer=employer, kind="policy", status="draft")
    response = client_for(hr_admin).post(
        reverse("programs:manage-action", args=[policy.pk, "publish"]), follow=True
    )
    assert "Write the policy text" in response.text
    policy.refresh_from_db()
    assert policy.status == "draft"


def test_duplicate_makes_a_draft_without_people(client_for, hr_admin, offering):
    EnrollmentFactory(offering=offering)
    client_for(hr_admin).post(reverse("programs:manage-action", args=[offering.pk, "duplicate"]))
    copy = Offering.objects.exclude(pk=offering.pk).get()
    assert (copy.title, copy.status, copy.enrollments.count()) == (
        f"Copy of {offering.title}",
        "draft",
        0,
    )


@pytest.fixture
def requests_(employer):
    offering = OfferingFactory(employer=employer, needs_approval=True, capacity=1, title="Summit")
    return [EnrollmentFactory(offering=offering, status="requested") for _ in range(3)]


def test_hr_approves_one_and_the_person_is_told(client_for, hr_admin, requests_):
    first = requests_[0]
    client_for(hr_admin).post(reverse("programs:manage-decide", args=[first.pk, "approve"]))
    first.refresh_from_db()
    assert first.status == "enrolled"
    assert Reminder.objects.get(recipient=first.person).kind == "programs.enrollment_approved"


def test_approving_past_capacity_waitlists(client_for, hr_admin, requests_):
    client = client_for(hr_admin)
    for e in requests_[:2]:
        client.post(reverse("programs:manage-decide", args=[e.pk, "approve"]))
    requests_[1].refresh_from_db()
    assert (requests_[1].status, requests_[1].waitlist_position) == ("waitlisted", 1)


def test_a_decline_needs_a_reason_the_person_then_sees(client_for, hr_admin, requests_):
    target = requests_[0]
    url = reverse("programs:manage-decide", args=[target.pk, "decline"])
    client_for(hr_admin).post(url, {"reason": ""})
    assert Enrollment.objects.get(pk=target.pk).status == "requested"
    client_for(hr_admin).post(url, {"reason": "Full this year, try in spring."})
    page = client_for(target.person).get(target.offering.get_absolute_url()).text
    assert "Full this year, try in spring." in page
    assert Reminder.objects.get(recipient=target.person).body == "Full this year, try in spring."


def test_bulk_decline_decides_all_selected(client_for, hr_admin, requests_):
    ids = [e.pk for e in requests_[:2]]
    client_for(hr_admin).post(
        reverse("programs:manage-queue"),
        {"enrollments": ids, "decision": "decline", "reason": "Not this time."},
    )
    assert list(Enrollment.objects.filter(pk__in=ids).values_list("status", flat=True)) == [
        "declined",
        "declined",
    ]
    assert Enrollment.objects.get(pk=requests_[2].pk).status == "requested"


def test_bulk_decline_without_reason_changes_nothing(client_for, hr_admin, requests_):
    response = client_for(hr_admin).post(
        reverse("programs:manage-queue"),
        {"enrollments": [requests_[0].pk], "decision": "decline"},
    )
    assert "Give a reason" in response.text
    assert Enrollment.objects.filter(status="requested").count() == 3


def test_bulk_approve(client_for, hr_admin, requests_):
    client_for(hr_admin).post(
        reverse("programs:manage-queue"),
        {"enrollments": [e.pk for e in requests_], "decision": "approve"},
    )
    statuses = sorted(Enrollment.objects.values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted", "waitlisted"]


def test_roster_and_csv_list_the_people(client_for, hr_admin, offering):
    person = IndividualFactory(employer=offering.employer, last_name="Quist")
    EnrollmentFactory(offering=offering, person=person)
    client = client_for(hr_admin)
    assert "Quist" in client.get(reverse("programs:manage-offering", args=[offering.pk])).text
    response = client.get(reverse("programs:manage-roster-csv", args=[offering.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "Quist" in response.content.decode()


def test_the_csv_never_hands_a_spreadsheet_a_formula(client_for, hr_admin, offering):
    person = IndividualFactory(employer=offering.employer, first_name="=HYPERLINK(1)")
    EnrollmentFactory(offering=offering, person=person)
    response = client_for(hr_admin).get(reverse("programs:manage-roster-csv", args=[offering.pk]))
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_console_counts_each_status(client_for, hr_admin, offering):
    EnrollmentFactory.create_batch(2, offering=offering)
    EnrollmentFactory(offering=offering, status="completed")
    text = client_for(hr_admin).get(reverse("programs:manage")).text
    assert "<td>2</td><td>0</td><td>1</td>" in text.replace("\n", "").replace("      ", "")


def test_a_console_row_escapes_the_title_and_shows_seats_of_capacity(
    client_for, hr_admin, employer
):
    offering = OfferingFactory(
        employer=employer, title="<em>Big</em> & bold", capacity=30, starts_on="2031-03-05"
    )
    EnrollmentFactory.create_batch(2, offering=offering)
    EnrollmentFactory(offering=offering, status="requested")
    text = client_for(hr_admin).get(reverse("programs:manage")).text
    link = reverse("programs:manage-offering", args=[offering.pk])
    assert f'<a href="{link}">&lt;em&gt;Big&lt;/em&gt; &amp; bold</a>' in text
    assert "<td>Published</td>" in text and "<td>5 Mar 2031</td>" in text
    assert "<td>1</td><td>2/30</td><td>0</td><td>0</td>" in text


def test_a_row_button_in_the_queue_decides_that_request_only(client_for, hr_admin, requests_):
    target = requests_[1]
    client = client_for(hr_admin)
    url = reverse("programs:manage-queue")
    client.post(url, {"single": f"decline:{target.pk}", f"reason-{target.pk}": ""})
    assert Enrollment.objects.filter(status="requested").count() == 3
    client.post(url, {"single": f"decline:{target.pk}", f"reason-{target.pk}": "No budget."})
    client.post(url, {"single": f"approve:{requests_[0].pk}"})
    statuses = [Enrollment.objects.get(pk=e.pk).status for e in requests_]
    assert statuses == ["enrolled", "declined", "requested"]


def test_a_queue_row_escapes_names_and_links_the_offering(client_for, hr_admin, requests_):
    person = requests_[0].person
    person.first_name, person.preferred_name = "<b>Ann</b>", ""
    person.save()
    offering = requests_[0].offering
    text = client_for(hr_admin).get(reverse("programs:manage-queue")).text
    assert "<b>Ann" not in text
    pk = requests_[0].pk
    assert f'<label for="pick-{pk}">&lt;b&gt;Ann&lt;/b&gt; {person.last_name}</label>' in text
    assert f'<textarea id="reason-{pk}" name="reason-{pk}"' in text
    assert f'<a href="{reverse("programs:manage-offering", args=[offering.pk])}">Summit</a>' in text


def test_a_row_button_cannot_reach_another_employer(client_for, outsider_hr, requests_):
    url = reverse("programs:manage-queue")
    response = client_for(outsider_hr).post(url, {"single": f"approve:{requests_[0].pk}"})
    assert response.status_code == 404
    assert Enrollment.objects.filter(status="requested").count() == 3


def test_hr_previews_a_draft_for_partners_but_cannot_enroll(client_for, hr_admin, employer):
    draft = OfferingFactory(
        employer=employer, status="draft", for_employees=False, for_partners=True
    )
    client = client_for(hr_admin)
    manage = client.get(reverse("programs:manage-offering", args=[draft.pk])).text
    assert "Preview it as people will see it" in manage
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.post(reverse("programs:enroll", args=[draft.pk]))
    assert not Enrollment.objects.exists()


def test_the_waiting_count_on_the_console_stops_at_999(hr_admin, employer, monkeypatch):
    from programs import selectors

    monkeypatch.setattr(selectors, "PENDING_CAP", 2)
    offering = OfferingFactory(employer=employer, needs_approval=True)
    EnrollmentFactory.create_batch(2, offering=offering, status="requested")
    assert selectors.pending_label(hr_admin) == "2"
    EnrollmentFactory(offering=offering, status="requested")
    assert selectors.pending_label(hr_admin) == "2+"
