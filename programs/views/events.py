"""Event sessions: HR schedules them, people register, .ics files and the calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from careersupport.people.permissions import hr_required, individual_required
from careersupport.utils import (
    add_service_errors,
    csv_cell,
    csv_download,
    message_service_error,
    paginate,
)

from .. import calendar, selectors
from ..forms import SessionForm
from ..models import CalendarFeed
from ..permissions import (
    get_offering_for_organiser,
    get_offering_for_user,
    get_session_for_organiser,
    get_session_for_user,
    get_session_registrations_for_organiser,
)
from ..services import events as event_services


def _session_form(request, offering, session=None, *, back: str = ""):
    me = request.individual
    initial = {"time_zone": me.time_zone}
    if session:
        initial = {
            "title": session.title,
            "starts_at": session.local_start.replace(tzinfo=None),
            "ends_at": session.local_end.replace(tzinfo=None),
            "time_zone": session.time_zone,
            "location": session.location,
            "online_url": session.online_url,
        }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                event_services.session_create(offering=offering, actor=me, **form.cleaned_data)
            else:
                event_services.session_update(session=session, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The session was saved.")
            return redirect(back or reverse("programs:manage-offering", args=[offering.pk]))
    return render(
        request,
        "programs/manage/session_form.html",
        {
            "form": form,
            "offering": offering,
            "session": session,
            "back": back or reverse("programs:manage-offering", args=[offering.pk]),
        },
    )


@hr_required
def session_create(request, pk: int):
    return _session_form(request, get_offering_for_user(request.individual, pk, write=True))


@hr_required
def session_edit(request, pk: int):
    session = get_session_for_user(request.individual, pk, write=True)
    return _session_form(request, session.offering, session)


@require_POST
@hr_required
def session_delete(request, pk: int):
    session = get_session_for_user(request.individual, pk, write=True)
    event_services.session_delete(session=session, actor=request.individual)
    messages.success(request, "The session was removed and its reminders cancelled.")
    return redirect("programs:manage-offering", pk=session.offering_id)


@individual_required
def lead_session_create(request, pk: int):
    """A lead of an employee resource group schedules one of its events."""
    offering = get_offering_for_organiser(request.individual, pk)
    return _session_form(request, offering, back=offering.get_absolute_url())


@individual_required
def lead_session_edit(request, pk: int):
    session = get_session_for_organiser(request.individual, pk)
    return _session_form(
        request, session.offering, session, back=session.offering.get_absolute_url()
    )


@individual_required
def session_registrations(request, pk: int):
    """Who is coming to a session, for those who organise it."""
    me = request.individual
    session = get_session_registrations_for_organiser(request.individual, pk)
    registrations = selectors.session_registrations(session)
    return render(
        request,
        "programs/session_registrations.html",
        {
            "session": session,
            "offering": session.offering,
            "page": paginate(request, registrations, per_page=100),
            "with_email": me.is_hr_admin,
            "back": (
                reverse("programs:manage-offering", args=[session.offering_id])
                if me.is_hr_admin
                else session.offering.get_absolute_url()
            ),
        },
    )


@hr_required
def session_registrations_csv(request, pk: int):
    """The sign-in sheet of a session, for HR."""
    session = get_session_registrations_for_organiser(request.individual, pk)
    response, writer = csv_download(f"session-{session.pk}.csv")
    writer.writerow(["name", "email", "department", "registered_at"])
    for registration in selectors.session_registrations(session):
        person = registration.person
        writer.writerow(
            [
                csv_cell(person.full_name),
                csv_cell(person.email),
                csv_cell(person.department.name if person.department else ""),
                f"{timezone.localtime(registration.created_at):%Y-%m-%d %H:%M}",
            ]
        )
    return response


@require_POST
@individual_required
def session_register(request, pk: int):
    me = request.individual
    session = get_session_for_user(me, pk)
    try:
        if request.POST.get("action") == "unregister":
            event_services.session_unregister(session=session, person=me, actor=me)
            messages.success(request, f"You are no longer registered for {session.title}.")
        else:
            event_services.session_register(session=session, person=me, actor=me)
            messages.success(request, f"You are registered for {session.title}.")
    except ValidationError as error:
        message_service_error(request, error)
    return redirect(session.offering)


@individual_required
def session_ics(request, pk: int):
    session = get_session_for_user(request.individual, pk)
    response = HttpResponse(calendar.ics_for([session]), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


@individual_required
def calendar_settings(request):
    me = request.individual
    if request.method == "POST":
        event_services.calendar_feed_revoke(person=me, actor=me)
        messages.success(request, "A new address was made; the old one no longer works.")
        return redirect("programs:calendar")
    feed = event_services.calendar_feed_for(me)
    return render(
        request,
        "programs/calendar.html",
        {"feed_url": request.build_absolute_uri(feed.get_absolute_url())},
    )


def calendar_feed(request, token: str):
    """No sign-in: calendar apps cannot log in. The secret token is the credential."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    if feed.person.deactivated_at is not None:
        raise Http404
    sessions = selectors.feed_sessions(feed.person)
    body = calendar.ics_for(sessions, events=calendar.other_apps_events(feed.person))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
