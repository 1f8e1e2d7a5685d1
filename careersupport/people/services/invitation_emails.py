"""The invitation e-mails' outbox: queued with the invitation, sent after the commit by Celery.

Every invitation (one by one, from a CSV file, a partner's, a resend) gets its e-mail as an
`InvitationEmail` row in the transaction that saves it; nothing talks to the mail server
while a request runs. After the commit one `people.dispatch_invitation_emails` task claims
the due rows and queues send tasks for them, fifty a task, and beat runs the same dispatcher
every minute for what a lost task, a killed worker or a mail error left pending. Claims,
leases, back-off and giving up are the engine reminders run on
(`careersupport/notifications/outbox.py`): a failed send is tried again after 1, 2, 4 and 8
minutes, then shown as failed beside the invitation, with "Send again".
"""

from __future__ import annotations

import logging
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from careersupport.notifications import outbox

from ..models import Invitation, InvitationEmail
from .auditing import audit

log = logging.getLogger(__name__)

State = InvitationEmail.State


# --- queueing, inside the caller's transaction ---------------------------------------------


def emails_queue(invitations: list[Invitation]) -> list[InvitationEmail]:
    """A pending e-mail for each new invitation, sent once the caller's transaction commits."""
    now = timezone.now()
    rows = InvitationEmail.objects.bulk_create(
        InvitationEmail(
            invitation=invitation,
            next_attempt_at=now,
            created_at=now,
        )
        for invitation in invitations
    )
    _dispatch_after_commit()
    return rows


def email_again(invitation: Invitation) -> InvitationEmail:
    """Send the invitation's e-mail again, now: a new round (its own Message-ID) once the last
    one was sent, failed or withdrawn; the same round, tried at once, while it is pending."""
    row = InvitationEmail.objects.select_for_update().filter(invitation=invitation).first()
    if row is None:
        return emails_queue([invitation])[0]
    if row.state != State.PENDING:
        row.round += 1
        row.state = State.PENDING
    row.attempts = 0
    row.last_error = ""
    row.next_attempt_at = timezone.now()
    row.claimed_at = None
    row.save(
        update_fields=[
            "round",
            "state",
            "attempts",
            "last_error",
            "next_attempt_at",
            "claimed_at",
            "updated_at",
        ]
    )
    _dispatch_after_commit()
    return row


def emails_cancel(invitations) -> int:
    """Withdrawn invitations: an e-mail not yet sent is not sent."""
    return InvitationEmail.objects.filter(invitation__in=invitations, state=State.PENDING).update(
        state=State.CANCELLED, claimed_at=None, updated_at=timezone.now()
    )


def _dispatch_after_commit() -> None:
    # Robust: a broker that is down must not turn a saved invitation into an error page;
    # beat's dispatcher sends it within a minute of the broker coming back.
    transaction.on_commit(_dispatch_now, robust=True)


def _dispatch_now() -> None:
    from ..tasks import dispatch_invitation_emails

    dispatch_invitation_emails.delay()


# --- delivery, in the worker ---------------------------------------------------------------


def invitation_emails_claim_due(*, limit: int = 500, now=None) -> list[int]:
    return outbox.claim_due(InvitationEmail, limit=limit, now=now)


def invitation_emails_deliver(
    *, ids: list[int], mail: BaseEmailBackend | None = None
) -> Counter[str]:
    """Send each pending e-mail once, a few per transaction (`REMINDER_COMMIT_EVERY`), with
    the rules of `notifications.reminders_deliver`: rows another task holds or that are no
    longer pending are skipped; a mail error is recorded as an attempt after the slice."""
    outcomes: Counter[str] = Counter()
    step = settings.REMINDER_COMMIT_EVERY
    for start in range(0, len(ids), step):
        outcomes.update(_deliver_slice(ids[start : start + step], mail))
    return outcomes


def _deliver_slice(ids: list[int], mail: BaseEmailBackend | None) -> Counter[str]:
    now = timezone.now()
    outcomes: Counter[str] = Counter()
    failures: list[tuple[int, Exception]] = []
    with transaction.atomic():
        rows = (
            InvitationEmail.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related(
                "invitation__individual", "invitation__employer", "invitation__invited_by"
            )
            .filter(pk__in=ids, state=State.PENDING)
            .order_by("pk")
        )
        sent: list[InvitationEmail] = []
        for row in rows:
            if outbox.is_waiting(row, now):
                outcomes[outbox.SKIPPED] += 1
                continue
            if row.invitation.state != Invitation.State.PENDING:
                # Accepted, revoked or expired since it was queued: nothing to send.
                row.state, row.claimed_at = State.CANCELLED, None
                row.save(update_fields=["state", "claimed_at", "updated_at"])
                outcomes[outbox.CANCELLED] += 1
                continue
            try:
                _message(row, mail).send()
            except (DatabaseError, transaction.TransactionManagementError):
                raise  # the database, not the mail: the slice rolls back and comes back later
            except Exception as error:  # noqa: BLE001 - any mail or template error is an attempt
                failures.append((row.pk, error))
                continue
            sent.append(row)
        if sent:
            InvitationEmail.objects.filter(pk__in=[row.pk for row in sent]).update(
                state=State.SENT,
                sent_at=now,
                attempts=F("attempts") + 1,
                last_error="",
                claimed_at=None,
                updated_at=now,
            )
            Invitation.objects.filter(pk__in=[row.invitation_id for row in sent]).update(
                last_sent_at=now, send_count=F("send_count") + 1
            )
            outcomes[outbox.SENT] += len(sent)
    for row_id, failure in failures:
        outcomes[_attempt_failed(row_id, failure)] += 1
    return outcomes


@transaction.atomic
def _attempt_failed(row_id: int, error: Exception) -> str:
    now = timezone.now()
    row = (
        InvitationEmail.objects.select_for_update(of=("self",))
        .select_related("invitation__employer")
        .filter(pk=row_id)
        .first()
    )
    if row is None or row.state != State.PENDING:
        return outbox.SKIPPED
    outcome = outbox.attempt_failed(row, error, now=now)
    if outcome == outbox.FAILED:
        audit(
            employer=row.invitation.employer,
            actor=None,
            verb="invitation.email_failed",
            target=row.invitation,
            error=row.last_error,
        )
    return outcome


def _message(row: InvitationEmail, mail: BaseEmailBackend | None) -> EmailMultiAlternatives:
    invitation = row.invitation
    context = {
        "invitation": invitation,
        "person": invitation.individual,
        "employer": invitation.employer,
        "inviter": invitation.invited_by,
        "accept_url": invitation.get_accept_url(),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = render_to_string("people/email/invitation_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("people/email/invitation_message.txt", context),
        to=[invitation.email],
        headers={"Message-ID": _message_id(row)},
        connection=mail,
    )
    message.attach_alternative(
        render_to_string("people/email/invitation_message.html", context), "text/html"
    )
    return message


def _message_id(row: InvitationEmail) -> str:
    """Stable per invitation and round: a send repeated after a crash is the same message to
    mail clients that de-duplicate; a resend is a new one."""
    domain = urlsplit(settings.SITE_URL).hostname or "careersupport.local"
    return f"<invitation.{row.invitation_id}.{row.round}@{domain}>"
