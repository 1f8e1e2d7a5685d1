from __future__ import annotations

from django import template
from django.db.models import Q

from ..models import Mentorship, MentorshipRequest
from ..selectors import hr_counts

register = template.Library()


@register.inclusion_tag("mentorship/includes/_home_card.html", takes_context=True)
def mentorship_home_card(context) -> dict:
    """What needs doing: requests to answer, pairs needing a check-in; for HR, proposals to
    review, poor-fit flags and stalled pairs. A few COUNTs."""
    me = context.get("me")
    if me is None or me.kind == "external":
        return {"me": None}
    mine = Mentorship.objects.for_employer(me.employer_id).filter(
        Q(mentee=me) | Q(mentor=me), status="active"
    )
    data = {
        "me": me,
        "active": mine.count(),
        "needs_checkin": mine.filter(health="needs_checkin").count(),
        "to_answer": MentorshipRequest.objects.filter(mentor=me, status="pending").count(),
    }
    if me.is_hr_admin:
        data["hr"] = hr_counts(me)
    return data
