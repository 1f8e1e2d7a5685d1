import pytest
from django.urls import reverse

from careersupport.notifications.models import Notification, Reminder
from tests.factories import NotificationFactory, ReminderFactory

pytestmark = pytest.mark.django_db
URL = reverse("notifications:failure-list")


def failed(person, reason="SMTPRecipientsRefused: 550 no such user"):
    reminder = ReminderFactory(
        recipient=person, state=Reminder.State.FAILED, attempts=5, last_error=reason
    )
    NotificationFactory(reminder=reminder, email=Notification.Email.FAILED)
    return reminder


def test_hr_sees_the_failures_of_their_employer_with_the_reason(
    client_for, hr_admin, employee, outsider
):
    mine = failed(employee)
    failed(outsider, reason="Globex mailbox full")
    ReminderFactory(recipient=employee, state=Reminder.State.SENT, title="Delivered fine")
    text = client_for(hr_admin).get(URL).text
    assert mine.title in text and "550 no such user" in text
    assert "Globex mailbox full" not in text and "Delivered fine" not in text


def test_the_reason_leads_in_words_with_the_server_error_behind_a_disclosure(
    client_for, hr_admin, employee
):
    failed(employee)
    text = client_for(hr_admin).get(URL).text
    summary = "The mail server refused the recipient&#x27;s address: check it."
    assert summary in text
    assert text.index(summary) < text.index("<details>") < text.index("550 no such user")


@pytest.mark.parametrize(
    "stored, words",
    [
        ("SMTPAuthenticationError: (535, b'bad')", "refused our sign-in"),
        ("ConnectionRefusedError: [Errno 111] Connection refused", "could not be reached"),
        ("ValueError: something odd", "The e-mail could not be sent."),
        ("", ""),
    ],
)
def test_every_stored_error_gets_a_short_reason(stored, words):
    from careersupport.notifications.failures import mail_error_summary

    assert words in mail_error_summary(stored) and bool(mail_error_summary(stored)) == bool(words)


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach"])
def test_nobody_but_hr_sees_failures(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_hr_sends_a_failed_reminder_again(client_for, hr_admin, employee):
    reminder = failed(employee)
    client_for(hr_admin).post(reverse("notifications:failure-retry", args=[reminder.pk]))
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.PENDING and reminder.attempts == 0
    assert not Notification.objects.filter(reminder=reminder).exists()


def test_hr_of_another_employer_gets_404_on_retry(client_for, outsider_hr, employee):
    reminder = failed(employee)
    response = client_for(outsider_hr).post(
        reverse("notifications:failure-retry", args=[reminder.pk])
    )
    assert response.status_code == 404
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED


def test_hr_of_another_employer_sees_none_of_ours(client_for, outsider_hr, employee):
    mine = failed(employee, reason="Acme mailbox full")
    response = client_for(outsider_hr).get(URL)
    assert response.status_code == 200
    assert "Acme mailbox full" not in response.text and mine.title not in response.text


def test_it_is_reachable_from_the_inbox_for_hr_only(client_for, hr_admin, employee):
    assert URL in client_for(hr_admin).get(reverse("notifications:inbox")).text
    assert URL not in client_for(employee).get(reverse("notifications:inbox")).text


def test_an_employee_cannot_retry(client_for, employee):
    reminder = failed(employee)
    response = client_for(employee).post(reverse("notifications:failure-retry", args=[reminder.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("size", [3, 40])
def test_it_keeps_query_count_flat(client_for, hr_admin, django_assert_max_num_queries, size):
    for _ in range(size):
        failed(ReminderFactory(recipient__employer=hr_admin.employer).recipient)
    client = client_for(hr_admin)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
