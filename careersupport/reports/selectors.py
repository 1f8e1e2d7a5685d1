"""Reads of the reports pages: tables built from the stored roll-up alone (one query of
`Figure` rows per page, plus the names of what they are about), and HR's survey questions.

A table's rows are the kinds (or the offerings of a chosen kind) in the chosen period, or the
periods of a trend; its columns are figures of one family. A figure a cell may not show is
"not shown"; a row whose group (the family's `size` measure) may not be shown is not listed
at all (a period of a trend and a total row neither), in the page, its chart and its CSV.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from careersupport.people.models import Department, Employer
from programs.models import Offering

from .charts import BarChart, bar_chart
from .figures import question_measure
from .models import (
    ALL,
    NO_DEPARTMENT,
    NO_OFFERING,
    SUBJECT_LABELS,
    Figure,
    RollupRun,
    SurveyAnswer,
    SurveyQuestion,
)
from .periods import Period
from .registry import families
from .services.rollup import UNDER_WAY
from .suppression import MIN_GROUP, complement_name

HIDDEN = "not shown"


@dataclass(frozen=True)
class Filters:
    period: Period
    department: int = ALL  # ALL, NO_DEPARTMENT or a department's id
    department_name: str = "All departments"
    kind: str = ""

    @property
    def kind_label(self) -> str:
        return SUBJECT_LABELS.get(self.kind, "").lower()

    @property
    def query(self) -> str:
        department = {ALL: "", NO_DEPARTMENT: "none"}.get(self.department, str(self.department))
        return f"period={self.period.code}&department={department}&kind={self.kind}"


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None
    hidden: bool = False


# --- columns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    measure: str
    label: str

    def cell(self, figure: Figure | None) -> Cell:
        if figure is None:
            return Cell("0", 0)
        if self.measure in figure.hidden:
            return Cell(HIDDEN, hidden=True)
        value = figure.values.get(self.measure, 0)
        return Cell(f"{value:g}", value)


@dataclass(frozen=True)
class Share:
    """`part` of `whole` as a percentage; not shown when either, or the rest, may not be."""

    part: str
    whole: str
    label: str

    def cell(self, figure: Figure | None) -> Cell:
        if figure is None or not figure.values.get(self.whole):
            return Cell("—")
        guarded = {self.part, self.whole, complement_name(self.whole, self.part)}
        if guarded & set(figure.hidden):
            return Cell(HIDDEN, hidden=True)
        value = 100 * figure.values.get(self.part, 0) / figure.values[self.whole]
        return Cell(f"{value:.0f}%", value)


def _too_few(figure: Figure | None, n: str) -> Cell | None:
    """The cell of a figure over `n` answers or people when it may not be shown: none of
    them ("—"), or fewer than `MIN_GROUP` or a count that is hidden ("not shown")."""
    count = figure.values.get(n, 0) if figure else 0
    if not count:
        return Cell("—")
    if count < MIN_GROUP or figure is None or n in figure.hidden:
        return Cell(HIDDEN, hidden=True)
    return None


@dataclass(frozen=True)
class Mean:
    """`total / n` over at least `MIN_GROUP` answers whose count is shown; when `n` counts
    something else than people (sessions rated), over at least `MIN_GROUP` of the `people`
    it is about, whose count is shown."""

    total: str
    n: str
    label: str
    people: str = ""

    def cell(self, figure: Figure | None) -> Cell:
        guarded = _too_few(figure, self.n)
        if guarded is None and self.people:
            guarded = _too_few(figure, self.people)
        if guarded or figure is None:
            return guarded or Cell("—")
        value = figure.values.get(self.total, 0) / figure.values[self.n]
        return Cell(f"{value:.1f}", value)


@dataclass(frozen=True)
class Median:
    """A median the roll-up stored, over `n` people: shown like a mean."""

    measure: str
    n: str
    label: str

    def cell(self, figure: Figure | None) -> Cell:
        if (guarded := _too_few(figure, self.n)) or figure is None:
            return guarded or Cell("—")
        value = figure.values.get(self.measure, 0)
        return Cell(f"{value:g}", value)


@dataclass(frozen=True)
class Score:
    """Promoters minus detractors, as a share of the answers (-100 to 100)."""

    plus: str
    minus: str
    n: str
    label: str

    def cell(self, figure: Figure | None) -> Cell:
        if (guarded := _too_few(figure, self.n)) or figure is None:
            return guarded or Cell("—")
        values = figure.values
        value = 100 * (values.get(self.plus, 0) - values.get(self.minus, 0)) / values[self.n]
        return Cell(f"{value:+.0f}", value)


Column = Count | Share | Mean | Median | Score


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: bool = False


@dataclass
class Table:
    key: str
    title: str
    caption: str
    header: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    chart: BarChart | None = None
    not_listed: int = 0
    note: str = ""
    # The column labels of a table built row by row, not from `columns` (HR's questions).
    headings: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return self.headings or [column.label for column in self.columns]


def _caption(title: str, filters: Filters) -> str:
    return f"{title}: {filters.period.label}, {filters.department_name.lower()}"


def _chart(key: str, title: str, rows: list[Row], column: int, scale: float | None = None):
    """The bar chart of a table's column `column`: its total row only when it has no other."""
    plotted = [r for r in rows if not r.total] or rows
    return bar_chart(
        key=key,
        title=title,
        rows=[
            (r.label, r.cells[column].value, r.cells[column].text, r.cells[column].hidden)
            for r in plotted
        ],
        scale=scale,
    )


