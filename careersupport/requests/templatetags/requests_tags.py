from __future__ import annotations

from datetime import date, timedelta

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from careersupport.people.templatetags.format_tags import shortdate

register = template.Library()
LETTERS = "MTWTFSS"


@register.inclusion_tag("requests/includes/_home_card.html", takes_context=True)
def requests_home_card(context) -> dict:
    """The home card: what waits for me as an approver, my open requests, my arrangement."""
    from .. import selectors
    from ..models import OPEN, FinancialRequest, FlexibleArrangement, LeaveRequest

    me = context.get("me")
    if me is None or not me.is_employee:
        return {"me": None}
    mine = (
        LeaveRequest.objects.filter(person=me, status="pending").count()
        + FlexibleArrangement.objects.filter(person=me, status__in=OPEN).count()
        + FinancialRequest.objects.filter(person=me, status="pending").count()
    )
    data = {"me": me, "open": mine, "to_confirm": selectors.job_shares_to_confirm(me).count()}
    if me.is_hr_admin or me.is_manager:
        data["waiting"] = selectors.waiting_count(me)
    return data


@register.inclusion_tag("requests/includes/_policy_link.html", takes_context=True)
def leave_policy_link(context, offering) -> dict:
    """On a policy offering's page: "Request leave under this policy", when one is linked."""
    from ..models import LeavePolicy

    me = context.get("me")
    policy = (
        LeavePolicy.objects.filter(offering_id=offering.pk, is_active=True).first()
        if me is not None and me.is_employee and offering.kind == "policy"
        else None
    )
    return {"policy": policy}


@register.inclusion_tag("requests/includes/_arrangement.html", takes_context=True)
def current_arrangement(context, person) -> dict:
    """On a profile: the person's current flexible arrangement, to them, their manager and
    HR (the people templates call it for those viewers only)."""
    from .. import selectors

    me = context.get("me")
    allowed = me is not None and (
        me.pk == person.pk
        or (me.is_hr_admin and me.employer_id == person.employer_id)
        or person.manager_id == me.pk
    )
    if not allowed or not person.is_employee:
        return {"show": False}
    return {
        "show": True,
        "arrangement": selectors.current_arrangement(person),
        "person": person,
        "me": me,
    }


# The cells that hold no value from a person, built once.
AWAY = format_html('<td class="cal-away"><abbr title="{}">{}</abbr></td>', "leave", "L")
HALF = format_html('<td class="cal-away"><abbr title="{}">{}</abbr></td>', "leave, half day", "½")
WEEKEND = format_html('<td class="{}"></td>', "cal-weekend")
EMPTY = format_html("<td>{}</td>", "")


def _cell(day: date, away: list, holidays: dict) -> SafeString:
    if day in holidays:
        return format_html('<td class="cal-holiday"><abbr title="{}">H</abbr></td>', holidays[day])
    if day.weekday() >= 5:
        return WEEKEND
    for start, end, start_half, end_half in away:
        if start <= day <= end:
            half = (day == start and start_half) or (day == end and end_half)
            return HALF if half else AWAY
    return EMPTY


@register.simple_tag
def month_grid(people, absences: dict, holidays: dict, first: date, last: date) -> SafeString:
    """The team month: a row a person, a column a day. Built in Python (a hot partial of up
    to 25 × 31 cells); format_html escapes every value."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    head = format_html_join(
        "",
        '<th scope="col"><abbr title="{}">{}</abbr><br>{}</th>',
        ((f"{d:%A} {shortdate(d)}", LETTERS[d.weekday()], d.day) for d in days),
    )
    rows = format_html_join(
        "\n",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                person.full_name,
                format_html_join(
                    "", "{}", ((_cell(d, absences.get(person.pk, []), holidays),) for d in days)
                ),
            )
            for person in people
        ),
    )
    return format_html(
        '<thead><tr><th scope="col">Person</th>{}</tr></thead>\n<tbody>\n{}\n</tbody>', head, rows
    )


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
