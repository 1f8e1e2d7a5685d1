"""The Django admin is for the operators who maintain the service, not for HR.

An operator is a staff login that belongs to no employer (the demo's `operator@example.com`).
The admin spans every employer, so a login attached to a person at an employer, HR admins
included, is kept out even if someone ticks "staff" on it: HR works in the app, where every
page is scoped to their own employer. Confidential records (EAP participation, confidential
reminders and their inbox entries) are left out of the admin's lists by each ModelAdmin's
`get_queryset`.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite


class OperatorAdminSite(AdminSite):
    site_header = "CareerSupport maintenance"
    site_title = "CareerSupport maintenance"
    index_title = "Operator's admin"

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        from careersupport.people.models import Individual

        return not Individual.objects.filter(user_id=user.pk).exists()
