"""Bar charts as plain SVG, drawn on the server: no JavaScript library to download."""

from django.template.loader import render_to_string

COLOURS = ["#1f3b64", "#4f8a3c", "#c4661f"]


def bar_chart_svg(*, title: str, labels: list[str], series: list[tuple[str, list[float]]], height=180) -> str:
    """Return an accessible grouped bar chart; the page shows the same numbers in a table."""
    peak = max([max(values or [0]) for _name, values in series] + [1])
    group, bar = 16 + 12 * len(series), 12
    # Wide enough for the legend even with a single month.
    width = max(40 + group * max(len(labels), 1), 60 + 110 * len(series))
    bars = []
    for i, label in enumerate(labels):
        for j, (name, values) in enumerate(series):
            h = round((height - 40) * values[i] / peak)
            bars.append(
                {
                    "x": 40 + i * group + j * bar,
                    "y": height - 20 - h,
                    "width": bar - 2,
                    "height": h,
                    "colour": COLOURS[j % len(COLOURS)],
                    "title": f"{label} {name}: {values[i]}",
                }
            )
    ticks = [
        {"x": 40 + i * group + group // 2 - 6, "text": f"{label[5:]}/{label[2:4]}"}
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
        "axis_y": height - 20,
        "tick_y": height - 6,
        "bars": bars,
        "ticks": ticks,
        "legend": legend,
    }
    return render_to_string("portal/_bar_chart.svg", context)
