from __future__ import annotations

from datetime import date
from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from careersupport.people.templatetags.format_tags import shortdate
from careersupport.utils import RowUrls

from ..models import Goal

register = template.Library()


@register.filter
def overdue_reasons(goal, today: date) -> list[str]:
    """What is past due on an active goal: check-in, milestone, target date."""
    return goal.overdue_reasons(today)


@register.inclusion_tag("goals/includes/_home_card.html", takes_context=True)
def goals_home_card(context) -> dict:
    """The home card: the viewer's check-ins due this week or overdue, and unread reviews."""
    from ..selectors import home_summary

    me = context["me"]
    return {"me": me, **home_summary(viewer=me)}


register.filter("shortdate", shortdate)


CATEGORY_LABELS = dict(Goal.Category.choices)
STATUS_LABELS = dict(Goal.Status.choices)

# One person of /team/ is built in Python: it is the page's hot path (25 people and a hundred
# goal rows a page), where the template engine cost three times as much. As in programs_tags,
# every piece of HTML comes from format_html / format_html_join with named placeholders (each
# value escaped on the way in), links from get_absolute_url(), a choice the code does not
# know is printed as stored, and the goals table's header and cells come from one function.
# What repeats from row to row (labels, dates, percentages, overdue badges) is escaped once
# and reused: format_html passes an already safe piece through without escaping it again.

PERSON = (
    '<article class="team-person">\n  <header>\n    <h2>{name}{job}</h2>\n'
    "    <p>{summary}{overdue}</p>\n  </header>\n  {goals}\n</article>"
)
JOB = " <small>{job_title}</small>"
OVERDUE_BADGE = ' · <span class="badge badge-danger">{count} overdue</span>'
NO_GOALS = "<p><small>No {status} goals shared with managers.</small></p>"

GOAL_COLUMNS = ("Goal", "Progress", "Last check-in", "Next due", "Target", "Overdue")
GOALS_TABLE = (
    '<div class="table-wrap">\n<table>\n'
    '<caption class="visually-hidden">Goals of {name}</caption>\n'
    "<thead><tr>{header}</tr></thead>\n"
    "<tbody>\n{rows}\n</tbody>\n</table>\n</div>"
)
GOAL_ROW = (
    '<tr><td><a href="{url}">{title}</a><br><small>{category}</small></td>'
    '<td><progress class="progress-bar" value="{progress}" max="100"'
    ' aria-label="Progress of {title}">{progress}%</progress> <small>{progress}%</small></td>'
    "<td>{last_checkin}</td><td>{next_due}</td><td>{target}</td><td>{overdue}</td></tr>"
)
REASON_BADGE = '<span class="badge badge-danger">{reason} overdue</span> '


@lru_cache(maxsize=256)
def _category(category: str, status: str) -> SafeString:
    """`Skill`, or `Skill · Paused` for a goal that is not active."""
    label = CATEGORY_LABELS.get(category, category)
    if status == Goal.Status.ACTIVE:
        return format_html("{label}", label=label)
    return format_html("{label} · {status}", label=label, status=STATUS_LABELS.get(status, status))


@lru_cache(maxsize=256)
def _overdue(reasons: tuple[str, ...]) -> SafeString:
    return format_html_join("", REASON_BADGE, ({"reason": reason} for reason in reasons))


@lru_cache(maxsize=4096)
def _date(day: date | None) -> SafeString:
    # A calendar date reads the same for every viewer (never pass an aware datetime here).
    return format_html("{day}", day=shortdate(day))


@lru_cache(maxsize=256)
def _percent(progress: int) -> SafeString:
    return format_html("{progress}", progress=progress)


def _goal_row(goal: Goal, goal_url: RowUrls) -> dict:
    return {
        "url": goal_url(goal.pk),
        "title": goal.title,
        "category": _category(goal.category, goal.status),
        "progress": _percent(goal.progress),
        "last_checkin": _date(goal.last_checkin_on),
        "next_due": _date(goal.next_checkin_due),
        "target": _date(goal.target_date),
        "overdue": _overdue(tuple(getattr(goal, "overdue", ()))),
    }


GOAL_HEADER = format_html_join("", '<th scope="col">{}</th>', ((c,) for c in GOAL_COLUMNS))


def _goals_table(goals, name: str, goal_url: RowUrls) -> SafeString:
    return format_html(
        GOALS_TABLE,
        name=name,
        header=GOAL_HEADER,
        rows=format_html_join("\n", GOAL_ROW, (_goal_row(goal, goal_url) for goal in goals)),
    )


@register.simple_tag(takes_context=True)
def team_person(context, person, viewer, filters) -> SafeString:
    """One person of /team/ with their goals (see above); one reverse() a page for the links."""
    goal_url = context.render_context.get("goals_tags.goal_url")
    if goal_url is None:
        goal_url = context.render_context["goals_tags.goal_url"] = RowUrls("goals:goal-detail")
    return team_person_html(person, viewer=viewer, filters=filters, goal_url=goal_url)


def team_person_html(person, *, viewer, filters, goal_url: RowUrls) -> SafeString:
    summary = []
    if filters.whole_chain and person.manager_id != viewer.pk:
        summary.append(f"Reports to {person.manager.full_name}")
    count = person.goal_count
    summary.append(f"{count} goal{'' if count == 1 else 's'}")
    if person.avg_progress is not None:
        # Half up, as |floatformat:0 rounds (progress is never negative).
        summary.append(f"average progress {int(person.avg_progress + 0.5)}%")
    summary.append(f"last check-in {shortdate(person.last_checkin, 'never')}")
    if person.team_goals:
        goals = _goals_table(person.team_goals, person.full_name, goal_url)
    else:
        status = STATUS_LABELS.get(filters.status, filters.status).lower()
        goals = format_html(NO_GOALS, status=status)
    return format_html(
        PERSON,
        name=person.full_name,
        job=format_html(JOB, job_title=person.job_title) if person.job_title else "",
        summary=" · ".join(summary),  # plain text, escaped as one value
        overdue=format_html(OVERDUE_BADGE, count=person.overdue_count)
        if person.overdue_count
        else "",
        goals=goals,
    )
