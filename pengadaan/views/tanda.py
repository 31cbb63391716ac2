"""Red flags: their definitions, and a summary per agency; indicators, never accusations."""

from collections import Counter

from django.shortcuts import render

from portal.wilayah.models import Instansi

from ..filters import PaketFilterForm
from ..redflags import DEFINITIONS, instansi_flags
from .common import get_or_404


def definisi(request):
    """What each red flag means, and the agencies with packages to look at."""
    agencies = Instansi.objects.filter(paket_set__isnull=False).distinct().order_by("name")
    return render(
        request, "pengadaan/tanda_definisi.html", {"definitions": DEFINITIONS, "agencies": agencies}
    )


def instansi(request, pk):
    """One agency's packages with the red flags each raises, and how often each flag appears."""
    obj = get_or_404(Instansi.objects.filter(paket_set__isnull=False).distinct(), pk=pk)
    form = PaketFilterForm(request.GET or None)
    tahun = form.filters().get("tahun")
    rows = instansi_flags(instansi=obj, tahun=tahun)
    counts = Counter(flag.definisi.code for _paket, flags in rows for flag in flags)
    summary = [(d, counts.get(d.code, 0)) for d in DEFINITIONS]
    context = {"instansi": obj, "rows": rows, "summary": summary, "tahun": tahun, "form": form}
    return render(request, "pengadaan/tanda_instansi.html", context)
