"""Open contracting data (OCDS 1.1.5) at stable .json URLs: per process, and all processes paged."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ..constants import Status
from ..disclosure import paket_with_schedule
from ..ocds.build import absolute, paket_releases, record_package, release_package
from .common import get_or_404

PACKAGES_PER_PAGE = 20


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def _error(message, status):
    return _json({"detail": message}, status=status)


def paket_releases_json(request, pk):
    """The release package of one contracting process: one release per event."""
    paket = get_or_404(paket_with_schedule(), pk=pk)
    return _json(release_package(paket_releases(paket), uri=absolute(request.get_full_path())))


def paket_record_json(request, pk):
    """The record of one contracting process: its releases and the compiled release."""
    paket = get_or_404(paket_with_schedule(), pk=pk)
    return _json(record_package(paket, uri=absolute(request.get_full_path())))


def _since(value):
    """Return the `since` moment, or raise ValueError for text that is no date."""
    if not value:
        return None
    # An unencoded "+07:00" arrives as " 07:00".
    value = value.strip().replace(" ", "+")
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        # A moment the database cannot hold (before year 1 or after 9999 in UTC) is earlier, or
        # later, than every release.
        return (datetime.datetime.min if moment.year == 1 else datetime.datetime.max).replace(
            tzinfo=datetime.UTC
        )


def _changed_since(qs, since):
    # Only what makes a release (ocds.build.paket_events): a page of packages changed in other ways
    # (a direct procurement's offer or negotiation) would have none, and end a harvest early.
    return qs.filter(
        Q(created_at__gte=since)
        | Q(jadwal_set__perubahan_set__created_at__gte=since)
        | Q(dokumen_set__uploaded_at__gte=since)
        | Q(dibuka_at__gte=since)
        | Q(penetapan__created_at__gte=since)
        | Q(kontrak__created_at__gte=since)
        | Q(langsung__pesanan_at__gte=since)
        | Q(riwayat_set__created_at__gte=since, riwayat_set__to_status__in=[Status.GAGAL, Status.BATAL])
    ).distinct()


def releases_json(request):
    """The releases of every process, by pages of processes; `since` keeps the newer releases."""
    try:
        since = _since(request.GET.get("since", ""))
    except (ValueError, OverflowError):
        return _error(_("Parameter since harus tanggal ISO 8601, misalnya 2026-01-31T00:00:00+07:00."), 400)
    qs = paket_with_schedule().order_by("pk")
    if since:
        qs = _changed_since(qs, since)
    paginator = Paginator(qs, PACKAGES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        return _error(_("Halaman tidak ada."), 404)
    releases = [r for paket in page for r in paket_releases(paket, since=since)]
    if not releases:
        return _error(_("Tidak ada rilis pada halaman ini."), 404)
    package = release_package(releases, uri=absolute(request.get_full_path()), links=_links(request, page))
    return _json(package)


def _links(request, page):
    def url(number):
        query = request.GET.copy()
        query["page"] = number
        return absolute(f"{request.path}?{query.urlencode()}")

    links = {}
    if page.has_next():
        links["next"] = url(page.next_page_number())
    if page.has_previous():
        links["prev"] = url(page.previous_page_number())
    return links
