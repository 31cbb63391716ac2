import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.documents.services import application_document_replace
from portal.money import rupiah
from portal.queue import enqueue_on_commit
from portal.sequences import sequence_next
from portal.workflow import (
    TransitionError,
    applicant_edit_check,
    applicant_withdraw,
    at_desk,
    rejection_check,
    revision_labels,
    revision_request_check,
    revision_uploads_missing,
    submission_stamp,
    workflow_submit,
    workflow_transition,
)

from .biaya import fee_text, permohonan_izin_fee, permohonan_izin_survey_update
from .constants import AturanBiaya, Dokumen, Jenis, Status, StatusIzin
from .jadwal import (
    kantor_hours,
    kantor_locked,
    signing_booked_confirmable,
    signing_day_refusal,
    signing_submit_problem,
)
from .models import DokumenPermohonanIzin, Izin, PermohonanIzin, Usaha
from .rules import months_add, renewal_refusal
from .selectors import (
    izin_active_for,
    izin_past_date,
    permohonan_izin_open_for,
    permohonan_izin_open_renewal,
    permohonan_izin_renewal_draft,
    permohonan_izin_untouched_draft,
)

USAHA_FIELDS = [
    "nama_usaha",
    "bentuk",
    "npwp",
    "nib",
    "kbli",
    "alamat_usaha",
    "desa",
    "penanggung_jawab",
    "penanggung_jawab_nik",
    "kekayaan_bersih",
    "luas_ruang",
    "indeks_lokasi",
]
# Set by the officer at verification (after a survey) and kept on the business; never by the owner.
OFFICER_FIELDS = ["indeks_gangguan"]
REQUIRED_FIELDS = [
    "nama_usaha",
    "bentuk",
    "npwp",
    "alamat_usaha",
    "desa",
    "penanggung_jawab",
    "penanggung_jawab_nik",
]
HO_FIELDS = ["luas_ruang", "indeks_lokasi"]
# Asked only of the licence types whose fee depends on them (see required_fields).
SCALE_FIELDS = ["kekayaan_bersih", *HO_FIELDS]


def revision_choices(*, permohonan=None) -> list:
    """
    Return (name, label) of every field and document an officer may ask to be corrected, or of
    `permohonan`'s own: the owner can correct only what its form asks and its documents. Documents
    are named dokumen_<kind>: the NPWP field and the NPWP document must not share one value.
    """
    fields, kinds = USAHA_FIELDS, list(Dokumen)
    if permohonan is not None:
        asked = required_fields(jenis_izin=permohonan.jenis_izin)
        fields = [f for f in USAHA_FIELDS if f in asked or f not in SCALE_FIELDS]
        kinds = permohonan.jenis_izin.documents_for(permohonan.jenis, permohonan.bentuk)
    labels = [(f, PermohonanIzin._meta.get_field(f).verbose_name) for f in fields]
    return labels + [(f"dokumen_{d.value}", d.label) for d in kinds]


def revision_asked(*, permohonan) -> list:
    """Return the labels of the fields and documents an officer asked the owner to correct."""
    return revision_labels(fields=permohonan.revision_fields, choices=revision_choices(permohonan=permohonan))


def document_revisable(*, kind, revision_fields) -> bool:
    """Return whether a revision request names the document `kind` (older requests name it bare)."""
    return f"dokumen_{kind}" in revision_fields or (kind in revision_fields and kind not in USAHA_FIELDS)


def required_fields(*, jenis_izin) -> list:
    """Return the business fields an application of `jenis_izin` must fill."""
    fields = list(REQUIRED_FIELDS)
    if jenis_izin.fee_rule == AturanBiaya.SIUP_KELAS:
        fields.append("kekayaan_bersih")
    if jenis_izin.fee_rule == AturanBiaya.HO_RETRIBUSI:
        fields += HO_FIELDS
    return fields


def notify_after_commit(permohonan, *, desk_receipt=False):
    """Queue the owner's email about the application's current status, or a desk filing's receipt."""
    from .tasks import permohonan_izin_loket_receipt_task, permohonan_izin_notify_task

    if desk_receipt:
        # Filed at the desk: the emailed receipt says all a status email would.
        enqueue_on_commit(permohonan_izin_loket_receipt_task, permohonan.pk)
        return
    enqueue_on_commit(permohonan_izin_notify_task, permohonan.pk, permohonan.status)


