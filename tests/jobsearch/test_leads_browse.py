"""Browsing leads: filters, closing dates in the viewer's zone, saving once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.jobsearch.models import Application, LeadSave
from tests.factories import IndividualFactory, JobLeadFactory, LeadOrganisationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("jobsearch:lead-list")


def at(monkeypatch, moment: datetime) -> None:
    """The clock reads `moment` (Django's own clock; every "today" derives from it)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def titles(response) -> list[str]:
    return [lead.title for lead in response.context["page"]]


def test_it_lists_open_leads_soonest_closing_first(client_for, partner, employer):
    today = timezone.localdate()
    JobLeadFactory(employer=employer, title="Later", closes_on=today + timedelta(days=9))
    JobLeadFactory(employer=employer, title="Sooner", closes_on=today + timedelta(days=2))
    assert titles(client_for(partner).get(LIST)) == ["Sooner", "Later"]


def test_a_lead_closed_early_disappears(client_for, partner, employer):
    JobLeadFactory(employer=employer, title="Gone", closed_at=timezone.now())
    response = client_for(partner).get(LIST)
    assert titles(response) == []
    assert b"No open leads right now" in response.content


def test_a_lead_is_listed_through_its_closing_date_and_gone_the_day_after(
    client_for, partner, monkeypatch
):
    JobLeadFactory(employer=partner.employer, title="Closes", closes_on="2026-12-10")
    client = client_for(partner)  # partner's zone is Europe/Berlin
    at(monkeypatch, datetime(2026, 12, 10, 22, 59, tzinfo=UTC))
    assert titles(client.get(LIST)) == ["Closes"]  # 23:59 in Berlin
    at(monkeypatch, datetime(2026, 12, 10, 23, 1, tzinfo=UTC))
    assert titles(client.get(LIST)) == []  # 00:01 on the 11th in Berlin


def test_the_closing_day_follows_the_viewers_own_zone(client_for, partner, employer, monkeypatch):
    JobLeadFactory(employer=employer, title="Closes", closes_on="2026-12-10")
    tokyo = IndividualFactory(employer=employer, time_zone="Asia/Tokyo")
    at(monkeypatch, datetime(2026, 12, 10, 16, 0, tzinfo=UTC))
    assert titles(client_for(tokyo).get(LIST)) == []  # already the 11th in Tokyo
    assert titles(client_for(partner).get(LIST)) == ["Closes"]  # 17:00 on the 10th in Berlin


def test_a_closed_lead_is_404_to_open(client_for, partner):
    lead = JobLeadFactory(employer=partner.employer, closed_at=timezone.now())
    response = client_for(partner).get(reverse("jobsearch:lead-detail", args=[lead.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "design"}, ["Designer"]),
        ({"location": "potsdam"}, ["Analyst"]),
        ({"remote": "remote"}, ["Analyst"]),
        ({"remote": "onsite"}, ["Designer", "Nurse"]),
        ({"organisation": "own"}, ["Designer"]),
    ],
)
def test_it_filters(client_for, partner, employer, query, expected):
    org = LeadOrganisationFactory(employer=employer, name="Harbour Health")
    JobLeadFactory(employer=employer, title="Designer", location="Berlin")
    JobLeadFactory(
        employer=employer, title="Analyst", location="Potsdam", remote=True, organisation=org
    )
    JobLeadFactory(employer=employer, title="Nurse", location="Berlin", organisation=org)
    assert sorted(titles(client_for(partner).get(LIST, query))) == sorted(expected)


def test_it_filters_by_organisation_and_text_on_its_name(client_for, partner, employer):
    org = LeadOrganisationFactory(employer=employer, name="Harbour Health")
    JobLeadFactory(employer=employer, title="Nurse", organisation=org)
    JobLeadFactory(employer=employer, title="Designer")
    client = client_for(partner)
    assert titles(client.get(LIST, {"organisation": org.pk})) == ["Nurse"]
    assert titles(client.get(LIST, {"q": "harbour"})) == ["Nurse"]


def test_suits_me_keeps_what_suits_a_partner(client_for, partner, employer):
    JobLeadFactory(
        employer=employer, title="For partners", for_employees=False, for_returners=False
    )
    JobLeadFactory(
        employer=employer, title="For employees", for_partners=False, for_returners=False
    )
    assert titles(client_for(partner).get(LIST, {"suits_me": "on"})) == ["For partners"]


def test_suits_me_adds_returners_leads_for_a_returner(client_for, employer):
    returner = IndividualFactory(employer=employer, is_returner=True)
    JobLeadFactory(employer=employer, title="Returnship", for_partners=False, for_employees=False)
    JobLeadFactory(
        employer=employer, title="For partners", for_employees=False, for_returners=False
    )
    assert titles(client_for(returner).get(LIST, {"suits_me": "on"})) == ["Returnship"]


