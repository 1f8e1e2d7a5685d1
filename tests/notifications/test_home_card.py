import pytest
from django.urls import reverse

from careersupport.notifications.models import Notification, Reminder
from tests.factories import NotificationFactory, ReminderFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def test_home_shows_my_latest_unread(client_for, employee, manager):
    NotificationFactory(reminder__recipient=employee, title="Check in on your goal")
    NotificationFactory(reminder__recipient=manager, title="Team summary")
    text = client_for(employee).get(HOME).text
    assert "Check in on your goal" in text and "1 unread in your inbox" in text
    assert "Team summary" not in text


def test_home_tells_hr_about_failed_deliveries_of_their_employer_only(
    client_for, hr_admin, employee, outsider
):
    for person in (employee, outsider):
        reminder = ReminderFactory(recipient=person, state=Reminder.State.FAILED)
        NotificationFactory(reminder=reminder, email=Notification.Email.FAILED)
    assert "1 reminder e-mail could not be delivered" in client_for(hr_admin).get(HOME).text
    assert "could not be delivered" not in client_for(employee).get(HOME).text
