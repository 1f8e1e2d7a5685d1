"""The report pages and their CSV files: who may open them, what they show of the hand-built
employer, bad input, and a query count that does not grow with the data."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from careersupport.reports.services import rollup_run
from tests.factories import DepartmentFactory, EnrollmentFactory, OfferingFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db
PAGES = ["reports:participation", "reports:results", "reports:surveys", "reports:comments"]
CSVS = ["participation", "participation-trend", "goals", "reentry", "coaching", "mentorship"]
CSVS += ["leave", "jobsearch", "surveys", "surveys-trend"]
Q1 = {"period": "2026-Q1"}


@pytest.fixture
def rolled(world, clock):
    from .conftest import at

    clock(at(TODAY))
    rollup_run(employer=world.employer, today=TODAY)
    return world


@pytest.mark.parametrize("page", PAGES)
def test_hr_opens_every_report_page(rolled, client_for, page):
    assert client_for(rolled.hr).get(reverse(page), Q1).status_code == 200


@pytest.mark.parametrize("table", CSVS)
def test_hr_downloads_every_table(rolled, client_for, table):
    response = client_for(rolled.hr).get(reverse("reports:table-csv", args=[table]), Q1)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["employee", "manager", "partner", "coach", "mentor"])
@pytest.mark.parametrize(
    "url",
    [reverse(p) for p in PAGES]
    + [reverse("reports:table-csv", args=["participation"]), reverse("reports:questions")],
)
def test_everyone_else_is_refused(request, client_for, who, url):
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 403


def test_hr_of_another_employer_sees_only_their_own(rolled, client_for, outsider_hr):
    response = client_for(outsider_hr).get(reverse("reports:participation"), Q1)
    assert response.status_code == 200 and b"No figures computed yet" in response.content
    assert [r.label for r in _table(response, "participation").rows] == ["All"]


def test_another_employers_department_is_404(rolled, client_for, other_employer):
    theirs = DepartmentFactory(employer=other_employer)
    for page in PAGES:
        url = reverse(page)
        assert client_for(rolled.hr).get(url, {"department": theirs.pk}).status_code == 404


def test_the_refresh_is_post_and_hr_only(rolled, client_for, employee):
    assert client_for(rolled.hr).get(reverse("reports:refresh")).status_code == 405
    assert client_for(employee).post(reverse("reports:refresh")).status_code == 403
    assert client_for(rolled.hr).post(reverse("reports:refresh")).status_code == 302


@pytest.mark.parametrize(
    ("field", "value"), [("period", "2031-13"), ("kind", "bogus"), ("department", "x")]
)
def test_bad_filters_answer_400_beside_the_field(rolled, client_for, field, value):
    response = client_for(rolled.hr).get(reverse("reports:participation"), {field: value})
    assert response.status_code == 400
    assert f'id="id_{field}_error"'.encode() in response.content


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def test_the_march_workshop_shows_its_hand_counts(rolled, client_for):
    response = client_for(rolled.hr).get(reverse("reports:participation"), {"period": "2026-03"})
    table = _table(response, "participation")
    workshop = next(r for r in table.rows if r.label == "Workshop")
    cells = {c.label: cell.text for c, cell in zip(table.columns, workshop.cells, strict=True)}
    assert (cells["Taking part"], cells["Joined"], cells["Partners"]) == ("8", "8", "not shown")
    assert (cells["Completed"], cells["Completion rate"]) == ("6", "75%")


def test_a_small_department_is_neither_listed_nor_in_the_csv(rolled, client_for):
    url = reverse("reports:table-csv", args=["participation"])
    query = {"period": "2026-03", "department": rolled.sales.pk}
    response = client_for(rolled.hr).get(url, query)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Kind", "Taking part"]
    # s1 alone took the workshop in Sales: neither the workshop's row nor "All" is listed.
    assert rows[1:] == []


def test_the_trend_lists_every_period_but_those_of_a_hidden_group(rolled, client_for):
    response = client_for(rolled.hr).get(reverse("reports:participation"), Q1)
    trend = _table(response, "participation-trend")
    # The periods with no one are listed; the three returners' two quarters of 2025 are not.
    assert [r.label for r in trend.rows] == [
        "Q2 2024",
        "Q3 2024",
        "Q4 2024",
        "Q3 2025",
        "Q4 2025",
        "Q1 2026",
    ]
    assert trend.not_listed == 2


def test_a_programmes_own_table_follows_the_kind_chosen(rolled, client_for):
    client = client_for(rolled.hr)
    shown = client.get(reverse("reports:results"), {"period": "2026", "kind": "coaching"})
    assert [t.key for t in shown.context["tables"]] == ["goals", "coaching", "leave", "jobsearch"]
    other = {"period": "2026", "kind": "workshop"}
    assert client.get(reverse("reports:table-csv", args=["coaching"]), other).status_code == 404


def test_each_chart_has_its_text_alternative(rolled, client_for):
    response = client_for(rolled.hr).get(reverse("reports:participation"), {"period": "2026"})
    html = response.content.decode()
    assert 'role="img"' in html and "<desc id=" in html and "<figcaption>" in html
    assert "chart-participation-title" in html


def _grow(world, offerings):
    for _ in range(offerings):
        offering = OfferingFactory(employer=world.employer, kind="training")
        for person in [*world.e, *world.s]:
            EnrollmentFactory(offering=offering, person=person, status="completed")
    rollup_run(employer=world.employer)


@pytest.mark.parametrize("page", PAGES[:3])
def test_the_query_count_does_not_grow_with_the_data(
    world, client_for, django_assert_max_num_queries, page
):
    client = client_for(world.hr)
    query = {"period": "2026", "kind": "training"}
    _grow(world, 2)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(page), query).status_code == 200
    _grow(world, 20)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(page), query).status_code == 200
