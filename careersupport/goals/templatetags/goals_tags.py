from __future__ import annotations

from datetime import date

from django import template

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


@register.filter
def shortdate(value: date | None, empty: str = "—") -> str:
    """`5 Mar 2026`: what `|date:"j M Y"` prints, at a tenth of its cost, for the long
    tables of /team/ (the interface is English-only, as LANGUAGE_CODE is)."""
    if not value:
        return empty
    return f"{value.day} {value:%b %Y}"
