from django.urls import path, re_path

from .views import catalog, events, kinds, manage

app_name = "programs"

urlpatterns = [
    # People: the catalog and what they joined
    path("", catalog.catalog, name="catalog"),
    path("mine/", catalog.my_programs, name="mine"),
    path("<int:pk>/", catalog.offering_detail, name="offering-detail"),
    path("<int:pk>/enroll/", catalog.enroll, name="enroll"),
    path("<int:pk>/withdraw/", catalog.withdraw, name="withdraw"),
    path("<int:pk>/acknowledge/", kinds.policy_acknowledge, name="policy-acknowledge"),
    path("<int:pk>/slots/new/", kinds.slot_create, name="slot-create"),
    path("slots/<int:pk>/book/", kinds.slot_book, name="slot-book"),
    re_path(
        r"^bookings/(?P<pk>[0-9]+)/(?P<decision>confirm|decline)/$",
        kinds.booking_decide,
        name="booking-decide",
    ),
    path("my-bookings/<int:pk>/cancel/", kinds.booking_cancel, name="booking-cancel"),
    path("<int:pk>/events/new/", events.lead_session_create, name="lead-session-create"),
    path("sessions/<int:pk>/edit/", events.lead_session_edit, name="lead-session-edit"),
    path("sessions/<int:pk>/register/", events.session_register, name="session-register"),
    path("sessions/<int:pk>/unregister/", events.session_unregister, name="session-unregister"),
    path(
        "sessions/<int:pk>/registrations/",
        events.session_registrations,
        name="session-registrations",
    ),
    path(
        "sessions/<int:pk>/registrations.csv",
        events.session_registrations_csv,
        name="session-registrations-csv",
    ),
    path("sessions/<int:pk>/calendar.ics", events.session_ics, name="session-ics"),
    path("calendar/", events.calendar_settings, name="calendar"),
    path("calendar/revoke/", events.calendar_revoke, name="calendar-revoke"),
    path("calendar/<str:token>.ics", events.calendar_feed, name="calendar-feed"),
    # HR console
    path("manage/", manage.offering_list, name="manage"),
    path("manage/new/", manage.offering_create, name="manage-create"),
    path("manage/queue/", manage.queue, name="manage-queue"),
    path("manage/<int:pk>/", manage.offering_manage, name="manage-offering"),
    path("manage/<int:pk>/edit/", manage.offering_edit, name="manage-edit"),
    path("manage/<int:pk>/roster.csv", manage.roster_csv, name="manage-roster-csv"),
    path("manage/<int:pk>/sessions/new/", events.session_create, name="manage-session-create"),
    path("manage/<int:pk>/policy/", kinds.policy_version_create, name="manage-policy"),
    path("manage/<int:pk>/cohorts/new/", kinds.cohort_create, name="manage-cohort-create"),
    path("manage/sessions/<int:pk>/edit/", events.session_edit, name="manage-session-edit"),
    path("manage/sessions/<int:pk>/delete/", events.session_delete, name="manage-session-delete"),
    path("manage/cohorts/<int:pk>/phases/new/", kinds.phase_create, name="manage-phase-create"),
    path("manage/enrollments/<int:pk>/path/", kinds.participant_path, name="manage-participant"),
    path(
        "manage/enrollments/<int:pk>/milestones/<int:milestone_pk>/",
        kinds.milestone_toggle,
        name="manage-milestone",
    ),
    path("manage/enrollments/<int:pk>/lead/", kinds.erg_lead, name="manage-erg-lead"),
    re_path(
        r"^manage/enrollments/(?P<pk>[0-9]+)/(?P<decision>approve|decline|complete)/$",
        manage.enrollment_decide,
        name="manage-decide",
    ),
    re_path(
        r"^manage/(?P<pk>[0-9]+)/(?P<action>publish|unpublish|archive|restore|duplicate)/$",
        manage.offering_action,
        name="manage-action",
    ),
]
