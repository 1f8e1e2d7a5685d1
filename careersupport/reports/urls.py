from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("surveys/<int:pk>/", views.survey_answer, name="survey-answer"),
]