def _table(
    *,
    key: str,
    title: str,
    filters: Filters,
    header: str,
    columns: list[Column],
    rows: Iterable[tuple[str, Figure | None, bool]],
    size: str,
    chart: int,
    scale: float | None = None,
    listing: bool = True,
) -> Table:
    """Rows of (label, figure, is the total); a row whose `size` is hidden is not listed,
    nor one whose `size` is zero, unless it is the total or `listing` is off (the periods of
    a trend with no one are listed). The chart shows column `chart`."""
    table = Table(
        key=key, title=title, caption=_caption(title, filters), header=header, columns=columns
    )
    for label, figure, total in rows:
        size_cell = Count(size, "").cell(figure)
        if size_cell.hidden or (listing and not total and not size_cell.value):
            table.not_listed += int(size_cell.hidden)
            continue
        table.rows.append(Row(label, [c.cell(figure) for c in columns], total))
    label = columns[chart].label
    table.chart = _chart(
        key, f"{label}, {filters.period.label}" if listing else label, table.rows, chart, scale
    )
    return table


# --- reading the roll-up -----------------------------------------------------------------


@dataclass
class Figures:
    """The page's figures, by (family, period, kind, offering)."""

    cells: dict[tuple, Figure]
    names: dict[int, str]

    def get(self, family: str, period, kind: str = "", offering: int = ALL) -> Figure | None:
        return self.cells.get((family, period, kind, offering))

    def breakdown(self, family: str, period, kind: str) -> list[tuple[str, Figure | None, bool]]:
        """The kinds of the total (or the offerings of `kind`) in `period`, then the total."""
        rows: list[tuple[str, Figure | None, bool]] = []
        for (fam, start, k, offering), figure in sorted(
            self.cells.items(), key=lambda item: self._label(item[0])
        ):
            if fam != family or start != period:
                continue
            if (not kind and k and offering == ALL) or (kind and k == kind and offering != ALL):
                rows.append((self._label((fam, start, k, offering)), figure, False))
        total = self.get(family, period, kind)
        rows.append(
            (f"All of {SUBJECT_LABELS.get(kind, kind).lower()}" if kind else "All", total, True)
        )
        return rows

    def _label(self, coord: tuple) -> str:
        _, _, kind, offering = coord
        if offering == NO_OFFERING:
            return "Not through a programme"
        if offering != ALL:
            return self.names.get(offering, "An offering no longer listed")
        return SUBJECT_LABELS.get(kind, kind)


def load(employer: Employer | int, filters: Filters, wanted: dict[str, str]) -> Figures:
    """One query: for each family of `wanted`, its figures in the chosen department and grain,
    for the chosen period (`"breakdown"`: every kind and offering) and the periods of its trend
    (the chosen kind's row); one more for the names of the offerings among them."""
    trend = [p.start for p in filters.period.trend()]
    start, kind = filters.period.start, filters.kind
    chosen = Q(offering=ALL) if not kind else Q(kind=kind)
    rows = Q()
    for family, shape in wanted.items():
        along = Q(period__in=trend) & Q(kind=kind if shape != "overall" else "", offering=ALL)
        if shape == "goals":  # the non-participants are in the overall row only
            along |= Q(period__in=trend, kind="", offering=ALL)
        if shape == "offerings":  # every offering of its one kind
            along |= Q(period=start)
        elif shape == "breakdown":
            along |= Q(period=start) & chosen
        rows |= Q(family=family) & along
    found = (
        Figure.objects.for_employer(employer)
        .filter(grain=filters.period.grain, department=filters.department)
        .filter(rows)
        .only("family", "period", "kind", "offering", "values", "hidden")
    )
    cells = {(f.family, f.period, f.kind, f.offering): f for f in found}
    ids = {offering for (_, _, _, offering) in cells if offering != ALL}
    names = (
        dict(Offering.objects.for_employer(employer).filter(pk__in=ids).values_list("pk", "title"))
        if ids
        else {}
    )
    return Figures(cells, names)


