"""factory_boy factories for every app; one place, as the tests of all apps share them."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from careersupport.people.models import (
    Department,
    Employer,
    Individual,
    Invitation,
    Partnership,
    User,
)

PASSWORD = "test-pass-4567"


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Employer {n}")
    slug = factory.Sequence(lambda n: f"employer-{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        obj.save()


class IndividualFactory(factory.django.DjangoModelFactory):
    """A person with an account; pass `user=None` for one who was only invited."""

    class Meta:
        model = Individual

    employer = factory.SubFactory(EmployerFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    kind = Individual.Kind.EMPLOYEE
    time_zone = "Europe/Berlin"
    user = factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email"))


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    employee = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("employee.employer")
    partner = factory.SubFactory(
        IndividualFactory,
        employer=factory.SelfAttribute("..employee.employer"),
        kind=Individual.Kind.PARTNER,
    )
    status = Partnership.Status.ACTIVE


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    individual = factory.SubFactory(IndividualFactory, user=None)
    employer = factory.SelfAttribute("individual.employer")
    email = factory.SelfAttribute("individual.email")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


# --- goals --------------------------------------------------------------------------------

from careersupport.goals.models import CheckIn, Goal, GoalLink, GoalReview, Milestone  # noqa: E402


class GoalFactory(factory.django.DjangoModelFactory):
    """An active goal shared with the manager, due in three months."""

    class Meta:
        model = Goal
        skip_postgeneration_save = True

    owner = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("owner.employer")
    title = factory.Sequence(lambda n: f"Goal {n}")
    category = Goal.Category.SKILL
    status = Goal.Status.ACTIVE
    target_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    cadence = Goal.Cadence.MONTHLY
    next_checkin_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))

    @factory.post_generation
    def rollup(obj, create, extracted, **kwargs):
        # What the services do after every write: keep the owner's /team/ row current.
        if create:
            from careersupport.goals.services import rollup_refresh

            rollup_refresh(owner=obj.owner)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    goal = factory.SubFactory(GoalFactory)
    author = factory.SelfAttribute("goal.owner")
    date = factory.LazyFunction(timezone.localdate)
    progress = 10


class GoalReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalReview

    goal = factory.SubFactory(GoalFactory)
    reviewer = factory.SelfAttribute("goal.owner.manager")
    rating = GoalReview.Rating.ON_TRACK
    comments = "Good momentum."


class GoalLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalLink

    goal = factory.SubFactory(GoalFactory)
    individual = factory.SubFactory(
        IndividualFactory, employer=factory.SelfAttribute("..goal.employer")
    )
    kind = GoalLink.Kind.COACHING


# --- notifications ------------------------------------------------------------------------

from careersupport.notifications.models import (  # noqa: E402
    Notification,
    NotificationPreference,
    Reminder,
)


class ReminderFactory(factory.django.DjangoModelFactory):
    """A pending reminder, due a minute ago, of the test kind `tests.nudge`."""

    class Meta:
        model = Reminder

    recipient = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("recipient.employer")
    kind = "tests.nudge"
    key = factory.Sequence(lambda n: f"tests.nudge:{n}")
    due_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    next_attempt_at = factory.SelfAttribute("due_at")
    title = factory.Sequence(lambda n: f"Reminder {n}")
    url = "/people/me/"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    reminder = factory.SubFactory(
        ReminderFactory, state=Reminder.State.SENT, sent_at=factory.LazyFunction(timezone.now)
    )
    recipient = factory.SelfAttribute("reminder.recipient")
    employer = factory.SelfAttribute("reminder.employer")
    kind = factory.SelfAttribute("reminder.kind")
    title = factory.SelfAttribute("reminder.title")
    url = factory.SelfAttribute("reminder.url")


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    recipient = factory.SubFactory(IndividualFactory)


# --- programs ----------------------------------------------------------------------------

from programs.models import Enrollment, Offering, Session  # noqa: E402


class OfferingFactory(factory.django.DjangoModelFactory):
    """A published online workshop open to all employees; override what a test needs."""

    class Meta:
        model = Offering

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Offering {n}")
    description = "Learn something useful."
    kind = Offering.Kind.WORKSHOP
    status = Offering.Status.PUBLISHED
    format = Offering.Format.ONLINE
    online_url = "https://meet.example.test/room"
    # Running from today for two months: sessions and slots a test dates in the coming
    # weeks fall inside it, as they must (Session.clean, ShadowSlot.clean).
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    offering = factory.SubFactory(OfferingFactory)
    employer = factory.SelfAttribute("offering.employer")
    person = factory.SubFactory(
        IndividualFactory, employer=factory.SelfAttribute("..offering.employer")
    )
    status = Enrollment.Status.ENROLLED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    offering = factory.SubFactory(OfferingFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=2))
    time_zone = "Europe/Berlin"


# --- requests (leave, flexible work, financial support) ------------------------------------

from decimal import Decimal  # noqa: E402

from careersupport.requests.models import FinancialKind, LeavePolicy, LeaveRequest  # noqa: E402


class LeavePolicyFactory(factory.django.DjangoModelFactory):
    """Ten working days a calendar year, paid, open to everyone, no notice."""

    class Meta:
        model = LeavePolicy

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Leave policy {n}")
    kind = LeavePolicy.Kind.FAMILY_CARE
    paid_weeks = Decimal("2")
    period = LeavePolicy.Period.YEAR
    splittable = True
    max_parts = 10


class FinancialKindFactory(factory.django.DjangoModelFactory):
    """Course reimbursement: EUR 1,000 a person a year, no overall limit, no evidence."""

    class Meta:
        model = FinancialKind

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Support {n}")
    category = FinancialKind.Category.REIMBURSEMENT
    currency = "EUR"
    person_budget = Decimal("1000.00")


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    """An approved week of leave under its policy, decided already (no service's checks)."""

    class Meta:
        model = LeaveRequest

    policy = factory.SubFactory(LeavePolicyFactory)
    employer = factory.SelfAttribute("policy.employer")
    person = factory.SubFactory(
        IndividualFactory, employer=factory.SelfAttribute("..policy.employer")
    )
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    end_date = factory.LazyAttribute(lambda leave: leave.start_date + timedelta(days=4))
    days = Decimal("5")
    status = "approved"


# --- reports (surveys and roll-ups) -----------------------------------------------------------

from careersupport.reports.models import SurveyAnswer, SurveyInvitation  # noqa: E402


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    """A survey about a workshop, sent now, open for 30 days."""

    class Meta:
        model = SurveyInvitation

    person = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("person.employer")
    source = "programs.enrollment"
    source_id = factory.Sequence(lambda n: n + 1)
    subject = "workshop"
    about = "A workshop"
    department = factory.SelfAttribute("person.department")
    sent_at = factory.LazyFunction(timezone.now)
    closes_at = factory.LazyAttribute(lambda s: s.sent_at + timedelta(days=30))


class SurveyAnswerFactory(factory.django.DjangoModelFactory):
    """An answer as the roll-up reads it (released from the pool)."""

    class Meta:
        model = SurveyAnswer

    employer = factory.SubFactory(EmployerFactory)
    subject = "workshop"
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    rating = 4
    recommend = 8


# --- mentorship --------------------------------------------------------------------------

from mentorship.models import MentorProfile, Programme, Topic  # noqa: E402


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Topic {n}")


class MentorProfileFactory(factory.django.DjangoModelFactory):
    """A mentor with two places, speaking English, available."""

    class Meta:
        model = MentorProfile

    person = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("person.employer")
    years_experience = 12
    languages = ",en,"
    capacity = 2


class MentorshipProgrammeFactory(factory.django.DjangoModelFactory):
    """A published mentorship offering with its settings row."""

    class Meta:
        model = Programme

    offering = factory.SubFactory(
        OfferingFactory,
        kind=Offering.Kind.MENTORSHIP,
        title=factory.Sequence(lambda n: f"Mentoring {n}"),
    )
    employer = factory.SelfAttribute("offering.employer")


# --- coaching ----------------------------------------------------------------------------

from datetime import time  # noqa: E402

from coaching.models import (  # noqa: E402
    AvailabilityWindow,
    CoachProfile,
    Engagement,
    Note,
)
from coaching.models import Session as CoachingSession  # noqa: E402


class CoachProfileFactory(factory.django.DjangoModelFactory):
    """An active external coach with room for six, coaching in English, in Berlin."""

    class Meta:
        model = CoachProfile

    individual = factory.SubFactory(IndividualFactory, kind=Individual.Kind.EXTERNAL)
    employer = factory.SelfAttribute("individual.employer")
    provider_name = "Bright Path Coaching"
    specialties = factory.LazyFunction(lambda: ["career_change", "interview"])
    languages = factory.LazyFunction(lambda: ["en"])
    time_zone = "Europe/Berlin"
    capacity = 6


class WindowFactory(factory.django.DjangoModelFactory):
    """Mondays 09:00–12:00 in the coach's zone."""

    class Meta:
        model = AvailabilityWindow

    coach = factory.SubFactory(CoachProfileFactory)
    weekday = 0
    starts_at = time(9)
    ends_at = time(12)


class EngagementFactory(factory.django.DjangoModelFactory):
    """An active engagement of six sessions with the coach of a fresh profile."""

    class Meta:
        model = Engagement

    coachee = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("coachee.employer")
    coach = factory.LazyAttribute(
        lambda o: CoachProfileFactory(individual__employer=o.coachee.employer).individual
    )
    status = Engagement.Status.ACTIVE
    topics = factory.LazyFunction(lambda: ["interview"])
    languages = factory.LazyFunction(lambda: ["en"])
    started_on = factory.LazyFunction(timezone.localdate)


class CoachingSessionFactory(factory.django.DjangoModelFactory):
    """A booked hour three days ahead, written directly (no slot check, no reminders)."""

    class Meta:
        model = CoachingSession

    engagement = factory.SubFactory(EngagementFactory)
    coach = factory.SelfAttribute("engagement.coach")
    coachee = factory.SelfAttribute("engagement.coachee")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=1))
    time_zone = "Europe/Berlin"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    engagement = factory.SubFactory(EngagementFactory)
    author = factory.SelfAttribute("engagement.coach")
    visibility = Note.Visibility.SHARED
    text = factory.Sequence(lambda n: f"Note text {n}")


