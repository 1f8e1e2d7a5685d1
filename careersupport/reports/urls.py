from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.participation, name="participation"),
    path("results/", views.results, name="results"),
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/comments/", views.comments, name="comments"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey-answer"),
    path("questions/", views.questions, name="questions"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("questions/<int:pk>/retire/", views.question_retire, name="question-retire"),
    path("refresh/", views.refresh, name="refresh"),
    path("<slug:table>.csv", views.table_csv, name="table-csv"),
]
