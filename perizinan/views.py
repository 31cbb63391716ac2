import copy
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.accounts.claims import account_is_unclaimed
from portal.accounts.roles import Role
from portal.audit.models import AksesData
from portal.audit.services import access_record_by_filer
from portal.documents.forms import documents_store
from portal.documents.responses import document_response, receipt_response
from portal.submissions import service_errors
from portal.verification.services import receipt_now
from portal.workflow import (
    applicant_editable,
    at_desk,
    problems_listed,
    question_address,
    revision_labels,
    submission_refusal,
)

from .biaya import permohonan_izin_fee, siup_optional
from .constants import WITHDRAWABLE_STATUSES, AturanBiaya, Dokumen, Jenis, Status
from .forms import (
    NEW_BUSINESS,
    AlamatForm,
    DokumenForm,
    IdentitasForm,
    JadwalForm,
    JenisForm,
    JenisIzinForm,
    LoketForm,
    PenanggungJawabForm,
    SkalaForm,
    UsahaPilihForm,
)
from .jadwal import kantor_active, signing_movable
from .loket import permohonan_izin_loket_create, permohonan_izin_loket_drafts
from .models import PermohonanIzin
from .receipts import izin_pdf, izin_pdf_ready_ids, permohonan_izin_receipt, permohonan_izin_receipt_generate
from .rules import renewal_refusal, renewal_window
from .selectors import (
    dasar_biaya_all,
    izin_of_owner,
    izin_renewable_of_owner,
    jenis_izin_active,
    kekayaan_micro_limit,
    kelas_siup_all,
    permohonan_izin_of_applicant,
    permohonan_izin_of_filer,
    usaha_of_owner,
)
from .services import (
    permohonan_izin_document_attach,
    permohonan_izin_draft_create,
    permohonan_izin_problems,
    permohonan_izin_submit,
    permohonan_izin_update,
    permohonan_izin_withdraw,
    revision_choices,
)

EDITABLE = (Status.DRAF, Status.PERLU_PERBAIKAN)
# (slug, form, page title); "skala" only for types whose fee depends on it.
STEPS = [
    ("identitas", IdentitasForm, gettext_lazy("Identitas usaha")),
    ("alamat", AlamatForm, gettext_lazy("Alamat tempat usaha")),
    ("penanggung-jawab", PenanggungJawabForm, gettext_lazy("Penanggung jawab")),
    ("skala", SkalaForm, gettext_lazy("Kekayaan dan tempat usaha")),
]


def _skala_title(permohonan):
    """Name the page after what it asks: a SIUP's net assets, or an HO's premises."""
    if permohonan.jenis_izin.fee_rule == AturanBiaya.SIUP_KELAS:
        return _("Kekayaan bersih")
    return _("Tempat usaha")


def _steps_for(permohonan):
    steps = [s for s in STEPS if s[0] != "skala" or permohonan.jenis_izin.fee_rule != AturanBiaya.GRATIS]
    signing = ["jadwal"] if kantor_active() else []
    return [s[0] for s in steps] + ["dokumen", *signing, "periksa"]


def index(request):
    """Explain the licences on offer: who needs them, documents, fees with their legal basis, time."""
    fee_rules = dasar_biaya_all()
    return render(
        request,
        "perizinan/index.html",
        {
            "rows": [
                {
                    "jenis": j,
                    "new": j.documents_for(Jenis.BARU),
                    "renewal": j.documents_for(Jenis.PERPANJANGAN),
                    "fee_rules": [r for r in fee_rules if r.jenis_izin_id == j.pk],
                    "by_bentuk": [
                        (rule.get_bentuk_display(), j.documents_for(Jenis.BARU, rule.bentuk))
                        for rule in j.dokumen_bentuk_set.all()
                    ],
                }
                for j in jenis_izin_active().prefetch_related("dokumen_bentuk_set")
            ],
            "today": timezone.localdate(),
            "kelas_list": kelas_siup_all(),
        },
    )


def _own(request, pk):
    return get_object_or_404(permohonan_izin_of_filer(user=request.user), pk=pk)


def _own_jenis(code):
    return get_object_or_404(jenis_izin_active(), code=code)


@login_required
def start(request):
    """Choose the licence; a licensing officer serves an owner present at the desk."""
    jenis_list = list(jenis_izin_active())
    if request.user.has_role(Role.PETUGAS_PERIZINAN):
        return loket(request, jenis_list)
    form = JenisIzinForm(request.POST or None, jenis_list=jenis_list)
    if request.method == "POST" and form.is_valid():
        return redirect("perizinan:jenis", code=form.cleaned_data["jenis_izin"])
    return render(request, "perizinan/start.html", {"form": form, "jenis_list": jenis_list})


