"""The résumé sent: PDF or DOCX recognised by content, size-limited, stored privately and
served only through the checked view."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careersupport.jobsearch.models import ResumeVersion

from .conftest import EXE_BYTES, PDF_BYTES, docx_bytes, pdf, stored

pytestmark = pytest.mark.django_db


def upload(client, application, file, note=""):
    url = reverse("jobsearch:resume-upload", args=[application.pk])
    return client.post(url, {"file": file, "note": note})


def test_it_keeps_a_pdf(client_for, partner, application, _private_storage):
    response = upload(client_for(partner), application, pdf("Pat CV.pdf"), "product roles")
    assert response.status_code == 302
    resume = ResumeVersion.objects.get()
    assert (resume.label, resume.content_type, resume.note) == (
        "Pat CV.pdf",
        "application/pdf",
        "product roles",
    )
    assert len(stored(_private_storage)) == 1 and "Pat" not in resume.stored_name


def test_it_keeps_a_docx(client_for, partner, application):
    file = SimpleUploadedFile("cv.docx", docx_bytes())
    assert upload(client_for(partner), application, file).status_code == 302
    assert ResumeVersion.objects.get().content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", EXE_BYTES, "is not a PDF or Word (DOCX) file"),
        ("cv.pdf", b"", "The submitted file is empty"),
        ("cv.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "is not a PDF or Word (DOCX) file"),
    ],
)
def test_it_refuses_bad_files_beside_the_field_and_stores_nothing(
    client_for, partner, application, _private_storage, name, content, message
):
    response = upload(client_for(partner), application, SimpleUploadedFile(name, content))
    assert response.status_code == 400 and message in response.text
    assert not ResumeVersion.objects.exists() and stored(_private_storage) == []


def test_it_refuses_a_file_over_the_limit(
    client_for, partner, application, settings, _private_storage
):
    settings.UPLOAD_MAX_BYTES = 100
    response = upload(
        client_for(partner), application, SimpleUploadedFile("cv.pdf", PDF_BYTES + b" " * 200)
    )
    assert response.status_code == 400 and "the largest file accepted" in response.text
    assert stored(_private_storage) == []


def test_the_owner_downloads_it_as_an_attachment(client_for, partner, application):
    upload(client_for(partner), application, pdf())
    response = client_for(partner).get(ResumeVersion.objects.get().get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert (
        response["Content-Disposition"].startswith("attachment")
        and response["Cache-Control"] == "private, no-store"
    )


@pytest.mark.parametrize("who", ["employee", "hr_admin", "manager", "outsider"])
def test_nobody_else_downloads_it(request, client_for, partner, application, who):
    upload(client_for(partner), application, pdf())
    url = ResumeVersion.objects.get().get_absolute_url()
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 404


def test_nobody_else_uploads(client_for, employee, application):
    assert upload(client_for(employee), application, pdf()).status_code == 404
    assert not ResumeVersion.objects.exists()