def trend_rows(figures: Figures, family: str, filters: Filters, kind: str | None = None):
    kind = filters.kind if kind is None else kind
    return [(p.label, figures.get(family, p.start, kind), False) for p in filters.period.trend()]


@dataclass(frozen=True)
class AsOf:
    finished_at: datetime | None
    under_way: bool


def as_of(employer: Employer | int) -> AsOf:
    """When the figures shown were computed, and whether a new roll-up is under way."""
    runs = list(
        RollupRun.objects.for_employer(employer)
        .filter(
            Q(status=RollupRun.Status.DONE)
            | Q(
                status__in=[RollupRun.Status.QUEUED, RollupRun.Status.RUNNING],
                requested_at__gte=timezone.now() - UNDER_WAY,
            )
        )
        .order_by("-finished_at", "-requested_at")
        .values_list("status", "finished_at")[:5]
    )
    done = [at for status, at in runs if status == RollupRun.Status.DONE and at]
    return AsOf(
        finished_at=max(done) if done else None,
        under_way=any(status != RollupRun.Status.DONE for status, _ in runs),
    )


# --- the pages ---------------------------------------------------------------------------


PARTICIPATION_COLUMNS: list[Column] = [
    Count("active", "Taking part"),
    Count("enrolled", "Joined"),
    Count("first_time", "First time"),
    Count("partners", "Partners"),
    Count("returners", "Returners"),
    Count("completed", "Completed"),
    Share("completed", "ended", "Completion rate"),
]
SURVEY_COLUMNS: list[Column] = [
    Count("invited", "Asked"),
    Count("answered", "Answered"),
    Share("answered", "invited", "Response rate"),
    Mean("rating_sum", "responses", "Rating (1–5)"),
    Score("promoters", "detractors", "responses", "Recommend score"),
]


def _by(kind: str) -> str:
    return f"by offering of {SUBJECT_LABELS[kind].lower()}" if kind else "by kind"


def participation_tables(employer, filters: Filters) -> list[Table]:
    figures = load(employer, filters, {"participation": "breakdown"})
    start = filters.period.start
    return [
        _table(
            key="participation",
            title=f"Participation {_by(filters.kind)}",
            filters=filters,
            header="Offering" if filters.kind else "Kind",
            columns=PARTICIPATION_COLUMNS,
            rows=figures.breakdown("participation", start, filters.kind),
            size="active",
            chart=0,
        ),
        _table(
            key="participation-trend",
            title="Participation over time",
            filters=filters,
            header="Period",
            columns=PARTICIPATION_COLUMNS,
            rows=trend_rows(figures, "participation", filters),
            size="active",
            chart=0,
            listing=False,
        ),
    ]


