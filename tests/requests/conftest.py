from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from careersupport.requests.models import Employment
from tests.factories import FinancialKindFactory, LeavePolicyFactory

# The smallest files `filetype` recognises as each type.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48


def pdf(name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    return tmp_path / "private"


def next_monday(weeks: int = 2) -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 * weeks - today.weekday())


def monday_next_spring(weeks: int = 0) -> date:
    """A Monday in March of next year, plus `weeks`: far from any year end or notice."""
    march = date(timezone.localdate().year + 1, 3, 1)
    return march + timedelta(days=(7 - march.weekday()) % 7 + 7 * weeks)


@pytest.fixture
def long_served(employee, peer, manager, hr_admin):
    """Everyone at the employer has served ten years, so service never gets in the way."""
    for person in (employee, peer, manager, hr_admin):
        Employment.objects.create(
            employer=person.employer, person=person, start_date=date(2015, 1, 1)
        )


@pytest.fixture
def policy(employer, long_served):
    return LeavePolicyFactory(employer=employer, name="Family care")


@pytest.fixture
def parental(employer, long_served):
    return LeavePolicyFactory(
        employer=employer,
        name="Parental leave",
        kind="parental",
        paid_weeks=16,
        unpaid_weeks=4,
        period="per_event",
        needs_event=True,
        event_kinds=["birth", "adoption", "foster"],
        splittable=True,
        max_parts=3,
    )


@pytest.fixture
def course(employer):
    return FinancialKindFactory(employer=employer, name="Course reimbursement")
