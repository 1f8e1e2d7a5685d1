import pytest
from django.urls import reverse

from careersupport.goals.models import GoalReview
from careersupport.notifications.models import Reminder
from tests.factories import GoalReviewFactory

pytestmark = pytest.mark.django_db

DATA = {
    "rating": "at_risk",
    "comments": "The scope grew.",
    "next_steps": "Cut the scope by Friday.",
}


@pytest.mark.parametrize("persona", ["manager", "skip_manager"])
def test_a_manager_in_the_chain_reviews_and_the_report_is_reminded(
    client_for, request, goal, persona
):
    reviewer = request.getfixturevalue(persona)
    response = client_for(reviewer).post(reverse("goals:review-create", args=[goal.pk]), DATA)
    assert response.status_code == 302
    review = GoalReview.objects.get()
    assert (review.reviewer, review.rating) == (reviewer, "at_risk")
    reminder = Reminder.objects.get(kind="goals.review_pending")
    assert reminder.recipient == goal.owner and reminder.key == f"goals.review_pending:{review.pk}"


def test_a_review_needs_comments_and_a_rating(client_for, manager, goal):
    response = client_for(manager).post(
        reverse("goals:review-create", args=[goal.pk]), {"comments": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not GoalReview.objects.exists()
    assert not Reminder.objects.exists()


def test_a_peer_cannot_post_a_review(client_for, peer, goal):
    response = client_for(peer).post(reverse("goals:review-create", args=[goal.pk]), DATA)
    assert response.status_code == 404
    assert not GoalReview.objects.exists()


def test_the_report_sees_and_replies_and_the_reminder_is_cancelled(
    client_for, employee, manager, goal
):
    from careersupport.goals import services

    review = services.review_create(
        goal=goal, actor=manager, rating="on_track", comments="Great pace"
    )
    client = client_for(employee)
    assert "Great pace" in client.get(goal.get_absolute_url()).text
    url = reverse("goals:review-reply", args=[goal.pk, review.pk])
    assert client.post(url, {"reply": "Thanks, on it."}).status_code == 302
    review.refresh_from_db()
    assert review.reply == "Thanks, on it." and review.replied_at is not None
    assert Reminder.objects.get(kind="goals.review_pending").state == "cancelled"


def test_the_reviewer_is_told_of_the_reply(client_for, employee, manager, goal):
    from careersupport.goals import services

    review = services.review_create(goal=goal, actor=manager, rating="at_risk", comments="Hm")
    url = reverse("goals:review-reply", args=[goal.pk, review.pk])
    client_for(employee).post(url, {"reply": "Agreed, cutting scope."})
    told = Reminder.objects.get(kind="goals.review_replied")
    assert told.recipient == manager and told.state == "pending"
    assert told.title == f"{employee.full_name} replied to your review of “{goal.title}”"
    assert told.url == f"{goal.get_absolute_url()}#review-{review.pk}"


def test_a_reviewer_who_can_no_longer_open_the_goal_is_not_told(client_for, employee, goal):
    review = GoalReviewFactory(goal=goal)
    goal.shared_with_manager = False  # the owner made it private since
    goal.save()
    url = reverse("goals:review-reply", args=[goal.pk, review.pk])
    client_for(employee).post(url, {"reply": "Noted."})
    assert GoalReview.objects.get().reply == "Noted."
    assert not Reminder.objects.filter(kind="goals.review_replied").exists()


def test_the_manager_cannot_reply_for_the_report(client_for, manager, goal):
    review = GoalReviewFactory(goal=goal)
    url = reverse("goals:review-reply", args=[goal.pk, review.pk])
    assert client_for(manager).post(url, {"reply": "Fake reply"}).status_code == 403
    review.refresh_from_db()
    assert review.reply == ""


def test_reviews_are_kept_as_history(client_for, manager, goal):
    GoalReviewFactory(goal=goal, comments="First review")
    GoalReviewFactory(goal=goal, comments="Second review", rating="off_track")
    text = client_for(manager).get(goal.get_absolute_url()).text
    assert text.index("Second review") < text.index("First review")


def test_an_empty_reply_saves_nothing(client_for, employee, goal):
    review = GoalReviewFactory(goal=goal)
    url = reverse("goals:review-reply", args=[goal.pk, review.pk])
    response = client_for(employee).post(url, {"reply": "  "}, follow=True)
    assert "Write a reply first." in response.text
    review.refresh_from_db()
    assert review.replied_at is None
