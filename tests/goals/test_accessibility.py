"""Every goals page: one h1, headings that never skip a level, a label for every field."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import CheckInFactory, GoalReviewFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

FIELDS = {"input", "select", "textarea"}
UNLABELLED_OK = {"hidden", "submit", "button"}


class Outline(HTMLParser):
    """Collects the heading levels, the fields and the `for` of every label of a page."""

    def __init__(self):
        super().__init__()
        self.levels, self.fields, self.labelled = [], [], set()
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.levels.append(int(tag[1]))
        if tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.labelled.add(attrs["for"])
        if tag in FIELDS and attrs.get("type", "text") not in UNLABELLED_OK:
            inside_label = self._label_depth > 0
            self.fields.append((attrs.get("id"), attrs.get("aria-label"), inside_label))

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


def _problems(html: str) -> list[str]:
    page = Outline()
    page.feed(html)
    problems = []
    if page.levels.count(1) != 1:
        problems.append(f"{page.levels.count(1)} h1")
    for before, after in zip(page.levels, page.levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"h{before} then h{after}")
    for field_id, aria, inside in page.fields:
        if not (inside or aria or field_id in page.labelled):
            problems.append(f"field {field_id} has no label")
    return problems


@pytest.fixture
def busy_goal(goal):
    MilestoneFactory(goal=goal)
    for _ in range(2):
        CheckInFactory(goal=goal, went_well="Fine")
    GoalReviewFactory(goal=goal)
    return goal


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("employee", "goals:goal-list"),
        ("employee", "goals:goal-create"),
        ("employee", "goals:goal-detail"),
        ("employee", "goals:goal-edit"),
        ("employee", "goals:checkin-create"),
        ("employee", "goals:milestone-create"),
        ("manager", "goals:goal-detail"),
        ("manager", "goals:review-create"),
        ("manager", "team:overview"),
        ("hr_admin", "goals:hr-summary"),
        ("employee", "home"),
    ],
)
def test_headings_in_order_and_every_field_labelled(
    client_for, request, busy_goal, persona, url_name
):
    needs_goal = url_name.startswith("goals:") and url_name not in (
        "goals:goal-list",
        "goals:goal-create",
        "goals:hr-summary",
    )
    url = reverse(url_name, args=[busy_goal.pk] if needs_goal else [])
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 200
    assert _problems(response.text) == []


def test_the_checker_catches_a_skipped_level_and_a_bare_field():
    assert _problems('<h1>A</h1><h3>B</h3><input id="x">') == [
        "h1 then h3",
        "field x has no label",
    ]


def test_team_with_the_chain_and_filters_stays_in_order(client_for, manager, busy_goal):
    response = client_for(manager).get(
        reverse("team:overview"), {"scope": "chain", "overdue": "on", "category": "skill"}
    )
    assert _problems(response.text) == []
