"""Every page for the roles that may open it and those that may not; bad input gives 400."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship import services
from mentorship.models import MatchingRun, Meeting, Mentorship, MentorshipRequest
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(programme, hr_admin, waiting, mentor_profile):
    return services.run_start(programme=programme, actor=hr_admin)


@pytest.fixture
def targets(programme, run, mentorship, topic):
    return {
        "o": programme.offering_id,
        "r": run.pk,
        "p": run.proposals.first().pk,
        "m": mentorship.pk,
        "t": topic.pk,
    }


HR_PAGES = [
    ("mentorship:manage", []),
    ("mentorship:manage-programme", ["o"]),
    ("mentorship:manage-run", ["r"]),
    ("mentorship:manage-run-decide", ["r", "confirm"]),
    ("mentorship:manage-run-decide", ["r", "discard"]),
    ("mentorship:manage-proposal-change", ["r", "p"]),
    ("mentorship:manage-proposal-remove", ["r", "p"]),
    ("mentorship:manage-pairs", []),
    ("mentorship:manage-repair", ["m"]),
    ("mentorship:manage-mentors", []),
    ("mentorship:manage-feedback", []),
    ("mentorship:manage-topics", []),
    ("mentorship:manage-topic", ["t"]),
]


def url(name, args, targets):
    return reverse(name, args=[targets.get(a, a) for a in args])


@pytest.mark.parametrize(("name", "args"), HR_PAGES)
def test_hr_opens_every_console_page(client_for, hr_admin, targets, name, args):
    assert client_for(hr_admin).get(url(name, args, targets)).status_code == 200


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "mentor", "coach"])
@pytest.mark.parametrize(("name", "args"), HR_PAGES)
def test_console_pages_refuse_people_who_are_not_hr(
    client_for, request, targets, persona, name, args
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url(name, args, targets)).status_code == 403
    assert client.post(url(name, args, targets)).status_code == 403


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "mentor", "coach"])
def test_only_hr_starts_a_matching_run(client_for, request, targets, persona):
    client = client_for(request.getfixturevalue(persona))
    start = reverse("mentorship:manage-run-start", args=[targets["o"]])
    assert client.post(start).status_code == 403
    assert MatchingRun.objects.count() == 1  # the fixture's own


OBJECT_PAGES = [name_args for name_args in HR_PAGES if name_args[1]]


@pytest.mark.parametrize(("name", "args"), OBJECT_PAGES)
def test_console_pages_refuse_hr_of_another_employer_with_404(
    client_for, outsider_hr, targets, name, args
):
    assert client_for(outsider_hr).get(url(name, args, targets)).status_code == 404


def test_hr_of_another_employer_cannot_start_or_confirm_our_run(
    client_for, outsider_hr, targets, run
):
    client = client_for(outsider_hr)
    before = Mentorship.objects.count()  # the targets' one pair
    assert (
        client.post(reverse("mentorship:manage-run-start", args=[targets["o"]])).status_code == 404
    )
    assert (
        client.post(reverse("mentorship:manage-run-decide", args=[run.pk, "confirm"])).status_code
        == 404
    )
    assert Mentorship.objects.count() == before and MatchingRun.objects.count() == 1


def test_hr_confirms_a_run_by_post(client_for, hr_admin, run, employee):
    response = client_for(hr_admin).post(
        reverse("mentorship:manage-run-decide", args=[run.pk, "confirm"])
    )
    assert response.status_code == 302
    assert Mentorship.objects.get().mentee == employee


def test_bad_weights_give_400_beside_the_field_and_save_nothing(client_for, hr_admin, programme):
    response = client_for(hr_admin).post(
        reverse("mentorship:manage-programme", args=[programme.offering_id]),
        {"weight_topics": "11", "default_cadence": "weekly", "default_weeks": "20"},
    )
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 10" in response.text
    programme.refresh_from_db()
    assert programme.weight_topics == 5


def test_a_swap_form_without_a_choice_gives_400(client_for, hr_admin, targets):
    response = client_for(hr_admin).post(
        url("mentorship:manage-proposal-change", ["r", "p"], targets), {}
    )
    assert response.status_code == 400
    assert "one of the two" in response.text


# --- the pair's own pages -------------------------------------------------------------------


@pytest.fixture
def pair(mentorship, employee):
    services.meeting_log(
        mentorship=mentorship,
        actor=employee,
        held_on=timezone.localdate(),
        notes="LOG-TEXT",
        private_note="MENTEE-PRIVATE",
    )
    return mentorship


def test_both_sides_read_the_log_and_only_their_own_private_note(
    client_for, pair, employee, mentor
):
    mentee_page = client_for(employee).get(pair.get_absolute_url()).text
    mentor_page = client_for(mentor).get(pair.get_absolute_url()).text
    assert "LOG-TEXT" in mentee_page and "LOG-TEXT" in mentor_page
    assert "MENTEE-PRIVATE" in mentee_page and "MENTEE-PRIVATE" not in mentor_page


def test_the_mentors_private_note_stays_the_mentors(client_for, pair, employee, mentor):
    services.meeting_log(
        mentorship=pair,
        actor=mentor,
        held_on=timezone.localdate(),
        notes="MENTOR-LOG",
        private_note="MENTOR-PRIVATE",
    )
    mentee_page = client_for(employee).get(pair.get_absolute_url()).text
    mentor_page = client_for(mentor).get(pair.get_absolute_url()).text
    assert "MENTOR-LOG" in mentee_page
    assert "MENTOR-PRIVATE" in mentor_page and "MENTOR-PRIVATE" not in mentee_page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("manager", 404), ("peer", 404), ("hr_admin", 403), ("outsider", 404), ("outsider_hr", 404)],
)
def test_nobody_else_opens_a_mentorship(client_for, request, pair, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(pair.get_absolute_url())
    assert response.status_code == status
    assert "LOG-TEXT" not in response.text


def test_hr_pages_never_show_log_text(client_for, hr_admin, pair):
    client = client_for(hr_admin)
    for name in (
        "mentorship:manage-pairs",
        "mentorship:manage-mentors",
        "mentorship:manage-feedback",
    ):
        assert "LOG-TEXT" not in client.get(reverse(name)).text
    assert "LOG-TEXT" not in client.get(reverse("mentorship:manage-repair", args=[pair.pk])).text


def test_the_django_admin_lists_no_log_text(admin_client, pair):
    assert "LOG-TEXT" not in admin_client.get("/admin/mentorship/meeting/").text
    assert (
        "LOG-TEXT"
        not in admin_client.get(
            f"/admin/mentorship/meeting/{Meeting.objects.get().pk}/change/"
        ).text
    )


def test_a_stranger_cannot_write_a_private_note_on_the_pairs_meeting(client_for, pair, peer):
    meeting = Meeting.objects.get()
    response = client_for(peer).post(
        reverse("mentorship:private-note", args=[pair.pk, meeting.pk]), {"text": "x"}
    )
    assert response.status_code == 404


def test_a_meeting_in_the_future_gives_400_beside_the_date(client_for, mentorship, employee):
    tomorrow = timezone.localdate() + timedelta(days=3)
    response = client_for(employee).post(
        reverse("mentorship:meeting-create", args=[mentorship.pk]),
        {"held_on": tomorrow.isoformat()},
    )
    assert response.status_code == 400
    assert "once it has taken place" in response.text
    assert not Meeting.objects.exists()


def test_the_mentee_finds_mentors_with_their_reasons(
    client_for, employee, waiting, mentor_profile, programme
):
    response = client_for(employee).get(
        reverse("mentorship:find"), {"programme": programme.offering_id}
    )
    assert response.status_code == 200
    assert mentor_profile.person.full_name in response.text
    assert "places free" in response.text


def test_the_find_page_never_lists_the_mentees_manager(
    client_for, employee, manager, waiting, programme
):
    MentorProfileFactory(person=manager)
    response = client_for(employee).get(
        reverse("mentorship:find"), {"programme": programme.offering_id}
    )
    assert manager.full_name not in response.text


def test_find_is_refused_to_someone_not_in_the_programme(client_for, peer, programme):
    assert (
        client_for(peer)
        .get(reverse("mentorship:find"), {"programme": programme.offering_id})
        .status_code
        == 403
    )


def test_a_request_without_a_message_gives_400(
    client_for, employee, waiting, mentor_profile, programme
):
    response = client_for(employee).post(
        reverse("mentorship:request-create", args=[mentor_profile.pk]),
        {"programme": programme.offering_id, "message": ""},
    )
    assert response.status_code == 400
    assert not MentorshipRequest.objects.exists()


def test_the_mentor_accepts_a_request_on_its_page(
    client_for, employee, mentor, waiting, mentor_profile, programme
):
    req = services.request_create(
        programme=programme, mentee=employee, mentor=mentor_profile, actor=employee, message="Hi"
    )
    assert (
        client_for(employee).post(req.get_absolute_url(), {"decision": "accept"}).status_code == 403
    )
    response = client_for(mentor).post(
        req.get_absolute_url(), {"decision": "accept", "response": "Yes"}
    )
    assert response.status_code == 302
    assert Mentorship.objects.get().mentor == mentor


def test_a_request_is_404_to_anyone_else(
    client_for, employee, peer, waiting, mentor_profile, programme
):
    req = services.request_create(
        programme=programme, mentee=employee, mentor=mentor_profile, actor=employee, message="Hi"
    )
    assert client_for(peer).get(req.get_absolute_url()).status_code == 404


def test_an_employee_volunteers_as_a_mentor(client_for, peer, topic):
    response = client_for(peer).post(
        reverse("mentorship:profile"),
        {"topics": [topic.pk], "years_experience": 8, "languages": ["en", "de"], "capacity": 2},
    )
    assert response.status_code == 302
    assert peer.mentor_profile.language_codes == ["de", "en"]


def test_a_partner_cannot_volunteer(client_for, partner):
    assert client_for(partner).get(reverse("mentorship:profile")).status_code == 403


@pytest.mark.parametrize("persona", ["employee", "mentor", "partner", "hr_admin", "manager"])
def test_everyone_opens_their_mentorship_home_and_home_page(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("mentorship:home")).status_code == 200
    assert client.get("/").status_code == 200


def test_the_find_page_filters_by_topic_and_language(
    client_for, employee, waiting, programme, employer, topic
):
    german = MentorProfileFactory(
        person__employer=employer, languages=",de,", person__first_name="Greta"
    )
    english = MentorProfileFactory(
        person__employer=employer, languages=",en,", person__first_name="Ed"
    )
    english.topics.add(topic)
    client = client_for(employee)
    by_language = client.get(
        reverse("mentorship:find"), {"programme": programme.offering_id, "language": "de"}
    ).text
    assert german.person.full_name in by_language and english.person.full_name not in by_language
    by_topic = client.get(
        reverse("mentorship:find"), {"programme": programme.offering_id, "topic": topic.pk}
    ).text
    assert english.person.full_name in by_topic and german.person.full_name not in by_topic


def test_feedback_shows_an_average_only_from_five_answers(
    client_for, hr_admin, programme, employer
):
    from mentorship.models import Feedback
    from tests.factories import IndividualFactory

    from .conftest import enroll

    mentor = MentorProfileFactory(person__employer=employer, capacity=10)
    for i in range(5):
        mentee = IndividualFactory(employer=employer)
        enroll(programme, mentee)
        m = services.mentorship_create(
            programme=programme, mentee=mentee, mentor=mentor.person, actor=None, source="run"
        )
        services.mentorship_close(mentorship=m, actor=mentee)
        services.feedback_give(mentorship=m, actor=mentee, rating=3 + i % 2, helped=f"SECRET-{i}")
        if i == 0:
            services.feedback_give(mentorship=m, actor=mentor.person, rating=5)
    page = client_for(hr_admin).get(reverse("mentorship:manage-feedback")).text
    assert "3.4" in page and "fewer than 5 answers" in page
    assert "SECRET" not in page
    assert Feedback.objects.count() == 6


def test_the_ranked_list_drops_a_mentor_at_once_when_they_pause_or_fill_up(
    client_for, employee, waiting, programme, employer, peer
):
    from .conftest import enroll

    pausing = MentorProfileFactory(person__employer=employer, person__first_name="Paula")
    filling = MentorProfileFactory(
        person__employer=employer, person__first_name="Fiona", capacity=1
    )
    client = client_for(employee)
    page = lambda: client.get(reverse("mentorship:find"), {"programme": programme.offering_id}).text  # noqa: E731
    assert pausing.person.full_name in page() and filling.person.full_name in page()
    services.mentor_set_paused(profile=pausing, actor=pausing.person, paused=True)
    enroll(programme, peer)
    services.mentorship_create(
        programme=programme, mentee=peer, mentor=filling.person, actor=None, source="run"
    )
    assert pausing.person.full_name not in page() and filling.person.full_name not in page()