def loket(request, jenis_list):
    """The front desk: find the owner by NIK or record them, then fill in a new application for them."""
    form = LoketForm(request.POST or None, jenis_list=jenis_list)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("jenis_izin")
        jenis_izin = next(j for j in jenis_list if j.code == code)
        try:
            permohonan = permohonan_izin_loket_create(officer=request.user, jenis_izin=jenis_izin, **data)
            return redirect("perizinan:step", pk=permohonan.pk, step="identitas")
        except ValidationError as exc:
            form.add_refusal(exc)
    drafts = permohonan_izin_loket_drafts(officer=request.user)
    return render(request, "perizinan/loket.html", {"form": form, "drafts": drafts})


@login_required
def jenis(request, code):
    """Choose new or renewal."""
    jenis_izin = _own_jenis(code)
    form = JenisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = "baru" if form.cleaned_data["jenis"] == Jenis.BARU else "perpanjangan"
        return redirect(f"perizinan:{target}", code=code)
    return render(request, "perizinan/jenis.html", {"form": form, "jenis_izin": jenis_izin})


@login_required
def baru(request, code):
    """A new licence: start from one of the owner's businesses or a new one."""
    jenis_izin = _own_jenis(code)
    usaha_list = list(usaha_of_owner(owner=request.user))
    form = UsahaPilihForm(request.POST or None, usaha_list=usaha_list, initial={"usaha": NEW_BUSINESS})
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["usaha"]
        usaha = None if choice == NEW_BUSINESS else next(u for u in usaha_list if str(u.pk) == choice)
        try:
            permohonan = permohonan_izin_draft_create(
                applicant=request.user, jenis_izin=jenis_izin, usaha=usaha
            )
            return redirect("perizinan:step", pk=permohonan.pk, step="identitas")
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(request, "perizinan/baru.html", {"form": form, "jenis_izin": jenis_izin})


@login_required
def perpanjangan(request, code):
    """A renewal: pick one of the owner's licences of this type; each says when its window opens."""
    jenis_izin = _own_jenis(code)
    today = timezone.localdate()
    rows = []
    for izin in izin_renewable_of_owner(owner=request.user).filter(jenis_izin=jenis_izin):
        refusal = renewal_refusal(
            berlaku_hingga=izin.berlaku_hingga,
            window_days=jenis_izin.renewal_window_days,
            grace_days=jenis_izin.renewal_grace_days,
            today=today,
        )
        rows.append({"izin": izin, "refusal": refusal})
    return render(request, "perizinan/perpanjangan.html", {"jenis_izin": jenis_izin, "rows": rows})


