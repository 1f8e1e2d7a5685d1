"""The tracker's pages: the board, the list, an application's page and its moves, next
steps and accepting an offer. Thin: parse, permission helper, service or selector, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST

from careersupport.people.permissions import individual_required
from careersupport.utils import (
    add_service_errors,
    confirm_page,
    message_service_error,
    paginate,
)

from .. import selectors, services
from ..forms import AcceptForm, ApplicationForm, FilterForm, MoveForm, NextStepForm
from ..models import Application
from ..permissions import (
    get_application_for_user,
    get_own_application,
    may_turn_off,
    may_turn_on,
    may_use_tracker,
    tracker_required,
)
from ..services.applications import open_others


@individual_required
def start(request):
    """What the tracker is, and for an employee the button that turns it on."""
    me = request.individual
    if may_use_tracker(me):
        return redirect("jobsearch:board")
    if not may_turn_on(me):
        raise PermissionDenied("The job-search tracker is for partners and employees.")
    if request.method == "POST":
        services.tracker_turn_on(person=me, actor=me)
        messages.success(request, "Your job-search tracker is on. Only you see it.")
        return redirect("jobsearch:board")
    return render(request, "jobsearch/tracker_start.html")


@tracker_required
def stop(request):
    """An employee turns their tracker off: asks first (GET), deletes it all on POST."""
    me = request.individual
    if not may_turn_off(me):
        raise PermissionDenied("A partner's tracker stays on while they are a partner.")
    if request.method != "POST":
        return confirm_page(
            request,
            question="Turn off your job-search tracker?",
            button="Turn off and delete my job search",
            back=reverse("jobsearch:board"),
            consequences=selectors.turn_off_consequences(me),
            undo="This cannot be undone. You can turn the tracker on again, empty.",
            keep="Keep my tracker",
        )
    try:
        gone = services.tracker_turn_off(person=me, actor=me)
    except ValidationError as error:
        message_service_error(request, error)
        return redirect("jobsearch:board")
    messages.success(
        request,
        f"Your tracker is off; {gone} application{pluralize(gone)} and all in them deleted.",
    )
    return redirect("home")


@tracker_required
def board(request):
    me = request.individual
    columns = selectors.board(me)
    return render(
        request,
        "jobsearch/board.html",
        {
            "columns": columns,
            "total": sum(c.count for c in columns),
            "next_steps": selectors.next_steps(me, limit=5),
            "events": selectors.networking_events(me),
            "preparations": list(selectors.preparations_of(me)[:5]),
            "may_turn_off": may_turn_off(me),
        },
    )


@tracker_required
def application_list(request):
    me = request.individual
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    applications = selectors.applications_of(me, **{k: v for k, v in filters.items() if v})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobsearch/application_list.html",
        {"form": form, "page": paginate(request, applications), "query": query.urlencode()},
    )


@tracker_required
def application_create(request):
    me = request.individual
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(owner=me, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{application}” is on your board.")
            return redirect(application)
    status = 400 if form.errors else 200
    return render(request, "jobsearch/application_form.html", {"form": form}, status=status)


def _detail(request, application, access, *, next_form=None, status: int = 200):
    page = selectors.application_page(application, sees_salary=access.sees_salary)
    context = {"application": application, "access": access, **page}
    if access.is_owner:
        context["next_form"] = next_form or NextStepForm(
            initial={"next_step": application.next_step, "next_step_on": application.next_step_on}
        )
    return render(request, "jobsearch/application_detail.html", context, status=status)


@individual_required
def application_detail(request, pk: int):
    application, access = get_application_for_user(request.individual, pk)
    return _detail(request, application, access)


@individual_required
def application_edit(request, pk: int):
    application = get_own_application(request.individual, pk)
    form = ApplicationForm(request.POST or None, instance=application, creating=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application, actor=request.individual, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(application)
    context = {"form": form, "application": application}
    return render(
        request, "jobsearch/application_form.html", context, status=400 if form.errors else 200
    )


@require_POST
@individual_required
def application_move(request, pk: int):
    """The board's and the page's Move button (works without JavaScript; the board's drag
    and drop posts the same form)."""
    application = get_own_application(request.individual, pk)
    if request.POST.get("stage") == Application.Stage.ACCEPTED:
        return redirect("jobsearch:accept", pk=application.pk)
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose a stage from the list.")
        application = services.application_move(
            application=application, actor=request.individual, stage=form.cleaned_data["stage"]
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"“{application}” moved to {application.get_stage_display()}.")
    return redirect(request.POST.get("next") == "board" and "jobsearch:board" or application)


@require_POST
@individual_required
def next_step(request, pk: int):
    application = get_own_application(request.individual, pk)
    form = NextStepForm(request.POST)
    if form.is_valid():
        try:
            application = services.application_set_next_step(
                application=application, actor=request.individual, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = (
                "Next step saved; you will be reminded at 09:00 that day."
                if application.next_step
                else "Next step cleared."
            )
            messages.success(request, text)
            return redirect(application)
    _, access = get_application_for_user(request.individual, pk)
    return _detail(request, application, access, next_form=form, status=400)


@individual_required
def accept(request, pk: int):
    """Accepting an offer: a confirmation step with the outcome and the other open
    applications to close, ticked unless the person unticks them."""
    me = request.individual
    application = get_own_application(me, pk)
    others = open_others(application)
    initial = {"organisation": application.organisation, "role": application.role, "close": others}
    form = AcceptForm(request.POST or None, initial=initial, others=others)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_accept(application=application, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Congratulations on the new job!")
            return redirect(application)
    context = {"form": form, "application": application, "others": others}
    return render(
        request, "jobsearch/accept_form.html", context, status=400 if form.errors else 200
    )
