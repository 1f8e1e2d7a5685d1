from django.http import Http404
from django.urls import path

app_name = "coaching"


def _not_yet(request, *args, **kwargs):
    raise Http404


urlpatterns = [
    path("engagements/<int:pk>/", _not_yet, name="engagement"),
    path("engagements/<int:pk>/book/", _not_yet, name="book"),
    path("sessions/<int:pk>/", _not_yet, name="session"),
    path("manage/waiting/", _not_yet, name="manage-waiting"),
]
