"""HR's figures: partners per quarter invited, and how far they came; leads posted, saved and
applied to; no figure for a group under 5 people."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from careersupport.jobsearch.figures import hr_figures
from careersupport.jobsearch.models import Application, FiguresRollup
from careersupport.jobsearch.services.figures import figures_refresh
from careersupport.jobsearch.tasks import refresh_figures
from careersupport.people.models import Individual
from tests.factories import (
    EmployerFactory,
    EngagementFactory,
    IndividualFactory,
    InvitationFactory,
    JobLeadFactory,
    LeadSaveFactory,
)

pytestmark = pytest.mark.django_db
FIGURES = reverse("jobsearch:manage")
Q1 = datetime(2026, 2, 10, 12, tzinfo=UTC)


def invited_partner(employer, when=Q1, *, signed_up=True, job_after_days=None):
    person = IndividualFactory(
        employer=employer, kind=Individual.Kind.PARTNER, **({} if signed_up else {"user": None})
    )
    InvitationFactory(individual=person, created_at=when)
    if job_after_days is not None:
        Application.objects.create(
            employer=employer,
            owner=person,
            organisation="Org",
            role="Role",
            stage="accepted",
            stage_changed_at=when + timedelta(days=job_after_days),
        )
    return person


def test_it_counts_a_quarters_partners_and_the_median_days_to_a_job(hr_admin, employer):
    people = [invited_partner(employer, job_after_days=d) for d in (10, 20, 30, 40, 50)]
    invited_partner(employer, signed_up=False)
    EngagementFactory(coachee=people[0])
    EngagementFactory(coachee=people[1], status="completed")
    EngagementFactory(coachee=people[2], status="requested")  # not coached yet
    quarter, total = hr_figures(viewer=hr_admin).partners
    assert (quarter.label, quarter.invited, quarter.active, quarter.coached, quarter.accepted) == (
        "2026 Q1",
        6,
        5,
        2,
        5,
    )
    assert quarter.median_days == 30 and quarter.median_shown
    assert (total.label, total.invited) == ("All quarters", 6)


def test_a_quarter_of_fewer_than_five_partners_shows_no_figure(client_for, hr_admin, employer):
    for _ in range(4):
        invited_partner(employer, job_after_days=12)
    response = client_for(hr_admin).get(FIGURES)
    content = response.content.decode()
    assert "Fewer than 5 partners: not shown" in content
    assert not response.context["figures"].partners[0].shown
    assert "12" not in content.split("Partners, by the quarter")[1].split("Job leads, by")[0]


def test_a_median_of_fewer_than_five_placed_partners_is_hidden(client_for, hr_admin, employer):
    for days in (5, 9, None, None, None):
        invited_partner(employer, job_after_days=days)
    row = hr_figures(viewer=hr_admin).partners[0]
    assert row.shown and not row.median_shown
    assert "fewer than 5 placed: not shown" in client_for(hr_admin).get(FIGURES).content.decode()


def test_quarters_are_counted_apart_newest_first(hr_admin, employer):
    for _ in range(5):
        invited_partner(employer, Q1)
        invited_partner(employer, Q1 + timedelta(days=100))
    labels = [row.label for row in hr_figures(viewer=hr_admin).partners]
    assert labels == ["2026 Q2", "2026 Q1", "All quarters"]


def test_another_employers_partners_are_not_counted(hr_admin, employer):
    elsewhere = EmployerFactory()
    for _ in range(5):
        invited_partner(elsewhere)
    assert hr_figures(viewer=hr_admin).partners == []


def test_leads_posted_saved_and_applied_to_per_quarter(hr_admin, employer):
    lead = JobLeadFactory(employer=employer, created_at=Q1)
    JobLeadFactory(employer=employer, created_at=Q1)
    for stage in ("interested", "interviewing", "accepted"):
        save = LeadSaveFactory(lead=lead)
        Application.objects.filter(pk=save.application_id).update(stage=stage)
    row, total = hr_figures(viewer=hr_admin).leads
    assert (row.label, row.posted, row.saved, row.applied) == ("2026 Q1", 2, 3, 2)
    assert total.posted == 2


def test_the_csv_leaves_hidden_figures_empty(client_for, hr_admin, employer):
    for _ in range(3):
        invited_partner(employer, job_after_days=7)
    response = client_for(hr_admin).get(reverse("jobsearch:manage-figures-csv"))
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("quarter invited,partners invited")
    assert lines[1] == "2026 Q1,,,,,"


def test_the_csv_carries_shown_figures(client_for, hr_admin, employer):
    for days in (1, 2, 3, 4, 5):
        invited_partner(employer, job_after_days=days)
    lines = (
        client_for(hr_admin)
        .get(reverse("jobsearch:manage-figures-csv"))
        .content.decode()
        .splitlines()
    )
    assert lines[1] == "2026 Q1,5,5,0,5,3"


@pytest.mark.parametrize("size", [5, 25])
def test_the_figures_keep_their_query_count_flat(
    client_for, hr_admin, employer, django_assert_max_num_queries, size
):
    for n in range(size):
        person = invited_partner(employer, Q1 + timedelta(days=40 * (n % 4)), job_after_days=n)
        EngagementFactory(coachee=person)
        LeadSaveFactory(lead=JobLeadFactory(employer=employer), person=person)
    client = client_for(hr_admin)
    # Counted live (no stored figures yet): the session, the person, the figures' three.
    with django_assert_max_num_queries(8):
        assert client.get(FIGURES).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("jobsearch:manage-figures-csv")).status_code == 200


def test_the_page_reads_the_figures_stored_by_the_hourly_refresh(client_for, hr_admin, employer):
    for _ in range(5):
        invited_partner(employer)
    refresh_figures()  # what beat runs every hour
    invited_partner(employer)  # after the refresh: counted at the next one
    response = client_for(hr_admin).get(FIGURES)
    assert response.context["figures"].partners[0].invited == 5
    assert "and again every hour" in response.content.decode()
    figures_refresh(employer=employer)
    assert hr_figures(viewer=hr_admin).partners[0].invited == 6


def test_the_stored_figures_read_back_as_counted(hr_admin, employer):
    for days in (3, 5, 8, 13, 21):
        invited_partner(employer, job_after_days=days)
    JobLeadFactory(employer=employer, created_at=Q1)
    counted = hr_figures(viewer=hr_admin)
    figures_refresh(employer=employer)
    stored = hr_figures(viewer=hr_admin)
    assert (stored.partners, stored.leads) == (counted.partners, counted.leads)


def test_each_employer_gets_its_own_stored_figures(hr_admin, employer, outsider_hr):
    for _ in range(5):
        invited_partner(employer)
    assert refresh_figures() == 2
    assert FiguresRollup.objects.for_employer(outsider_hr.employer).get().partners == []
    assert hr_figures(viewer=outsider_hr).partners == []


@pytest.mark.parametrize("size", [5, 25])
def test_the_stored_figures_page_keeps_its_query_count_flat(
    client_for, hr_admin, employer, django_assert_max_num_queries, size
):
    for n in range(size):
        invited_partner(employer, Q1 + timedelta(days=40 * (n % 4)), job_after_days=n)
    figures_refresh(employer=employer)
    client = client_for(hr_admin)
    with django_assert_max_num_queries(5):
        assert client.get(FIGURES).status_code == 200