@login_required
def izin_renew(request, pk):
    """Start renewing one of the owner's licences; another owner's licence is a 404."""
    izin = get_object_or_404(izin_of_owner(owner=request.user), pk=pk)
    if request.method != "POST":
        return redirect("perizinan:perpanjangan", code=izin.jenis_izin.code)
    try:
        permohonan = permohonan_izin_draft_create(
            applicant=request.user, jenis_izin=izin.jenis_izin, jenis=Jenis.PERPANJANGAN, izin_lama=izin
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("perizinan:perpanjangan", code=izin.jenis_izin.code)
    messages.info(request, _("Data usaha sudah diisi dari izin lama. Ubah hanya yang berubah."))
    if izin.renewal_overdue(timezone.localdate()):
        messages.warning(
            request,
            _(
                "Batas daftar ulang izin ini, %(date)s, sudah lewat. Permohonan tetap dapat diajukan sampai "
                "masa tenggangnya berakhir; ajukan segera."
            )
            % {"date": formats.date_format(izin.renewal_due, "j F Y")},
        )
    return redirect("perizinan:periksa", pk=permohonan.pk)


def _editable_or_bounce(request, pk):
    permohonan = _own(request, pk)
    access_record_by_filer(request=request, application=permohonan, action=AksesData.Action.LIHAT)
    if permohonan.status not in EDITABLE:
        messages.info(request, _("Permohonan ini sudah diajukan dan tidak bisa diubah."))
        return None, redirect("perizinan:detail", pk=pk)
    return permohonan, None


def _neighbours(permohonan, step):
    steps = _steps_for(permohonan)
    index = steps.index(step)
    back = reverse("perizinan:list") if index == 0 else _step_url(permohonan, steps[index - 1])
    after = steps[index + 1]
    if permohonan.status == Status.PERLU_PERBAIKAN or permohonan.jenis == Jenis.PERPANJANGAN:
        after = "periksa"  # a correction or a renewal edits one page, then returns to check answers
    return back, _step_url(permohonan, after), index + 1, len(steps)


def _step_url(permohonan, step):
    if step in ("dokumen", "jadwal", "periksa"):
        return reverse(f"perizinan:{step}", args=[permohonan.pk])
    return reverse("perizinan:step", args=[permohonan.pk, step])


@login_required
def step(request, pk, step):
    """One topic of the business data, saved on the server as a draft."""
    forms_by_step = {slug: (form_class, title) for slug, form_class, title in STEPS}
    if step not in forms_by_step:
        raise Http404
    permohonan, bounce = _editable_or_bounce(request, pk)
    if bounce:
        return bounce
    if step not in _steps_for(permohonan):
        raise Http404
    form_class, title = forms_by_step[step]
    title = _skala_title(permohonan) if step == "skala" else title
    extra = {"jenis_izin": permohonan.jenis_izin, "kelas_list": kelas_siup_all()} if step == "skala" else {}
    # A copy: form validation writes into its instance, and the service must see what changed.
    form = form_class(
        request.POST or None, instance=copy.copy(permohonan), editable=applicant_editable(permohonan), **extra
    )
    back, after, number, total = _neighbours(permohonan, step)
    if request.method == "POST" and form.is_valid():
        try:
            permohonan_izin_update(permohonan=permohonan, data=form.usaha_data())
            return redirect(after)
        except ValidationError as exc:
            service_errors(form, exc)
    return render(
        request,
        "perizinan/step.html",
        {
            "permohonan": permohonan,
            "form": form,
            "title": title,
            "back": back,
            "number": number,
            "total": total,
        },
    )


@login_required
def dokumen(request, pk):
    """Upload the documents the licence type requires."""
    permohonan, bounce = _editable_or_bounce(request, pk)
    if bounce:
        return bounce
    form = DokumenForm(
        request.POST or None,
        request.FILES or None,
        permohonan=permohonan,
        editable=applicant_editable(permohonan),
    )
    back, after, number, total = _neighbours(permohonan, "dokumen")
    attach = functools.partial(permohonan_izin_document_attach, permohonan=permohonan)
    if request.method == "POST" and documents_store(request, form, attach):
        return redirect(after)
    return render(
        request,
        "perizinan/step.html",
        {
            "permohonan": permohonan,
            "form": form,
            "title": _("Dokumen"),
            "back": back,
            "number": number,
            "total": total,
            "multipart": True,
        },
    )


@login_required
def periksa(request, pk):
    """Check every answer, the SIUP class and the fee; change any; then submit."""
    permohonan, bounce = _editable_or_bounce(request, pk)
    if bounce:
        return bounce
    refusal = None
    if request.method == "POST":
        try:
            permohonan_izin_submit(permohonan=permohonan, actor=request.user)
            return redirect("perizinan:konfirmasi", pk=pk)
        except ValidationError as exc:
            permohonan.refresh_from_db(fields=["status"])
            if permohonan.status == Status.DIAJUKAN:  # the first click of a double click submitted it
                return redirect("perizinan:konfirmasi", pk=pk)
            refusal = exc
    problems = permohonan_izin_problems(permohonan=permohonan)
    if refusal is not None:
        messages.error(request, submission_refusal(refusal, problems))
    steps = _steps_for(permohonan)
    return render(
        request,
        "perizinan/periksa.html",
        {
            "permohonan": permohonan,
            "steps": steps,
            "back": _step_url(permohonan, steps[-2]),
            "number": len(steps),
            "total": len(steps),
            "problems": _labelled(permohonan, problems),
            "fee": permohonan_izin_fee(permohonan=permohonan),
            "siup_optional": siup_optional(permohonan=permohonan),
            "micro_limit": kekayaan_micro_limit(),
            "documents": permohonan.dokumen_set.all(),
            "skala_title": _skala_title(permohonan),
        },
    )


@login_required
def konfirmasi(request, pk):
    """Show the reference and what happens next."""
    permohonan = _own(request, pk)
    if permohonan.status == Status.DRAF:
        return redirect("perizinan:periksa", pk=pk)
    if permohonan.status != Status.DIAJUKAN:  # back or a bookmark after it moved on: "terkirim" misleads
        return redirect("perizinan:detail", pk=pk)
    desk = at_desk(permohonan, request.user)
    return render(
        request,
        "perizinan/konfirmasi.html",
        {
            "permohonan": permohonan,
            "receipt": receipt_now(application=permohonan, generate=permohonan_izin_receipt_generate)
            if desk
            else permohonan_izin_receipt(permohonan=permohonan),
            "at_desk": desk,
            "claim_pending": account_is_unclaimed(permohonan.applicant),
        },
    )


@login_required
def permohonan_list(request):
    """List the owner's applications and licences, with renewal links when a window is open."""
    today = timezone.localdate()
    izin_rows = []
    izin_list = list(izin_of_owner(owner=request.user))
    ready = izin_pdf_ready_ids(izin_list=izin_list)
    for izin in izin_list:
        opens = closes = None
        if izin.berlaku_hingga:
            opens, closes = renewal_window(
                berlaku_hingga=izin.berlaku_hingga,
                window_days=izin.jenis_izin.renewal_window_days,
                grace_days=izin.jenis_izin.renewal_grace_days,
            )
        renewable = izin.status in ("aktif", "kedaluwarsa") and opens is not None and opens <= today <= closes
        late = izin.renewal_overdue(today)
        izin_rows.append(
            {"izin": izin, "renewable": renewable, "opens": opens, "late": late, "pdf": izin.pk in ready}
        )
    return render(
        request,
        "perizinan/permohonan_list.html",
        {"permohonan_list": permohonan_izin_of_applicant(applicant=request.user), "izin_rows": izin_rows},
    )


@login_required
def permohonan_detail(request, pk):
    """Show one application: status, appointment, fee, history, receipt and licence."""
    permohonan = _own(request, pk)
    access_record_by_filer(request=request, application=permohonan, action=AksesData.Action.LIHAT)
    izin = getattr(permohonan, "izin", None) if permohonan.status == Status.DITERBITKAN else None
    return render(
        request,
        "perizinan/permohonan_detail.html",
        {
            "permohonan": permohonan,
            "can_withdraw": permohonan.status in WITHDRAWABLE_STATUSES
            and permohonan.applicant_id == request.user.pk,
            "revision_labels": revision_labels(fields=permohonan.revision_fields, choices=revision_choices()),
            "receipt": permohonan_izin_receipt(permohonan=permohonan),
            "izin": izin,
            "izin_pdf": izin_pdf(izin=izin) if izin else None,
            "signing_movable": signing_movable(permohonan=permohonan),
            # A rejected or withdrawn application keeps its booked day, but nobody is expected then.
            "appointment_void": permohonan.status in (Status.DITOLAK, Status.DIBATALKAN),
        },
    )


@login_required
@require_POST
def permohonan_withdraw_view(request, pk):
    permohonan = _own(request, pk)
    if not request.POST.get("yakin"):  # one tap beside "Perbaiki permohonan" must not end it
        messages.error(request, _("Centang kotak konfirmasi untuk membatalkan permohonan."))
        return redirect("perizinan:detail", pk=pk)
    try:
        permohonan_izin_withdraw(permohonan=permohonan, actor=request.user)
        messages.success(request, _("Permohonan dibatalkan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("perizinan:detail", pk=pk)


@login_required
def receipt_download(request, pk):
    permohonan = _own(request, pk)
    receipt = permohonan_izin_receipt(permohonan=permohonan)
    return receipt_response(
        request, application=permohonan, receipt=receipt, back=reverse("perizinan:detail", args=[pk])
    )


@login_required
def izin_download(request, pk):
    """Send the owner their licence PDF; another owner's licence is a 404."""
    izin = get_object_or_404(izin_of_owner(owner=request.user), pk=pk)
    document = izin_pdf(izin=izin)
    if document is None:
        messages.info(request, _("PDF izin sedang disiapkan. Coba lagi sebentar lagi."))
        return redirect("perizinan:list")
    name = izin.nomor.replace("/", "-")
    return document_response(file_field=document.file, download_name=f"izin-{name}.pdf", as_attachment=True)


def _labelled(permohonan, problems):
    """Return (label, message, address) of each unfinished answer for the check-answers page."""
    labels = {f.name: f.verbose_name for f in PermohonanIzin._meta.fields}
    labels |= {f"dokumen_{d.value}": d.label for d in Dokumen}

    def where(field):
        if field.startswith("dokumen_"):
            return f"{reverse('perizinan:dokumen', args=[permohonan.pk])}#id_{field.removeprefix('dokumen_')}"
        if field == "appointment_at":
            return question_address(reverse("perizinan:jadwal", args=[permohonan.pk]), JadwalForm, "day")
        name = "desa_kecamatan" if field == "desa" else field
        for slug, form_class, _title in STEPS:
            url = reverse("perizinan:step", args=[permohonan.pk, slug])
            if address := question_address(url, form_class, name):
                return address
        return None

    return problems_listed(problems, labels=labels, where=where)
