"""/team/: attention order, filters, chain switch, roll-up and query counts."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careersupport.people import hierarchy
from careersupport.people.models import Individual
from careersupport.people.templatetags.format_tags import shortdate
from tests.factories import GoalFactory, IndividualFactory

pytestmark = pytest.mark.django_db
URL = reverse("team:overview")


def _past(days=3):
    return timezone.localdate() - timedelta(days=days)


def test_who_needs_attention_comes_first(client_for, manager, employee, peer):
    GoalFactory(owner=employee, title="Calm goal")
    GoalFactory(owner=peer, title="Late goal", next_checkin_due=_past())
    text = client_for(manager).get(URL).text
    assert text.index(peer.full_name) < text.index(employee.full_name)


@pytest.mark.parametrize(
    "late", [{"next_checkin_due": "past"}, {"next_milestone_due": "past"}, {"target_date": "past"}]
)
def test_overdue_only_shows_every_kind_of_overdue(client_for, manager, employee, peer, late):
    GoalFactory(owner=employee, title="On time")
    GoalFactory(owner=peer, title="Behind", **{k: _past() for k in late})
    text = client_for(manager).get(URL, {"overdue": "on"}).text
    assert "Behind" in text and "On time" not in text


def test_filters_by_category_and_status(client_for, manager, employee):
    GoalFactory(owner=employee, title="Learn Rust", category="skill")
    GoalFactory(owner=employee, title="Get promoted", category="role")
    GoalFactory(owner=employee, title="Old win", category="role", status="achieved")
    client = client_for(manager)
    text = client.get(URL, {"category": "role"}).text
    assert "Get promoted" in text and "Learn Rust" not in text and "Old win" not in text
    assert "Old win" in client.get(URL, {"status": "achieved"}).text


def _row(text: str, person) -> str:
    """The person's row of the team table (their figures), up to their goals' row."""
    row = text[text.index(f'<tr><th scope="row">{person.full_name}') :]
    return row[: row.index("</tr>")]


def test_the_team_is_one_table_with_a_row_per_person(client_for, manager, employee, peer):
    GoalFactory(owner=employee)
    GoalFactory(owner=peer)
    text = client_for(manager).get(URL).text
    assert text.count('<table class="team-table">') == 1
    assert text.count('<tbody class="team-person">') == 2
    header = text[text.index('<table class="team-table">') :]
    header = header[header.index("<thead>") : header.index("</thead>")]
    assert re.findall(r'<th scope="col">([^<]*)</th>', header) == [
        "Person",
        "Job title",
        "Active goals",
        "Average progress",
        "Last check-in",
        "Overdue",
    ]


def test_shows_a_roll_up_per_person(client_for, manager, employee):
    GoalFactory(owner=employee, progress=20, last_checkin_on=_past(9))
    GoalFactory(owner=employee, progress=60, next_checkin_due=_past())
    row = _row(client_for(manager).get(URL).text, employee)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[1] == "2"
    assert 'value="40"' in cells[2] and "<small>40%</small>" in cells[2]
    assert cells[3] == shortdate(_past(9))
    assert cells[4] == '<span class="badge badge-danger">1 check-in overdue</span> '


def test_each_persons_goals_open_from_their_row(client_for, manager, employee):
    first = GoalFactory(owner=employee, title="Learn Rust")
    GoalFactory(owner=employee, title="Give a talk")
    text = client_for(manager).get(URL).text
    goals = text[text.index('<tr class="team-goals">') :]
    goals = goals[: goals.index("</details>")]
    assert (
        f'<summary><span class="visually-hidden">Goals of {employee.full_name}: </span>'
        "Learn Rust · Give a talk</summary>"
    ) in goals
    assert f'<a href="{first.get_absolute_url()}">Learn Rust</a>' in goals
    assert 'colspan="6" data-label=""' in goals


def test_overdue_badges_count_each_kind(client_for, manager, employee):
    GoalFactory(owner=employee, next_checkin_due=_past(), target_date=_past())
    GoalFactory(owner=employee, next_checkin_due=_past())
    row = _row(client_for(manager).get(URL).text, employee)
    assert "2 check-ins overdue</span>" in row and "1 target date overdue</span>" in row


def test_a_persons_row_escapes_and_says_whom_they_report_to_in_the_chain(
    client_for, manager, employee, employer
):
    lead = IndividualFactory(employer=employer, manager=employee, first_name="<i>Lee</i>")
    lead.job_title = "<b>Lead</b> & co"
    lead.save()
    GoalFactory(owner=lead, progress=25)
    GoalFactory(owner=lead, progress=50)  # 37.5 rounds half up, as |floatformat does
    quiet = IndividualFactory(employer=employer, manager=employee, first_name="Quiet")
    text = client_for(manager).get(URL, {"scope": "chain"}).text
    assert "<i>Lee" not in text and "<b>Lead" not in text
    name = f"&lt;i&gt;Lee&lt;/i&gt; {lead.last_name}"
    row = text[text.index(f'<tr><th scope="row">{name}') :]
    row = row[: row.index("</tr>")]
    assert f'<small class="reports-to">Reports to {employee.full_name}</small>' in row
    assert "<td>&lt;b&gt;Lead&lt;/b&gt; &amp; co</td><td>2</td>" in row
    assert 'value="38"' in row
    quiet_row = _row(text, quiet)
    assert quiet_row.endswith("<td>0</td><td>—</td><td>—</td><td>—</td>")
    assert text[text.index(quiet_row) + len(quiet_row) :].startswith("</tr>\n</tbody>")
    direct = client_for(manager).get(URL).text
    assert "Reports to" not in direct


def test_a_bad_filter_value_is_ignored_not_a_500(client_for, manager, goal):
    response = client_for(manager).get(URL, {"category": "nonsense", "scope": "everyone"})
    assert response.status_code == 200


def _tree(employer, top, fanout, depth):
    """A reporting tree of `depth` levels under `top`; returns the leaves."""
    level = [top]
    for _ in range(depth):
        level = [
            IndividualFactory(employer=employer, manager=boss, user=None)
            for boss in level
            for _ in range(fanout)
        ]
    return level


def test_three_level_chain_is_one_query(employer, manager):
    leaves = _tree(employer, manager, 2, 3)
    with CaptureQueriesContext(connection) as below:
        ids = set(
            Individual.objects.filter(id__in=hierarchy.below_sql(manager.pk)).values_list(
                "id", flat=True
            )
        )
    with CaptureQueriesContext(connection) as above:
        chain_up = hierarchy.managers_above(leaves[0].pk)
    assert len(ids) == 2 + 4 + 8 and {leaf.pk for leaf in leaves} <= ids
    assert len(below) == 1 and len(above) == 1
    assert chain_up[-1] == manager.pk and len(chain_up) == 3


def test_skip_level_manager_may_review_through_the_chain(
    client_for, employer, manager, chain_strategy
):
    leaf = _tree(employer, manager, 1, 3)[0]
    goal = GoalFactory(owner=leaf, title="Deep goal")
    assert client_for(manager).get(goal.get_absolute_url()).status_code == 200
    assert "Deep goal" in client_for(manager).get(URL, {"scope": "chain"}).text


@pytest.mark.parametrize("size", [5, 100])
def test_team_keeps_query_count_flat(
    client_for, employer, manager, django_assert_max_num_queries, size
):
    reports = IndividualFactory.create_batch(size, employer=employer, manager=manager, user=None)
    for person in reports:
        GoalFactory(owner=person, next_checkin_due=_past() if person.pk % 2 else None)
        GoalFactory(owner=person, category="role", last_checkin_on=_past(9))
    client = client_for(manager)
    for query in ({}, {"overdue": "on"}, {"category": "role"}, {"status": "achieved"}):
        with django_assert_max_num_queries(7):
            assert client.get(URL, query).status_code == 200


@pytest.mark.parametrize("size", [5, 100])
def test_team_keeps_query_count_flat_with_many_goals_per_report(
    client_for, manager, employee, django_assert_max_num_queries, size
):
    GoalFactory.create_batch(size, owner=employee, next_checkin_due=_past())
    client = client_for(manager)
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    assert response.status_code == 200
    assert f"<td>{size}</td>" in _row(response.text, employee)


@pytest.mark.parametrize("fanout", [2, 5])
def test_whole_chain_keeps_query_count_flat(
    client_for, employer, manager, django_assert_max_num_queries, fanout, chain_strategy
):
    for leaf in _tree(employer, manager, fanout, 3):
        GoalFactory(owner=leaf)
    client = client_for(manager)
    client.get(URL, {"scope": "chain"})  # counts the chain once (then kept in the cache)
    # 8, or 9 when the scan cannot fill the page and the walk answers instead
    with django_assert_max_num_queries(9):
        assert client.get(URL, {"scope": "chain"}).status_code == 200


def test_a_long_chain_is_paged(client_for, employer, manager, chain_strategy):
    reports = IndividualFactory.create_batch(30, employer=employer, manager=manager, user=None)
    client = client_for(manager)
    first = client.get(URL, {"scope": "chain"}).text
    second = client.get(URL, {"scope": "chain", "page": 2}).text
    assert 'rel="next"' in first and 'rel="next"' not in second
    shown = [p for p in reports if p.full_name in first] + [
        p for p in reports if p.full_name in second
    ]
    assert len(shown) == 30


def test_whole_chain_puts_who_needs_attention_first_and_filters_overdue(
    client_for, employer, manager, employee, chain_strategy
):
    deep = _tree(employer, employee, 1, 2)[-1]
    GoalFactory(owner=employee, title="Calm goal")
    GoalFactory(owner=deep, title="Deep and late", next_checkin_due=_past())
    client = client_for(manager)
    text = client.get(URL, {"scope": "chain"}).text
    assert text.index(deep.full_name) < text.index(employee.full_name)
    overdue = client.get(URL, {"scope": "chain", "overdue": "on"}).text
    assert "Deep and late" in overdue and employee.full_name not in overdue


def test_whole_chain_hides_deactivated_people_but_walks_through_them(
    client_for, employer, manager, employee, peer, chain_strategy
):
    below = IndividualFactory(employer=employer, manager=employee, user=None, first_name="Below")
    employee.deactivated_at = timezone.now()
    employee.save()
    text = client_for(manager).get(URL, {"scope": "chain"}).text
    assert f'<th scope="row">{below.full_name}' in text
    assert f'<th scope="row">{employee.full_name}' not in text


def test_scan_and_walk_give_the_same_pages(client_for, employer, manager, monkeypatch):
    from careersupport.goals import selectors

    leaves = _tree(employer, manager, 3, 3)
    for n, person in enumerate(leaves):
        GoalFactory(owner=person, next_checkin_due=_past(n % 7) if n % 3 else None)
    outsider_boss = IndividualFactory(employer=employer)
    for person in _tree(employer, outsider_boss, 4, 2):
        GoalFactory(owner=person, next_checkin_due=_past(2))
    client = client_for(manager)
    pages = {}
    for strategy, limit in (("walk", 10**9), ("scan", 0)):
        monkeypatch.setattr(selectors, "CHAIN_WALK_MAX", limit)
        pages[strategy] = [
            client.get(URL, {"scope": "chain", "page": page, **extra}).text.split("<main")[1]
            for page in (1, 2)
            for extra in ({}, {"overdue": "on"})
        ]
    assert pages["walk"] == pages["scan"]
    assert outsider_boss.full_name not in "".join(pages["scan"])


def test_the_scan_fills_a_page_in_the_walks_order(employer, manager):
    from careersupport.goals.selectors import ChainPeople

    leaves = _tree(employer, manager, 3, 3)
    for n, person in enumerate(leaves):
        GoalFactory(owner=person, next_checkin_due=_past(n % 5))
    gone = [leaves[0], leaves[3].manager]  # a leaf, and a lead whose reports stay in the chain
    Individual.objects.filter(pk__in=[p.pk for p in gone]).update(deactivated_at=timezone.now())
    chain = ChainPeople(viewer=manager, people=Individual.objects.all(), overdue_before=None)
    scanned = chain._scan(slice(0, 20), cap=1000)
    assert scanned is not None and scanned == chain._walk(slice(0, 20))
    assert leaves[0].pk not in scanned and leaves[3].pk in scanned
    assert chain._scan(slice(20, 40), cap=1000) is None  # too few: the walk answers


def test_goal_rows_escape_what_people_type(client_for, manager, employee):
    GoalFactory(owner=employee, title="<script>alert(1)</script> & more", status="paused")
    text = client_for(manager).get(URL, {"status": "paused"}).text
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text
    assert "Skill · Paused" in text


def test_the_filters_keep_what_was_chosen(client_for, manager, goal):
    text = (
        client_for(manager)
        .get(URL, {"scope": "chain", "overdue": "on", "category": "role", "status": "paused"})
        .text
    )
    for chosen in ('value="chain" selected', 'value="role" selected', 'value="paused" selected'):
        assert chosen in text
    assert 'id="id_overdue" checked' in text
    plain = client_for(manager).get(URL).text
    assert 'id="id_overdue" checked' not in plain and "selected" not in plain
