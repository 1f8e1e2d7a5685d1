"""Résumé reviews and interview practice: asking from an application, the request's page
(comments by the coach and the owner), and the coach's list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from careersupport.people.permissions import individual_required
from careersupport.utils import add_service_errors, message_service_error
from coaching.permissions import coach_required
from coaching.selectors import live_engagement_of

from .. import selectors, services
from ..forms import CommentForm, PreparationForm
from ..models import PreparationRequest
from ..permissions import get_own_application, get_preparation_for_user


@individual_required
def prepare(request, pk: int):
    """Ask for a review or practice; without a coach yet, coaching's suggestions follow."""
    me = request.individual
    application = get_own_application(me, pk)
    engagement = live_engagement_of(me)
    initial = {"kind": request.GET.get("kind"), "resume": application.resumes.first()}
    form = PreparationForm(
        request.POST or None,
        initial=initial,
        application=application,
        has_coaching=engagement is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            prep = services.preparation_request(
                application=application, actor=me, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if prep.engagement.choosing:
                messages.success(
                    request,
                    "Your request is saved. Now choose a coach: these suit it best, with the reasons.",
                )
                return redirect("coaching:suggestions", pk=prep.engagement_id)
            messages.success(request, "Your request is with your coach.")
            return redirect(prep)
    context = {"form": form, "application": application, "engagement": engagement}
    return render(
        request, "jobsearch/prepare_form.html", context, status=400 if form.errors else 200
    )


@individual_required
def preparation_detail(request, pk: int):
    prep, side = get_preparation_for_user(request.individual, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.preparation_comment(
                request=prep, actor=request.individual, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Comment added.")
            return redirect(prep)
    context = {
        "prep": prep,
        "side": side,
        "form": form,
        "comments": list(prep.comments.select_related("author")),
        "may_comment": side == "owner" or prep.engagement.status == "active",
    }
    return render(
        request, "jobsearch/preparation_detail.html", context, status=400 if form.errors else 200
    )


@individual_required
def preparation_close(request, pk: int, status: str):
    """Done (coach or owner) at once; withdrawing asks the owner first."""
    prep, side = get_preparation_for_user(request.individual, pk)
    if request.method != "POST":
        if status != PreparationRequest.Status.WITHDRAWN or side != "owner":
            raise PermissionDenied("Withdraw from the request's page.")
        return render(
            request,
            "jobsearch/confirm.html",
            {
                "title": f"Withdraw your {prep.get_kind_display().lower()} request?",
                "text": "Your coach will no longer see it; its comments stay with you.",
                "button": "Withdraw the request",
                "back": reverse("jobsearch:preparation", args=[prep.pk]),
            },
        )
    try:
        services.preparation_close(request=prep, actor=request.individual, status=status)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"Marked {prep.get_status_display().lower()}.")
    return redirect(prep)


@coach_required
def coach_list(request):
    """The coach's requests and the applications their active coachees share with them."""
    return render(request, "jobsearch/coach_list.html", selectors.coach_page(request.individual))
