from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("coaching/includes/_home_card.html", takes_context=True)
def coaching_home_card(context) -> dict:
    """What needs the viewer today: their next session, a request to answer, today's
    sessions as a coach, people waiting for HR."""
    from ..selectors import home_summary

    me = context.get("me")
    if me is None:
        return {"me": None}
    return {"me": me, **home_summary(me)}
