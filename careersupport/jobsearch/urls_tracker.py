"""The tracker's pages (the leads' and HR's are in `urls_leads`), under `jobsearch:`."""

from django.urls import path

from .views import preparation, records, tracker

urlpatterns = [
    path("", tracker.board, name="board"),
    path("start/", tracker.start, name="start"),
    path("stop/", tracker.stop, name="stop"),
    path("applications/", tracker.application_list, name="application-list"),
    path("applications/new/", tracker.application_create, name="application-create"),
    path("applications/<int:pk>/", tracker.application_detail, name="application"),
    path("applications/<int:pk>/edit/", tracker.application_edit, name="application-edit"),
    path("applications/<int:pk>/move/", tracker.application_move, name="application-move"),
    path("applications/<int:pk>/next-step/", tracker.next_step, name="next-step"),
    path("applications/<int:pk>/accept/", tracker.accept, name="accept"),
    path("applications/<int:pk>/contacts/new/", records.contact_form, name="contact-create"),
    path(
        "applications/<int:pk>/contacts/<int:contact_pk>/edit/",
        records.contact_form,
        name="contact-edit",
    ),
    path(
        "applications/<int:pk>/contacts/<int:contact_pk>/remove/",
        records.contact_remove,
        name="contact-remove",
    ),
    path("applications/<int:pk>/resumes/new/", records.resume_upload, name="resume-upload"),
    path("resumes/<int:pk>/download/", records.resume_download, name="resume-download"),
    path("applications/<int:pk>/salary/", records.salary_edit, name="salary"),
    path("applications/<int:pk>/prepare/", preparation.prepare, name="prepare"),
    path("preparation/<int:pk>/", preparation.preparation_detail, name="preparation"),
    path(
        "preparation/<int:pk>/<str:status>/",
        preparation.preparation_close,
        name="preparation-close",
    ),
    path("coach/", preparation.coach_list, name="coach"),
]