def results_tables(employer, filters: Filters) -> list[Table]:
    figures = load(
        employer,
        filters,
        {
            "goals": "goals",
            "reentry": "offerings",
            "coaching": "offerings",
            "mentorship": "offerings",
            "leave": "overall",
            "jobsearch": "overall",
        },
    )
    start = filters.period.start
    # Participants of the chosen kind (or any); non-participants are in the overall row.
    goal_rows = [
        (p, figures.get("goals", p.start, filters.kind), figures.get("goals", p.start, ""))
        for p in filters.period.trend()
    ]
    goals = _table(
        key="goals",
        title="Goals achieved by participants"
        + (f" in {SUBJECT_LABELS[filters.kind].lower()}" if filters.kind else ""),
        filters=filters,
        header="Period",
        columns=[
            Count("participants", "Participants with a goal due"),
            Share("participant_achieved", "participant_goals", "Their goals achieved"),
        ],
        rows=[(p.label, taking, False) for p, taking, _ in goal_rows],
        size="participants",
        chart=1,
        scale=100,
        listing=False,
    )
    non_participants: list[Column] = [
        Count("others", "Non-participants with a goal due"),
        Share("other_achieved", "other_goals", "Their goals achieved"),
    ]
    others = {p.label: other for p, _, other in goal_rows}
    for row in goals.rows:
        row.cells += [c.cell(others[row.label]) for c in non_participants]
    goals.columns += non_participants
    reentry = _table(
        key="reentry",
        title="Re-entry outcomes",
        filters=filters,
        header="Programme",
        columns=[
            Count("with_outcome", "Returners with an outcome"),
            Share("placed", "with_outcome", "Placed in a role"),
            Share("extended", "with_outcome", "Extended"),
            Share("exited", "with_outcome", "Exited"),
        ],
        rows=figures.breakdown("reentry", start, "reentry"),
        size="with_outcome",
        chart=1,
        scale=100,
    )
    coaching = _table(
        key="coaching",
        title="Coaching",
        filters=filters,
        header="Programme",
        columns=[
            Count("coachees", "Coachees"),
            Count("started", "Started"),
            Count("completed", "Completed"),
            Share("completed", "ended", "Completion rate"),
            Count("sessions", "Sessions held"),
            Mean("rating_sum", "rated", "Session rating (1–5)", people="raters"),
            Mean("progress_sum", "reviewed", "Goal progress at the end (1–5)"),
            Share("recommend", "reviewed", "Would recommend their coach"),
        ],
        rows=figures.breakdown("coaching", start, "coaching"),
        size="coachees",
        chart=0,
    )
    mentorship = _table(
        key="mentorship",
        title="Mentorship",
        filters=filters,
        header="Programme",
        columns=[
            Count("mentees", "Mentees in a pair"),
            Count("mentors", "Mentors in a pair"),
            Count("started", "Pairs started"),
            Count("closed", "Pairs closed"),
            Mean("feedback_sum", "feedback", "Mentees' closing rating (1–5)"),
        ],
        rows=figures.breakdown("mentorship", start, "mentorship"),
        size="mentees",
        chart=0,
    )
    leave = _table(
        key="leave",
        title="Return and retention after parental leave",
        filters=filters,
        header="Period",
        columns=[
            Count("leave_ended", "Parental leave ended"),
            Share("returned", "leave_ended", "Return rate"),
            Count("year_after", "Returned 12 months before"),
            Share("retained", "year_after", "Retained 12 months after return"),
        ],
        rows=trend_rows(figures, "leave", filters, kind=""),
        size="leave_ended",
        chart=1,
        scale=100,
        listing=False,
    )
    jobsearch = _table(
        key="jobsearch",
        title="Partners placed in a job",
        filters=filters,
        header="Period",
        columns=[
            Count("searching", "Partners searching"),
            Count("placed", "Placed in a job"),
            Share("placed", "searching", "Placement rate"),
            Median("median_days", "timed", "Median days from invitation to the job"),
        ],
        rows=trend_rows(figures, "jobsearch", filters, kind=""),
        size="searching",
        chart=1,
        listing=False,
    )
    # A programme's own table only when its kind (or every kind) is chosen.
    own = [t for t in (reentry, coaching, mentorship) if filters.kind in ("", t.key)]
    return [goals, *own, leave, jobsearch]


def survey_tables(employer, filters: Filters) -> list[Table]:
    figures = load(employer, filters, {"surveys": "breakdown", "questions": "overall"})
    start = filters.period.start
    tables = [
        _table(
            key="surveys",
            title=f"Surveys {_by(filters.kind)}",
            filters=filters,
            header="Offering" if filters.kind else "About",
            columns=SURVEY_COLUMNS,
            rows=figures.breakdown("surveys", start, filters.kind),
            size="invited",
            chart=3,
            scale=5,
        ),
        _table(
            key="surveys-trend",
            title="Surveys over time",
            filters=filters,
            header="Period",
            columns=SURVEY_COLUMNS,
            rows=trend_rows(figures, "surveys", filters),
            size="invited",
            chart=3,
            scale=5,
            listing=False,
        ),
    ]
    questions = question_table(employer, filters)
    return [*tables, questions] if questions else tables


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answers: Cell
    result: str  # the mean of a scale, the shares of a choice's answers


def question_results(employer, filters: Filters) -> list[QuestionResult]:
    """HR's questions about the chosen kind, with their results in the chosen period."""
    if not filters.kind:
        return []
    questions = list(
        SurveyQuestion.objects.for_employer(employer)
        .filter(subject=filters.kind)
        .exclude(type=SurveyQuestion.Type.TEXT)
    )
    figure = (
        Figure.objects.for_employer(employer)
        .filter(
            family="questions",
            grain=filters.period.grain,
            period=filters.period.start,
            department=filters.department,
            kind=filters.kind,
            offering=ALL,
        )
        .first()
        if questions
        else None
    )
    results = []
    for question in questions:
        n_name = question_measure(question.pk, "n")
        answers = Count(n_name, "").cell(figure)
        n = answers.value or 0
        if answers.hidden or (n and n < MIN_GROUP):
            answers, result = Cell(HIDDEN, hidden=True), HIDDEN
        elif not n:
            result = "—"
        elif question.type == SurveyQuestion.Type.SCALE:
            mean = figure.values.get(question_measure(question.pk, "sum"), 0) / n
            result = f"{mean:.1f} of 5"
        else:  # a choice of 1 to 4 people (or one that would reveal one) is hidden
            shares = []
            for i, choice in enumerate(question.choices):
                name = question_measure(question.pk, f"c{i}")
                if name in figure.hidden:
                    shares.append(f"{choice} {HIDDEN}")
                else:
                    shares.append(f"{choice} {100 * figure.values.get(name, 0) / n:.0f}%")
            result = " · ".join(shares)
        results.append(QuestionResult(question, answers, result))
    return results


