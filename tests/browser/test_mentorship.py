"""Mentorship in a real browser on the demo data: HR runs the cohort matching, swaps one
pair and confirms; the mentee sees their mentor. Main pages pass axe and fit 390 px."""

import pytest
from playwright.sync_api import expect

from mentorship.models import Mentorship, Proposal

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COHORT = "Mentoring programme: spring 2027 cohort"


def fits_390(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") == page.evaluate(
        "window.innerWidth"
    )


def test_hr_runs_the_demo_matching_swaps_a_pair_confirms_and_the_mentee_sees_their_mentor(
    page, live_server, demo, sign_in, sign_out
):
    sign_in("hr@example.com")
    page.locator(".nav-manage > summary").click()  # HR's menu
    page.get_by_role("navigation").get_by_role("link", name="Manage mentorship").click()
    assert serious_violations(page) == []
    page.get_by_role("link", name=COHORT).click()
    page.get_by_role("button", name="Start a matching run").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Matching run of")
    expect(page.get_by_text("Greedy first-come")).to_be_visible()
    assert serious_violations(page) == []

    first = page.get_by_role("link", name="Swap or change").first
    first.click()
    page.get_by_label("Swap mentors with the pair of").select_option(index=1)
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("every rule was checked again")).to_be_visible()
    swapped = (
        Proposal.objects.filter(run__programme__offering__title=COHORT, changed_by_hr=True)
        .select_related("mentee", "mentor")
        .order_by("pk")
        .first()
    )
    assert swapped is not None and swapped.mentor is not None
    row = page.get_by_role("row").filter(has_text=swapped.mentee.full_name)
    expect(row.locator(".badge", has_text="changed")).to_be_visible()

    page.get_by_role("button", name="Confirm and start the pairs…").click()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Confirm and start the pairs").click()
    expect(page.get_by_text("mentorships started")).to_be_visible()
    sign_out()

    # The swapped pair is the one started: its mentee has the mentor HR chose.
    pair = Mentorship.objects.select_related("mentee", "mentor").get(
        programme__offering__title=COHORT, mentee=swapped.mentee
    )
    assert pair.mentor == swapped.mentor
    sign_in(pair.mentee.email)
    page.get_by_role("navigation").get_by_role("link", name="Mentorship").click()
    expect(page.get_by_role("link", name=pair.mentor.full_name)).to_be_visible()
    page.get_by_role("link", name=pair.mentor.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Your mentor {pair.mentor.full_name}"
    )
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        ("employee@example.com", ["/mentorship/", "/mentorship/profile/"]),
        ("mentor@example.com", ["/mentorship/", "/mentorship/profile/"]),
        ("partner@example.com", ["/mentorship/"]),
        (
            "hr@example.com",
            [
                "/mentorship/manage/",
                "/mentorship/manage/pairs/",
                "/mentorship/manage/pairs/?view=poor_fit",
                "/mentorship/manage/mentors/",
                "/mentorship/manage/feedback/",
                "/mentorship/manage/topics/",
            ],
        ),
    ],
)
def test_main_pages_pass_axe_and_do_not_scroll_sideways_at_390_px(
    page, live_server, demo, sign_in, email, paths
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(email)
    mine = Mentorship.objects.filter(mentee__email=email, status="active").first()
    extra = [mine.get_absolute_url()] if mine else []
    if email == "partner@example.com":
        from programs.models import Enrollment

        e = Enrollment.objects.get(person__email=email, offering__kind="mentorship")
        extra += [
            f"/mentorship/find/?programme={e.offering_id}",
            f"/mentorship/programmes/{e.offering_id}/needs/",
        ]
    for path in [*paths, *extra]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.get_by_role("heading", level=1).count() == 1, path
        assert serious_violations(page) == [], path
        assert fits_390(page), path
