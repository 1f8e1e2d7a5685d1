from __future__ import annotations

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("notifications/includes/_home_card.html", takes_context=True)
def notifications_home_card(context) -> dict:
    """The home card: the latest unread notifications and, for HR, failed deliveries."""
    me = context["me"]
    return {
        "me": me,
        "latest": list(selectors.inbox_for(viewer=me, unread_only=True)[:3]),
        "unread": context.get("inbox_unread", 0),
        "failed": selectors.failures_for_hr(viewer=me).count() if me.is_hr_admin else 0,
    }
