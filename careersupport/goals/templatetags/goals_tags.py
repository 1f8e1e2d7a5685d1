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


@register.simple_tag
def team_goal_rows(goals, goals_url: str) -> SafeString:
    """The rows of a person's goals on /team/, built in Python: this is the page's hot path
    (a hundred rows per page), and the template engine cost three times as much per row.
    Every value that comes from a person is escaped."""
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
    return mark_safe("\n".join(rows))  # noqa: S308 - built above from escaped values
