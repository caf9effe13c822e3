"""The timing report for the facilitator: planned against actual, from the run log."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.core.clock import Actual, Session, drift_words, hhmm, to_ms
from desktop.core.model import Event
from desktop.handout.pack import Options, ordinal_date
from desktop.handout.pdf import Progress, Section, build_handout
from desktop.handout.styles import (
    ACCENT,
    BULLET,
    FONT,
    GRID,
    INK,
    LARGE_PRINT,
    MARGIN,
    PAPER,
    RULE,
    Styles,
    make_styles,
    text,
)

# The handouts' palette: light blue-grey planned, dark blue actual; apart in greyscale too.
PLANNED = RULE
ACTUAL = ACCENT


def _minutes(ms: int) -> str:
    sign = "−" if ms < 0 else ""
    seconds = abs(ms) // 1000
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def build_timing(
    event: Event,
    log: Iterable[object],
    options: Options | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Every segment planned against actual, pauses and added time, and where time went."""
    options = options or Options()
    s = make_styles(large_print=options.large_print)
    entries = [e for e in log if isinstance(e, dict) and isinstance(e.get("t"), int | float)]
    end = max((float(e["t"]) for e in entries), default=0.0)
    session = Session(event, entries, clock=lambda: end)
    view = session.view(to_ms(end))
    story: list[Flowable] = [Section(text(f"Timing report — {event.title}"), s.h1)]
    facts = [event.venue, ordinal_date(event.date)]
    story.append(Paragraph(text(" · ".join(f for f in facts if f)), s.cover_line))
    if words := drift_words(view):
        story.append(Paragraph(text(words), s.h3))
    ran = [a for a in view.actuals if a.started is not None]
    if not ran:
        story.append(
            Paragraph("The clock was never started, so there is nothing to report.", s.body)
        )
    else:
        story += [Section("Planned and actual", s.h2), _table(view.actuals, s)]
        story += [Spacer(1, 4 * mm), _chart(ran, options, s.base_size)]
        story += [Section("Where the time went", s.h2)]
        changes = sorted(ran, key=lambda a: a.elapsed - a.segment.minutes * 60_000)
        picked = {a.segment.id: a for a in [*reversed(changes[-3:]), *changes[:3]]}
        for actual in picked.values():
            over = actual.elapsed - actual.segment.minutes * 60_000
            if abs(over) < 60_000:
                continue
            side = "over" if over > 0 else "under"
            story.append(
                Paragraph(
                    BULLET
                    + text(
                        f"{actual.segment.title}: {_minutes(abs(over))} {side}"
                        + (f" (paused {_minutes(actual.paused)})" if actual.paused else "")
                    ),
                    s.bullet,
                )
            )
    return build_handout(
        story,
        kind="Timing report",
        event_title=event.title,
        author=options.organiser or event.contact.email,
        paper=options.paper,
        progress=progress,
        large_print=options.large_print,
    )


def _table(actuals: tuple[Actual, ...], s: Styles) -> Table:
    small = s.small
    head = ["Segment", "Planned", "Started", "Took", "Paused", "Added", "+/−"]
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", small) for h in head]]
    for a in actuals:
        planned = a.segment.minutes * 60_000
        ran = a.started is not None
        cells = [
            text(a.segment.title),
            f"{a.segment.minutes} min"
            + (f" → {a.minutes}" if a.minutes != a.segment.minutes else ""),
            hhmm(a.started) if a.started is not None else "not run",
            _minutes(a.elapsed) if ran else "",
            _minutes(a.paused) if a.paused else "",
            _minutes(a.added) if a.added else "",
            _minutes(a.elapsed - planned) if ran else "",
        ]
        rows.append([Paragraph(c, small) for c in cells])
    table = Table(
        rows, repeatRows=1, colWidths=[None, 22 * mm, 19 * mm, 17 * mm, 19 * mm, 17 * mm, 24 * mm]
    )
    table.setStyle(TableStyle(GRID))
    return table


def _chart(ran: list[Actual], options: Options, size: float) -> Drawing:
    width = PAPER[options.paper][0] - 2 * MARGIN
    height = len(ran) * 9 * mm + 22 * mm
    drawing = Drawing(width, height)
    size = max(size * 0.8, 8.0) if size < LARGE_PRINT else size  # large print: 16 pt labels too
    chart = HorizontalBarChart()
    chart.x, chart.y = 55 * mm, 16 * mm
    chart.width, chart.height = width - 62 * mm, height - 20 * mm
    ordered = list(reversed(ran))
    chart.data = [
        [a.segment.minutes for a in ordered],
        [round(a.elapsed / 60_000, 1) for a in ordered],
    ]
    chart.categoryAxis.categoryNames = [a.segment.title[:28] for a in ordered]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = size
    chart.bars[0].fillColor = PLANNED
    chart.bars[1].fillColor = ACTUAL
    chart.bars.strokeColor = None
    chart.barLabelFormat = "%g"  # each bar says its minutes at its end
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = size
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 1.5 * mm
    chart.valueAxis.valueMax = max(max(d) for d in chart.data) * 1.15 + 1
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 55 * mm, 6 * mm
    legend.fontName = FONT
    legend.fontSize = size
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(PLANNED, "planned (minutes)"), (ACTUAL, "actual (minutes)")]
    drawing.add(legend)
    return drawing
