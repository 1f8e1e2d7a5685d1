"""Booking free slots, a session's page, moving, cancelling, outcomes, ratings, notes' edits
and the per-session calendar file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careersupport.people.permissions import individual_required
from careersupport.people.templatetags.format_tags import shortdatetime
from careersupport.utils import add_service_errors, message_service_error

from .. import calendar, selectors, services
from ..forms import FeedbackForm, NoteEditForm, OutcomeForm, SlotForm
from ..models import Engagement
from ..permissions import get_engagement_for_user, get_note_for_author, get_session_for_user


def _booking_coach(engagement: Engagement, request):
    """Whose slots: a shortlisted coach for a chemistry call (?coach=), else the coach."""
    if engagement.status == Engagement.Status.CHEMISTRY:
        coach_id = request.GET.get("coach") or request.POST.get("coach")
        if not str(coach_id).isdigit():
            raise Http404("Choose a coach on your shortlist.")
        return get_object_or_404(engagement.shortlist.select_related("coach_profile"), pk=coach_id)
    if engagement.coach is None:
        raise Http404("No coach yet.")
    return engagement.coach


def _slots_page(request, *, engagement, coach, form, session=None):
    days = selectors.booking_page(
        coach=coach,
        coachee=engagement.coachee,
        viewer=request.individual,
        exclude_session=session,
    )
    context = {"engagement": engagement, "coach": coach, "days": days, "form": form}
    context["session"] = session
    return render(request, "coaching/booking.html", context, status=400 if form.errors else 200)


@individual_required
def book(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk)
    coach = _booking_coach(engagement, request)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_book(
                engagement=engagement,
                actor=me,
                starts_at=form.cleaned_data["starts_at"],
                coach=coach,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Booked with {coach.full_name}: {shortdatetime(session.starts_at)}."
            )
            return redirect(session)
    return _slots_page(request, engagement=engagement, coach=coach, form=form)


@individual_required
def session_detail(request, pk: int):
    me = request.individual
    session = get_session_for_user(me, pk)
    engagement = session.engagement
    settings = services.coaching_settings(engagement.employer_id)
    context = {
        "session": session,
        "engagement": engagement,
        "is_coach": me.pk == session.coach_id,
        "is_coachee": me.pk == session.coachee_id,
        "party": me.pk in (engagement.coachee_id, engagement.coach_id),
        "refused": services.change_refused(session, me, notice=settings.notice, now=timezone.now()),
        "started": session.has_started(),
        "notes": selectors.session_notes(session, me),
        "feedback": getattr(session, "feedback", None),
        "feedback_form": FeedbackForm(),
    }
    return render(request, "coaching/session_detail.html", context)


@individual_required
def session_move(request, pk: int):
    me = request.individual
    session = get_session_for_user(me, pk)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_reschedule(
                session=session, actor=me, starts_at=form.cleaned_data["starts_at"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The session is moved; both of you are reminded of the new time."
            )
            return redirect(session)
    return _slots_page(
        request, engagement=session.engagement, coach=session.coach, form=form, session=session
    )


@individual_required
def session_cancel(request, pk: int):
    me = request.individual
    session = get_session_for_user(me, pk)
    if request.method == "POST":
        try:
            services.session_cancel(session=session, actor=me)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "The session is cancelled and the other side is told.")
        return redirect(session)
    return render(
        request,
        "coaching/confirm.html",
        {
            "title": f"Cancel the {session.get_kind_display().lower()} of {shortdatetime(session.starts_at)}?",
            "text": "Its reminders are cancelled and the other side is told.",
            "button": "Cancel the session",
            "back": session.get_absolute_url(),
        },
    )


@require_POST
@individual_required
def session_outcome(request, pk: int):
    me = request.individual
    session = get_session_for_user(me, pk, role="coach")
    form = OutcomeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose held or no-show.")
        services.session_set_outcome(
            session=session, actor=me, outcome=form.cleaned_data["outcome"]
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Saved.")
    return redirect(session)


@require_POST
@individual_required
def session_rate(request, pk: int):
    me = request.individual
    session = get_session_for_user(me, pk, role="coachee")
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_create(session=session, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you for rating the session.")
            return redirect(session)
    context = {
        "session": session,
        "engagement": session.engagement,
        "feedback_form": form,
        "is_coachee": True,
        "notes": selectors.session_notes(session, me),
    }
    return render(request, "coaching/session_detail.html", context, status=400)


@individual_required
def session_ics(request, pk: int):
    session = get_session_for_user(request.individual, pk)
    response = HttpResponse(
        calendar.session_ics(session, request.individual.pk), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="coaching-{session.pk}.ics"'
    return response


@individual_required
def note_edit(request, pk: int):
    me = request.individual
    note = get_note_for_author(me, pk)
    form = NoteEditForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(note=note, actor=me, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The note is saved.")
            return redirect(f"{note.engagement.get_absolute_url()}#notes")
    return render(
        request,
        "coaching/note_form.html",
        {"note": note, "form": form},
        status=400 if form.errors else 200,
    )
