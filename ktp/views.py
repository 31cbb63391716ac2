import copy
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.claims import account_is_unclaimed
from portal.accounts.roles import Role
from portal.audit.models import AksesData
from portal.audit.services import access_record_by_filer
from portal.cache import version
from portal.documents.forms import documents_store
from portal.documents.responses import receipt_response
from portal.submissions import service_errors
from portal.verification.services import receipt_now
from portal.workflow import (
    applicant_editable,
    applicant_withdraw,
    at_desk,
    problems_listed,
    question_address,
    revision_labels,
    submission_refusal,
)

from .constants import (
    JENIS_INFO,
    STANDAR_VERSION,
    WITHDRAWABLE_STATUSES,
    Dokumen,
    Jenis,
    Status,
)
from .forms import BiodataForm, DokumenForm, JadwalForm, JenisForm, LoketForm, NikForm
from .loket import permohonan_loket_create, permohonan_loket_drafts
from .models import LayananKecamatan, PermohonanKTP
from .receipts import permohonan_receipt, permohonan_receipt_generate
from .rules import required_documents, wna_documents
from .selectors import permohonan_list_of_applicant, permohonan_of_filer, permohonan_steps_of_applicant
from .services import (
    OFFICE_MISSING,
    permohonan_biodata_update,
    permohonan_document_attach,
    permohonan_draft_create,
    permohonan_identity_set,
    permohonan_problems,
    permohonan_slot_book,
    permohonan_submit,
    revision_choices,
    slot_days_offered,
)

EDITABLE = (Status.DRAF, Status.PERLU_PERBAIKAN)


def jenis_catalogue():
    """Return each kind with who qualifies and its documents, from the one data source."""
    return [
        {
            "jenis": j,
            "who": JENIS_INFO[j]["who"],
            "documents": required_documents(jenis=j, is_wna=False),
            "wna_documents": wna_documents(j),
        }
        for j in Jenis
    ]


def index(request):
    """Explain the KTP-el services: who qualifies and which documents each kind needs."""
    return render(request, "ktp/index.html", {"kinds": jenis_catalogue()})


def _own(request, pk):
    return get_object_or_404(permohonan_of_filer(user=request.user), pk=pk)


def _editable(request, pk):
    """Return the applicant's application while it may be edited, else send them to its page."""
    permohonan = get_object_or_404(permohonan_steps_of_applicant(applicant=request.user), pk=pk)
    access_record_by_filer(request=request, application=permohonan, action=AksesData.Action.LIHAT)
    if permohonan.status not in EDITABLE:
        messages.info(request, _("Permohonan ini sudah diajukan dan tidak bisa diubah."))
        return None, redirect("ktp:detail", pk=pk)
    return permohonan, None


def _step(request, template, permohonan, step, **context):
    return render(request, template, {"permohonan": permohonan, "step": step, **context})


def _next(permohonan, after):
    """Return where the applicant goes after a step: onward, or back to check answers."""
    if permohonan.status == Status.PERLU_PERBAIKAN:
        return reverse("ktp:periksa", args=[permohonan.pk])
    return reverse(f"ktp:{after}", args=[permohonan.pk])


def standar_pelayanan(request):
    """Show the service standard (UU 25/2009) from the same data that drives the form."""
    offices = LayananKecamatan.objects.select_related("kecamatan").prefetch_related("sla_set")
    return render(
        request,
        "ktp/standar_pelayanan.html",
        {
            # Read only when the cached page body is missing (see ktp/apps.py, STANDAR_VERSION).
            "kinds": jenis_catalogue,
            "offices": offices,
            "default_sla": settings.KTP_DEFAULT_SLA_DAYS,
            "version": version(STANDAR_VERSION),
        },
    )


@login_required
def start(request):
    """Step 1: choose the kind of application; a kecamatan officer serves a citizen at the desk."""
    if request.user.has_role(Role.PETUGAS_KECAMATAN):
        return loket(request)
    form = JenisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        permohonan = permohonan_draft_create(applicant=request.user, jenis=form.cleaned_data["jenis"])
        return redirect("ktp:biodata", pk=permohonan.pk)
    return render(request, "ktp/step_jenis.html", {"form": form, "kinds": jenis_catalogue()})