def izin_renewal_check(*, izin, owner, on=None):
    """Raise ValidationError unless `owner` may renew `izin` on `on` (today): theirs and inside its window."""
    if izin.usaha.owner_id != owner.pk:
        raise ValidationError(_("Izin ini bukan milik akun Anda."))
    if izin.status not in (StatusIzin.AKTIF, StatusIzin.KEDALUWARSA):
        raise ValidationError(
            _("Izin ini berstatus %(status)s dan tidak bisa diperpanjang.")
            % {"status": izin.get_status_display()}
        )
    refusal = renewal_refusal(
        berlaku_hingga=izin.berlaku_hingga,
        window_days=izin.jenis_izin.renewal_window_days,
        grace_days=izin.jenis_izin.renewal_grace_days,
        today=on or timezone.localdate(),
    )
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def permohonan_izin_draft_create(
    *, applicant, jenis_izin, jenis=Jenis.BARU, izin_lama=None, usaha=None, assisted_by=None
):
    """
    Start a draft in the owner's account; a renewal or a chosen business prefills the business data.
    `assisted_by` is the front-desk officer filling it in for an owner present. An untouched draft of
    the same licence, kind, business and helper, or a draft renewing the same licence, is returned
    instead, so a double click starts one.
    """
    if not jenis_izin.active:
        raise ValidationError(_("Jenis izin ini tidak dilayani lagi."))
    if jenis == Jenis.BARU:
        draft = permohonan_izin_untouched_draft(applicant=applicant, jenis_izin=jenis_izin, usaha=usaha)
    else:  # a renewal already started is continued, so a second click makes no second draft
        draft = permohonan_izin_renewal_draft(applicant=applicant, izin=izin_lama)
    if draft is not None and draft.assisted_by_id == (assisted_by.pk if assisted_by else None):
        return draft
    permohonan = PermohonanIzin(
        applicant=applicant, jenis_izin=jenis_izin, jenis=Jenis(jenis), assisted_by=assisted_by
    )
    if jenis == Jenis.PERPANJANGAN:
        if izin_lama is None or izin_lama.jenis_izin_id != jenis_izin.pk:
            raise ValidationError(
                _("Pilih izin %(code)s yang akan diperpanjang.") % {"code": jenis_izin.code}
            )
        izin_renewal_check(izin=izin_lama, owner=applicant)
        if other := permohonan_izin_open_renewal(izin=izin_lama):
            raise ValidationError(
                _("Izin ini sudah punya permohonan perpanjangan yang berjalan: %(ref)s.")
                % {"ref": other.reference}
            )
        permohonan.izin_lama, usaha = izin_lama, izin_lama.usaha
    if usaha is not None:
        if usaha.owner_id != applicant.pk:
            raise ValidationError(_("Usaha ini bukan milik akun Anda."))
        permohonan.usaha = usaha
        for field in USAHA_FIELDS:
            setattr(permohonan, field, getattr(usaha, field))
    permohonan.full_clean()
    permohonan.save()
    return permohonan


@transaction.atomic
def permohonan_izin_update(*, permohonan, data: dict) -> PermohonanIzin:
    """Save business data; only a draft, or the fields named in a revision request, may change."""
    changed = [f for f in USAHA_FIELDS if f in data and data[f] != getattr(permohonan, f)]
    applicant_edit_check(permohonan, changed)
    for field in changed:
        setattr(permohonan, field, data[field])
    permohonan.full_clean()
    permohonan.save()
    return permohonan


@transaction.atomic
def permohonan_izin_document_attach(*, permohonan, kind, uploaded_file) -> DokumenPermohonanIzin:
    """Check an upload by content and size, and store it as the application's `kind` document."""
    if permohonan.status != Status.PERLU_PERBAIKAN or not document_revisable(
        kind=kind, revision_fields=permohonan.revision_fields
    ):
        applicant_edit_check(permohonan, [f"dokumen_{kind}"])
    return application_document_replace(application=permohonan, kind=kind, uploaded_file=uploaded_file)


