"""HR's pages (`/mentorship/manage/`): programmes, matching runs, pairs, mentors, feedback,
topics. Every page is `hr_required` and every object comes through an HR permission helper."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careersupport.people.models import Individual
from careersupport.people.permissions import hr_required
from careersupport.utils import add_service_errors, message_service_error, paginate

from .. import selectors, services
from ..forms import PairFilterForm, ProgrammeForm, ProposalChangeForm, RepairForm, TopicForm
from ..models import Proposal, Topic
from ..permissions import (
    get_pair_for_hr,
    get_programme_offering_for_hr,
    get_proposal_for_hr,
    get_run_for_hr,
)


def _data(request):
    """The POST data of a POST, even an empty one (a form with no field filled is still sent)."""
    return request.POST if request.method == "POST" else None


@hr_required
def programme_list(request):
    me = request.individual
    return render(
        request,
        "mentorship/manage/programme_list.html",
        {"offerings": selectors.programmes_for_hr(me), "counts": selectors.hr_counts(me)},
    )


@hr_required
def programme_detail(request, offering_pk: int):
    me = request.individual
    programme = services.programme_ensure(offering=get_programme_offering_for_hr(me, offering_pk))
    form = ProgrammeForm(_data(request), instance=programme)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.programme_update(programme=programme, actor=me, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Settings saved; they apply to the next matching run.")
            return redirect(programme)
    context = {
        "programme": programme,
        "form": form,
        "waiting": services.runs.waiting_enrollments(programme).count(),
        "runs": paginate(request, selectors.runs_of(programme), per_page=20),
    }
    return render(
        request,
        "mentorship/manage/programme_detail.html",
        context,
        status=400 if form.errors else 200,
    )


@require_POST
@hr_required
def run_start(request, offering_pk: int):
    me = request.individual
    programme = services.programme_ensure(offering=get_programme_offering_for_hr(me, offering_pk))
    try:
        run = services.run_start(programme=programme, actor=me)
    except ValidationError as error:
        message_service_error(request, error)
        return redirect(programme)
    messages.success(
        request, f"Matching run ready for review: {run.optimal_matched} pairs proposed."
    )
    return redirect(run)


@hr_required
def run_detail(request, pk: int):
    run = get_run_for_hr(request.individual, pk)
    return render(
        request,
        "mentorship/manage/run_detail.html",
        {
            "run": run,
            "now": services.run_totals(run),
            "pairs": paginate(request, selectors.run_proposals(run, matched=True), per_page=50),
            "unmatched": list(selectors.run_proposals(run, matched=False)[:200]),
        },
    )


def _proposal_form(request, proposal):
    run = proposal.run
    others = (
        Proposal.objects.filter(run=run, mentor__isnull=False)
        .exclude(pk=proposal.pk)
        .values_list(
            "pk",
            "mentee__first_name",
            "mentee__last_name",
            "mentor__first_name",
            "mentor__last_name",
        )
        .order_by("mentee__last_name")
    )
    swaps = [(str(pk), f"{a} {b} (mentor {c} {d})") for pk, a, b, c, d in others]
    return ProposalChangeForm(
        _data(request), swaps=swaps, mentors=selectors.mentor_choices(run.employer_id)
    )


@hr_required
def proposal_change(request, run_pk: int, pk: int):
    me = request.individual
    proposal = get_proposal_for_hr(me, run_pk, pk)
    form = _proposal_form(request, proposal)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["swap_with"]:
                other = get_object_or_404(
                    Proposal, run=proposal.run, pk=form.cleaned_data["swap_with"]
                )
                services.proposal_swap(proposal=proposal, other=other, actor=me)
            else:
                mentor = get_object_or_404(
                    Individual.objects.for_employer(me.employer_id), pk=form.cleaned_data["mentor"]
                )
                services.proposal_assign(proposal=proposal, actor=me, mentor=mentor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The proposal is changed; every rule was checked again.")
            return redirect(proposal.run)
    return render(
        request,
        "mentorship/manage/proposal_form.html",
        {"proposal": proposal, "form": form},
        status=400 if form.errors else 200,
    )


@hr_required
def proposal_remove(request, run_pk: int, pk: int):
    me = request.individual
    proposal = get_proposal_for_hr(me, run_pk, pk)
    if request.method == "POST":
        try:
            services.proposal_remove(proposal=proposal, actor=me)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, f"{proposal.mentee.full_name} is out of this proposal.")
        return redirect(proposal.run)
    return render(request, "mentorship/manage/proposal_remove.html", {"proposal": proposal})


@hr_required
def run_decide(request, pk: int, decision: str):
    """Confirm or discard, each asked first (GET shows the question, POST does it)."""
    me = request.individual
    run = get_run_for_hr(me, pk)
    if request.method == "POST":
        try:
            if decision == "confirm":
                created = services.run_confirm(run=run, actor=me)
                messages.success(
                    request, f"{len(created)} mentorships started; both sides were told."
                )
            else:
                services.run_discard(run=run, actor=me)
                messages.success(request, "The proposal was discarded; it stays in the history.")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(run)
    return render(
        request,
        "mentorship/manage/run_decide.html",
        {"run": run, "decision": decision, "now": services.run_totals(run)},
    )


@hr_required
def pair_list(request):
    me = request.individual
    form = PairFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentorship/manage/pair_list.html",
        {
            "form": form,
            "view": data.get("view", ""),
            "page": paginate(request, selectors.pairs_for_hr(me, **data), per_page=50),
            "query": query.urlencode(),
            "counts": selectors.hr_counts(me),
            "repair_url": reverse("mentorship:manage-pairs"),
        },
    )


@hr_required
def pair_repair(request, pk: int):
    me = request.individual
    pair = get_pair_for_hr(me, pk)
    form = RepairForm(_data(request), mentors=selectors.mentor_choices(me.employer_id))
    if request.method == "POST" and request.POST.get("keep") == "on":
        try:
            services.flag_resolve(mentorship=pair, actor=me)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "The flag is cleared; the pair goes on.")
        return redirect("mentorship:manage-pairs")
    if request.method == "POST" and form.is_valid():
        mentor = get_object_or_404(
            Individual.objects.for_employer(me.employer_id), pk=form.cleaned_data["mentor"]
        )
        try:
            services.mentorship_repair(mentorship=pair, actor=me, new_mentor=mentor)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{pair.mentee.full_name} now has {mentor.full_name} as mentor."
            )
            return redirect("mentorship:manage-pairs")
    return render(
        request,
        "mentorship/manage/pair_repair.html",
        {"pair": pair, "form": form},
        status=400 if form.errors else 200,
    )


@hr_required
def mentor_list(request):
    mentors, totals = selectors.mentor_utilisation(request.individual)
    return render(
        request,
        "mentorship/manage/mentor_list.html",
        {"page": paginate(request, mentors, per_page=50), "totals": totals, "query": ""},
    )


@hr_required
def feedback_summary(request):
    return render(
        request,
        "mentorship/manage/feedback.html",
        {"rows": selectors.feedback_summary(request.individual), "min_group": selectors.MIN_GROUP},
    )


@hr_required
def topic_list(request, pk: int | None = None):
    me = request.individual
    topic = get_object_or_404(Topic.objects.for_employer(me.employer_id), pk=pk) if pk else None
    initial = (
        {"name": topic.name, "goal_categories": topic.categories, "archived": topic.archived}
        if topic
        else None
    )
    form = TopicForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_save(actor=me, topic=topic, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Topic “{form.cleaned_data['name']}” saved.")
            return redirect("mentorship:manage-topics")
    topics = Topic.objects.for_employer(me.employer_id).order_by("archived", "name")
    return render(
        request,
        "mentorship/manage/topic_list.html",
        {"form": form, "topic": topic, "topics": topics},
        status=400 if form.errors else 200,
    )
