import pytest
from django.urls import reverse

from careersupport.notifications.models import Notification
from careersupport.people.models import AuditEvent
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
URL = reverse("notifications:inbox")


def note(person, **fields):
    return NotificationFactory(reminder__recipient=person, **fields)


def test_it_lists_my_notifications_only(client_for, employee, manager, outsider):
    mine = note(employee, title="Your check-in is due")
    theirs = note(manager, title="Team summary for Mona")
    note(outsider, title="Globex secret")
    text = client_for(employee).get(URL).text
    assert mine.title in text
    assert theirs.title not in text and "Globex secret" not in text


def test_it_shows_the_unread_count_in_the_navigation(client_for, employee):
    note(employee)
    note(employee)
    note(employee, read_at="2026-11-20T10:00Z")
    response = client_for(employee).get(reverse("people:profile"))
    assert response.context["inbox_unread"] == 2
    assert '2<span class="visually-hidden"> unread</span>' in response.text


def test_it_filters_unread(client_for, employee):
    note(employee, title="Old news", read_at="2026-11-20T10:00Z")
    note(employee, title="Fresh news")
    text = client_for(employee).get(URL, {"show": "unread"}).text
    assert "Fresh news" in text and "Old news" not in text


def test_it_marks_one_read(client_for, employee):
    notification = note(employee)
    response = client_for(employee).post(
        reverse("notifications:notification-read", args=[notification.pk])
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEvent.objects.filter(verb="notification.read", actor=employee).exists()


@pytest.mark.parametrize("persona", ["manager", "hr_admin", "partner", "outsider", "outsider_hr"])
def test_nobody_else_can_mark_or_open_mine(client_for, request, employee, persona):
    notification = note(employee)
    client = client_for(request.getfixturevalue(persona))
    assert (
        client.post(reverse("notifications:notification-read", args=[notification.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("notifications:notification-open", args=[notification.pk])).status_code
        == 404
    )
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_my_notifications_only(client_for, employee, manager):
    note(employee)
    note(employee)
    theirs = note(manager)
    client_for(employee).post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(recipient=employee, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_marks_read_and_goes_straight_to_the_page(client_for, employee):
    notification = note(employee, reminder__url="/people/me/")
    response = client_for(employee).get(
        reverse("notifications:notification-open", args=[notification.pk])
    )
    assert response.status_code == 302 and response["Location"] == "/people/me/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_never_redirects_off_site(client_for, employee):
    notification = note(employee, reminder__url="https://evil.example/phish")
    response = client_for(employee).get(
        reverse("notifications:notification-open", args=[notification.pk])
    )
    assert response["Location"] == URL


def test_it_needs_a_signed_in_person(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_writes_need_post(client_for, employee):
    notification = note(employee)
    assert (
        client_for(employee)
        .get(reverse("notifications:notification-read", args=[notification.pk]))
        .status_code
        == 405
    )
    assert client_for(employee).get(reverse("notifications:read-all")).status_code == 405


def test_it_paginates(client_for, employee):
    NotificationFactory.create_batch(30, reminder__recipient=employee)
    response = client_for(employee).get(URL, {"page": 2})
    assert len(response.context["page"].object_list) == 5
    assert "Page 2 of 2" in response.text


@pytest.mark.parametrize("size", [5, 60])
def test_it_keeps_query_count_flat(client_for, employee, django_assert_max_num_queries, size):
    NotificationFactory.create_batch(size, reminder__recipient=employee)
    client = client_for(employee)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.status_code == 200