def permohonan_izin_problems(*, permohonan) -> dict:
    """Return {field: message} of what still blocks submitting the application."""
    problems = {}
    for field in required_fields(jenis_izin=permohonan.jenis_izin):
        if getattr(permohonan, field) in (None, ""):
            problems[field] = _("Wajib diisi.")
    have = set(permohonan.dokumen_set.values_list("kind", flat=True))
    for kind in permohonan.jenis_izin.documents_for(permohonan.jenis, permohonan.bentuk):
        if kind not in have:
            problems[f"dokumen_{kind}"] = _("Unggah dokumen ini.")
    asked = [
        kind for kind in have if document_revisable(kind=kind, revision_fields=permohonan.revision_fields)
    ]
    for kind in revision_uploads_missing(instance=permohonan, kinds=sorted(asked)):
        problems[f"dokumen_{kind}"] = _("Unggah ulang dokumen ini: petugas meminta perbaikannya.")
    if signing := signing_submit_problem(permohonan=permohonan):
        problems["appointment_at"] = signing
    if permohonan.jenis == Jenis.PERPANJANGAN and permohonan.izin_lama_id:
        # A renewal sent in time stays in time while the owner corrects it: its window is read on the
        # day it was first sent.
        sent = permohonan.submitted_at and timezone.localdate(permohonan.submitted_at)
        try:
            izin_renewal_check(izin=permohonan.izin_lama, owner=permohonan.applicant, on=sent)
        except ValidationError as exc:
            problems["izin_lama"] = " ".join(exc.messages)
    elif permohonan.usaha_id and (
        active := izin_active_for(usaha=permohonan.usaha, jenis_izin=permohonan.jenis_izin)
    ):
        problems["usaha"] = _(
            "Usaha ini sudah punya %(code)s aktif nomor %(nomor)s; ajukan perpanjangan."
        ) % {
            "code": permohonan.jenis_izin.code,
            "nomor": active.nomor,
        }
    if (
        "usaha" not in problems
        and permohonan.status == Status.DRAF
        and permohonan.usaha_id
        # Only one can be issued, a new licence or a renewal: a second, paid for and signed, could
        # then be neither issued nor closed.
        and (
            other := permohonan_izin_open_for(
                usaha=permohonan.usaha, jenis_izin=permohonan.jenis_izin, exclude=permohonan
            )
        )
    ):
        problems["usaha"] = _(
            "Usaha ini sudah punya permohonan %(code)s yang masih berjalan, nomor %(ref)s; batalkan draf ini."
        ) % {"code": permohonan.jenis_izin.code, "ref": other.reference}
    return problems


@transaction.atomic
def permohonan_izin_submit(*, permohonan, actor) -> PermohonanIzin:
    """Submit a complete draft (or a revised one): fee and class recorded, reference, SLA, history, email."""
    if permohonan.status not in (Status.DRAF, Status.PERLU_PERBAIKAN):
        raise TransitionError(_("Permohonan ini sudah diajukan."))
    if permohonan.status == Status.DRAF:
        kantor_locked()  # a draft holds no place: submissions for the same last place count one at a time
    if problems := permohonan_izin_problems(permohonan=permohonan):
        raise ValidationError(problems)
    with translation.override(settings.LANGUAGE_CODE):  # stored, and printed on the receipt
        fee = permohonan_izin_fee(permohonan=permohonan)
    update = {
        "kelas_siup": fee["kelas"],
        "biaya": fee["amount"],
        "biaya_rincian": fee["explanation"][:300],
        "biaya_dasar_hukum": fee["basis"][:300],
    }
    first_at_desk = permohonan.status == Status.DRAF and at_desk(permohonan, actor)
    corrected = permohonan.status == Status.PERLU_PERBAIKAN  # the receipt prints what was corrected
    if permohonan.status == Status.DRAF:
        days = permohonan.jenis_izin.sla_days_for(permohonan.jenis)
        update |= submission_stamp(prefix="IZN", sequence="izin_ref", days=days)
    refusal = {"izin_lama": _("Izin ini sudah punya permohonan perpanjangan yang berjalan.")}
    permohonan = workflow_submit(instance=permohonan, actor=actor, update=update, refusal=refusal)
    from .tasks import permohonan_izin_receipt_task

    enqueue_on_commit(permohonan_izin_receipt_task, permohonan.pk, corrected)
    notify_after_commit(permohonan, desk_receipt=first_at_desk)
    return permohonan


def _officer_transition(permohonan, to, actor, expected_from, note="", update=None):
    with transaction.atomic():
        permohonan = workflow_transition(
            instance=permohonan, to=to, actor=actor, note=note, expected_from=expected_from, update=update
        )
        notify_after_commit(permohonan)
    return permohonan