def question_table(employer, filters: Filters) -> Table | None:
    """HR's questions about the chosen kind as a table like the others (None when the kind
    has none): a row per question with its answers and result, charted by the answers."""
    results = question_results(employer, filters)
    if not results:
        return None
    title = f"Your questions about {filters.kind_label}"
    table = Table(
        key="questions",
        title=title,
        caption=_caption(title, filters),
        header="Question",
        columns=[],
        headings=["Answers", "Result"],
        rows=[
            Row(r.question.text, [r.answers, Cell(r.result, hidden=r.result == HIDDEN)])
            for r in results
        ],
    )
    table.chart = _chart("questions", f"Answers, {filters.period.label}", table.rows, 0)
    return table


@dataclass
class Comments:
    shown: bool
    answers: int
    page: list = field(default_factory=list)


def comments_allowed(employer, filters: Filters) -> int:
    """How many answers the chosen group has, when its words may be shown (0 otherwise):
    at least `MIN_GROUP`, and not hidden to protect another group (rule 3 of permissions)."""
    figure = (
        Figure.objects.for_employer(employer)
        .filter(
            family="surveys",
            grain=filters.period.grain,
            period=filters.period.start,
            department=filters.department,
            kind=filters.kind,
            offering=ALL,
        )
        .first()
    )
    cell = Count("responses", "").cell(figure)
    return int(cell.value or 0) if not cell.hidden and (cell.value or 0) >= MIN_GROUP else 0


def text_questions(employer, filters: Filters) -> list[SurveyQuestion]:
    """HR's text questions about the chosen kind (or every kind), retired ones too: the
    answers already given keep them."""
    questions = SurveyQuestion.objects.for_employer(employer).filter(type=SurveyQuestion.Type.TEXT)
    if filters.kind:
        questions = questions.filter(subject=filters.kind)
    return list(questions.order_by("subject", "created_at", "id"))


def comments(employer, filters: Filters, *, questions: list[SurveyQuestion]):
    """The words of the chosen group's answers (only when `comments_allowed`): what helped,
    what to improve, and the answers to HR's text `questions`; in the order of their random
    ids, neither by time nor by person."""
    answers = SurveyAnswer.objects.for_employer(employer).filter(
        month__gte=filters.period.start, month__lt=filters.period.stop
    )
    if filters.kind:
        answers = answers.filter(subject=filters.kind)
    if filters.department == NO_DEPARTMENT:
        answers = answers.filter(department__isnull=True)
    elif filters.department != ALL:
        answers = answers.filter(department_id=filters.department)
    worded = ~Q(helped="") | ~Q(improve="")
    if questions:
        worded |= Q(extra__has_any_keys=[str(q.pk) for q in questions])
    return (
        answers.filter(worded).order_by("id").only("subject", "month", "helped", "improve", "extra")
    )


@dataclass(frozen=True)
class Comment:
    """One answer's words, as the comments page shows them."""

    subject: str
    month: date
    helped: str
    improve: str
    texts: list[tuple[str, str]]  # HR's text questions answered: (question, answer)

    @property
    def subject_label(self) -> str:
        return SUBJECT_LABELS.get(self.subject, self.subject)


def comment_words(
    answers: Iterable[SurveyAnswer], questions: list[SurveyQuestion]
) -> list[Comment]:
    """`answers` (a page of `comments`) with their text questions' answers beside them."""
    words = []
    for answer in answers:
        texts = [
            (q.text, str(answer.extra[str(q.pk)]))
            for q in questions
            if q.subject == answer.subject and answer.extra.get(str(q.pk))
        ]
        words.append(Comment(answer.subject, answer.month, answer.helped, answer.improve, texts))
    return words


def departments_of(employer) -> list[Department]:
    return list(Department.objects.for_employer(employer).order_by("name"))


def questions_of(employer) -> list[SurveyQuestion]:
    return list(
        SurveyQuestion.objects.for_employer(employer).order_by("subject", "created_at", "id")
    )


def family_label(key: str) -> str:
    return families()[key].label
