"""Pages anyone may read: the package list, a package, its opening record and result."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.csv_export import CsvWriter

from ..constants import Status, Tahap
from ..disclosure import (
    dokumen_public,
    kontrak_public,
    langsung_public,
    paket_disclosure,
    paket_search,
    pemenang_public,
)
from ..filters import PaketFilterForm
from ..forms import PertanyaanForm, SanggahForm
from ..models import Paket
from ..receipts import bahp, bahp_generate, pembukaan_record, pembukaan_record_generate
from ..redflags import paket_flags
from ..selectors import (
    is_tender_officer,
    langsung_offer_closed,
    paket_for_officer,
    paket_page,
    penawaran_of_vendor,
    penawaran_window,
    pendaftaran_of,
    pendaftaran_open,
    penyedia_of,
)
from .common import get_or_404, issued_response

PAGE_SIZE = 25
CSV_COLUMNS = [
    "kode_paket",
    "nama_paket",
    "instansi",
    "kategori",
    "metode",
    "tahun_anggaran",
    "pagu",
    "hps",
    "status",
    "jumlah_peserta",
    "jumlah_penawaran",
    "pemenang",
    "harga_pemenang",
    "nilai_kontrak",
    "url",
]


def _filtered(request):
    form = PaketFilterForm(request.GET or None)
    return form, paket_search(**form.filters())


def index(request):
    """The tenders, newest first, narrowed by agency, category, method, status, year or text."""
    form, packages = _filtered(request)
    page = Paginator(packages, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "qs": form.querystring(), "desk": is_tender_officer(request.user)}
    return render(request, "pengadaan/index.html", context)


# Open data is published in Indonesian, as the OCDS releases are, whatever the visitor reads.
@translation.override("id")
def index_csv(request):
    """The package list as CSV (open data), with the page's filters."""
    _form, packages = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="paket-pengadaan.csv"'
    writer = CsvWriter(response)
    writer.writerow(CSV_COLUMNS)
    for p in packages.iterator(chunk_size=500):
        writer.writerow(_csv_row(request, p))
    return response


def _csv_row(request, p):
    """One package's CSV row: what its page discloses of its bidders, winner and contract."""
    langsung = langsung_public(paket=p)
    if langsung is not None:  # one invited vendor; the price and order once ordered
        peserta, winner = 1, langsung.penyedia
        price, value = langsung.harga_negosiasi, langsung.nilai_pesanan
    else:
        pemenang, kontrak = pemenang_public(paket=p), kontrak_public(paket=p)
        peserta, winner = p.jumlah_peserta, pemenang.nama_penyedia if pemenang else ""
        price, value = (pemenang.harga if pemenang else None), (kontrak.nilai if kontrak else None)
    return [
        p.reference,
        p.nama,
        p.instansi.name,
        p.kategori.name,
        p.metode.name,
        p.tahun_anggaran,
        p.pagu,
        p.hps,
        p.get_status_display(),
        peserta,
        _blank(p.jumlah_penawaran),
        winner,
        _blank(price),
        _blank(value),
        request.build_absolute_uri(p.get_absolute_url()),
    ]


def _blank(value):
    """An empty CSV cell for what is not known or not public yet."""
    return "" if value is None else value


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
    disclosure = paket_disclosure(paket=paket)
    # The invited vendor sees its own invitation and offer; loaded (and cached) by the disclosure.
    row = getattr(paket, "langsung", None)
    invited = row if row is not None and penyedia is not None and row.penyedia_id == penyedia.pk else None
    context = {
        "paket": paket,
        "now": now,
        "penyedia": penyedia,
        "pendaftaran": pendaftaran,
        "officer": officer,
        "mine": mine,
        "open": disclosure,
        "flags": paket_flags(paket=paket, disclosure=disclosure),
        "can_ask": pendaftaran
        and paket.status == Status.DIUMUMKAN
        and _stage_open(paket, Tahap.AANWIJZING, now),
        "can_bid": pendaftaran and penyedia.is_verified and penawaran_window(paket=paket, now=now).is_open,
        "can_join": penyedia is not None
        and penyedia.is_verified
        and not pendaftaran
        and pendaftaran_open(paket=paket, now=now),
        "can_object": mine is not None and paket.status == Status.PEMENANG and now <= paket.sanggah_selesai,
        "langsung": disclosure.langsung,
        "invited": invited,
        "offer_closed": invited and langsung_offer_closed(langsung=invited, now=now),
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
    """A published document of the package (dokumen pemilihan, addendum): open to anyone."""
    from portal.documents.responses import document_response

    obj = _paket_or_404(pk)
    document = get_or_404(dokumen_public(paket=obj), pk=doc_pk)
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
