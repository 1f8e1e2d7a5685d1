from django.urls import path, re_path

from .views import manage, people

app_name = "mentorship"

urlpatterns = [
    # Mentees and mentors
    path("", people.home, name="home"),
    path("find/", people.find, name="find"),
    path("programmes/<int:offering_pk>/needs/", people.needs_edit, name="needs"),
    path("mentors/<int:profile_pk>/request/", people.request_create, name="request-create"),
    path("requests/<int:pk>/", people.request_detail, name="request-detail"),
    path("requests/<int:pk>/withdraw/", people.request_withdraw, name="request-withdraw"),
    path("profile/", people.profile_edit, name="profile"),
    path("profile/pause/", people.profile_pause, name="profile-pause"),
    path("<int:pk>/", people.mentorship_detail, name="mentorship-detail"),
    path("<int:pk>/agreement/", people.agreement_edit, name="agreement"),
    path("<int:pk>/agreement/confirm/", people.agreement_confirm, name="agreement-confirm"),
    path("<int:pk>/goals/", people.goals_update, name="goals"),
    path("<int:pk>/fit/", people.fit_answer, name="fit"),
    path("<int:pk>/meetings/new/", people.meeting_create, name="meeting-create"),
    path("<int:pk>/meetings/<int:meeting_pk>/note/", people.private_note, name="private-note"),
    path("<int:pk>/close/", people.mentorship_close, name="close"),
    path("<int:pk>/feedback/", people.feedback, name="feedback"),
    # HR
    path("manage/", manage.programme_list, name="manage"),
    path("manage/programmes/<int:offering_pk>/", manage.programme_detail, name="manage-programme"),
    path("manage/programmes/<int:offering_pk>/run/", manage.run_start, name="manage-run-start"),
    path("manage/runs/<int:pk>/", manage.run_detail, name="manage-run"),
    re_path(
        r"^manage/runs/(?P<pk>[0-9]+)/(?P<decision>confirm|discard)/$",
        manage.run_decide,
        name="manage-run-decide",
    ),
    path(
        "manage/runs/<int:run_pk>/pairs/<int:pk>/change/",
        manage.proposal_change,
        name="manage-proposal-change",
    ),
    path(
        "manage/runs/<int:run_pk>/pairs/<int:pk>/remove/",
        manage.proposal_remove,
        name="manage-proposal-remove",
    ),
    path("manage/pairs/", manage.pair_list, name="manage-pairs"),
    path("manage/pairs/<int:pk>/repair/", manage.pair_repair, name="manage-repair"),
    path("manage/mentors/", manage.mentor_list, name="manage-mentors"),
    path("manage/feedback/", manage.feedback_summary, name="manage-feedback"),
    path("manage/topics/", manage.topic_list, name="manage-topics"),
    path("manage/topics/<int:pk>/", manage.topic_list, name="manage-topic"),
]
