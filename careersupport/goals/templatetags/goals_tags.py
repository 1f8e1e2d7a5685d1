from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from careersupport.people.templatetags.format_tags import shortdate

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


def _goal_rows(goals, goals_url: str) -> str:
    rows = []
    for goal in goals:
        title = escape(goal.title)
        status = "" if goal.status == "active" else f" · {STATUS_LABELS[goal.status]}"
        badges = "".join(
            f'<span class="badge badge-danger">{reason} overdue</span> '
            for reason in getattr(goal, "overdue", ())
        )
        rows.append(
            f'<tr><td><a href="{goals_url}{goal.pk}/">{title}</a><br>'
            f"<small>{CATEGORY_LABELS[goal.category]}{status}</small></td>"
            f'<td><progress class="progress-bar" value="{goal.progress}" max="100"'
            f' aria-label="Progress of {title}">{goal.progress}%</progress>'
            f" <small>{goal.progress}%</small></td>"
            f"<td>{shortdate(goal.last_checkin_on)}</td>"
            f"<td>{shortdate(goal.next_checkin_due)}</td>"
            f"<td>{shortdate(goal.target_date)}</td>"
            f"<td>{badges}</td></tr>"
        )
    return "\n".join(rows)


@register.simple_tag
def team_person(person, viewer, filters, goals_url: str) -> SafeString:
    """One person of /team/ with their goals, built in Python: this is the page's hot path
    (25 people and a hundred goal rows a page), where the template engine cost three times as
    much. Every value that comes from a person is escaped."""
    name = escape(person.full_name)
    job = f" <small>{escape(person.job_title)}</small>" if person.job_title else ""
    summary = []
    if filters.whole_chain and person.manager_id != viewer.pk:
        summary.append(f"Reports to {escape(person.manager.full_name)}")
    count = person.goal_count
    summary.append(f"{count} goal{'' if count == 1 else 's'}")
    if person.avg_progress is not None:
        # Half up, as |floatformat:0 rounds (progress is never negative).
        summary.append(f"average progress {int(person.avg_progress + 0.5)}%")
    summary.append(f"last check-in {shortdate(person.last_checkin, 'never')}")
    if person.overdue_count:
        summary.append(f'<span class="badge badge-danger">{person.overdue_count} overdue</span>')
    if person.team_goals:
        goals = (
            '<div class="table-wrap">\n<table>\n'
            f'<caption class="visually-hidden">Goals of {name}</caption>\n'
            '<thead><tr><th scope="col">Goal</th><th scope="col">Progress</th>'
            '<th scope="col">Last check-in</th><th scope="col">Next due</th>'
            '<th scope="col">Target</th><th scope="col">Overdue</th></tr></thead>\n'
            f"<tbody>\n{_goal_rows(person.team_goals, goals_url)}\n</tbody>\n</table>\n</div>"
        )
    else:
        goals = f"<p><small>No {escape(filters.status)} goals shared with managers.</small></p>"
    return mark_safe(  # noqa: S308 - built above from escaped values
        f'<article class="team-person">\n  <header>\n    <h2>{name}{job}</h2>\n'
        f"    <p>{' · '.join(summary)}</p>\n  </header>\n  {goals}\n</article>"
    )
