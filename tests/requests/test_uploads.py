"""Uploads: recognised by content, limited in size, never empty, names kept as labels only,
served only to the requester and HR of that employer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careersupport import uploads
from careersupport.requests import services
from careersupport.requests.models import FinancialRequest, Receipt
from tests.factories import FinancialKindFactory

from .conftest import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(employer):
    return FinancialKindFactory(employer=employer, evidence="the receipt")


def post(client, support, upload):
    return client.post(
        reverse("requests:financial-create"),
        {
            "support": support.pk,
            "amount": "80.00",
            "currency": "EUR",
            "description": "Exam fee",
            "receipts": upload,
        },
    )


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("invoice.pdf", EXE_BYTES, "is not a JPEG, PDF or PNG file"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_it_refuses_bad_files_with_a_message_beside_the_field_and_stores_nothing(
    client_for, employee, support, _private_storage, name, content, message
):
    response = post(client_for(employee), support, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.text
    assert not FinancialRequest.objects.exists() and stored_files(_private_storage) == []


def test_it_refuses_a_file_over_the_limit(
    client_for, employee, support, settings, _private_storage
):
    settings.UPLOAD_MAX_BYTES = 1000
    response = post(
        client_for(employee), support, SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2000)
    )
    assert response.status_code == 400 and "largest file accepted" in response.text
    assert stored_files(_private_storage) == []


@pytest.mark.parametrize("name", ["a\x00.pdf.exe", "..\\..\\secret.pdf", "../secret.pdf"])
def test_a_null_byte_or_a_path_in_the_name_is_refused(name):
    upload = SimpleUploadedFile("x.pdf", PDF_BYTES)
    upload._name = name  # as it would reach the check from anything but Django's parser
    with pytest.raises(uploads.ValidationError, match="path or a null character"):
        uploads.check(upload, uploads.RECEIPTS)


@pytest.mark.parametrize("name", ["../../etc/receipt.pdf", "..\\..\\receipt.pdf"])
def test_a_path_sent_as_the_file_name_is_stripped_to_its_last_part(
    client_for, employee, support, name
):
    response = post(client_for(employee), support, SimpleUploadedFile(name, PDF_BYTES))
    assert response.status_code == 302
    assert Receipt.objects.get().label == "receipt.pdf"


@pytest.mark.parametrize(
    ("content", "kind"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_pdf_png_and_jpeg_are_recognised_whatever_their_name(content, kind):
    assert (
        uploads.check(SimpleUploadedFile("scan.txt", content), uploads.RECEIPTS).content_type
        == kind
    )


def test_a_receipt_is_stored_under_a_generated_name(employee, support, _private_storage):
    made = services.financial_request_create(
        person=employee,
        actor=employee,
        support=support,
        amount=Decimal("10"),
        currency="EUR",
        description="x",
        files=[pdf("My invoice.pdf")],
    )
    receipt = made.receipts.get()
    assert "invoice" not in receipt.stored_name.lower() and receipt.stored_name.endswith(".pdf")
    assert stored_files(_private_storage)[0].name == receipt.stored_name.split("/")[-1]


@pytest.fixture
def receipt(employee, support):
    made = services.financial_request_create(
        person=employee,
        actor=employee,
        support=support,
        amount=Decimal("10"),
        currency="EUR",
        description="x",
        files=[pdf()],
    )
    return made.receipts.get()


@pytest.mark.parametrize("persona", ["employee", "hr_admin"])
def test_the_requester_and_hr_download_it_as_an_attachment(client_for, request, receipt, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("requests:receipt", args=[receipt.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("persona", ["manager", "peer", "partner", "outsider", "outsider_hr"])
def test_nobody_else_can_fetch_it(client_for, request, receipt, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("requests:receipt", args=[receipt.pk])
    )
    assert response.status_code == 404
