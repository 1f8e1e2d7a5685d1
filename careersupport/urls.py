from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("people/", include("careersupport.people.urls")),
    path("goals/", include("careersupport.goals.urls")),
    path("team/", include("careersupport.goals.team_urls")),
    path("notifications/", include("careersupport.notifications.urls")),
    path("programs/", include("programs.urls")),
    path("coaching/", include("coaching.urls")),
    path("requests/", include("careersupport.requests.urls")),
    path("mentorship/", include("mentorship.urls")),
    path("job-search/", include("careersupport.jobsearch.urls")),
    path("household/", include("careersupport.household.urls")),
    path("reports/", include("careersupport.reports.urls")),
    path("admin/", admin.site.urls),
]
