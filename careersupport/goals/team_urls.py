"""`/team/`: the manager's view of their reports' goals (views live with the goals)."""

from django.urls import path

from . import views

app_name = "team"

urlpatterns = [
    path("", views.team, name="overview"),
]
