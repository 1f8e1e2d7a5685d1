from django.urls import path

from . import views

app_name = "goals"

urlpatterns = [
    path("", views.goal_list, name="goal-list"),
    path("new/", views.goal_create, name="goal-create"),
    path("hr/", views.hr_summary, name="hr-summary"),
    path("<int:pk>/", views.goal_detail, name="goal-detail"),
    path("<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("<int:pk>/checkin/", views.checkin_create, name="checkin-create"),
    path("<int:pk>/milestones/new/", views.milestone_create, name="milestone-create"),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/toggle/",
        views.milestone_toggle,
        name="milestone-toggle",
    ),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/delete/",
        views.milestone_delete,
        name="milestone-delete",
    ),
    path("<int:pk>/review/", views.review_create, name="review-create"),
    path("<int:pk>/reviews/<int:review_pk>/reply/", views.review_reply, name="review-reply"),
]
