from __future__ import annotations

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from careersupport.people.models import Individual
from careersupport.people.templatetags.format_tags import shortdate, shortdatetime
from careersupport.utils import RowUrls

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
    data["active"] = selectors.my_enrollments(me).filter(status__in=Enrollment.ACTIVE).count()
    if me.is_hr_admin:
        data["pending"] = selectors.pending_label(me)
    return data


KIND_LABELS = dict(Offering.Kind.choices)
FORMAT_LABELS = dict(Offering.Format.choices)
STATUS_LABELS = dict(Offering.Status.choices)
ENROLLMENT_LABELS = dict(Enrollment.Status.choices)
PERSON_KINDS = dict(Individual.Kind.choices)

# The hot partials below are built in Python because the template engine cost about three
# times as much (twenty cards, 25 rows a page). The one rule: every piece of HTML comes from
# format_html / format_html_join with named placeholders, so each value is escaped on the way
# in; links come from reverse() or get_absolute_url(); a choice the code does not know (an
# old value still stored) is printed as stored. A table's header and its cells come from the
# same function, so the columns cannot drift apart. A table reverses its rows' link once
# (RowUrls) rather than once a row.


def _label(labels: dict[str, str], value: str) -> str:
    return labels.get(value, value)


def _header(columns: tuple[str, ...]) -> SafeString:
    return format_html(
        "<thead><tr>{cells}</tr></thead>",
        cells=format_html_join("", '<th scope="col">{}</th>', ((c,) for c in columns)),
    )


CARD = (
    '<article class="card">\n    <h2><a href="{url}">{title}</a></h2>\n'
    "    <p>{kind}{policy}{mine}{full}</p>\n"
    "    <p>{when}{format}</p>\n    <p>{description}</p>\n  </article>"
)
# The badges after the first start with the space that separates them.
KIND_BADGE = '<span class="badge">{label}</span>'
MINE_BADGE = ' <span class="badge badge-ok">{label}</span>'
FULL_BADGE = ' <span class="badge badge-warning">Full{waiting}</span>'
ACKNOWLEDGED = format_html(MINE_BADGE, label="You acknowledged it")
TO_ACKNOWLEDGE = format_html(' <span class="badge">{label}</span>', label="To read and acknowledge")


@lru_cache(maxsize=256)
def _kind_badge(kind: str) -> SafeString:
    return format_html(KIND_BADGE, label=_label(KIND_LABELS, kind))


def _card(offering) -> dict:
    policy = mine = full = ""
    if offering.kind == Offering.Kind.POLICY:
        policy = ACKNOWLEDGED if offering.my_acknowledged else TO_ACKNOWLEDGE
    if offering.my_status:
        label = _label(ENROLLMENT_LABELS, offering.my_status)
        if offering.my_status == Enrollment.Status.WAITLISTED:
            label += f" (number {offering.my_position})"
        mine = format_html(MINE_BADGE, label=label)
    is_full = offering.capacity and offering.seats_taken >= offering.capacity
    if is_full and not offering.is_confidential:
        waiting = f", {offering.waitlisted_count} waiting" if offering.waitlisted_count else ""
        full = format_html(FULL_BADGE, waiting=waiting)
    when = ""
    if offering.starts_on:
        when = shortdate(offering.starts_on)
        if offering.ends_on and offering.ends_on != offering.starts_on:
            when += f" – {shortdate(offering.ends_on)}"
        when += " · "
    return {
        "url": offering.get_absolute_url(),
        "title": offering.title,
        "kind": _kind_badge(offering.kind),
        "policy": policy,
        "mine": mine,
        "full": full,
        "when": when,
        "format": _label(FORMAT_LABELS, offering.format),
        "description": Truncator(offering.description).words(30, truncate=" …"),
    }


@register.simple_tag
def catalog_cards(offerings) -> SafeString:
    """The catalog's cards (the page's hot path)."""
    return format_html_join("\n  ", CARD, (_card(offering) for offering in offerings))


QUEUE_COLUMNS = ("Select", "Person", "Offering", "Asked", "Decide one")
QUEUE_ROW = (
    "<tr>\n"
    '  <td><input type="checkbox" name="enrollments" value="{pk}" id="pick-{pk}"'
    ' aria-label="Select {name} for {title}"></td>\n'
    '  <td><label for="pick-{pk}">{name}</label><br><small>{kind}{department}</small></td>\n'
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
    "</tr>"
)
TABLE = (
    '<div class="table-wrap"><table>\n'
    '  <caption class="visually-hidden">{caption}</caption>\n'
    "  {header}\n"
    "  <tbody>\n{rows}\n  </tbody>\n"
    "</table></div>"
)


def _queue_row(e: Enrollment, offering_url: RowUrls) -> dict:
    person = e.person
    return {
        "pk": e.pk,
        "name": person.full_name,
        "title": e.offering.title,
        "kind": _label(PERSON_KINDS, person.kind),
        "department": f" · {person.department}" if person.department_id else "",
        "offering_url": offering_url(e.offering_id),
        "asked": shortdatetime(e.created_at),
    }


@register.simple_tag
def queue_table(enrollments) -> SafeString:
    """The approval queue's table: a checkbox and a decline form per request (25 rows)."""
    url = RowUrls("programs:manage-offering")
    return format_html(
        TABLE,
        caption="Requests waiting for approval, oldest first",
        header=_header(QUEUE_COLUMNS),
        rows=format_html_join("\n", QUEUE_ROW, (_queue_row(e, url) for e in enrollments)),
    )


CONSOLE_COLUMNS = (
    "Offering",
    "Status",
    "Dates",
    "Requested",
    "Enrolled",
    "Waitlisted",
    "Completed",
)
CONSOLE_ROW = (
    '<tr>\n  <td><a href="{url}">{title}</a><br><small>{kind}{confidential}</small></td>\n'
    "  <td>{status}</td>\n  <td>{starts}</td>\n"
    "  <td>{requested}</td><td>{enrolled}{capacity}</td><td>{waitlisted}</td>"
    "<td>{completed}</td>\n</tr>"
)
CONSOLE_EMPTY = '<tr><td colspan="{span}">No offerings yet.</td></tr>'


def _console_row(o, offering_url: RowUrls) -> dict:
    """`o` comes from the console's selector, with its per-status counts."""
    return {
        "url": offering_url(o.pk),
        "title": o.title,
        "kind": _label(KIND_LABELS, o.kind),
        "confidential": " · confidential" if o.is_confidential else "",
        "status": _label(STATUS_LABELS, o.status),
        "starts": shortdate(o.starts_on),
        "requested": o.requested_count,
        "enrolled": o.enrolled_count,
        "capacity": f"/{o.capacity}" if o.capacity else "",
        "waitlisted": o.waitlisted_count,
        "completed": o.completed_count,
    }


@register.simple_tag
def console_table(offerings, employer) -> SafeString:
    """The HR console's table of offerings with their counts."""
    offerings = list(offerings)
    if offerings:
        url = RowUrls("programs:manage-offering")
        rows = format_html_join("\n", CONSOLE_ROW, (_console_row(o, url) for o in offerings))
    else:
        rows = format_html(CONSOLE_EMPTY, span=len(CONSOLE_COLUMNS))
    return format_html(
        TABLE,
        caption=f"Offerings of {employer}",
        header=_header(CONSOLE_COLUMNS),
        rows=rows,
    )
