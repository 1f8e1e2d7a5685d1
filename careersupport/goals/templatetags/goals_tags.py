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

# /team/'s table is built in Python: it is the page's hot path (25 people and a hundred goal
# rows a page), where the template engine cost three times as much. As in programs_tags,
# every piece of HTML comes from format_html / format_html_join with named placeholders (each
# value escaped on the way in), links from one reverse() a page (RowUrls), a choice the code
# does not know is printed as stored, and each table's header and cells come from one
# function. What repeats from row to row (labels, dates, percentages, overdue badges) is
# escaped once and reused: format_html passes an already safe piece through as it is.
#
# One table for the team: a row per person (name, job title, goals, average progress, last
# check-in, what is overdue), then a row whose <details> opens to that person's goals (no
# JavaScript needed; the summary is a button to the keyboard). People stay in the order the
# selector gives: who needs attention first.

TEAM_TABLE = (
    '<div class="table-wrap">\n<table class="team-table">\n'
    '<caption class="visually-hidden">{caption}</caption>\n'
    "<thead><tr>{header}</tr></thead>\n{people}\n</table>\n</div>"
)
PERSON = (
    '<tbody class="team-person">\n<tr><th scope="row">{name}{reports_to}</th>'
    "<td>{job_title}</td><td>{count}</td><td>{average}</td><td>{last_checkin}</td>"
    "<td>{overdue}</td></tr>{goals}\n</tbody>"
)
REPORTS_TO = '<br><small class="reports-to">Reports to {manager}</small>'
AVERAGE = (
    '<progress class="progress-bar" value="{progress}" max="100"'
    ' aria-label="Average progress of {name}">{progress}%</progress> <small>{progress}%</small>'
)
PERSON_GOALS = (
    '\n<tr class="team-goals"><td colspan="{span}" data-label=""><details>'
    '<summary><span class="visually-hidden">Goals of {name}: </span>{titles}</summary>\n'
    "{table}\n</details></td></tr>"
)
COUNT_BADGE = '<span class="badge badge-danger">{count} {reason} overdue</span> '
REASON_PLURAL = {"check-in": "check-ins", "milestone": "milestones", "target date": "target dates"}
NONE = format_html("{dash}", dash="—")

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


def _header(columns) -> SafeString:
    return format_html_join("", '<th scope="col">{}</th>', ((c,) for c in columns))


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


@lru_cache(maxsize=256)
def _overdue_counts(counts: tuple[tuple[str, int], ...]) -> SafeString:
    """A person's badges: how many of their goals have each thing overdue."""
    return format_html_join(
        "",
        COUNT_BADGE,
        (
            {"count": n, "reason": reason if n == 1 else REASON_PLURAL.get(reason, reason)}
            for reason, n in counts
        ),
    )


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


GOAL_HEADER = _header(GOAL_COLUMNS)


def _goals_table(goals, name: str, goal_url: RowUrls) -> SafeString:
    return format_html(
        GOALS_TABLE,
        name=name,
        header=GOAL_HEADER,
        rows=format_html_join("\n", GOAL_ROW, (_goal_row(goal, goal_url) for goal in goals)),
    )


def team_columns(status: str) -> tuple[str, ...]:
    """The team table's columns; the goals column names the status shown (active by default)."""
    label = STATUS_LABELS.get(status, status) if status else "Active"
    return ("Person", "Job title", f"{label} goals", "Average progress", "Last check-in", "Overdue")


@register.simple_tag(takes_context=True)
def team_table(context, people, viewer, filters) -> SafeString:
    """/team/'s table of people (see above); one reverse() a page for the goal links."""
    goal_url = context.render_context.get("goals_tags.goal_url")
    if goal_url is None:
        goal_url = context.render_context["goals_tags.goal_url"] = RowUrls("goals:goal-detail")
    return team_table_html(people, viewer=viewer, filters=filters, goal_url=goal_url)


def team_table_html(people, *, viewer, filters, goal_url: RowUrls) -> SafeString:
    columns = team_columns(filters.status)
    who = "Everyone in your chain" if filters.whole_chain else "Direct reports"
    return format_html(
        TEAM_TABLE,
        caption=f"{who}: a row per person, who needs attention first",
        header=_header(columns),
        people=format_html_join(
            "\n",
            "{}",
            (
                (team_person_html(p, viewer=viewer, filters=filters, goal_url=goal_url),)
                for p in people
            ),
        ),
    )


def team_person_html(person, *, viewer, filters, goal_url: RowUrls) -> SafeString:
    """One person's rows of the team table: their figures, then their goals behind a
    disclosure (none when they have no goal to show)."""
    name = person.full_name
    goals = person.team_goals
    reports_to: SafeString | str = ""
    if filters.whole_chain and person.manager_id != viewer.pk:
        reports_to = format_html(REPORTS_TO, manager=person.manager.full_name)
    average: SafeString = NONE
    if person.avg_progress is not None:
        # Half up, as |floatformat:0 rounds (progress is never negative).
        average = format_html(AVERAGE, progress=int(person.avg_progress + 0.5), name=name)
    counts: dict[str, int] = {}
    for goal in goals:
        for reason in getattr(goal, "overdue", ()):
            counts[reason] = counts.get(reason, 0) + 1
    detail: SafeString | str = ""
    if goals:
        detail = format_html(
            PERSON_GOALS,
            span=len(team_columns(filters.status)),
            name=name,
            titles=" · ".join(goal.title for goal in goals),  # plain text, escaped as one
            table=_goals_table(goals, name, goal_url),
        )
    return format_html(
        PERSON,
        name=name,
        reports_to=reports_to,
        job_title=person.job_title or NONE,
        count=person.goal_count,
        average=average,
        last_checkin=_date(person.last_checkin),
        overdue=_overdue_counts(tuple((r, counts[r]) for r in REASON_PLURAL if r in counts))
        if counts
        else NONE,
        goals=detail,
    )
