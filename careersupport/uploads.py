"""Uploaded files every app accepts the same way: checked, stored privately, served by a view.

- The type is recognised from the content (`filetype` reads the magic bytes), never from
  the file's name or the content type the browser sent; each app passes the `Accept` of
  types it takes (receipts: PDF, PNG, JPEG; résumés: PDF, DOCX).
- At most `settings.UPLOAD_MAX_BYTES` (10 MB unless configured); an empty file is refused.
- The person's file name is kept only as a label: a name with a NUL byte, a control
  character or a path separator is refused; the file is stored under a generated name.
- Storage goes through Django's storage API, `storages["private"]` (a folder outside the
  web root by default; django-storages in production), and nothing there has a public URL:
  `serve` answers with the bytes, as an attachment, to a view that has checked permission.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

NAMES = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG", DOCX: "Word (DOCX)"}
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx"}


@dataclass(frozen=True)
class Accept:
    """The types an app takes, by their MIME type as `filetype` reports them."""

    types: frozenset[str]

    @property
    def label(self) -> str:
        names = [NAMES[t] for t in sorted(self.types, key=lambda t: NAMES[t])]
        return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


RECEIPTS = Accept(frozenset({PDF, PNG, JPEG}))
RESUMES = Accept(frozenset({PDF, DOCX}))


@dataclass(frozen=True)
class Checked:
    """An upload that passed: its label, its recognised type and its size."""

    label: str
    content_type: str
    size: int


def private_storage() -> Storage:
    return storages["private"]


def max_bytes() -> int:
    return settings.UPLOAD_MAX_BYTES


def clean_label(name: str) -> str:
    """The person's file name as a label; refuses what could be a path or hide one."""
    if any(ch in name for ch in ("\x00", "/", "\\")):
        raise ValidationError(
            f"The file name “{name.replace(chr(0), '?')}” has a path or a null character in "
            "it; rename the file and try again."
        )
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise ValidationError("The file name has control characters; rename the file.")
    label = name.strip().strip(".")
    if not label:
        raise ValidationError("The file has no name; rename it and try again.")
    return label[:200]


def _kind_of(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def check(upload, accept: Accept) -> Checked:
    """Validate one uploaded file (a Django `UploadedFile`); raises a ValidationError whose
    message says what is wrong with which file. Reads the first 8 KB, stores nothing."""
    label = clean_label(upload.name or "")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(f"“{label}” is empty.")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"“{label}” is {size / 1_048_576:.1f} MB; the largest file accepted is "
            f"{limit / 1_048_576:.0f} MB."
        )
    content_type = _kind_of(upload)
    if content_type not in accept.types:
        raise ValidationError(
            f"“{label}” is not a {accept.label} file (whatever its name says); "
            f"only {accept.label} files are accepted."
        )
    return Checked(label=label, content_type=content_type, size=size)


def store(upload, checked: Checked, *, folder: str) -> str:
    """Save the upload under a generated name in the private storage; returns that name.
    Call inside the transaction that records it, and `discard` the name if that fails."""
    name = f"{folder}/{secrets.token_hex(16)}.{EXTENSIONS[checked.content_type]}"
    upload.seek(0)
    return private_storage().save(name, upload)


def discard(name: str) -> None:
    private_storage().delete(name)


def serve(stored_name: str, *, label: str, content_type: str) -> FileResponse:
    """The stored file as a download. Only for a view that has checked the viewer's right."""
    storage = private_storage()
    try:
        handle = storage.open(stored_name, "rb")
    except FileNotFoundError as error:
        raise Http404("The file is no longer there.") from error
    response = FileResponse(handle, as_attachment=True, filename=label, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
