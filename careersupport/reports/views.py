"""Thin views: parse, authorize through `permissions`, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careersupport.people.permissions import hr_required, individual_required
from careersupport.utils import add_service_errors, csv_cell, csv_download, paginate

from . import selectors, services
from .forms import QuestionForm, ReportFilterForm, SurveyAnswerForm
from .models import ALL, NO_DEPARTMENT, SurveyQuestion
from .periods import default
from .permissions import get_department_for_hr, get_invitation_for_person, get_question_for_hr
from .suppression import MIN_GROUP

PAGES = {
    "participation": ("reports/participation.html", selectors.participation_tables),
    "results": ("reports/results.html", selectors.results_tables),
    "surveys": ("reports/surveys.html", selectors.survey_tables),
}
# Each table's CSV is built by the page that shows it.
TABLES = {"participation": "participation", "participation-trend": "participation"}
TABLES |= dict.fromkeys(
    ("goals", "reentry", "coaching", "mentorship", "leave", "jobsearch"), "results"
)
TABLES |= {"surveys": "surveys", "surveys-trend": "surveys", "questions": "surveys"}


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**context, "min_group": MIN_GROUP}, status=status)


def _filters(request) -> tuple[ReportFilterForm, selectors.Filters | None]:
    """The page's filters; None when they do not validate (the page answers 400)."""
    me = request.individual
    today = timezone.now().date()
    form = ReportFilterForm(
        request.GET or None, today=today, departments=selectors.departments_of(me.employer_id)
    )
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    department, name = ALL, "All departments"
    if data.get("department") == "none":
        department, name = NO_DEPARTMENT, "No department"
    elif data.get("department"):
        chosen = get_department_for_hr(me, int(data["department"]))
        department, name = chosen.pk, chosen.name
    period = data.get("period") or default(today)
    return form, selectors.Filters(period, department, name, data.get("kind", ""))


def _page(request, page: str, **extra):
    form, filters = _filters(request)
    template, build = PAGES[page]
    context = {"form": form, "filters": filters, "page": page, **extra}
    if filters is None:
        return _render(request, template, context, status=400)
    employer = request.individual.employer_id
    context["tables"] = build(employer, filters)
    context["as_of"] = selectors.as_of(employer)
    return _render(request, template, context)


@hr_required
def participation(request):
    return _page(request, "participation")


@hr_required
def results(request):
    return _page(request, "results")


@hr_required
def surveys(request):
    return _page(request, "surveys")


@hr_required
def table_csv(request, table: str):
    if table not in TABLES:
        raise Http404("No such table.")
    form, filters = _filters(request)
    if filters is None:
        return _render(request, PAGES[TABLES[table]][0], {"form": form, "page": table}, status=400)
    tables = PAGES[TABLES[table]][1](request.individual.employer_id, filters)
    found = next((t for t in tables if t.key == table), None)
    if found is None:  # a programme's own table, with another kind chosen
        raise Http404("This table is not part of the chosen kind's report.")
    response, writer = csv_download(f"{table}-{filters.period.code}.csv")
    writer.writerow([found.header, *found.labels])
    for row in found.rows:
        writer.writerow([csv_cell(row.label), *[cell.text for cell in row.cells]])
    return response


@require_POST
@hr_required
def refresh(request):
    services.rollup_request(employer=request.individual.employer, actor=request.individual)
    messages.success(request, "The figures are being computed again; reload in a minute.")
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/reports/")
        else "reports:participation"
    )


@hr_required
def comments(request):
    form, filters = _filters(request)
    if filters is None:
        return _render(request, "reports/comments.html", {"form": form}, status=400)
    employer = request.individual.employer_id
    answers = selectors.comments_allowed(employer, filters)
    page = None
    if answers:
        questions = selectors.text_questions(employer, filters)
        page = paginate(request, selectors.comments(employer, filters, questions=questions))
        page.object_list = selectors.comment_words(page.object_list, questions)
    return _render(
        request,
        "reports/comments.html",
        {"form": form, "filters": filters, "answers": answers, "page_obj": page, "page": "surveys"},
    )


@hr_required
def questions(request):
    me = request.individual
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(employer=me.employer, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The question is added to the next surveys sent.")
            return redirect("reports:questions")
    return _render(
        request,
        "reports/questions.html",
        {
            "form": form,
            "questions": selectors.questions_of(me.employer_id),
            "per_subject": SurveyQuestion.PER_SUBJECT,
            "page": "questions",
        },
        status=400 if form.errors else 200,
    )


@hr_required
def question_edit(request, pk: int):
    question = get_question_for_hr(request.individual, pk)
    initial = {"text": question.text, "choices": "\n".join(question.choices)}
    form = QuestionForm(request.POST or None, initial=initial, editing=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                question=question, actor=request.individual, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The question is saved.")
            return redirect("reports:questions")
    return _render(
        request,
        "reports/question_form.html",
        {"form": form, "question": question, "page": "questions"},
        status=400 if form.errors else 200,
    )


@hr_required
def question_retire(request, pk: int):
    question = get_question_for_hr(request.individual, pk)
    if request.method == "POST":
        services.question_retire(question=question, actor=request.individual)
        messages.success(request, f"“{question.text}” is no longer asked.")
        return redirect("reports:questions")
    return _render(
        request, "reports/question_retire.html", {"question": question, "page": "questions"}
    )


@individual_required
def survey_answer(request, pk: int):
    invitation = get_invitation_for_person(request.individual, pk)
    asked = SurveyQuestion.objects.for_employer(invitation.employer_id).in_bulk(
        invitation.questions
    )
    questions = [asked[q] for q in invitation.questions if q in asked]
    form = SurveyAnswerForm(request.POST or None, invitation=invitation, questions=questions)
    if request.method == "POST" and invitation.is_open and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("rating", "recommend", "helped", "improve")}
        try:
            services.survey_answer(
                invitation=invitation, actor=request.individual, extra=form.extra, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your answers are saved, without your name.")
            return redirect(invitation)
    return _render(
        request,
        "reports/survey_answer.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )
