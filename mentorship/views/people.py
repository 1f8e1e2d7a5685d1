"""Pages of mentees and mentors: parse, permission helper, service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careersupport.people.permissions import employee_required, individual_required
from careersupport.utils import add_service_errors, message_service_error

from .. import selectors, services
from ..forms import (
    AgreementForm,
    AnswerForm,
    CloseForm,
    FeedbackForm,
    FindForm,
    FitForm,
    GoalsForm,
    MeetingForm,
    MentorProfileForm,
    NeedsForm,
    PrivateNoteForm,
    RequestForm,
)
from ..models import MentorProfile, Programme
from ..permissions import (
    get_meeting_for_user,
    get_mentor_profile_for_user,
    get_mentorship_for_user,
    get_request_for_user,
)


def _data(request):
    """The POST data of a POST, even an empty one (a form with no field filled is still sent)."""
    return request.POST if request.method == "POST" else None


def _status(form) -> int:
    return 400 if form.errors else 200


def _programme_for(request, offering_pk) -> Programme:
    """A mentorship programme the viewer takes part in (or waits in)."""
    me = request.individual
    enrollments = {e.offering_id: e for e in selectors.my_programmes(me)}
    if not str(offering_pk).isdigit() or int(offering_pk) not in enrollments:
        raise PermissionDenied("Enroll in the mentorship programme first.")
    return services.programme_ensure(offering=enrollments[int(offering_pk)].offering)


@individual_required
def home(request):
    me = request.individual
    return render(
        request,
        "mentorship/home.html",
        {
            "programmes": selectors.my_programmes(me),
            "mentorships": list(selectors.my_mentorships(me)[:50]),
            "requests": selectors.my_requests(me),
            "to_answer": selectors.requests_to_answer(me),
            "profile": selectors.mentor_profile_of(me),
        },
    )


@individual_required
def needs_edit(request, offering_pk: int):
    me = request.individual
    programme = _programme_for(request, offering_pk)
    needs = selectors.needs_of(programme, me)
    initial = None
    if needs:
        initial = {
            f: getattr(needs, f)
            for f in (
                "language",
                "department_preference",
                "max_tz_difference",
                "years_experience",
                "note",
            )
        }
        initial |= {"topics": list(needs.topics.all()), "goals": list(needs.goals.all())}
    form = NeedsForm(_data(request), person=me, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            **form.cleaned_data,
            "topics": list(form.cleaned_data["topics"]),
            "goals": list(form.cleaned_data["goals"]),
        }
        try:
            services.needs_save(programme=programme, person=me, actor=me, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved. Here are the mentors who fit best.")
            return redirect(reverse("mentorship:find") + f"?programme={programme.offering_id}")
    return render(
        request,
        "mentorship/needs_form.html",
        {"form": form, "programme": programme},
        status=_status(form),
    )


@individual_required
def find(request):
    me = request.individual
    programme = _programme_for(request, request.GET.get("programme", ""))
    ranking = selectors.ranked_mentors(viewer=me, programme=programme)
    form = FindForm(request.GET or None, topics=dict(ranking.labels.topics))
    data = form.cleaned_data if form.is_valid() else {}
    ranking.narrowed(topic_id=data.get("topic"), language=data.get("language", ""))
    page = Paginator(ranking.order, 12).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentorship/find.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "cards": selectors.suggestions_page(ranking, page.object_list),
            "query": query.urlencode(),
        },
    )


@individual_required
def request_create(request, profile_pk: int):
    me = request.individual
    profile = get_mentor_profile_for_user(me, profile_pk)
    programme = _programme_for(
        request, request.GET.get("programme") or request.POST.get("programme", "")
    )
    form = RequestForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_create(
                programme=programme, mentee=me, mentor=profile, actor=me, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your request is with {profile.person.full_name}.")
            return redirect("mentorship:home")
    return render(
        request,
        "mentorship/request_form.html",
        {"form": form, "profile": profile, "programme": programme},
        status=_status(form),
    )


@individual_required
def request_detail(request, pk: int):
    req = get_request_for_user(request.individual, pk)
    form = AnswerForm(_data(request))
    decision = request.POST.get("decision")
    if request.method == "POST" and req.mentor_id != request.individual.pk:
        raise PermissionDenied("Only the mentor asked answers a request.")
    if request.method == "POST" and form.is_valid() and decision in ("accept", "decline"):
        try:
            if decision == "accept":
                mentorship = services.request_accept(
                    request=req, actor=request.individual, **form.cleaned_data
                )
                messages.success(request, f"You are now {req.mentee.full_name}'s mentor.")
                return redirect(mentorship)
            services.request_decline(request=req, actor=request.individual, **form.cleaned_data)
            messages.success(request, "Declined; the mentee has your message.")
            return redirect("mentorship:home")
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request, "mentorship/request_detail.html", {"req": req, "form": form}, status=_status(form)
    )


@require_POST
@individual_required
def request_withdraw(request, pk: int):
    req = get_request_for_user(request.individual, pk)
    if req.mentee_id != request.individual.pk:
        raise PermissionDenied("Only the mentee withdraws their request.")
    try:
        services.request_withdraw(request=req, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Request withdrawn.")
    return redirect("mentorship:home")


@employee_required
def profile_edit(request):
    me = request.individual
    profile = MentorProfile.objects.filter(person=me).prefetch_related("topics").first()
    initial = {"years_experience": 5, "languages": ["en"], "capacity": 2}
    if profile:
        initial = {
            f: getattr(profile, f)
            for f in ("years_experience", "capacity", "open_to_partners", "bio")
        }
        initial |= {"languages": profile.language_codes, "topics": list(profile.topics.all())}
    form = MentorProfileForm(_data(request), employer=me.employer_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "topics": list(form.cleaned_data["topics"])}
        try:
            services.mentor_profile_save(person=me, actor=me, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your mentor profile is saved.")
            return redirect("mentorship:home")
    return render(
        request,
        "mentorship/profile_form.html",
        {"form": form, "profile": profile},
        status=_status(form),
    )


@require_POST
@employee_required
def profile_pause(request):
    me = request.individual
    profile = get_object_or_404(MentorProfile, person=me)
    paused = request.POST.get("paused") == "on"
    services.mentor_set_paused(profile=profile, actor=me, paused=paused)
    messages.success(
        request,
        "Paused: nobody new is suggested your name." if paused else "You are available again.",
    )
    return redirect("mentorship:home")


# --- one mentorship ----------------------------------------------------------------------------


@individual_required
def mentorship_detail(request, pk: int):
    me = request.individual
    m = get_mentorship_for_user(me, pk)
    side = m.side_of(me)
    context = {
        "m": m,
        "side": side,
        "other": m.other_side(me),
        "meeting_form": MeetingForm(),
        "fit_form": FitForm(),
        "feedback_form": FeedbackForm(),
        "my_fit": getattr(m, f"{side}_fit"),
        **selectors.mentorship_page(m, me),
    }
    if side == "mentee":
        context["goals_form"] = GoalsForm(person=me, initial={"goals": context["linked_goals"]})
    return render(request, "mentorship/mentorship_detail.html", context)


def _form_page(request, m, form, template: str, extra: dict | None = None):
    return render(request, template, {"m": m, "form": form, **(extra or {})}, status=_status(form))


@individual_required
def agreement_edit(request, pk: int):
    me = request.individual
    m = get_mentorship_for_user(me, pk)
    form = AgreementForm(
        _data(request),
        initial={"goals": m.agreement_goals, "cadence": m.cadence, "ends_on": m.ends_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(mentorship=m, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Agreement saved; {m.other_side(me).display_name} is asked to confirm it."
            )
            return redirect(m)
    return _form_page(request, m, form, "mentorship/agreement_form.html")


def _post_action(request, pk: int, action, done: str, **kwargs):
    me = request.individual
    m = get_mentorship_for_user(me, pk)
    try:
        action(mentorship=m, actor=me, **kwargs)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, done)
    return redirect(m)


@require_POST
@individual_required
def agreement_confirm(request, pk: int):
    return _post_action(request, pk, services.agreement_confirm, "You confirmed the agreement.")


@require_POST
@individual_required
def goals_update(request, pk: int):
    form = GoalsForm(request.POST, person=request.individual)
    if not form.is_valid():
        messages.error(request, "Choose from your own active goals.")
        return redirect("mentorship:mentorship-detail", pk=pk)
    return _post_action(
        request,
        pk,
        services.goals_set,
        "Shared goals updated.",
        goals=list(form.cleaned_data["goals"]),
    )


@require_POST
@individual_required
def fit_answer(request, pk: int):
    form = FitForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Answer yes or no.")
        return redirect("mentorship:mentorship-detail", pk=pk)
    return _post_action(
        request, pk, services.fit_answer, "Thank you for your answer.", **form.cleaned_data
    )


@individual_required
def meeting_create(request, pk: int):
    me = request.individual
    m = get_mentorship_for_user(me, pk)
    form = MeetingForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_log(mentorship=m, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Meeting logged.")
            return redirect(m)
    return _form_page(request, m, form, "mentorship/meeting_form.html")


@require_POST
@individual_required
def private_note(request, pk: int, meeting_pk: int):
    me = request.individual
    meeting = get_meeting_for_user(me, pk, meeting_pk)
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        services.private_note_save(meeting=meeting, actor=me, text=form.cleaned_data["text"])
        messages.success(request, "Your private note is saved.")
    return redirect(f"{meeting.mentorship.get_absolute_url()}#meeting-{meeting.pk}")


@individual_required
def mentorship_close(request, pk: int):
    me = request.individual
    m = get_mentorship_for_user(me, pk)
    form = CloseForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_close(mentorship=m, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The mentorship is closed. Tell us how it went.")
            return redirect(f"{m.get_absolute_url()}#feedback")
    return _form_page(request, m, form, "mentorship/close_confirm.html")


@require_POST
@individual_required
def feedback(request, pk: int):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a rating from 1 to 5.")
        return redirect("mentorship:mentorship-detail", pk=pk)
    return _post_action(
        request, pk, services.feedback_give, "Thank you for your feedback.", **form.cleaned_data
    )
