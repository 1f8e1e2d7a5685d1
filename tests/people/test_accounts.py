"""Sign-in by django-allauth: password reset, rate limits, two-factor authentication."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_password_reset_sends_a_link_by_email(client, employee):
    response = client.post(reverse("account_reset_password"), {"email": employee.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


def test_failed_logins_are_rate_limited(client, employee):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": employee.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": employee.email, "password": "test-pass-4567"}
    )
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in(client, employee):
    response = client.post(
        reverse("account_login"), {"login": employee.email, "password": "test-pass-4567"}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(employee.user.pk)


@pytest.mark.parametrize("persona", ["employee", "partner", "coach", "hr_admin"])
def test_every_role_can_set_up_totp(client, request, persona):
    person = request.getfixturevalue(persona)
    client.post(reverse("account_login"), {"login": person.email, "password": "test-pass-4567"})
    assert reverse("account_reauthenticate") in client.get(reverse("mfa_activate_totp"))["Location"]
    client.post(reverse("account_reauthenticate"), {"password": "test-pass-4567"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert '<html lang="en">' in response.text and "Authenticator" in response.text


def test_the_sign_in_page_says_how_to_get_an_invitation_not_to_sign_up(client):
    text = client.get(reverse("account_login")).text
    assert "sign up" not in text.lower().replace("sign-up", "")
    assert "ask them" in text and "invited by the employee" in text
