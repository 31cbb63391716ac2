import dataclasses
import functools

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from portal.csv_export import CsvWriter
from portal.network import attempt_counted

from .charts import bar_chart_svg
from .dashboard import REGENCY, SECTIONS, MonthRow, dashboard_meta, dashboard_rows, dashboard_section
from .datasets import chart_columns_parse, dataset_chart_series, dataset_read
from .forms import TrackForm
from .models import InformasiPublik
from .tracking import tracking_lookup


def home(request):
    """Show the services the portal offers, one line each."""
    return render(request, "portal/home.html")


def _reference_key(group, request):
    return request.POST.get("reference", "").strip().upper()


def track(request):
    """Show an application's status and timeline from its reference and a second factor."""
    form = TrackForm(request.POST or None)
    result, not_found, refused = None, False, ""
    if request.method == "POST":
        # Count every attempt, by address and by reference, before looking anything up.
        counted = {
            attempt_counted(request, group="lacak-ip", key="ip", rate=settings.TRACK_RATE_PER_IP),
            attempt_counted(
                request, group="lacak-ref", key=_reference_key, rate=settings.TRACK_RATE_PER_REFERENCE
            ),
        }
        refused = "unavailable" if "unavailable" in counted else "limited" if "limited" in counted else ""
        if not refused and form.is_valid():
            result = tracking_lookup(reference=form.cleaned_data["reference"], factors=form.cleaned_data)
            not_found = result is None
    context = {"form": form, "result": result, "not_found": not_found, "refused": refused}
    response = render(request, "portal/track.html", context)
    if refused == "limited":
        response.status_code = 429
    elif refused == "unavailable":
        response.status_code = 503
        response["Retry-After"] = "300"
    return response


# The open data's columns: a month row's fields, in their order.
CSV_COLUMNS = [field.name for field in dataclasses.fields(MonthRow)]

# The kecamatan filter's value for every kecamatan's own rows (the CSV of them all, mostly).
EVERY_KECAMATAN = "semua"


def _dashboard_filters(request, meta):
    """
    Return the page's filters: (service, kecamatan), each "" (no filter), a known value or "?".

    Without a kecamatan the rows count the whole regency; EVERY_KECAMATAN gives each kecamatan's.
    Unknown values become "?", which matches nothing, so junk queries share one cached fragment.
    """
    service, kecamatan = request.GET.get("layanan", ""), request.GET.get("kecamatan", "")
    if service and service not in meta["services"]:
        service = "?"
    if kecamatan and kecamatan != EVERY_KECAMATAN and kecamatan not in meta["kecamatan"]:
        kecamatan = "?"
    return service, kecamatan


def _dashboard_rows(service, kecamatan):
    """Return the snapshot's rows for the filters of _dashboard_filters()."""
    if kecamatan == EVERY_KECAMATAN:
        wanted = lambda value: value != REGENCY  # noqa: E731
    else:
        wanted = (kecamatan or REGENCY).__eq__
    regency = _("Seluruh kabupaten")
    return [
        {**r, "kecamatan": r["kecamatan"] or regency}
        for r in dashboard_rows()
        if (not service or r["service"] == service) and wanted(r["kecamatan"])
    ]


def transparency(request):
    """Show service performance per service, kecamatan and month, with charts and tables."""
    meta = dashboard_meta()
    if meta is None:
        return _dashboard_preparing(request)
    service, kecamatan = _dashboard_filters(request, meta)

    @functools.cache
    def rows():
        # Read (thousands of rows from the cache) only when a cached fragment is missing.
        return _dashboard_rows(service, kecamatan)

    def chart():
        months = sorted({r["month"] for r in rows()})
        totals = {m: [0, 0] for m in months}
        for r in rows():
            totals[r["month"]][0] += r["received"]
            totals[r["month"]][1] += r["completed"]
        return bar_chart_svg(
            title=_("Permohonan diterima dan selesai per bulan"),
            labels=months,
            series=[
                (_("Diterima"), [totals[m][0] for m in months]),
                (_("Selesai"), [totals[m][1] for m in months]),
            ],
        )

    return render(
        request,
        "portal/transparency.html",
        {
            "rows": rows,
            "chart": chart,
            "choices": meta,
            "every_kecamatan": EVERY_KECAMATAN,
            "computed_at": meta["computed_at"],
            "query": request.GET.urlencode(),
            "fragment_key": f"{service}|{kecamatan}",
            "sections": _sections(request),
        },
    )


def _sections(request) -> list[dict]:
    """Return the service apps' sections of the page, each with what its template shows."""
    sections = []
    for section in SECTIONS.values():
        snapshot = dashboard_section(section.name)
        rows = None if snapshot is None else snapshot["rows"]
        view = section.view(rows=rows, query=request.GET)
        sections.append(
            {"section": section, "view": view, "computed_at": snapshot and snapshot["computed_at"]}
        )
    return sections


def _dashboard_preparing(request):
    response = render(request, "portal/transparency.html", {"preparing": True}, status=503)
    response["Retry-After"] = "120"
    return response


def transparency_csv(request):
    """Download the dashboard's numbers as CSV (open data), with the page's filters."""
    meta = dashboard_meta()
    if meta is None:
        return _dashboard_preparing(request)
    rows = _dashboard_rows(*_dashboard_filters(request, meta))
    return _csv_response("kinerja-layanan.csv", CSV_COLUMNS, ([row[c] for c in CSV_COLUMNS] for row in rows))


def transparency_section_csv(request, name):
    """Download a service app's section of the page as CSV, with the section's filters."""
    section = SECTIONS.get(name)
    if section is None:
        raise Http404
    snapshot = dashboard_section(name)
    if snapshot is None:
        return _dashboard_preparing(request)
    return _csv_response(*section.csv(rows=snapshot["rows"], query=request.GET))


def _csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = CsvWriter(response)
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return response


def informasi_list(request):
    """List the published information pages."""
    return render(
        request, "portal/informasi_list.html", {"pages": InformasiPublik.objects.filter(is_published=True)}
    )


def informasi_detail(request, slug):
    """Show one published page with its dataset as an accessible table, and a chart when it has one."""
    page = get_object_or_404(InformasiPublik, slug=slug, is_published=True)
    header, rows = dataset_read(page.dataset) if page.dataset else ([], [])
    chart = None
    plotted = dataset_chart_series(header, rows, chart_columns_parse(page.chart_columns))
    if plotted:
        labels, series = plotted
        chart = bar_chart_svg(title=page.title, labels=labels, series=series, tick=str, slanted=True)
    context = {"page": page, "header": header, "rows": rows, "chart": chart}
    return render(request, "portal/informasi_detail.html", context)


def informasi_csv(request, slug):
    """Download a published page's dataset as it was uploaded."""
    page = get_object_or_404(InformasiPublik, slug=slug, is_published=True)
    if not page.dataset:
        raise Http404
    response = HttpResponse(page.dataset.read(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.csv"'
    return response
