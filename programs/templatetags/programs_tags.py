from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from careersupport.people.models import Individual
from careersupport.people.templatetags.format_tags import shortdate, shortdatetime

from .. import selectors
from ..models import Enrollment, Offering

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


KIND_LABELS = dict(Offering.Kind.choices)
FORMAT_LABELS = dict(Offering.Format.choices)
STATUS_LABELS = dict(Offering.Status.choices)
ENROLLMENT_LABELS = dict(Enrollment.Status.choices)
PERSON_KINDS = dict(Individual.Kind.choices)


def _card(offering) -> SafeString:
    badges = [
        format_html('<span class="badge">{}</span>', KIND_LABELS.get(offering.kind, offering.kind))
    ]
    if offering.kind == Offering.Kind.POLICY:
        if offering.my_acknowledged:
            badges.append(mark_safe('<span class="badge badge-ok">You acknowledged it</span>'))
        else:
            badges.append(mark_safe('<span class="badge">To read and acknowledge</span>'))
    if offering.my_status:
        position = f" (number {offering.my_position})" if offering.my_status == "waitlisted" else ""
        badges.append(
            format_html(
                '<span class="badge badge-ok">{}{}</span>',
                ENROLLMENT_LABELS.get(offering.my_status, offering.my_status),
                position,
            )
        )
    full = offering.capacity and offering.seats_taken >= offering.capacity
    if full and not offering.is_confidential:
        waiting = f", {offering.waitlisted_count} waiting" if offering.waitlisted_count else ""
        badges.append(format_html('<span class="badge badge-warning">Full{}</span>', waiting))
    when = ""
    if offering.starts_on:
        when = shortdate(offering.starts_on)
        if offering.ends_on and offering.ends_on != offering.starts_on:
            when += f" – {shortdate(offering.ends_on)}"
        when += " · "
    return format_html(
        '<article class="card">\n    <h2><a href="{}">{}</a></h2>\n    <p>{}</p>\n'
        "    <p>{}{}</p>\n    <p>{}</p>\n  </article>",
        offering.get_absolute_url(),
        offering.title,
        mark_safe(" ".join(badges)),  # noqa: S308 - each built by format_html or literal
        when,
        FORMAT_LABELS.get(offering.format, offering.format),
        Truncator(offering.description).words(30, truncate=" …"),
    )


@register.simple_tag
def catalog_cards(offerings) -> SafeString:
    """The catalog's cards, built in Python: the page's hot path (twenty cards), where the
    template engine cost about three times as much. format_html escapes every value."""
    return mark_safe("\n  ".join(_card(offering) for offering in offerings))  # noqa: S308


@register.simple_tag
def queue_rows(enrollments) -> SafeString:
    """The approval queue's rows, built in Python like the catalog's cards (25 rows, each
    with its own checkbox and decline form). format_html escapes every value."""
    return mark_safe(  # noqa: S308 - each row built by format_html
        "\n".join(
            format_html(
                "<tr>\n"
                '  <td><input type="checkbox" name="enrollments" value="{pk}" id="pick-{pk}"'
                ' aria-label="Select {name} for {title}"></td>\n'
                '  <td><label for="pick-{pk}">{name}</label><br><small>{kind}{department}'
                "</small></td>\n"
                '  <td><a href="{offering_url}">{title}</a></td>\n'
                "  <td>{asked}</td>\n"
                '  <td class="actions">\n'
                '    <button type="submit" class="small" name="single" value="approve:{pk}">'
                "Approve</button>\n"
                "    <details><summary>Decline…</summary>\n"
                '      <label for="reason-{pk}">Reason (the person sees it)</label>\n'
                '      <textarea id="reason-{pk}" name="reason-{pk}" rows="2"></textarea>\n'
                '      <button type="submit" class="small secondary" name="single"'
                ' value="decline:{pk}">Decline</button>\n'
                "    </details>\n"
                "  </td>\n"
                "</tr>",
                pk=e.pk,
                name=e.person.full_name,
                title=e.offering.title,
                kind=PERSON_KINDS.get(e.person.kind, e.person.kind),
                department=f" · {e.person.department}" if e.person.department_id else "",
                offering_url=reverse("programs:manage-offering", args=[e.offering_id]),
                asked=shortdatetime(e.created_at),
            )
            for e in enrollments
        )
    )


@register.simple_tag
def console_rows(offerings) -> SafeString:
    """The HR console's offering rows, built in Python like the queue's."""
    return mark_safe(  # noqa: S308 - each row built by format_html
        "\n".join(
            format_html(
                '<tr>\n  <td><a href="{}">{}</a><br><small>{}{}</small></td>\n'
                "  <td>{}</td>\n  <td>{}</td>\n"
                "  <td>{}</td><td>{}{}</td><td>{}</td><td>{}</td>\n</tr>",
                reverse("programs:manage-offering", args=[o.pk]),
                o.title,
                KIND_LABELS.get(o.kind, o.kind),
                " · confidential" if o.is_confidential else "",
                STATUS_LABELS.get(o.status, o.status),
                shortdate(o.starts_on),
                o.requested_count,
                o.enrolled_count,
                f"/{o.capacity}" if o.capacity else "",
                o.waitlisted_count,
                o.completed_count,
            )
            for o in offerings
        )
    )
