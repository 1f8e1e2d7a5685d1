"""Error pages in the site's layout, with DEBUG off as in production: a reason where it is
safe to say, and a way home."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import include, path

from careersupport import urls as site_urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


def _bad(request):
    raise SuspiciousOperation("tampered")


def _refused(request):
    raise PermissionDenied("Only HR admins may open this page.")


urlpatterns = [
    path("boom/", _boom),
    path("bad/", _bad),
    path("refused/", _refused),
    path("", include(site_urls.urlpatterns)),
]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def _is_site_page(response) -> bool:
    text = response.content.decode()
    return "site-header" in text and 'href="/"' in text and "<h1" in text


def test_a_403_says_why_in_the_sites_layout(production, client_for, employee):
    response = client_for(employee).get("/refused/")
    assert response.status_code == 403
    assert _is_site_page(response)
    assert "Only HR admins may open this page." in response.text
    # The navigation of a signed-in person is there: it is a page of the site.
    assert "Sign out" in response.text


def test_an_hr_page_refused_to_an_employee_names_the_reason(production, client_for, employee):
    response = client_for(employee).get("/goals/hr/")
    assert response.status_code == 403
    assert "Only HR admins may open this page." in response.text


def test_a_404_is_styled_and_reveals_nothing(production, client_for, employee):
    response = client_for(employee).get("/goals/999999/")
    assert response.status_code == 404
    assert _is_site_page(response)
    assert "There is nothing here" in response.text
    assert "Goal" not in response.text.split("<main")[1].split("</main>")[0]


def test_a_400_is_styled(production, client):
    response = client.get("/bad/")
    assert response.status_code == 400
    assert _is_site_page(response)


def test_a_500_is_styled_and_shows_no_detail(production):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert _is_site_page(response)
    assert "a bug" not in response.text and "Traceback" not in response.text


def test_an_expired_form_says_so(production, employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee.user)
    response = client.post("/people/me/", {})
    assert response.status_code == 403
    assert "This form has expired" in response.text
