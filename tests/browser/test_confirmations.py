"""The shared confirmation page (careersupport.utils.confirm_page) on the demo data, at
390 px: each role's destructive step asks first, passes axe and does not scroll sideways;
nothing happens until its button is pressed."""

import pytest

from careersupport.people.models import Individual
from coaching.models import Engagement
from mentorship.models import Mentorship
from programs.models import Enrollment

from .conftest import serious_violations
from .test_mentorship import fits_390

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages_for(email: str) -> list[str]:
    if email == "hr@example.com":
        leaver = Individual.objects.get(email="manager@example.com")
        return [f"/people/{leaver.pk}/deactivate/"]
    enrolled = (
        Enrollment.objects.filter(
            person__email=email, status="enrolled", offering__kind="workshop"
        ).first()
        or Enrollment.objects.filter(person__email=email, status="enrolled").first()
    )
    paths = [f"/programs/{enrolled.offering_id}/withdraw/"]
    coaching = Engagement.objects.filter(coachee__email=email, status="active").first()
    if coaching:
        paths.append(f"/coaching/engagements/{coaching.pk}/cancel/")
    pair = Mentorship.objects.filter(mentee__email=email, status="active").first()
    if pair:
        paths.append(f"/mentorship/{pair.pk}/close/")
    return paths


@pytest.mark.parametrize("email", ["employee@example.com", "hr@example.com"])
def test_confirmation_pages_pass_axe_and_fit_390_px(page, live_server, demo, sign_in, email):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(email)
    paths = pages_for(email)
    assert len(paths) == (3 if email == "employee@example.com" else 1)  # coaching, mentorship
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator(".confirm button.danger").count() == 1, path
        assert page.get_by_role("heading", level=1).count() == 1, path
        assert serious_violations(page) == [], path
        assert fits_390(page), path
    assert Individual.objects.get(email="manager@example.com").deactivated_at is None
