"""HR's coaching console (/coaching/manage/): the pool, people waiting, assignment,
engagements by state, feedback in aggregate, coach invitations, the employer's settings.
HR never sees a note here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careersupport.people.permissions import hr_required
from careersupport.people.services import invitation_resend
from careersupport.utils import (
    add_service_errors,
    csv_cell,
    csv_download,
    message_service_error,
    paginate,
)

from .. import matching, selectors, services
from ..forms import (
    AssignForm,
    CoachInviteForm,
    CoachProfileForm,
    InternalCoachForm,
    PoolFilterForm,
    SettingsForm,
)
from ..models import Engagement
from ..permissions import (
    get_coach_invitation_for_hr,
    get_coach_profile_for_hr,
    get_engagement_for_hr,
    get_waiting_enrollment_for_hr,
)

ENROLLMENTS_SHOWN = 50
SHOWN = 20  # coaches listed to assign (any eligible coach may be posted)


@hr_required
def pool(request):
    me = request.individual
    form = PoolFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, selectors.coach_pool(viewer=me, **filters))
    selectors.pool_utilisation(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    context["counts"] = selectors.engagement_counts(me)
    return render(request, "coaching/manage/pool.html", context)


def _coach_form(request, form, save, *, title: str, done: str):
    if request.method == "POST" and form.is_valid():
        try:
            profile = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done.format(name=profile.individual.full_name))
            return redirect("coaching:manage")
    return render(
        request,
        "coaching/manage/coach_form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


@hr_required
def coach_invite(request):
    me = request.individual
    form = CoachInviteForm(
        request.POST or None,
        initial={"time_zone": me.time_zone, "capacity": 6, "coaches_partners": True},
    )

    def save(data):
        return services.coach_invite(employer=me.employer, actor=me, **data)

    return _coach_form(
        request, form, save, title="Invite an external coach", done="Invitation sent to {name}."
    )


@hr_required
def coach_add(request):
    me = request.individual
    form = InternalCoachForm(
        request.POST or None,
        employer=me.employer,
        initial={"capacity": 3, "coaches_partners": True},
    )

    def save(data):
        data = dict(data)
        person = data.pop("email")
        return services.coach_add(employer=me.employer, actor=me, person=person, **data)

    return _coach_form(
        request, form, save, title="Make an employee a coach", done="{name} is in the coach pool."
    )


@hr_required
def coach_edit(request, pk: int):
    me = request.individual
    profile = get_coach_profile_for_hr(me, pk)
    form = CoachProfileForm(request.POST or None, instance=profile, hr=True)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.coach_profile_update(profile=profile, actor=me, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved {profile.individual.full_name}'s profile.")
            return redirect("coaching:manage")
    return render(
        request,
        "coaching/profile_form.html",
        {"form": form, "profile": profile, "own": False},
        status=400 if form.errors else 200,
    )


@hr_required
def waiting(request):
    me = request.individual
    return render(
        request,
        "coaching/manage/waiting.html",
        {
            "page": paginate(request, selectors.waiting_engagements(me)),
            # Enrolled and not started: the oldest first; the intake usually follows quickly.
            "enrollments": selectors.waiting_enrollments(me)[:ENROLLMENTS_SHOWN],
            "enrollments_count": selectors.waiting_enrollments(me).count(),
            "now": timezone.now(),
        },
    )


def _assign(request, *, person, engagement=None, enrollment=None):
    me = request.individual
    if engagement is not None:
        found = matching.for_engagement(engagement, detail=SHOWN)
    else:
        found = matching.rank(person=person, topics=[], languages=[], detail=SHOWN)
    form = AssignForm(request.POST or None, suggestions=found)
    if request.method == "POST" and form.is_valid():
        coach = form.chosen()
        try:
            services.engagement_assign(
                actor=me, coach=coach, engagement=engagement, enrollment=enrollment
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Asked {coach.full_name} to coach {person.full_name}.")
            return redirect("coaching:manage-waiting")
    context = {"person": person, "engagement": engagement, "suggestions": found[:SHOWN]}
    context["form"] = form
    return render(
        request, "coaching/manage/assign.html", context, status=400 if form.errors else 200
    )


@hr_required
def assign(request, pk: int):
    engagement = get_engagement_for_hr(request.individual, pk)
    if not (engagement.choosing or engagement.awaiting_coach):
        messages.info(request, f"{engagement.coachee.full_name} is not waiting for a coach.")
        return redirect("coaching:manage-waiting")
    return _assign(request, person=engagement.coachee, engagement=engagement)


@hr_required
def assign_enrollment(request, pk: int):
    enrollment = get_waiting_enrollment_for_hr(request.individual, pk)
    return _assign(request, person=enrollment.person, enrollment=enrollment)


@hr_required
def engagements(request):
    me = request.individual
    status = request.GET.get("status", "")
    if status not in Engagement.Status.values:
        status = ""
    return render(
        request,
        "coaching/manage/engagement_list.html",
        {
            "page": paginate(request, selectors.engagements_for_hr(viewer=me, status=status)),
            "status": status,
            "statuses": Engagement.Status.choices,
            "counts": selectors.engagement_counts(me),
            "query": f"status={status}" if status else "",
        },
    )


@hr_required
def engagements_csv(request):
    """Engagements as records: who, which coach, state, dates, sessions. No notes, no
    intake text, no ratings."""
    response, writer = csv_download("coaching-engagements.csv")
    writer.writerow(
        ["coachee", "coach", "status", "programme", "started_on", "ended_on", "agreed", "used"]
    )
    for e in selectors.engagements_for_hr(viewer=request.individual).iterator(chunk_size=2000):
        writer.writerow(
            [
                csv_cell(e.coachee.full_name),
                csv_cell(e.coach.full_name if e.coach else ""),
                e.get_status_display(),
                csv_cell(e.enrollment.offering.title if e.enrollment_id else ""),
                e.started_on or "",
                timezone.localdate(e.ended_at) if e.ended_at else "",
                e.sessions_agreed,
                e.used,
            ]
        )
    return response


@hr_required
def feedback(request):
    summary = selectors.feedback_summary(request.individual)
    return render(
        request,
        "coaching/manage/feedback.html",
        {**summary, "min_group": selectors.MIN_GROUP},
    )


@hr_required
def invitations(request):
    state = "all" if request.GET.get("state") == "all" else "pending"
    page = paginate(request, selectors.coach_invitations(request.individual, state=state))
    return render(
        request,
        "coaching/manage/invitation_list.html",
        {"page": page, "state": state, "query": f"state={state}"},
    )


@require_POST
@hr_required
def invitation_resend_view(request, pk: int):
    invitation = get_coach_invitation_for_hr(request.individual, pk)
    try:
        invitation_resend(invitation=invitation, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"Sent the invitation to {invitation.email} again.")
    return redirect("coaching:manage-invitations")


@hr_required
def settings_edit(request):
    me = request.individual
    current = services.coaching_settings(me.employer)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.coaching_settings_update(employer=me.employer, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Coaching settings saved.")
            return redirect("coaching:manage")
    return render(
        request,
        "coaching/manage/settings_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