def test_it_paginates_and_keeps_the_filters_in_the_links(client_for, partner, employer):
    for n in range(25):
        JobLeadFactory(employer=employer, title=f"Designer {n}")
    response = client_for(partner).get(LIST, {"q": "Designer"})
    assert len(response.context["page"].object_list) == 20
    assert b"q=Designer&amp;page=2" in response.content


def test_a_bad_filter_shows_everything_rather_than_failing(client_for, partner, employer):
    JobLeadFactory(employer=employer, title="Designer")
    response = client_for(partner).get(LIST, {"remote": "sideways"})
    assert response.status_code == 200
    assert titles(response) == ["Designer"]


def test_it_never_lists_another_employers_leads(client_for, partner, other_employer):
    JobLeadFactory(employer=other_employer, title="Elsewhere")
    assert titles(client_for(partner).get(LIST)) == []


def test_saving_creates_an_interested_application_from_the_lead(client_for, partner, employer):
    org = LeadOrganisationFactory(employer=employer, name="Harbour Health")
    lead = JobLeadFactory(employer=employer, title="Nurse", organisation=org)
    response = client_for(partner).post(reverse("jobsearch:lead-save", args=[lead.pk]))
    assert response.status_code == 302
    application = Application.objects.get(owner=partner)
    assert (application.organisation, application.role, application.stage) == (
        "Harbour Health",
        "Nurse",
        "interested",
    )
    assert LeadSave.objects.get().application == application


def test_an_own_opening_takes_the_employers_name(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer, title="Designer")
    client_for(partner).post(reverse("jobsearch:lead-save", args=[lead.pk]))
    assert Application.objects.get().organisation == employer.name


def test_saving_twice_saves_once(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer)
    client = client_for(partner)
    for _ in range(3):
        client.post(reverse("jobsearch:lead-save", args=[lead.pk]))
    assert Application.objects.count() == 1
    assert LeadSave.objects.count() == 1


def test_a_saved_lead_shows_saved_and_the_way_to_the_tracker(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer)
    client = client_for(partner)
    client.post(reverse("jobsearch:lead-save", args=[lead.pk]))
    content = client.get(LIST).content.decode()
    assert "Saved</span> · <a" in content
    assert reverse("jobsearch:lead-in-tracker", args=[lead.pk]) in content
    assert "Save to my tracker" not in content


def test_saved_by_one_person_is_not_saved_for_another(client_for, partner, employee, employer):
    lead = JobLeadFactory(employer=employer)
    client_for(partner).post(reverse("jobsearch:lead-save", args=[lead.pk]))
    assert "Save to my tracker" in client_for(employee).get(LIST).content.decode()


def test_saving_goes_back_to_the_filtered_list(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer)
    url = reverse("jobsearch:lead-save", args=[lead.pk])
    response = client_for(partner).post(url, {"next": f"{LIST}?q=x&page=2"})
    assert response.url == f"{LIST}?q=x&page=2"


def test_saving_never_goes_back_to_another_site(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer)
    url = reverse("jobsearch:lead-save", args=[lead.pk])
    response = client_for(partner).post(url, {"next": "https://evil.example/"})
    assert response.url == LIST


def test_a_closed_lead_cannot_be_saved(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer, closes_on=timezone.localdate() - timedelta(days=1))
    response = client_for(partner).post(reverse("jobsearch:lead-save", args=[lead.pk]))
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_a_lead_whose_application_was_deleted_can_be_saved_again(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer)
    client = client_for(partner)
    client.post(reverse("jobsearch:lead-save", args=[lead.pk]))
    Application.objects.all().delete()
    client.post(reverse("jobsearch:lead-save", args=[lead.pk]))
    assert Application.objects.count() == 1
    assert LeadSave.objects.get().application == Application.objects.get()


def test_open_in_tracker_is_404_for_a_lead_not_saved(client_for, partner, employer):
    lead = JobLeadFactory(employer=employer)
    response = client_for(partner).get(reverse("jobsearch:lead-in-tracker", args=[lead.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_keeps_its_query_count_flat(
    client_for, partner, employer, django_assert_max_num_queries, rows
):
    org = LeadOrganisationFactory(employer=employer)
    for n in range(rows):
        lead = JobLeadFactory(employer=employer, organisation=org if n % 2 else None)
        if n % 3 == 0:
            client_for(partner).post(reverse("jobsearch:lead-save", args=[lead.pk]))
    client = client_for(partner)
    with django_assert_max_num_queries(9):
        response = client.get(LIST, {"suits_me": "on", "q": "Opening"})
    assert response.status_code == 200
