"""Charts of the evaluation report as server-side SVG (WeasyPrint runs no JavaScript; DESIGN §8).

matplotlib draws them with ``svg.fonttype: none``: labels stay ``<text>`` elements naming the CJK font, and
WeasyPrint lays them out with the same embedded font as the rest of the PDF (paths would bloat the file and could not
be searched or copied). The object-oriented ``Figure`` API is used, not pyplot: no global figure state in a worker.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

# The families WeasyPrint also uses for the body text (Debian's fonts-noto-cjk, scripts/system-deps.sh).
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "DejaVu Sans"]

BAR = "#4472c4"
BAR_BELOW = "#c0504d"  # a township below the figure expected by now
NO_DATA = "#bfbfbf"
COUNTY = "#1f3864"
EXPECTED = "#e46c0a"
TARGET = "#548235"


@dataclass
class Bar:
    label: str
    value: float | None


@functools.cache
def _families() -> list[str]:
    """The CJK families matplotlib finds (it measures the labels with them); naming a missing one logs a warning
    per label. WeasyPrint resolves the same names through fontconfig when it draws the text."""
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    return [family for family in CJK_FONTS if family in known] or ["DejaVu Sans"]


def _rc() -> dict:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "civilaffairs",  # stable element ids: the same figures give the same SVG
        "font.family": _families(),
        "font.size": 8,
        "axes.unicode_minus": False,  # the CJK fonts lack U+2212
    }


def township_bars(
    bars: list[Bar],
    *,
    unit: str,
    county: float | None,
    expected: float | None,
    target: float | None,
    target_label: str,
    lower_is_better: bool = False,
) -> str:
    """A horizontal bar per township (highest first, no-data last), with the county value, the figure expected by now
    and the target as vertical lines; townships short of the expected figure (in the row's direction) in red.
    Returns the SVG document."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    ordered = sorted(bars, key=lambda bar: (bar.value is None, -(bar.value or 0)))
    labels = [bar.label for bar in ordered]
    values = [0.0 if bar.value is None else bar.value for bar in ordered]
    colours = [
        NO_DATA if bar.value is None else BAR_BELOW if _short_of(bar.value, expected, lower_is_better) else BAR
        for bar in ordered
    ]
    height = 0.9 + 0.19 * max(len(ordered), 3)
    with rc_context(_rc()):
        figure = Figure(figsize=(6.6, height))
        axes = figure.subplots()
        axes.barh(range(len(ordered)), values, color=colours, height=0.7)
        axes.set_yticks(range(len(ordered)), labels)
        axes.invert_yaxis()
        lines = [county or 0, expected or 0, target or 0, 0]
        top = max([*values, *lines]) or 1
        low = min([*values, *lines])
        for index, bar in enumerate(ordered):
            text = "无数据" if bar.value is None else _short(bar.value)
            axes.text(values[index] + top * 0.01, index, text, va="center", fontsize=6.5, color="#333333")
        if county is not None:
            axes.axvline(county, color=COUNTY, linewidth=1.2, label=f"全辖区 {_short(county)}")
        if expected is not None:
            axes.axvline(
                expected, color=EXPECTED, linewidth=1.2, linestyle="--", label=f"按进度应达 {_short(expected)}"
            )
        if target is not None:
            axes.axvline(target, color=TARGET, linewidth=1.2, linestyle=":", label=f"{target_label} {_short(target)}")
        axes.set_xlim(low * 1.12 if low < 0 else 0, top * 1.12)
        if unit:
            axes.set_xlabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        if county is not None or expected is not None or target is not None:
            axes.legend(loc="lower right", fontsize=7, frameon=True)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _short_of(value: float, expected: float | None, lower_is_better: bool) -> bool:
    if expected is None:
        return False
    return value > expected if lower_is_better else value < expected


def _short(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
