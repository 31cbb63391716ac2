"""Bar charts as plain SVG, drawn on the server: no JavaScript library to download."""

from django.template.loader import render_to_string

COLOURS = ["#1f3b64", "#4f8a3c", "#c4661f"]


def month_tick(label: str) -> str:
    """Return "MM/YY" of a "YYYY-MM" month."""
    return f"{label[5:]}/{label[2:4]}"


def bar_chart_svg(
    *,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    height=180,
    tick=month_tick,
    slanted=False,
) -> str:
    """
    Return an accessible grouped bar chart; the page shows the same numbers in a table.

    Labels are months unless `tick` says otherwise; slanted ticks fit names (kecamatan) under
    narrow bars, in a margin as deep as the longest name needs.
    """
    bottom = 20 + (min(max(map(len, labels), default=0), 16) * 5 if slanted else 0)
    height += bottom - 20
    peak = max([max(values or [0]) for _name, values in series] + [1])
    group, bar = 16 + 12 * len(series), 12
    # Wide enough for the legend even with a single month.
    width = max(40 + group * max(len(labels), 1), 60 + 110 * len(series))
    bars = []
    for i, label in enumerate(labels):
        for j, (name, values) in enumerate(series):
            h = max(
                0, round((height - 20 - bottom) * values[i] / peak)
            )  # a negative figure: in the table only
            bars.append(
                {
                    "x": 40 + i * group + j * bar,
                    "y": height - bottom - h,
                    "width": bar - 2,
                    "height": h,
                    "colour": COLOURS[j % len(COLOURS)],
                    "title": f"{label} {name}: {values[i]}",
                }
            )
    ticks = [
        {"x": 40 + i * group + group // 2 - 6, "text": tick(label)[:16], "slanted": slanted}
        for i, label in enumerate(labels)
    ]
    legend = [
        {"x": 40 + k * 110, "text_x": 54 + k * 110, "colour": COLOURS[k % len(COLOURS)], "name": name}
        for k, (name, _values) in enumerate(series)
    ]
    context = {
        "title": title,
        "width": width,
        "height": height,
        "shown_width": max(width * 2, 480),
        "axis_y": height - bottom,
        "tick_y": height - bottom + 10 if slanted else height - 6,
        "bars": bars,
        "ticks": ticks,
        "legend": legend,
    }
    return render_to_string("portal/_bar_chart.svg", context)
