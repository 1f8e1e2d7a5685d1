"""What the owner keeps beside an application: contacts, résumé versions, salary research."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from careersupport import uploads
from careersupport.people.permissions import individual_required
from careersupport.utils import add_service_errors

from .. import services
from ..forms import ContactForm, ResumeForm, SalaryForm
from ..models import Contact
from ..permissions import get_own_application, get_resume_for_user


def _own_contact(viewer, application_pk: int, pk: int) -> Contact:
    application = get_own_application(viewer, application_pk)
    contact = application.contacts.filter(pk=pk).first()
    if contact is None:
        raise Http404("No such contact.")
    contact.application = application
    return contact


@individual_required
def contact_form(request, pk: int, contact_pk: int | None = None):
    me = request.individual
    application = get_own_application(me, pk)
    contact = _own_contact(me, pk, contact_pk) if contact_pk else None
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            if contact:
                services.contact_update(contact=contact, actor=me, **form.cleaned_data)
            else:
                services.contact_create(application=application, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Contact “{form.cleaned_data['name']}” saved.")
            return redirect(application)
    context = {"form": form, "application": application, "contact": contact}
    return render(
        request, "jobsearch/contact_form.html", context, status=400 if form.errors else 200
    )


@individual_required
def contact_remove(request, pk: int, contact_pk: int):
    """Asks first (GET), removes on POST."""
    me = request.individual
    contact = _own_contact(me, pk, contact_pk)
    if request.method == "POST":
        services.contact_remove(contact=contact, actor=me)
        messages.success(request, f"Contact “{contact.name}” removed.")
        return redirect(contact.application)
    return render(
        request,
        "jobsearch/confirm.html",
        {
            "title": f"Remove {contact.name}?",
            "text": f"The contact and your notes about them leave “{contact.application}”.",
            "button": "Remove the contact",
            "back": contact.application.get_absolute_url(),
        },
    )


@individual_required
def resume_upload(request, pk: int):
    me = request.individual
    application = get_own_application(me, pk)
    form = ResumeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resume = services.resume_upload(
                application=application,
                actor=me,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{resume.label}” is kept with this application.")
            return redirect(application)
    context = {"form": form, "application": application}
    return render(
        request, "jobsearch/resume_form.html", context, status=400 if form.errors else 200
    )


@individual_required
def resume_download(request, pk: int):
    """The file, to its owner, to the coach it is shared with (rules 3 and 4); else 404."""
    resume = get_resume_for_user(request.individual, pk)
    return uploads.serve(resume.stored_name, label=resume.label, content_type=resume.content_type)


@individual_required
def salary_edit(request, pk: int):
    me = request.individual
    application = get_own_application(me, pk)
    research = getattr(application, "salary_research", None)
    initial = {"currency": application.currency} if research is None else None
    form = SalaryForm(request.POST or None, instance=research, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.salary_research_save(application=application, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Salary research saved. Only you see it unless you share it with your coach.",
            )
            return redirect(application)
    context = {"form": form, "application": application}
    return render(
        request, "jobsearch/salary_form.html", context, status=400 if form.errors else 200
    )
