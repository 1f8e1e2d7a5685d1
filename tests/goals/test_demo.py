import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from careersupport.goals.models import CheckIn, Goal, overdue_q
from careersupport.people.models import Individual

pytestmark = pytest.mark.django_db


def test_demo_gives_the_team_goals_in_every_status_and_is_idempotent(client_for):
    call_command("seed_demo", stdout=None)
    counts = (Goal.objects.count(), CheckIn.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Goal.objects.count(), CheckIn.objects.count()) == counts
    manager = Individual.objects.get(email="manager@example.com")
    team_goals = Goal.objects.filter(owner__manager=manager)
    assert set(team_goals.values_list("status", flat=True)) == set(Goal.Status.values)
    assert team_goals.filter(overdue_q(timezone.localdate())).exists()
    assert Goal.objects.filter(owner__email="partner@example.com").count() == 3
    response = client_for(manager).get(reverse("team:overview"))
    assert "Emma" in response.text and "overdue" in response.text
