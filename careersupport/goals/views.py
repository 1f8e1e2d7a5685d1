"""Thin views: parse, authorize through `permissions`, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from careersupport.people.permissions import hr_required, individual_required, manager_required
from careersupport.utils import add_service_errors, message_service_error, paginate

from . import dates, selectors, services
from .charts import progress_chart
from .forms import (
    CheckInForm,
    GoalForm,
    MilestoneForm,
    ReplyForm,
    ReviewForm,
    TeamFilterForm,
    milestone_plans,
    milestone_rows,
)
from .models import Goal
from .pagination import window_page
from .permissions import get_goal_for_user
from .progress import START


@individual_required
def goal_list(request):
    me = request.individual
    status = request.GET.get("status", "")
    if status not in Goal.Status.values:
        status = ""
    goals = selectors.goals_of_owner(viewer=me, status=status)
    return render(
        request,
        "goals/goal_list.html",
        {
            "page": paginate(request, goals),
            "query": f"status={status}" if status else "",
            "status": status,
            "statuses": Goal.Status.choices,
            "shared": selectors.goals_shared_with(viewer=me),
            "awaiting_reply": list(selectors.reviews_awaiting_reply(viewer=me)[:10]),
            "today": dates.owner_today(me),
        },
    )


@individual_required
def goal_create(request):
    me = request.individual
    form = GoalForm(request.POST or None, owner=me, creating=True)
    rows = milestone_rows(request.POST or None)
    rows_valid = rows.is_valid() or not rows.is_bound  # (both checked: both show errors)
    if request.method == "POST" and form.is_valid() and rows_valid:
        plans = milestone_plans(rows)
        try:
            goal = services.goal_create(owner=me, actor=me, milestones=plans, **form.cleaned_data)
        except ValidationError as error:
            add_goal_errors(form, rows, error)
        else:
            messages.success(request, _created_message(goal.title, len(plans)))
            return redirect(goal)
    failed = bool(form.errors) or rows.total_error_count() > 0
    return render(
        request, "goals/goal_form.html", {"form": form, "rows": rows}, status=400 if failed else 200
    )


def _created_message(title: str, milestones: int) -> str:
    if milestones:
        return f"Your goal “{title}” is saved with {milestones} milestone{pluralize(milestones)}."
    return f"Your goal “{title}” is saved. Add milestones below, or record check-ins as you go."


def add_goal_errors(form, rows, error: ValidationError) -> None:
    """`goal_create`'s errors: a milestone row's beside that row's field, the rest on the form."""
    if not hasattr(error, "error_dict"):
        add_service_errors(form, error)
        return
    rest = {}
    for key, texts in error.message_dict.items():
        if key.startswith("milestones."):
            _, row, field = key.split(".")
            rows.forms[int(row)].add_error(field, texts)
        else:
            rest[key] = texts
    if rest:
        add_service_errors(form, ValidationError(rest))


@individual_required
def goal_detail(request, pk: int):
    goal, access = get_goal_for_user(request.individual, pk)
    page = selectors.goal_page(goal)
    return render(
        request,
        "goals/goal_detail.html",
        {
            "goal": goal,
            "access": access,
            "chart": progress_chart(goal, page["checkins"], goal.owner.tzinfo),
            "milestone_form": MilestoneForm() if access.is_owner else None,
            "reply_form": ReplyForm() if access.is_owner else None,
            "today": dates.owner_today(goal.owner),
            **page,
        },
    )


@individual_required
def goal_edit(request, pk: int):
    goal, _ = get_goal_for_user(request.individual, pk, write=True)
    _, source = selectors.goal_progress_source(goal)
    form = GoalForm(
        request.POST or None,
        instance=goal,
        owner=goal.owner,
        progress_editable=source.kind == START,
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.goal_update(goal=goal, actor=request.individual, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The goal is saved.")
            return redirect(goal)
    return render(
        request,
        "goals/goal_form.html",
        {"form": form, "goal": goal, "source": source},
        status=400 if form.errors else 200,
    )


@individual_required
def checkin_create(request, pk: int):
    goal, access = get_goal_for_user(request.individual, pk)
    milestones, source = selectors.goal_progress_source(goal)
    form = CheckInForm(request.POST or None, milestones=milestones)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_record(goal=goal, actor=request.individual, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Check-in saved.")
            return redirect(goal)
    return render(
        request,
        "goals/checkin_form.html",
        {"form": form, "goal": goal, "access": access, "source": source},
        status=400 if form.errors else 200,
    )


@individual_required
def milestone_create(request, pk: int):
    goal, _ = get_goal_for_user(request.individual, pk, write=True)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(goal=goal, actor=request.individual, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Milestone added.")
            return redirect(goal)
    return render(
        request,
        "goals/milestone_form.html",
        {"form": form, "goal": goal},
        status=400 if form.errors else 200,
    )


@require_POST
@individual_required
def milestone_toggle(request, pk: int, milestone_pk: int):
    goal, _ = get_goal_for_user(request.individual, pk, write=True)
    milestone = get_object_or_404(goal.milestones, pk=milestone_pk)
    services.milestone_set_done(
        milestone=milestone, actor=request.individual, done=not milestone.done
    )
    return redirect(goal)


@individual_required
def milestone_delete(request, pk: int, milestone_pk: int):
    """GET asks first (what removing it does to progress); POST removes it."""
    goal, _ = get_goal_for_user(request.individual, pk, write=True)
    milestone = get_object_or_404(goal.milestones, pk=milestone_pk)
    if request.method == "POST":
        services.milestone_delete(milestone=milestone, actor=request.individual)
        messages.success(request, f"Removed the milestone “{milestone.title}”.")
        return redirect(goal)
    return render(
        request,
        "goals/milestone_confirm_delete.html",
        {"goal": goal, "milestone": milestone, **selectors.milestone_removal(goal, milestone)},
    )


@individual_required
def review_create(request, pk: int):
    goal, access = get_goal_for_user(request.individual, pk)
    if not access.can_review:
        raise PermissionDenied(
            "Only a manager in this person's reporting chain reviews their goals."
        )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_create(goal=goal, actor=request.individual, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Review saved; {goal.owner.display_name} will be reminded to read it."
            )
            return redirect(goal)
    return render(
        request,
        "goals/review_form.html",
        {"form": form, "goal": goal, "source": selectors.goal_progress_source(goal)[1]},
        status=400 if form.errors else 200,
    )


@require_POST
@individual_required
def review_reply(request, pk: int, review_pk: int):
    goal, _ = get_goal_for_user(request.individual, pk, write=True)
    review = get_object_or_404(goal.reviews, pk=review_pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.review_reply(
                review=review, actor=request.individual, reply=form.cleaned_data["reply"]
            )
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "Reply saved.")
    else:
        messages.error(request, "Write a reply first.")
    return redirect(f"{goal.get_absolute_url()}#review-{review.pk}")


@manager_required
def team(request):
    me = request.individual
    form = TeamFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.TeamFilters(
        whole_chain=data.get("scope") == "chain",
        overdue_only=bool(data.get("overdue")),
        category=data.get("category", ""),
        status=data.get("status") or Goal.Status.ACTIVE,
    )
    today = dates.owner_today(me)
    page = window_page(request, selectors.team_people(viewer=me, filters=filters, today=today))
    selectors.team_page_rollup(page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "goals/team.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "today": today,
        },
    )


@hr_required
def hr_summary(request):
    me = request.individual
    rows = selectors.hr_department_summary(employer=me.employer, today=dates.owner_today(me))
    return render(
        request, "goals/hr_summary.html", {"rows": rows, "min_group": selectors.MIN_GROUP}
    )