def loket(request):
    """The front desk: find the citizen by NIK or record them, then fill in the application for them."""
    form = LoketForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            permohonan = permohonan_loket_create(officer=request.user, **form.cleaned_data)
            return redirect("ktp:biodata", pk=permohonan.pk)
        except ValidationError as exc:
            form.add_refusal(exc)
    drafts = permohonan_loket_drafts(officer=request.user)
    for row in drafts:
        row["jenis_label"] = Jenis(row["jenis"]).label
    return render(request, "ktp/loket.html", {"form": form, "drafts": drafts})


@login_required
def biodata(request, pk):
    """Step 2: NIK and KK first (to prefill), then the full biodata."""
    permohonan, bounce = _editable(request, pk)
    if bounce:
        return bounce
    if not permohonan.nik:
        form = NikForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            permohonan_identity_set(permohonan=permohonan, **form.cleaned_data)
            return redirect("ktp:biodata", pk=pk)
        return _step(request, "ktp/step_nik.html", permohonan, 2, form=form)
    # A copy: validation writes into the form's instance, and the service must see what changed.
    form = BiodataForm(
        request.POST or None, instance=copy.copy(permohonan), editable=applicant_editable(permohonan)
    )
    if request.method == "POST" and form.is_valid():
        try:
            permohonan_biodata_update(permohonan=permohonan, data=form.biodata())
            return redirect(_next(permohonan, "dokumen"))
        except ValidationError as exc:
            service_errors(form, exc)
    return _step(request, "ktp/step_biodata.html", permohonan, 2, form=form)


@login_required
def dokumen(request, pk):
    """Step 3: upload the documents the kind requires."""
    permohonan, bounce = _editable(request, pk)
    if bounce:
        return bounce
    editable = applicant_editable(permohonan)
    form = DokumenForm(request.POST or None, request.FILES or None, permohonan=permohonan, editable=editable)
    attach = functools.partial(permohonan_document_attach, permohonan=permohonan)
    if request.method == "POST" and documents_store(request, form, attach):
        return redirect(_next(permohonan, "jadwal"))
    return _step(request, "ktp/step_dokumen.html", permohonan, 3, form=form)


