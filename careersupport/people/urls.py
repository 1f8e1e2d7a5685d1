from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("departments/", views.department_list, name="department-list"),
    path("invitations/", views.invitation_list, name="invitation-list"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path("invitations/import/", views.invitation_import, name="invitation-import"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation-resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("invitations/accept/<str:key>/", views.invitation_accept, name="invitation-accept"),
    path("me/", views.profile, name="profile"),
    path("me/partner/", views.partner, name="partner"),
    path("me/partner/resend/", views.partner_resend, name="partner-resend"),
    path("me/partner/end/", views.partner_end, name="partner-end"),
    path("me/partner/sharing/", views.partner_sharing, name="partner-sharing"),
]
