"""The transparency chart: plain SVG from a template, every value escaped, one bar per value."""

from portal.public.charts import bar_chart_svg


def test_one_bar_per_month_and_series_with_its_number():
    svg = bar_chart_svg(
        title="Permohonan", labels=["2026-11", "2026-12"], series=[("A", [1, 2]), ("B", [3, 0])]
    )
    assert svg.strip().startswith("<svg") and svg.strip().endswith("</svg>")
    assert svg.count("<title>") == 1 + 4
    assert "<title>2026-11 B: 3</title>" in svg
    assert ">11/26</text>" in svg and ">12/26</text>" in svg


def test_names_are_escaped():
    svg = bar_chart_svg(title="<script>", labels=["2026-11"], series=[("<b>", [1])])
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
