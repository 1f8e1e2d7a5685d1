from __future__ import annotations

from functools import cache

from django import template
from django.utils.html import format_html, format_html_join

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


@register.filter
def stage_options(current: str) -> str:
    """The `<option>`s of a card's stage `<select>`, the current stage selected. A hot
    partial (the board renders one per card), so built once per stage with `format_html`."""
    return _stage_options(current)


@cache
def _stage_options(current: str) -> str:
    from ..models import Application

    Stage = Application.Stage
    choices = [(value, label) for value, label in Stage.choices if value != Stage.ACCEPTED]
    if current == Stage.OFFER:
        choices.append((Stage.ACCEPTED, "Accepted…"))
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<option value="{}" selected>{}</option>', value, label)
                if value == current
                else format_html('<option value="{}">{}</option>', value, label),
            )
            for value, label in choices
        ),
    )
