from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from careersupport.people.permissions import hr_required, individual_required
from careersupport.people.selectors import failed_invitation_emails
from careersupport.utils import add_service_errors, message_service_error, paginate

from . import selectors, services
from .forms import PreferenceForm, email_kind_choices
from .permissions import get_failed_reminder_for_hr, get_notification_for_user


@individual_required
def inbox(request):
    me = request.individual
    unread_only = request.GET.get("show") == "unread"
    page = paginate(request, selectors.inbox_for(viewer=me, unread_only=unread_only))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread_only": unread_only, "query": "show=unread" if unread_only else ""},
    )


@individual_required
def notification_open(request, pk: int):
    """Follow a notification's link, marking it read on the way."""
    notification = get_notification_for_user(request.individual, pk)
    services.notification_mark_read(notification=notification, actor=request.individual)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:inbox")
    return redirect(target)


@require_POST
@individual_required
def notification_read(request, pk: int):
    notification = get_notification_for_user(request.individual, pk)
    services.notification_mark_read(notification=notification, actor=request.individual)
    return redirect(_back_to_inbox(request))


@require_POST
@individual_required
def notifications_read_all(request):
    count = services.notifications_mark_all_read(actor=request.individual)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect("notifications:inbox")


@individual_required
def preferences(request):
    me = request.individual
    current = services.preference_for(me)
    initial = {
        "email_kinds": [k for k, _ in email_kind_choices() if current.wants_email(k)],
        "quiet_start": current.quiet_start,
        "quiet_end": current.quiet_end,
        "digest": current.digest,
        "digest_time": current.digest_time,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.preference_update(
                person=me,
                actor=me,
                email_off_kinds=form.email_off_kinds(),
                quiet_start=data["quiet_start"],
                quiet_end=data["quiet_end"],
                digest=data["digest"],
                digest_time=data["digest_time"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved your notification preferences.")
            return redirect("notifications:preferences")
    return render(request, "notifications/preference_form.html", {"form": form})


@hr_required
def failure_list(request):
    me = request.individual
    page = paginate(request, selectors.failures_for_hr(viewer=me))
    # Invitation e-mails run on the same engine; they are listed beside the invitations.
    failed_invitations = failed_invitation_emails(me.employer)
    return render(
        request,
        "notifications/failure_list.html",
        {"page": page, "query": "", "failed_invitations": failed_invitations},
    )


@require_POST
@hr_required
def failure_retry(request, pk: int):
    reminder = get_failed_reminder_for_hr(request.individual, pk)
    try:
        services.reminder_retry(reminder=reminder, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"“{reminder.title}” will be sent again within a minute.")
    return redirect("notifications:failure-list")


def _back_to_inbox(request) -> str:
    """Stay on the inbox page (and filter) the button was pressed on."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:inbox"
