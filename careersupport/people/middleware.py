from __future__ import annotations

from django.utils import timezone

from .models import Individual


class IndividualMiddleware:
    """Puts the signed-in person's `Individual` on the request and works in their time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.individual = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Whether they manage anyone (or coach) rides along: every page's menu asks.
            request.individual = (
                Individual.objects.select_related("employer", "department", "coach_profile")
                .filter(user=user, deactivated_at__isnull=True)
                .with_has_reports()
                .first()
            )
        if request.individual is not None:
            timezone.activate(request.individual.tzinfo)
        else:
            timezone.deactivate()
        return self.get_response(request)
