"""My coaching: intake, the suggested coaches, the engagement's page for both sides, notes,
linked goals, the coach's answer, pause, complete, cancel and the final review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careersupport.people.permissions import individual_required
from careersupport.utils import add_service_errors, confirm_page, message_service_error

from .. import matching, selectors, services
from ..forms import AnswerForm, CoachPickForm, FinalReviewForm, GoalsForm, IntakeForm, NoteForm
from ..models import Engagement
from ..permissions import coach_profile_of, coachee_capable, get_engagement_for_user

SHOWN_SUGGESTIONS = 10


def engagement_page(request, engagement, *, note_form=None, status=200):
    """The engagement as its coachee or its coach sees it (also served at /coaching/)."""
    me = request.individual
    context = selectors.engagement_page(engagement, me)
    context["note_form"] = note_form or NoteForm(
        is_coach=context["is_coach"], sessions=context["past"][:10] + context["upcoming"]
    )
    if context["is_coachee"] and engagement.is_under_way:
        goals = selectors.goals_to_share(engagement)
        linked = [goal.pk for goal in context["linked_goals"]]
        context["goals_form"] = GoalsForm(goals=goals, initial={"goals": linked})
    return render(request, "coaching/engagement_detail.html", context, status=status)


@individual_required
def home(request):
    me = request.individual
    engagement = selectors.live_engagement_of(me)
    if engagement is not None:
        return engagement_page(request, engagement)
    capable = coachee_capable(me)
    return render(
        request,
        "coaching/home.html",
        {
            "can_ask": capable,
            "enrollment": services.waiting_enrollment(me) if capable else None,
            "settings": services.coaching_settings(me.employer_id),
            "past": selectors.past_engagements_of(me)[:10],
            "coach_profile": coach_profile_of(me),
        },
    )


@individual_required
def intake(request):
    me = request.individual
    if not coachee_capable(me):
        raise PermissionDenied("Coaching here is for employees and their partners.")
    live = selectors.live_engagement_of(me)
    if live is not None:
        return redirect(live)
    form = IntakeForm(request.POST or None, initial={"languages": ["en"]})
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_request(person=me, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. These coaches fit what you asked for best.")
            return redirect("coaching:suggestions", pk=engagement.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "enrollment": services.waiting_enrollment(me)}
    return render(request, "coaching/intake_form.html", context, status=status)


@individual_required
def suggestions(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk, role="coachee")
    if not engagement.choosing:
        return redirect(engagement)
    show_all = bool(request.GET.get("all"))
    found = matching.for_engagement(engagement, detail=None if show_all else SHOWN_SUGGESTIONS)
    form = CoachPickForm(request.POST or None, suggestions=found)
    if request.method == "POST" and form.is_valid():
        coach = form.chosen()
        try:
            if coach:
                services.engagement_choose(engagement=engagement, actor=me, coach=coach)
                text = f"We asked {coach.full_name}; you will hear as soon as they answer."
            else:
                services.engagement_shortlist(
                    engagement=engagement, actor=me, coaches=form.shortlist()
                )
                text = "Now book a short chemistry call with each coach on your shortlist."
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, text)
            return redirect(engagement)
    shown = found if show_all else found[:SHOWN_SUGGESTIONS]
    context = {"engagement": engagement, "suggestions": shown, "total": len(found), "form": form}
    # After a refused POST the boxes stay as the person ticked them, not as last saved.
    context["shortlisted"] = (
        {int(v) for v in request.POST.getlist("coaches") if v.isdigit()}
        if form.is_bound
        else set(engagement.shortlist.values_list("pk", flat=True))
    )
    return render(
        request, "coaching/suggestion_list.html", context, status=400 if form.errors else 200
    )


@individual_required
def engagement_detail(request, pk: int):
    return engagement_page(request, get_engagement_for_user(request.individual, pk))


@individual_required
def answer(request, pk: int):
    """The coach accepts or declines a request (with a message the person reads)."""
    me = request.individual
    engagement = get_engagement_for_user(me, pk, role="coach")
    if not engagement.awaiting_coach:
        messages.info(request, "This request has already been answered.")
        return redirect(engagement)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.engagement_answer(
                engagement=engagement,
                actor=me,
                accept=data["decision"] == "accept",
                message=data["message"],
                sessions_agreed=data["sessions_agreed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            accepted = data["decision"] == "accept"
            messages.success(request, "Accepted: coaching starts." if accepted else "Declined.")
            return redirect(engagement if accepted else "coaching:coach")
    context = {
        "engagement": engagement,
        "form": form,
        "declines": selectors.declines_of(engagement),
    }
    return render(request, "coaching/answer_form.html", context, status=400 if form.errors else 200)


@require_POST
@individual_required
def note_create(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk)
    sessions = list(engagement.sessions.all())
    form = NoteForm(request.POST, is_coach=me.pk == engagement.coach_id, sessions=sessions)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.note_create(
                engagement=engagement,
                actor=me,
                text=data["text"],
                visibility=data.get("visibility") or "shared",
                session=form.sessions.get(data["session"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The note is saved.")
            return redirect(f"{engagement.get_absolute_url()}#notes")
    return engagement_page(request, engagement, note_form=form, status=400)


@require_POST
@individual_required
def goals(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk, role="coachee")
    form = GoalsForm(request.POST, goals=selectors.goals_to_share(engagement))
    if not form.is_valid():
        messages.error(request, "Choose among your goals.")
        return redirect(engagement)
    try:
        services.engagement_set_goals(
            engagement=engagement, actor=me, goals=list(form.cleaned_data["goals"])
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Your coach sees the goals you ticked.")
    return redirect(f"{engagement.get_absolute_url()}#goals")


@require_POST
@individual_required
def pause(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk)
    pausing = engagement.status == Engagement.Status.ACTIVE
    try:
        services.engagement_pause(engagement=engagement, actor=me, pause=pausing)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Coaching is paused." if pausing else "Coaching is resumed.")
    return redirect(engagement)


def _confirm(request, engagement, *, title: str, text: str, button: str):
    return confirm_page(
        request,
        question=title,
        consequences=[text],
        button=button,
        back=engagement.get_absolute_url(),
        undo="This cannot be undone.",
    )


@individual_required
def complete(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk, role="coach")
    if request.method == "POST":
        try:
            services.engagement_complete(engagement=engagement, actor=me)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "Coaching is complete; the person is asked for a review.")
        return redirect(engagement)
    return _confirm(
        request,
        engagement,
        title=f"Complete the coaching of {engagement.coachee.full_name}?",
        text="Booked sessions still to come are cancelled and you no longer see their goals.",
        button="Complete coaching",
    )


@individual_required
def cancel(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk)
    if request.method == "POST":
        try:
            services.engagement_cancel(engagement=engagement, actor=me)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "Coaching is cancelled.")
        return redirect("coaching:home" if me.pk == engagement.coachee_id else "coaching:coach")
    return _confirm(
        request,
        engagement,
        title="Cancel this coaching?",
        text="Every session still to come is cancelled and both of you are told. Notes stay "
        "readable by the two of you.",
        button="Cancel coaching",
    )


@individual_required
def review(request, pk: int):
    me = request.individual
    engagement = get_engagement_for_user(me, pk, role="coachee")
    form = FinalReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.final_review_create(engagement=engagement, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you for your review.")
            return redirect(engagement)
    return render(
        request,
        "coaching/review_form.html",
        {"engagement": engagement, "form": form},
        status=400 if form.errors else 200,
    )
