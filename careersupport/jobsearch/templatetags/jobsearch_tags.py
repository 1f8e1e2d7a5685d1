from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("jobsearch/includes/_home_card.html", takes_context=True)
def jobsearch_home_card(context) -> dict:
    """The person's open applications and next steps due; a coach's preparation requests.
    Nothing (and no query beyond the opt-in's) for someone without a tracker."""
    from ..permissions import may_use_tracker
    from ..selectors import home_summary

    me = context.get("me")
    if me is None:
        return {"show": False}
    tracker = may_use_tracker(me)
    summary = home_summary(me, tracker=tracker)
    return {"show": tracker or "coach_requests" in summary, "tracker": tracker, **summary}
