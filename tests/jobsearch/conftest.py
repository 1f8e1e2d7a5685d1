from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careersupport.jobsearch import services
from coaching.models import Engagement
from tests.factories import CoachProfileFactory, EngagementFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48


def docx_bytes() -> bytes:
    """The smallest zip `filetype` recognises as a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def stored(root) -> list:
    """The files the private storage holds under `root`."""
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def pdf(name: str = "cv.pdf") -> SimpleUploadedFile:
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


@pytest.fixture
def application(partner):
    """The partner's application, through the service (timeline row included)."""
    return services.application_create(
        owner=partner, actor=partner, organisation="Contoso", role="Product designer"
    )


@pytest.fixture
def coach_profile(coach):
    return CoachProfileFactory(individual=coach, specialties=["resume", "interview"])


@pytest.fixture
def coaching(partner, coach_profile):
    """The partner's active engagement with the coach."""
    return EngagementFactory(coachee=partner, coach=coach_profile.individual)


def end(engagement: Engagement, status: str = Engagement.Status.COMPLETED) -> None:
    engagement.status = status
    engagement.save(update_fields=["status"])