@transaction.atomic
def permohonan_izin_verify(
    *, permohonan, actor, expected_from=None, confirm_booking=True, indeks_gangguan=None, note=""
):
    """
    Mark documents and data checked; only a submitted application can be verified. For an HO levy
    the officer sets the nuisance index from the survey, with a note, and so the final amount. A
    signing day the owner booked that is still ahead is then confirmed at once (scheduled), and the
    owner gets that one email with the amount; otherwise the officer sets the day.
    """
    update, survey = permohonan_izin_survey_update(
        permohonan=permohonan, indeks_gangguan=indeks_gangguan, note=note
    )
    ahead = signing_booked_confirmable(permohonan=permohonan)
    permohonan = workflow_transition(
        instance=permohonan,
        to=Status.DIVERIFIKASI,
        actor=actor,
        expected_from=expected_from or Status.DIAJUKAN,
        note=survey,
        update=update,
    )
    if not (confirm_booking and ahead):
        notify_after_commit(permohonan)
        return permohonan
    when = timezone.localtime(permohonan.appointment_at)
    with translation.override(settings.LANGUAGE_CODE):  # stored, and read in the owner's email
        note = _("Jadwal tanda tangan yang dipilih pemohon: %(when)s di %(place)s. Biaya: %(fee)s.") % {
            "when": when.strftime("%d-%m-%Y"),
            "place": permohonan.appointment_place,
            "fee": fee_text(permohonan.biaya),
        }
    return _officer_transition(
        permohonan,
        Status.DIJADWALKAN,
        actor,
        Status.DIVERIFIKASI,
        update={"appointment_note": permohonan.appointment_note or permohonan.jenis_izin.what_to_bring},
        note=note,
    )


def permohonan_izin_revision_request(*, permohonan, actor, note, fields, expected_from=None):
    """Send the application back to the owner to correct the named fields and documents."""
    revision_request_check(note=note, fields=fields, choices=revision_choices(permohonan=permohonan))
    return _officer_transition(
        permohonan,
        Status.PERLU_PERBAIKAN,
        actor,
        expected_from,
        note=note,
        update={"revision_fields": list(fields)},
    )


def permohonan_izin_withdraw(*, permohonan, actor):
    """Withdraw the owner's application; once verified, say so instead of naming two statuses."""
    refusal = _(
        "Permohonan ini sudah diverifikasi petugas dan tidak bisa dibatalkan lagi di sini. "
        "Hubungi kantor DPMPTSP bila Anda ingin membatalkannya."
    )
    return applicant_withdraw(instance=permohonan, actor=actor, refusal=refusal)


@transaction.atomic
def permohonan_izin_schedule(*, permohonan, actor, appointment_at, place="", note="", expected_from=None):
    """Set (or move) the wet-signature appointment: when, where and what to bring."""
    if appointment_at is None or appointment_at <= timezone.now():
        raise TransitionError(_("Jadwal tanda tangan harus di masa depan."))
    if kantor := kantor_locked():
        local = timezone.localtime(appointment_at)
        # Today too, at a later hour: the officer sets it with the owner at the desk or on the phone.
        refusal = signing_day_refusal(
            kantor=kantor, day=local.date(), permohonan=permohonan, today_allowed=True
        )
        if refusal is None and not kantor.opens_at <= local.time() <= kantor.closes_at:
            refusal = _("Jam tanda tangan harus di antara %(hours)s.") % {"hours": kantor_hours(kantor)}
        if refusal:
            raise TransitionError(refusal)
    place = place.strip() or permohonan.jenis_izin.signing_place
    bring = note.strip() or permohonan.jenis_izin.what_to_bring
    when = timezone.localtime(appointment_at).strftime("%d-%m-%Y %H:%M")
    with translation.override(settings.LANGUAGE_CODE):  # stored, and read in the owner's email
        text = _("Jadwal tanda tangan %(when)s di %(place)s. Biaya: %(fee)s.") % {
            "when": when,
            "place": place,
            "fee": fee_text(permohonan.biaya),
        }
    return _officer_transition(
        permohonan,
        Status.DIJADWALKAN,
        actor,
        expected_from,
        note=text,
        update={"appointment_at": appointment_at, "appointment_place": place, "appointment_note": bring},
    )


