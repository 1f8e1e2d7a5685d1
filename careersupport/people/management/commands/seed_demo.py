from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from careersupport.people.demo import DEMO_PASSWORD

# Each app seeds its own records on top of the people; the order is the order of dependence.
SEEDERS = [
    "careersupport.people.demo.seed",
    "careersupport.goals.demo.seed",
    "programs.demo.seed",
    "coaching.demo.seed",
    "careersupport.requests.demo.seed",
    "mentorship.demo.seed",
    # After coaching: the demo partner's résumé review rides on their engagement.
    "careersupport.jobsearch.demo.seed",
    # After the tracker: the demo partner saves leads into it.
    "careersupport.jobsearch.demo_leads.seed",
    # After the job search and programmes/requests: it reads them.
    "careersupport.household.demo.seed",
    # After every app whose records it reports on: it computes the figures once.
    "careersupport.reports.demo.seed",
    # Last: it delivers what the others published that is already due.
    "careersupport.notifications.demo.seed",
]


class Command(BaseCommand):
    help = "Create (or top up) the demo employer with an account for every role. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        world = import_string(SEEDERS[0])()
        for path in SEEDERS[1:]:
            import_string(path)(world)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo employer '{world.employer}' is ready. Sign in with any of "
                "hr@, manager@, employee@, partner@, coach@ or mentor@example.com, "
                f"password {DEMO_PASSWORD}; the Django admin (/admin/) with "
                "operator@example.com."
            )
        )
