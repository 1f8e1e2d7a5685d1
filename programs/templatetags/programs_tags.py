from __future__ import annotations

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("programs/includes/_home_card.html", takes_context=True)
def programs_home_card(context):
    """The home card: HR's waiting requests; everyone else's programs and next session."""
    me = context.get("me")
    if me is None or me.kind == "external":
        return {"me": None}
    data = {"me": me, "next_session": selectors.my_sessions(me).first()}
    data["active"] = (
        selectors.my_enrollments(me)
        .filter(status__in=["enrolled", "waitlisted", "requested"])
        .count()
    )
    if me.is_hr_admin:
        data["pending"] = selectors.pending_label(me)
    return data
