"""The demo employer: the six accounts of the README and a few dozen colleagues.

Idempotent: every record is found by a natural key before it is created, so running
`seed_demo` twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .models import Department, Employer, Individual, Invitation, InvitationEmail, Partnership

DEMO_PASSWORD = "careers-demo-2026"
DEMO_DOMAIN = "example.com"
# The operator who maintains the service in the Django admin: staff, and nobody at an
# employer (careersupport/admin_site.py keeps employer accounts, HR included, out of it).
OPERATOR_EMAIL = "operator@example.com"

FIRST = [
    "Amara",
    "Ben",
    "Chloé",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Nils",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
]
LAST = [
    "Adeyemi",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Müller",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Singh",
    "Tanaka",
    "Urban",
    "Vargas",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
]
DEPARTMENTS = ["Engineering", "Sales", "People & Culture", "Finance", "Operations", "Marketing"]


@dataclass
class DemoWorld:
    """What the people seeder made, handed to the seeders of the other apps."""

    employer: Employer
    hr: Individual
    manager: Individual
    employee: Individual
    partner: Individual
    coach: Individual
    mentor: Individual
    departments: dict[str, Department] = field(default_factory=dict)
    colleagues: list[Individual] = field(default_factory=list)

    @property
    def employees(self) -> list[Individual]:
        return [self.hr, self.manager, self.employee, self.mentor, *self.colleagues]


def _seed_invitation(employer: Employer, hr: Individual, person: Individual, bounced: bool):
    """An invitation whose e-mail went out, or (one of them) bounced after every retry, for
    HR's "not delivered" list and its "Send again"."""
    now = timezone.now()
    invitation = Invitation.objects.create(
        employer=employer,
        individual=person,
        email=person.email,
        invited_by=hr,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        last_sent_at=None if bounced else now,
        send_count=0 if bounced else 1,
    )
    InvitationEmail.objects.create(
        invitation=invitation,
        state=InvitationEmail.State.FAILED if bounced else InvitationEmail.State.SENT,
        attempts=settings.REMINDER_MAX_ATTEMPTS if bounced else 1,
        last_error=(
            f"SMTPRecipientsRefused: {{'{person.email}': (550, b'5.1.1 Mailbox unknown')}}"
            if bounced
            else ""
        ),
        sent_at=None if bounced else now,
    )


def demo_account(person: Individual, password_hash: str) -> None:
    """A signed-up account (verified address) for a demo person."""
    User = get_user_model()
    user = User.objects.filter(email=person.email).first()
    if user is None:
        # One hash for every demo account: hashing sixty times would take seconds.
        user = User.objects.create(
            email=person.email,
            password=password_hash,
            first_name=person.first_name,
            last_name=person.last_name,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])


