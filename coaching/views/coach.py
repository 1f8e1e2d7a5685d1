"""The coach's pages: requests and coachees, the week's calendar, availability, profile."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careersupport.utils import add_service_errors

from .. import selectors, services
from ..forms import CoachProfileForm, ExceptionForm, WindowForm
from ..models import AvailabilityException, AvailabilityWindow
from ..permissions import coach_profile_of, coach_required


@coach_required
def dashboard(request):
    me = request.individual
    context = selectors.coach_dashboard(me)
    context["profile"] = coach_profile_of(me)
    return render(request, "coaching/coach_dashboard.html", context)


def _week_of(request) -> date:
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return selectors.week_start(day)


@coach_required
def calendar(request):
    me = request.individual
    monday = _week_of(request)
    return render(
        request,
        "coaching/coach_calendar.html",
        {
            "days": selectors.coach_week(me, monday),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "today": timezone.localdate(),
        },
    )


@coach_required
def availability(request):
    me = request.individual
    profile = coach_profile_of(me)
    which = request.POST.get("form")
    window_form = WindowForm(request.POST if which == "window" else None, prefix="window")
    exception_form = ExceptionForm(
        request.POST if which == "exception" else None, prefix="exception"
    )
    form = window_form if which == "window" else exception_form
    if request.method == "POST" and form.is_valid():
        add = services.window_add if which == "window" else services.exception_add
        try:
            add(profile=profile, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your availability is saved.")
            return redirect("coaching:availability")
    context = {
        "profile": profile,
        "windows": profile.windows.all(),
        "exceptions": profile.exceptions.filter(date__gte=timezone.localdate()),
        "window_form": window_form,
        "exception_form": exception_form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "coaching/availability.html", context, status=status)


@require_POST
@coach_required
def window_remove(request, pk: int):
    me = request.individual
    window = get_object_or_404(AvailabilityWindow, pk=pk, coach__individual=me)
    services.window_remove(window=window, actor=me)
    messages.success(request, f"Removed {window}. Sessions already booked stay booked.")
    return redirect("coaching:availability")


@require_POST
@coach_required
def exception_remove(request, pk: int):
    me = request.individual
    exception = get_object_or_404(AvailabilityException, pk=pk, coach__individual=me)
    services.exception_remove(exception=exception, actor=me)
    messages.success(request, "Removed.")
    return redirect("coaching:availability")


@coach_required
def profile_edit(request):
    me = request.individual
    profile = coach_profile_of(me)
    form = CoachProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.coach_profile_update(profile=profile, actor=me, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your coach profile is saved.")
            return redirect("coaching:coach")
    return render(
        request,
        "coaching/profile_form.html",
        {"form": form, "profile": profile, "own": True},
        status=400 if form.errors else 200,
    )
