from __future__ import annotations

from django import template
from django.utils import timezone

from ..models import SurveyInvitation

register = template.Library()


@register.inclusion_tag("reports/includes/_home_card.html", takes_context=True)
def reports_home_card(context) -> dict:
    """The surveys waiting for the viewer's answer (one indexed query), and HR's way in."""
    me = context.get("me")
    if me is None:
        return {"me": None, "surveys": []}
    surveys = list(
        SurveyInvitation.objects.for_employer(me.employer_id)
        .filter(person=me)
        .open(timezone.now())
        .order_by("closes_at")[:5]
    )
    return {"me": me, "surveys": surveys}