def permohonan_izin_sign(*, permohonan, actor, paid_amount, payment_receipt="", expected_from=None):
    """Record the wet signature and the payment made at the office; the amount must be the fee."""
    due = permohonan.biaya or 0
    if paid_amount is None or paid_amount != due:
        raise TransitionError(_("Jumlah pembayaran harus sama dengan biaya: %(fee)s.") % {"fee": rupiah(due)})
    if due and not payment_receipt.strip():
        raise TransitionError(_("Isi nomor kuitansi/STS pembayaran."))
    with translation.override(settings.LANGUAGE_CODE):  # stored, and read in the owner's email
        note = _("Tanda tangan dan pembayaran %(fee)s dicatat.") % {"fee": rupiah(paid_amount)}
    return _officer_transition(
        permohonan,
        Status.DITANDATANGANI,
        actor,
        expected_from,
        note=note,
        update={
            "paid_amount": paid_amount,
            "payment_receipt": payment_receipt.strip(),
            "signed_at": timezone.now(),
        },
    )


def _usaha_save(permohonan) -> Usaha:
    """Create the business of a new one, or update the existing record from the application."""
    usaha = permohonan.usaha or Usaha(owner=permohonan.applicant)
    for field in USAHA_FIELDS + OFFICER_FIELDS:
        setattr(usaha, field, getattr(permohonan, field))
    usaha.full_clean()
    usaha.save()
    return usaha


def izin_number_next(*, jenis_izin, year) -> str:
    """Return the next licence number of the type's pattern; its sequence is per type and year."""
    seq = sequence_next(f"izin_{jenis_izin.code.lower()}_{year}")
    return jenis_izin.number_pattern.format(seq=seq, year=year)


def izin_term(*, jenis_izin, issued: datetime.date, izin_lama=None) -> tuple:
    """
    Return (berlaku_mulai, berlaku_hingga) of a licence issued on `issued`. A renewal issued before
    the old licence ends continues from its end date, so no day of the old term is lost.
    """
    start = issued
    if izin_lama is not None and izin_lama.berlaku_hingga and issued <= izin_lama.berlaku_hingga:
        start = izin_lama.berlaku_hingga
    months = jenis_izin.validity_months
    return start, months_add(start, months) if months else None


@transaction.atomic
def permohonan_izin_issue(*, permohonan, actor, expected_from=None, tanggal_terbit=None):
    """Issue the licence: number from the sequence in this transaction, business saved, old one replaced."""
    issued = tanggal_terbit or timezone.localdate()
    permohonan = _officer_transition(permohonan, Status.DITERBITKAN, actor, expected_from)
    usaha = _usaha_save(permohonan)
    if permohonan.izin_lama_id:
        Izin.objects.filter(pk=permohonan.izin_lama_id).update(status=StatusIzin.DIPERBARUI)
    elif izin_active_for(usaha=usaha, jenis_izin=permohonan.jenis_izin):
        raise TransitionError(_("Usaha ini sudah punya izin jenis ini yang aktif; ajukan perpanjangan."))
    jenis_izin, izin_lama = permohonan.jenis_izin, permohonan.izin_lama
    berlaku_mulai, berlaku_hingga = izin_term(jenis_izin=jenis_izin, issued=issued, izin_lama=izin_lama)
    keep = izin_lama is not None and jenis_izin.renewal_keeps_number
    izin = Izin(
        nomor=izin_lama.nomor if keep else izin_number_next(jenis_izin=jenis_izin, year=issued.year),
        jenis_izin=jenis_izin,
        usaha=usaha,
        permohonan=permohonan,
        kelas_siup=permohonan.kelas_siup,
        tanggal_terbit=issued,
        berlaku_mulai=berlaku_mulai,
        berlaku_hingga=berlaku_hingga,
    )
    izin.full_clean()
    izin.save()
    PermohonanIzin.objects.filter(pk=permohonan.pk).update(usaha=usaha)
    permohonan.usaha = usaha
    from .tasks import izin_pdf_task

    enqueue_on_commit(izin_pdf_task, izin.pk)
    return permohonan


def permohonan_izin_reject(*, permohonan, actor, note, expected_from=None):
    """Refuse the application with a reason the owner will read."""
    rejection_check(note=note)
    return _officer_transition(permohonan, Status.DITOLAK, actor, expected_from, note=note)


def izin_expire() -> int:
    """Mark active licences past their date as expired; return how many."""
    return izin_past_date().update(status=StatusIzin.KEDALUWARSA)
