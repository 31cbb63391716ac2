"""Pages anyone may read: the package list, a package, its opening record and result."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import Status, Tahap
from ..forms import PertanyaanForm, SanggahForm
from ..models import Paket
from ..receipts import bahp, bahp_generate, pembukaan_record, pembukaan_record_generate
from ..selectors import (
    paket_for_officer,
    paket_page,
    paket_public,
    penawaran_of_vendor,
    penawaran_opened,
    pendaftaran_of,
    penyedia_of,
    pertanyaan_published,
)
from .common import get_or_404, issued_response

PAGE_SIZE = 25


def index(request):
    """The tenders: announced, running and closed, newest first."""
    page = Paginator(paket_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pengadaan/index.html", {"page": page})


def _stage_open(paket, tahap, now):
    jadwal = next((j for j in paket.jadwal_set.all() if j.tahap == tahap), None)
    return jadwal is not None and jadwal.mulai <= now <= jadwal.selesai


def paket_context(request, paket, **forms):
    """Return what the package page shows this visitor, with its (possibly bound) forms."""
    user, now = request.user, timezone.now()
    penyedia = penyedia_of(user=user)
    pendaftaran = pendaftaran_of(paket=paket, penyedia=penyedia)
    officer = user.is_authenticated and paket_for_officer(user=user).filter(pk=paket.pk).exists()
    mine = penawaran_of_vendor(user=user).filter(paket=paket, aktif=True).first() if pendaftaran else None
    context = {
        "paket": paket,
        "now": now,
        "penyedia": penyedia,
        "pendaftaran": pendaftaran,
        "officer": officer,
        "mine": mine,
        "qa": pertanyaan_published(paket=paket) if (pendaftaran or officer) else None,
        "bids": penawaran_opened(paket=paket) if paket.dibuka_at else None,
        "can_ask": pendaftaran and _stage_open(paket, Tahap.AANWIJZING, now),
        "can_bid": pendaftaran
        and paket.status == Status.DIUMUMKAN
        and _stage_open(paket, Tahap.PENAWARAN, now),
        "can_join": penyedia is not None
        and penyedia.is_verified
        and not pendaftaran
        and paket.status == Status.DIUMUMKAN,
        "can_object": mine is not None and paket.status == Status.PEMENANG and now <= paket.sanggah_selesai,
        "penetapan": getattr(paket, "penetapan", None)
        if paket.status in (Status.PEMENANG, Status.KONTRAK)
        else None,
        "kontrak": getattr(paket, "kontrak", None) if paket.status == Status.KONTRAK else None,
        "tanya_form": forms.get("tanya_form") or PertanyaanForm(),
        "sanggah_form": forms.get("sanggah_form") or SanggahForm(),
    }
    return context


def paket(request, pk):
    """One package: schedule with every amendment, HPS, documents, Q&A, opening and result."""
    obj = _paket_or_404(pk)
    return render(request, "pengadaan/paket.html", paket_context(request, obj))


def _paket_or_404(pk):
    try:
        return paket_page(pk=pk)
    except Paket.DoesNotExist as exc:
        raise Http404(_("Paket tidak ditemukan.")) from exc


def dokumen(request, pk, doc_pk):
    """A published document of the package, for registered vendors and its officers."""
    from portal.documents.responses import document_response

    obj = _paket_or_404(pk)
    user = request.user
    allowed = user.is_authenticated and (
        pendaftaran_of(paket=obj, penyedia=penyedia_of(user=user)) is not None
        or paket_for_officer(user=user).filter(pk=obj.pk).exists()
    )
    if not allowed:
        raise Http404(_("Dokumen ini untuk peserta yang sudah mendaftar."))
    document = get_or_404(obj.dokumen_set.all(), pk=doc_pk)
    return document_response(file_field=document.file, download_name=f"{obj.reference}-{document.kind}.pdf")


def berita_acara(request, pk):
    """The opening record, public once the bids were opened."""
    obj = get_or_404(Paket.objects.exclude(dibuka_at=None), pk=pk)
    # Made after commit by a task; made here if that task never ran (broker down), as it would be.
    document = pembukaan_record(paket=obj) or pembukaan_record_generate(paket_id=obj.pk)
    return issued_response(document, f"{obj.reference}-berita-acara-pembukaan.pdf")


def hasil(request, pk):
    """The evaluation report (BAHP), public once the winner was named."""
    obj = get_or_404(Paket.objects.filter(penetapan__isnull=False).select_related("penetapan"), pk=pk)
    document = bahp(penetapan=obj.penetapan) or bahp_generate(paket_id=obj.pk)
    return issued_response(document, f"{obj.reference}-hasil-pemilihan.pdf")
