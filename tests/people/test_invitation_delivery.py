"""Invitation e-mails delivered by real Celery workers on Redis, after the request's commit.

They run when DATABASE_URL is PostgreSQL and CELERY_BROKER_URL is Redis (and fail, rather
than skip, with CI=true). The rig's lease is 3 s, beat dispatches every second and the first
retry waits 1 s, so what takes minutes in production takes seconds here.
"""

from __future__ import annotations

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careersupport.people.models import Invitation, InvitationEmail
from tests.workers import free_port, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

HEADER = "email,first_name,last_name,job_title,department,manager_email,time_zone\n"


def invite(client) -> None:
    form = {"email": "nia@acme.test", "first_name": "Nia", "time_zone": "Europe/Paris"}
    assert client.post(reverse("people:invitation-create"), form).status_code == 302


def states() -> dict[str, int]:
    rows = InvitationEmail.objects.values_list("state", flat=True)
    return {state: list(rows).count(state) for state in set(rows)}


def test_a_worker_mails_every_imported_invitation_once_after_the_commit(rig, client_for, hr_admin):
    rig.worker()
    rows = "".join(f"p{i}@acme.test,P{i},,,,{hr_admin.email},\n" for i in range(120))
    upload = SimpleUploadedFile("people.csv", (HEADER + rows).encode(), content_type="text/csv")
    response = client_for(hr_admin).post(reverse("people:invitation-import"), {"file": upload})
    assert response.status_code == 302
    wait_for(lambda: states() == {"sent": 120}, 30, 0.2, "every invitation e-mail")
    mailed = rig.message_ids()
    assert len(mailed) == 120 and set(mailed.values()) == {1}
    assert all(i.send_count == 1 for i in Invitation.objects.all())


def test_a_lost_dispatch_task_is_made_good_by_beat(rig, client_for, hr_admin):
    invite(client_for(hr_admin))
    # No worker was running: the task queued after the commit is lost with the queue.
    client = redis.Redis.from_url(rig.broker_url)
    assert client.llen("celery") == 1
    client.delete("celery")
    rig.beat()
    rig.worker()
    wait_for(lambda: states() == {"sent": 1}, 30, 0.2, "beat's dispatcher to send it")
    assert len(rig.message_ids()) == 1


def test_a_mail_outage_is_retried_then_shown_to_hr_who_sends_it_again(rig, client_for, hr_admin):
    down = f"smtp://127.0.0.1:{free_port()}"  # nothing listens there
    rig.beat()
    broken = rig.worker("broken-mail", EMAIL_URL=down, REMINDER_MAX_ATTEMPTS="3")
    hr = client_for(hr_admin)
    invite(hr)
    wait_for(lambda: states() == {"failed": 1}, 30, 0.2, "the e-mail to fail for good")
    delivery = InvitationEmail.objects.get()
    assert delivery.attempts == 3 and "Connection refused" in delivery.last_error
    page = hr.get(reverse("people:invitation-list"), {"state": "failed"}).text
    assert "nia@acme.test" in page and "Send again" in page
    broken.stop()
    rig.worker("mended")
    hr.post(reverse("people:invitation-resend", args=[delivery.invitation_id]))
    wait_for(lambda: states() == {"sent": 1}, 30, 0.2, "the e-mail sent again")
    assert len(rig.message_ids()) == 1