def _operator(password_hash: str) -> None:
    User = get_user_model()
    operator, _ = User.objects.get_or_create(
        email=OPERATOR_EMAIL,
        defaults={
            "password": password_hash,
            "first_name": "Olli",
            "last_name": "Operator",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    EmailAddress.objects.get_or_create(
        user=operator, email=OPERATOR_EMAIL, defaults={"verified": True, "primary": True}
    )


def _person(employer: Employer, email: str, **fields) -> Individual:
    person, _ = Individual.objects.get_or_create(employer=employer, email=email, defaults=fields)
    return person


def seed(stdout=None) -> DemoWorld:
    employer, _ = Employer.objects.get_or_create(
        slug="northwind", defaults={"name": "Northwind Labs"}
    )
    departments = {
        name: Department.objects.get_or_create(employer=employer, name=name)[0]
        for name in DEPARTMENTS
    }
    eng, people_dept = departments["Engineering"], departments["People & Culture"]
    tz = "Europe/Berlin"

    hr = _person(
        employer,
        "hr@example.com",
        first_name="Helen",
        last_name="Ruiz",
        job_title="HR Business Partner",
        department=people_dept,
        is_hr_admin=True,
        time_zone=tz,
    )
    director = _person(
        employer,
        "director@example.com",
        first_name="Dana",
        last_name="Okoro",
        job_title="Director of Engineering",
        department=eng,
        time_zone=tz,
    )
    manager = _person(
        employer,
        "manager@example.com",
        first_name="Marcus",
        last_name="Lind",
        job_title="Engineering Manager",
        department=eng,
        manager=director,
        time_zone=tz,
    )
    employee = _person(
        employer,
        "employee@example.com",
        first_name="Emma",
        last_name="Novak",
        job_title="Software Engineer",
        department=eng,
        manager=manager,
        time_zone=tz,
        is_caregiver=True,
    )
    mentor = _person(
        employer,
        "mentor@example.com",
        first_name="Mei",
        last_name="Chen",
        job_title="Staff Engineer",
        department=eng,
        manager=director,
        time_zone=tz,
    )
    coach = _person(
        employer,
        "coach@example.com",
        first_name="Carlos",
        last_name="Mendes",
        job_title="Career Coach",
        kind=Individual.Kind.EXTERNAL,
        time_zone="Europe/Lisbon",
    )
    partner = _person(
        employer,
        "partner@example.com",
        first_name="Paul",
        last_name="Novak",
        kind=Individual.Kind.PARTNER,
        time_zone=tz,
    )
    password_hash = make_password(DEMO_PASSWORD)
    for person in (hr, director, manager, employee, mentor, coach, partner):
        demo_account(person, password_hash)
    _operator(password_hash)
    if not Partnership.objects.filter(employee=employee, partner=partner).exists():
        Partnership.objects.create(
            employer=employer,
            employee=employee,
            partner=partner,
            status=Partnership.Status.ACTIVE,
            employee_shares_goals=True,
            partner_shares_goals=True,
        )

    # Colleagues: team leads under the director, each with a team; the demo manager's team too.
    colleagues: list[Individual] = []
    names = [(f, l) for l in LAST for f in FIRST]  # noqa: E741
    leads: list[Individual] = []
    for i, dept in enumerate(DEPARTMENTS):
        first, last = names[i * 7]
        leads.append(
            _person(
                employer,
                f"{first.lower()}.{last.lower()}@{DEMO_DOMAIN}".replace("é", "e")
                .replace("í", "i")
                .replace("ü", "u"),
                first_name=first,
                last_name=last,
                job_title=f"Head of {dept}",
                department=departments[dept],
                manager=director if dept == "Engineering" else hr,
                time_zone=tz,
            )
        )
    colleagues.extend(leads)
    team_lead: Individual | None = None
    for n in range(48):
        first, last = names[(n * 11 + 3) % len(names)]
        dept_index = n % len(DEPARTMENTS)
        boss = manager if n % 6 == 0 else leads[dept_index]
        # Half of the demo manager's team reports through a team lead of theirs, so /team/
        # has a chain below the direct reports.
        if n % 12 == 3 and team_lead is not None:
            boss = team_lead
        email = f"{first.lower()}.{last.lower()}{n}@{DEMO_DOMAIN}"
        email = email.replace("é", "e").replace("í", "i").replace("ü", "u")
        colleagues.append(
            _person(
                employer,
                email,
                first_name=first,
                last_name=last,
                job_title="Team lead"
                if n == 0
                else [
                    "Analyst",
                    "Specialist",
                    "Engineer",
                    "Coordinator",
                    "Designer",
                    "Consultant",
                ][(n // 6 if n % 6 == 0 else n) % 6],
                department=eng
                if n % 6 == 0 or n % 12 == 3
                else departments[DEPARTMENTS[dept_index]],
                manager=boss,
                time_zone=["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Singapore"][
                    n % 4
                ],
                created_at=timezone.now(),
            )
        )
        if n == 0:
            team_lead = colleagues[-1]
    # Most colleagues have signed up; the newest few are still invited.
    for person in colleagues[:-4]:
        demo_account(person, password_hash)
    for n, person in enumerate(colleagues[-4:]):
        if not person.user_id and not person.invitations.exists():
            _seed_invitation(employer, hr, person, bounced=n == 0)
    colleagues.append(director)
    return DemoWorld(
        employer=employer,
        hr=hr,
        manager=manager,
        employee=employee,
        partner=partner,
        coach=coach,
        mentor=mentor,
        departments=departments,
        colleagues=colleagues,
    )