@login_required
def jadwal(request, pk):
    """Step 4: book a day at the kecamatan office that still has capacity."""
    permohonan, bounce = _editable(request, pk)
    if bounce:
        return bounce
    if permohonan.kecamatan_id is None:
        messages.info(request, _("Pilih kecamatan tempat layanan terlebih dahulu."))
        return redirect("ktp:biodata", pk=pk)
    layanan = (
        LayananKecamatan.objects.select_related("kecamatan")
        .filter(kecamatan_id=permohonan.kecamatan_id)
        .first()
    )
    if layanan is None:  # an office the admin has not (or no longer) set up takes no booking
        messages.warning(request, OFFICE_MISSING)
        return redirect("ktp:biodata", pk=pk)
    form = JadwalForm(
        request.POST or None,
        days=slot_days_offered(layanan=layanan, exclude=permohonan),
        initial={"appointment_date": permohonan.appointment_date and permohonan.appointment_date.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            permohonan_slot_book(permohonan=permohonan, date=form.cleaned_data["appointment_date"])
            return redirect("ktp:periksa", pk=pk)
        except ValidationError as exc:
            service_errors(form, exc)
    hold = settings.KTP_DRAFT_SLOT_HOLD_HOURS if permohonan.status == Status.DRAF else None
    return _step(request, "ktp/step_jadwal.html", permohonan, 4, form=form, layanan=layanan, hold_hours=hold)


@login_required
def periksa(request, pk):
    """Step 5: check every answer, change any, then submit."""
    permohonan, bounce = _editable(request, pk)
    if bounce:
        return bounce
    open_other = refusal = None
    if request.method == "POST":
        try:
            permohonan_submit(permohonan=permohonan, actor=request.user)
            return redirect("ktp:konfirmasi", pk=pk)
        except ValidationError as exc:
            permohonan.refresh_from_db(fields=["status"])
            if permohonan.status == Status.DIAJUKAN:  # the first click of a double click submitted it
                return redirect("ktp:konfirmasi", pk=pk)
            open_other, refusal = _open_other(exc, request.user), exc
    problems = permohonan_problems(permohonan=permohonan)
    if refusal is not None:
        messages.error(request, submission_refusal(refusal, problems))
    return _step(
        request,
        "ktp/step_periksa.html",
        permohonan,
        5,
        problems=_labelled(permohonan, problems),
        wrong_kind="jenis" in problems,  # the kind cannot be changed: this one is withdrawn, another started
        documents=permohonan.dokumen_set.all(),
        open_other=open_other,
    )


@login_required
def konfirmasi(request, pk):
    """Show the reference and what happens next."""
    permohonan = _own(request, pk)
    if permohonan.status == Status.DRAF:
        return redirect("ktp:periksa", pk=pk)
    if permohonan.status != Status.DIAJUKAN:  # back or a bookmark after it moved on: "terkirim" misleads
        return redirect("ktp:detail", pk=pk)
    layanan = LayananKecamatan.objects.filter(kecamatan_id=permohonan.kecamatan_id).first()
    desk = at_desk(permohonan, request.user)
    return render(
        request,
        "ktp/konfirmasi.html",
        {
            "permohonan": permohonan,
            "layanan": layanan,
            "receipt": receipt_now(application=permohonan, generate=permohonan_receipt_generate)
            if desk
            else permohonan_receipt(permohonan=permohonan),
            "at_desk": desk,
            "claim_pending": account_is_unclaimed(permohonan.applicant),
        },
    )


@login_required
def receipt_download(request, pk):
    """Send the applicant their receipt PDF, or say it is still being prepared."""
    permohonan = _own(request, pk)
    receipt = permohonan_receipt(permohonan=permohonan)
    return receipt_response(
        request, application=permohonan, receipt=receipt, back=reverse("ktp:detail", args=[pk])
    )


@login_required
def permohonan_list(request):
    """List the citizen's drafts and submitted applications."""
    return render(
        request,
        "ktp/permohonan_list.html",
        {"permohonan_list": permohonan_list_of_applicant(applicant=request.user)},
    )


@login_required
def permohonan_detail(request, pk):
    """Show one of the citizen's applications with its status timeline."""
    permohonan = _own(request, pk)
    access_record_by_filer(request=request, application=permohonan, action=AksesData.Action.LIHAT)
    return render(
        request,
        "ktp/permohonan_detail.html",
        {
            "permohonan": permohonan,
            "can_withdraw": permohonan.status in WITHDRAWABLE_STATUSES
            and permohonan.applicant_id == request.user.pk,
            "revision_labels": revision_labels(fields=permohonan.revision_fields, choices=revision_choices()),
            "receipt": permohonan_receipt(permohonan=permohonan),
        },
    )


@login_required
@require_POST
def permohonan_withdraw_view(request, pk):
    permohonan = _own(request, pk)
    if not request.POST.get("yakin"):  # one tap beside "Perbaiki permohonan" must not end it
        messages.error(request, _("Centang kotak konfirmasi untuk membatalkan permohonan."))
        return redirect("ktp:detail", pk=pk)
    try:
        applicant_withdraw(instance=permohonan, actor=request.user)
        messages.success(request, _("Permohonan dibatalkan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ktp:detail", pk=pk)


def _labelled(permohonan, problems):
    """Return (label, message, address) of each unfinished answer for the check-answers page."""
    labels = {f.name: f.verbose_name for f in PermohonanKTP._meta.fields}
    labels |= {f"dokumen_{d.value}": d.label for d in Dokumen}
    labels["nik_mismatch_confirmed"] = _("NIK")

    def where(field):
        if field.startswith("dokumen_"):
            return f"{reverse('ktp:dokumen', args=[permohonan.pk])}#id_{field.removeprefix('dokumen_')}"
        if field == "appointment_date" and permohonan.kecamatan_id:
            return question_address(reverse("ktp:jadwal", args=[permohonan.pk]), JadwalForm, field)
        # The page asks the NIK first, to prefill the rest; a day is chosen once a kecamatan is.
        biodata_url = reverse("ktp:biodata", args=[permohonan.pk])
        if not permohonan.nik:
            return question_address(biodata_url, NikForm, "nik")
        name = {"desa": "desa_kecamatan", "appointment_date": "kecamatan"}.get(field, field)
        return question_address(biodata_url, BiodataForm, name)

    return problems_listed(problems, labels=labels, where=where)


def _open_other(exc, user):
    """Return the applicant's own open application named in a refusal, to link to it."""
    for error in getattr(exc, "error_dict", {}).get("nik", []):
        other = (error.params or {}).get("open")
        if other is not None and other.applicant_id == user.pk:
            return other
    return None
