"""/team/'s table built in Python (goals_tags.team_table): everything people type is escaped,
each table's header and cells agree, links come from the goal, unknown choices show as stored.
"""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from careersupport.goals.models import Goal
from careersupport.goals.templatetags.goals_tags import team_person_html, team_table_html
from careersupport.utils import RowUrls
from tests.factories import GoalFactory, IndividualFactory

pytestmark = pytest.mark.django_db
URL = reverse("team:overview")
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _goal_url():
    return RowUrls("goals:goal-detail")


def _chain_page(client_for, manager):
    return client_for(manager).get(URL, {"scope": "chain"}).text


def test_a_script_in_a_goal_title_is_shown_as_text(client_for, manager, employee):
    goal = GoalFactory(owner=employee, title=f"{SCRIPT} & co")
    text = client_for(manager).get(URL).text
    assert SCRIPT not in text
    assert f'<a href="{goal.get_absolute_url()}">{ESCAPED} &amp; co</a>' in text
    assert f'aria-label="Progress of {ESCAPED} &amp; co"' in text


def test_a_script_in_a_name_job_title_or_managers_name_is_shown_as_text(
    client_for, manager, employee, employer
):
    employee.first_name, employee.job_title = SCRIPT, f"{SCRIPT} lead"
    employee.save()
    report = IndividualFactory(employer=employer, manager=employee, first_name="Ray")
    GoalFactory(owner=employee)
    GoalFactory(owner=report)
    text = _chain_page(client_for, manager)
    assert SCRIPT not in text
    assert f'<th scope="row">{ESCAPED} {employee.last_name}</th><td>{ESCAPED} lead</td>' in text
    assert f"Reports to {ESCAPED} {employee.last_name}" in text
    assert f'<span class="visually-hidden">Goals of {ESCAPED} {employee.last_name}: ' in text
    assert f'<caption class="visually-hidden">Goals of {ESCAPED} {employee.last_name}' in text


def test_the_team_table_has_a_header_cell_for_every_column(client_for, manager, employee):
    GoalFactory(owner=employee, next_checkin_due="2020-01-01")
    text = client_for(manager).get(URL).text
    table = text[text.index('<table class="team-table">') :]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table[: table.index("</thead>")])
    row = table[table.index('<tbody class="team-person">') :]
    row = row[: row.index("</tr>")]
    assert row.count("<td>") + row.count('<th scope="row">') == len(header) == 6


def test_the_goals_table_has_a_header_cell_for_every_column(client_for, manager, employee):
    GoalFactory(owner=employee, next_checkin_due="2020-01-01")
    text = client_for(manager).get(URL).text
    table = text[text.index("<table>") : text.index("</table>")]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert header == ["Goal", "Progress", "Last check-in", "Next due", "Target", "Overdue"]
    row = table[table.index("<tbody>") :]
    assert row.count("<td>") == len(header)
    assert '<span class="badge badge-danger">check-in overdue</span>' in row


def test_a_category_the_code_no_longer_knows_is_shown_as_stored(client_for, manager, employee):
    goal = GoalFactory(owner=employee)
    Goal.objects.filter(pk=goal.pk).update(category="legacy<x>")
    text = client_for(manager).get(URL).text
    assert "<small>legacy&lt;x&gt;</small>" in text


def _person(employee, manager, goals, **figures):
    return SimpleNamespace(
        full_name=employee.full_name,
        job_title="",
        manager_id=manager.pk,
        goal_count=len(goals),
        avg_progress=figures.get("avg_progress", 0 if goals else None),
        last_checkin=None,
        overdue_count=0,
        team_goals=goals,
    )


def test_a_status_the_code_no_longer_knows_is_shown_as_stored(manager, employee):
    goal = GoalFactory(owner=employee, status="retired")
    filters = SimpleNamespace(whole_chain=False, status="retired")
    html = team_table_html(
        [_person(employee, manager, [goal])], viewer=manager, filters=filters, goal_url=_goal_url()
    )
    assert "Skill · retired" in html and '<th scope="col">retired goals</th>' in html


def test_without_goals_a_person_has_a_row_and_nothing_to_open(manager, employee):
    filters = SimpleNamespace(whole_chain=False, status="paused")
    html = team_person_html(
        _person(employee, manager, []), viewer=manager, filters=filters, goal_url=_goal_url()
    )
    assert "<td>0</td><td>—</td><td>—</td><td>—</td></tr>" in html
    assert "<details>" not in html
