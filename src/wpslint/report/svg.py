"""Coverage charts as inline SVG: stacked present / weak / missing bars.

Inline SVG needs no script, font file or network, scales with the page through its
``viewBox``, prints sharply, and carries its numbers as text and ``<title>`` elements, so a
screen reader (or a black-and-white printout) loses nothing that the colours show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: Colours of the three statuses, shared with the legend in the page's CSS.
COLORS = {"present": "#2f855a", "weak": "#d69e2e", "missing": "#d5dbe3"}
LABELS = {"present": "present", "weak": "weak (hedged)", "missing": "missing"}

WIDTH = 360
BAR_WIDTH = 272
ROW_HEIGHT = 36
LEGEND_HEIGHT = 22


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a chart: the requirements of a group, by status."""

    label: str
    present: int
    weak: int
    missing: int
    #: Shown instead of the bar when no requirement of the group applies.
    note: str = "not checked for this document type"

    @property
    def applicable(self) -> int:
        return self.present + self.weak + self.missing

    @property
    def summary(self) -> str:
        """E.g. '7/12 · 58%': present or weak out of applicable, and the share."""
        covered = self.present + self.weak
        return f"{covered}/{self.applicable} · {covered / self.applicable:.0%}"

    @property
    def description(self) -> str:
        if not self.applicable:
            return f"{self.label}: {self.note}"
        return (
            f"{self.label}: {self.present} present, {self.weak} weak, {self.missing} missing "
            f"of {self.applicable}"
        )


def coverage_chart(bars: Sequence[Bar], *, title: str) -> str:
    """A chart with one labelled stacked bar per group, and a legend under it."""
    height = len(bars) * ROW_HEIGHT + LEGEND_HEIGHT
    rows = [_row(bar, index * ROW_HEIGHT) for index, bar in enumerate(bars)]
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f"<title>{escape(title)}</title>{''.join(rows)}{_legend(height - 6)}</svg>"
    )


def meter(present: int, weak: int, missing: int) -> str:
    """A small unlabelled bar (for a table cell); its numbers are in its title."""
    total = present + weak + missing
    title = f"{present} present, {weak} weak, {missing} missing"
    segments = _segments(present, weak, missing, 0, 0, 100, 8) if total else ""
    return (
        '<svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" '
        f'aria-label="{title}">'
        f'<title>{title}</title><rect width="100" height="8" fill="{COLORS["missing"]}"/>'
        f"{segments}</svg>"
    )


def _row(bar: Bar, top: int) -> str:
    label = f'<text x="0" y="{top + 12}" font-size="12" fill="#1f2933">{escape(bar.label)}</text>'
    if not bar.applicable:
        body = (
            f'<text x="0" y="{top + 28}" font-size="11" fill="#616e7c" '
            f'font-style="italic">{escape(bar.note)}</text>'
        )
    else:
        body = (
            f'<rect x="0" y="{top + 17}" width="{BAR_WIDTH}" height="12" '
            f'fill="{COLORS["missing"]}"/>'
            + _segments(bar.present, bar.weak, bar.missing, 0, top + 17, BAR_WIDTH, 12)
            + f'<text x="{BAR_WIDTH + 8}" y="{top + 27}" font-size="11" fill="#1f2933">'
            f"{escape(bar.summary)}</text>"
        )
    return f"<g><title>{escape(bar.description)}</title>{label}{body}</g>"


def _segments(
    present: int, weak: int, missing: int, x: float, y: int, width: int, height: int
) -> str:
    """The present and weak parts of a bar drawn over its missing-coloured background."""
    total = present + weak + missing
    parts = []
    for status, count in (("present", present), ("weak", weak)):
        if count:
            size = round(width * count / total, 2)
            parts.append(
                f'<rect x="{round(x, 2)}" y="{y}" width="{size}" height="{height}" '
                f'fill="{COLORS[status]}"/>'
            )
            x += size
    return "".join(parts)


def _legend(baseline: int) -> str:
    items = []
    x = 0
    for status, label in LABELS.items():
        items.append(
            f'<rect x="{x}" y="{baseline - 9}" width="10" height="10" fill="{COLORS[status]}"/>'
            f'<text x="{x + 14}" y="{baseline}" font-size="11" fill="#52606d">{label}</text>'
        )
        x += 14 + len(label) * 6 + 16
    return f'<g aria-hidden="true">{"".join(items)}</g>'
