from django.urls import path

from .views import coach, coachee, manage, sessions

app_name = "coaching"

urlpatterns = [
    # The coachee (and the engagement's page, which the coach shares)
    path("", coachee.home, name="home"),
    path("start/", coachee.intake, name="intake"),
    path("engagements/<int:pk>/", coachee.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/coaches/", coachee.suggestions, name="suggestions"),
    path("engagements/<int:pk>/book/", sessions.book, name="book"),
    path("engagements/<int:pk>/answer/", coachee.answer, name="answer"),
    path("engagements/<int:pk>/notes/", coachee.note_create, name="note-create"),
    path("engagements/<int:pk>/goals/", coachee.goals, name="goals"),
    path("engagements/<int:pk>/pause/", coachee.pause, name="pause"),
    path("engagements/<int:pk>/complete/", coachee.complete, name="complete"),
    path("engagements/<int:pk>/cancel/", coachee.cancel, name="cancel"),
    path("engagements/<int:pk>/review/", coachee.review, name="review"),
    # Sessions and notes
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/move/", sessions.session_move, name="session-move"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/outcome/", sessions.session_outcome, name="session-outcome"),
    path("sessions/<int:pk>/rate/", sessions.session_rate, name="session-rate"),
    path("sessions/<int:pk>/calendar.ics", sessions.session_ics, name="session-ics"),
    path("notes/<int:pk>/edit/", sessions.note_edit, name="note-edit"),
    # The coach
    path("coach/", coach.dashboard, name="coach"),
    path("coach/calendar/", coach.calendar, name="coach-calendar"),
    path("coach/availability/", coach.availability, name="availability"),
    path("coach/availability/windows/<int:pk>/remove/", coach.window_remove, name="window-remove"),
    path(
        "coach/availability/exceptions/<int:pk>/remove/",
        coach.exception_remove,
        name="exception-remove",
    ),
    path("coach/profile/", coach.profile_edit, name="coach-profile"),
    # HR
    path("manage/", manage.pool, name="manage"),
    path("manage/coaches/invite/", manage.coach_invite, name="manage-invite"),
    path("manage/coaches/add/", manage.coach_add, name="manage-add"),
    path("manage/coaches/<int:pk>/", manage.coach_edit, name="manage-coach"),
    path("manage/waiting/", manage.waiting, name="manage-waiting"),
    path("manage/waiting/<int:pk>/assign/", manage.assign, name="manage-assign"),
    path(
        "manage/enrollments/<int:pk>/assign/",
        manage.assign_enrollment,
        name="manage-assign-enrollment",
    ),
    path("manage/engagements/", manage.engagements, name="manage-engagements"),
    path("manage/engagements.csv", manage.engagements_csv, name="manage-engagements-csv"),
    path("manage/feedback/", manage.feedback, name="manage-feedback"),
    path("manage/invitations/", manage.invitations, name="manage-invitations"),
    path(
        "manage/invitations/<int:pk>/resend/",
        manage.invitation_resend_view,
        name="manage-invitation-resend",
    ),
    path("manage/settings/", manage.settings_edit, name="manage-settings"),
]
