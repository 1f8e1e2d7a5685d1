from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CheckInFactory, DepartmentFactory, GoalFactory, IndividualFactory

pytestmark = pytest.mark.django_db
URL = reverse("goals:hr-summary")


@pytest.fixture
def research(employer):
    dept = DepartmentFactory(employer=employer, name="Research")
    people = IndividualFactory.create_batch(5, employer=employer, department=dept, user=None)
    today = timezone.localdate()
    for person in people[:4]:
        goal = GoalFactory(owner=person, title=f"Secret title {person.pk}")
        CheckInFactory(goal=goal, date=today - timedelta(days=5), due_on=today - timedelta(days=4))
    late = GoalFactory(owner=people[4], next_checkin_due=today - timedelta(days=1))
    CheckInFactory(goal=late, date=today - timedelta(days=3), due_on=today - timedelta(days=9))
    return dept


def _cells(html: str, department: str) -> list[str]:
    """The data cells of the department's row, in order."""
    row = html[html.index(f'<th scope="row">{department}</th>') :]
    row = row[: row.index("</tr>")]
    return [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]


def test_hr_sees_figures_per_department(client_for, hr_admin, research):
    response = client_for(hr_admin).get(URL)
    assert response.status_code == 200
    # people, active goals, their average progress, four of five on track, four of five
    # check-ins on time
    assert _cells(response.text, "Research") == ["5", "5", "0%", "80%", "80% of 5"]


def test_old_checkins_and_closed_goals_do_not_count(client_for, hr_admin, research):
    old = GoalFactory(owner=research.members.first(), status="achieved")
    CheckInFactory(goal=old, date=timezone.localdate() - timedelta(days=91))
    cells = _cells(client_for(hr_admin).get(URL).text, "Research")
    assert cells == ["5", "5", "0%", "80%", "80% of 5"]


def test_hr_sees_no_goal_text(client_for, hr_admin, research):
    assert "Secret title" not in client_for(hr_admin).get(URL).text


def test_a_group_under_five_is_not_shown(client_for, employer, hr_admin):
    small = DepartmentFactory(employer=employer, name="Legal")
    for person in IndividualFactory.create_batch(4, employer=employer, department=small, user=None):
        GoalFactory(owner=person)
    text = client_for(hr_admin).get(URL).text
    row = text[text.index("Legal") :]
    assert row.index("Fewer than 5 people") < row.index("</tr>")


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach"])
def test_only_hr_opens_it(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_another_employers_hr_sees_only_their_own(client_for, outsider_hr, research):
    assert "Research" not in client_for(outsider_hr).get(URL).text


def test_hr_admin_is_not_shown_goal_pages(client_for, hr_admin, goal):
    assert client_for(hr_admin).get(goal.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("size", [5, 60])
def test_hr_summary_keeps_query_count_flat(
    client_for, employer, hr_admin, django_assert_max_num_queries, size
):
    for _ in range(3):
        dept = DepartmentFactory(employer=employer)
        for person in IndividualFactory.create_batch(
            size // 3 + 1, employer=employer, department=dept, user=None
        ):
            GoalFactory(owner=person)
    client = client_for(hr_admin)
    with django_assert_max_num_queries(9):
        assert client.get(URL).status_code == 200
