"""Bar charts as plain SVG, drawn on the server: no JavaScript library to download."""

from django.utils.html import format_html, format_html_join

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
            x = 40 + i * group + j * bar
            bars.append(
                (x, height - 20 - h, bar - 2, h, COLOURS[j % len(COLOURS)], f"{label} {name}: {values[i]}")
            )
    rects = format_html_join(
        "", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>', bars
    )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>',
        (
            (40 + i * group + group // 2 - 6, height - 6, f"{label[5:]}/{label[2:4]}")
            for i, label in enumerate(labels)
        ),
    )
    legend = format_html_join(
        "",
        '<rect x="{}" y="4" width="10" height="10" fill="{}"></rect>'
        '<text x="{}" y="13" font-size="10">{}</text>',
        (
            (40 + k * 110, COLOURS[k % len(COLOURS)], 54 + k * 110, name)
            for k, (name, _v) in enumerate(series)
        ),
    )
    return format_html(
        # A width attribute, not a style one (the CSP forbids inline styles); CSS shrinks it to fit.
        '<svg class="bar-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}{}{}'
        '<line x1="38" y1="{}" x2="{}" y2="{}" stroke="#999"></line></svg>',
        title,
        width,
        height,
        max(width * 2, 480),
        title,
        legend,
        rects,
        ticks,
        height - 20,
        width,
        height - 20,
    )
