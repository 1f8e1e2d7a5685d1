"""Celery tasks of `people`: the invitation e-mails' dispatcher and send task (ids in, a
service call out). The broker is only the fast path: a lost task's e-mails stay pending in
the database and beat's next dispatcher run queues them again (`invitation_emails`)."""

from __future__ import annotations

import logging

from celery import shared_task

from careersupport.notifications import outbox

from .models import InvitationEmail
from .services import invitation_emails

log = logging.getLogger(__name__)


@shared_task(name="people.dispatch_invitation_emails", ignore_result=True)
def dispatch_invitation_emails() -> int:
    """Claim the due invitation e-mails and queue send tasks for them, a chunk each."""
    return outbox.dispatch_due(InvitationEmail, send_invitation_emails)


@shared_task(name="people.send_invitation_emails", ignore_result=True)
def send_invitation_emails(ids: list[int]) -> dict[str, int]:
    mail = outbox.open_mail()
    try:
        outcomes = invitation_emails.invitation_emails_deliver(ids=ids, mail=mail)
    finally:
        mail.close()
    if set(outcomes) - {outbox.SENT}:
        log.info("Invitation e-mails %s: %s", ids, dict(outcomes))
    return dict(outcomes)