# --- job search: the tracker ---------------------------------------------------------------

from careersupport.jobsearch.models import Application, Contact, TrackerOptIn  # noqa: E402


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application in `interested`, written directly (no timeline row, no reminder)."""

    class Meta:
        model = Application

    owner = factory.SubFactory(IndividualFactory, kind=Individual.Kind.PARTNER)
    employer = factory.SelfAttribute("owner.employer")
    organisation = factory.Sequence(lambda n: f"Organisation {n}")
    role = factory.Sequence(lambda n: f"Role {n}")
    stage = Application.Stage.INTERESTED


class TrackerOptInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackerOptIn

    person = factory.SubFactory(IndividualFactory)
    employer = factory.SelfAttribute("person.employer")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    application = factory.SubFactory(ApplicationFactory)
    employer = factory.SelfAttribute("application.employer")
    name = factory.Sequence(lambda n: f"Contact {n}")
    how_met = "A meetup"


# --- job search: leads -------------------------------------------------------------------

from careersupport.jobsearch.models import (  # noqa: E402
    JobLead,
    LeadOrganisation,
    LeadSave,
)


class LeadOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadOrganisation

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Partner Org {n}")
    location = "Potsdam"


class JobLeadFactory(factory.django.DjangoModelFactory):
    """An open lead at the employer itself, closing in a month, for everyone."""

    class Meta:
        model = JobLead

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Opening {n}")
    location = "Berlin"
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class LeadSaveFactory(factory.django.DjangoModelFactory):
    """A save with its application, written directly (the service is `lead_save`)."""

    class Meta:
        model = LeadSave

    lead = factory.SubFactory(JobLeadFactory)
    employer = factory.SelfAttribute("lead.employer")
    person = factory.SubFactory(
        IndividualFactory,
        employer=factory.SelfAttribute("..lead.employer"),
        kind=Individual.Kind.PARTNER,
    )
    application = factory.LazyAttribute(
        lambda o: Application.objects.create(
            employer=o.lead.employer, owner=o.person, organisation="Org", role=o.lead.title
        )
    )


# --- household ------------------------------------------------------------------------------

from careersupport.household.models import FinancialPlan, Household  # noqa: E402


class HouseholdFactory(factory.django.DjangoModelFactory):
    """An open household page of an active partnership, showing nothing but goals; the
    services' own path (consent, notifications) is `household_open`."""

    class Meta:
        model = Household

    partnership = factory.SubFactory(PartnershipFactory)
    employer = factory.SelfAttribute("partnership.employer")
    employee_opted_in = True
    partner_opted_in = True
    openings = 1


class FinancialPlanFactory(factory.django.DjangoModelFactory):
    """EUR 3,000 of costs a month, EUR 2,000 of income, EUR 5,000 saved: five months."""

    class Meta:
        model = FinancialPlan

    household = factory.SubFactory(HouseholdFactory)
    employer = factory.SelfAttribute("household.employer")
    currency = "EUR"
    monthly_costs = Decimal("3000.00")
    savings = Decimal("5000.00")
    monthly_income = Decimal("2000.00")
