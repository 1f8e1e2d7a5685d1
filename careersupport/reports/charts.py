"""Server-rendered SVG bar charts of a report table (no JavaScript, no CDN).

Every bar carries its figure as text beside it, so the chart reads without colour; a hidden
figure draws no bar and says "not shown". The template is `reports/includes/_chart.html`;
its text alternative is the summary below and the table it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, LABEL, BAR, GAP, TOP, VALUE = 640, 210, 18, 10, 8, 70


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: float
    width: float
    hidden: bool

    @property
    def text_x(self) -> float:
        return LABEL + self.width + 6

    @property
    def label_y(self) -> float:
        return self.y + BAR / 2


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    bars: list[Bar]
    summary: str
    width: int = WIDTH
    label_width: int = LABEL
    bar_height: int = BAR

    @property
    def height(self) -> int:
        return TOP * 2 + len(self.bars) * (BAR + GAP)

    @property
    def axis_x(self) -> int:
        return LABEL


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    *,
    key: str,
    title: str,
    rows: list[tuple[str, float | None, str, bool]],
    scale: float | None = None,
) -> BarChart | None:
    """`rows`: (label, value, value as text, hidden). `scale`: the value of a full bar (100 for
    a percentage, 5 for a rating), else the largest value. None when nothing is shown."""
    shown = [value for _, value, _, hidden in rows if value is not None and not hidden]
    if not shown:
        return None
    top = scale or max(max(shown), 1)
    room = WIDTH - LABEL - VALUE
    bars = []
    for index, (label, value, text, hidden) in enumerate(rows):
        visible = value is not None and not hidden
        bars.append(
            Bar(
                label=_short(label),
                text=text if visible else ("not shown" if hidden else "none"),
                y=TOP + index * (BAR + GAP),
                width=round(room * max(value, 0) / top, 1) if visible and value else 0,
                hidden=hidden,
            )
        )
    best = max((r for r in rows if r[1] is not None and not r[3]), key=lambda r: r[1] or 0)
    not_shown = sum(1 for r in rows if r[3])
    summary = f"{title}, {len(rows)} bars. The highest: {best[0]}, {best[2]}."
    if not_shown:
        summary += f" {not_shown} not shown, to protect small groups."
    return BarChart(
        key=key, title=title, bars=bars, summary=summary + " The table has every figure."
    )
