import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.crypto import personal_digest
from portal.documents.services import application_document_replace
from portal.holidays.selectors import is_working_date, working_days_after
from portal.nik import nik_structure_errors
from portal.queue import enqueue_on_commit
from portal.workflow import (
    TransitionError,
    applicant_edit_check,
    at_desk,
    rejection_check,
    revision_request_check,
    revision_uploads_missing,
    submission_stamp,
    workflow_submit,
    workflow_transition,
)

from .constants import (
    CLOSED_STATUSES,
    IDENTITY_CHECKED_STATUSES,
    Dokumen,
    Jenis,
    Kewarganegaraan,
    Status,
    StatusKTP,
)
from .models import KTP, DokumenPermohonan, LayananKecamatan, Penduduk, PermohonanKTP, SLAKecamatan
from .rules import is_eligible_for_baru, nik_mismatch_warnings, required_documents
from .selectors import (
    ktp_active_exists,
    penduduk_for_prefill,
    permohonan_open_for_nik,
    permohonan_untouched_draft,
    slot_bookings_count,
)

BIODATA_FIELDS = [
    "nik",
    "no_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "golongan_darah",
    "agama",
    "status_perkawinan",
    "pekerjaan",
    "kewarganegaraan",
    "kebangsaan",
    "alamat",
    "rt",
    "rw",
    "desa",
]
REQUIRED_BIODATA = [f for f in BIODATA_FIELDS if f not in ("kebangsaan", "golongan_darah")]
# An application's biodata: a resident's, and the end of the KITAP a foreign resident's card runs to.
APPLICATION_BIODATA = [*BIODATA_FIELDS, "kitap_berlaku_hingga"]
OFFICE_MISSING = gettext_lazy(
    "Kantor kecamatan ini belum membuka jadwal layanan daring. Pilih kecamatan layanan lain, atau "
    "tanyakan langsung ke kantor kecamatan."
)


def revision_choices(permohonan=None) -> list:
    """
    Return (name, label) of every field and document an officer may ask to be corrected; of
    `permohonan`, only the documents it needs, the ones its documents step lets the citizen upload.
    """
    # A citizen's application has no nationality or KITAP to correct: its form does not ask for them.
    wna_only = () if permohonan is None or permohonan.is_wna else ("kebangsaan", "kitap_berlaku_hingga")
    names = [f for f in APPLICATION_BIODATA if f not in wna_only]
    fields = [(f, PermohonanKTP._meta.get_field(f).verbose_name) for f in names]
    kinds = required_documents(jenis=permohonan.jenis, is_wna=permohonan.is_wna) if permohonan else Dokumen
    return fields + [(d.value, d.label) for d in kinds]


def permohonan_draft_create(*, applicant, jenis) -> PermohonanKTP:
    """
    Start a draft application of `jenis` in the applicant's own account (the desk uses loket.py).
    An untouched draft of the same kind is returned instead, so a double click starts one.
    """
    if draft := permohonan_untouched_draft(applicant=applicant, jenis=jenis):
        return draft
    permohonan = PermohonanKTP(applicant=applicant, jenis=Jenis(jenis))
    permohonan.full_clean(exclude=["nik"])
    permohonan.save()
    return permohonan


@transaction.atomic
def permohonan_biodata_update(*, permohonan, data: dict) -> PermohonanKTP:
    """Save the biodata step; only a draft, or the fields named in a revision request, may change."""
    changed = [
        f
        for f in APPLICATION_BIODATA + ["kecamatan", "nik_mismatch_confirmed"]
        if f in data and data[f] != getattr(permohonan, f)
    ]
    # The NIK mismatch confirmation goes with the birth date and sex it confirms, so the form offers
    # it in a revision too: a corrected date may make it untrue, and the citizen unticks it.
    applicant_edit_check(permohonan, [f for f in changed if f != "nik_mismatch_confirmed"])
    for field in changed:
        setattr(permohonan, field, data[field])
    if "kecamatan" in changed:  # a day booked at the other office holds no place at this one
        permohonan.appointment_date = None
    if permohonan.nik and (errors := nik_structure_errors(permohonan.nik)):
        raise ValidationError({"nik": errors})
    today = timezone.localdate()
    if permohonan.tanggal_lahir and permohonan.tanggal_lahir > today:
        raise ValidationError({"tanggal_lahir": _("Tanggal lahir tidak boleh sesudah hari ini.")})
    if permohonan.tanggal_lahir and permohonan.tanggal_lahir.year < 1900:  # a slip of the year's digits
        raise ValidationError(
            {"tanggal_lahir": _("Tahun lahir sebelum 1900 tidak mungkin. Periksa tahunnya.")}
        )
    # A foreign resident's card runs to the KITAP's end: a KITAP already ended gives no card.
    kitap_end = permohonan.kitap_berlaku_hingga
    if "kitap_berlaku_hingga" in changed and kitap_end and kitap_end < today:
        raise ValidationError(
            {
                "kitap_berlaku_hingga": _(
                    "KITAP ini sudah berakhir. Isi tanggal akhir KITAP yang masih berlaku."
                )
            }
        )
    permohonan.full_clean(exclude=["nik"] if not permohonan.nik else None)
    permohonan.save()
    return permohonan


@transaction.atomic
def permohonan_identity_set(*, permohonan, nik, no_kk) -> PermohonanKTP:
    """Set NIK and KK number; prefill the biodata when both match a resident's record."""
    permohonan = permohonan_biodata_update(permohonan=permohonan, data={"nik": nik, "no_kk": no_kk})
    penduduk = penduduk_for_prefill(nik=nik, no_kk=no_kk)
    if penduduk is not None and not permohonan.nama:
        data = {f: getattr(penduduk, f) for f in BIODATA_FIELDS}
        data["kecamatan"] = penduduk.desa.kecamatan if penduduk.desa else None
        permohonan = permohonan_biodata_update(permohonan=permohonan, data=data)
    return permohonan


@transaction.atomic
def permohonan_document_attach(*, permohonan, kind, uploaded_file) -> DokumenPermohonan:
    """Check an upload by content and size, and store it as the application's `kind` document."""
    applicant_edit_check(permohonan, [kind])
    return application_document_replace(application=permohonan, kind=kind, uploaded_file=uploaded_file)


@transaction.atomic
def permohonan_slot_book(*, permohonan, date: datetime.date) -> PermohonanKTP:
    """
    Book `date` at the application's kecamatan office, never beyond the day's capacity. The citizen
    may also move the day while correcting an application sent back: the booked day may pass in the
    meantime, and the day is not among what an officer checks. Officers reschedule verified ones.
    """
    if permohonan.status not in (Status.DIVERIFIKASI, Status.PERLU_PERBAIKAN):
        applicant_edit_check(permohonan, ["appointment_date"])
    if permohonan.kecamatan_id is None:
        raise ValidationError(_("Pilih kecamatan layanan terlebih dahulu."))
    # The lock on the office row serialises concurrent bookings of the same kecamatan.
    layanan = (
        LayananKecamatan.objects.select_for_update().filter(kecamatan_id=permohonan.kecamatan_id).first()
    )
    if layanan is None:
        raise ValidationError({"appointment_date": OFFICE_MISSING})
    if date not in slot_days_offered(layanan=layanan, exclude=permohonan):
        raise ValidationError(
            {"appointment_date": _("Jadwal tanggal itu sudah penuh atau tidak tersedia. Pilih tanggal lain.")}
        )
    moved = permohonan.reference and date != permohonan.appointment_date
    permohonan.appointment_date = date
    permohonan.save(update_fields=["appointment_date", "updated_at"])
    if moved:  # the receipt prints the day
        from .tasks import permohonan_receipt_renew_task

        enqueue_on_commit(permohonan_receipt_renew_task, permohonan.pk)
    return permohonan


def slot_days_offered(*, layanan, exclude=None, today=None) -> list:
    """Return the working days open for booking at `layanan` that still have free capacity."""
    today = today or timezone.localdate()
    days = working_days_after(start=today, count=layanan.booking_days_ahead)
    if not days:  # the office set no days ahead: booking is closed
        return []
    counts = slot_bookings_count(
        kecamatan_id=layanan.kecamatan_id, start=today, end=days[-1], exclude=exclude
    )
    return [day for day in days if counts.get(day, 0) < layanan.daily_capacity]


def permohonan_problems(*, permohonan, today=None) -> dict:
    """Return {field: message} of what still blocks submitting the application."""
    today = today or timezone.localdate()
    problems = {}
    for field in REQUIRED_BIODATA:
        if getattr(permohonan, field) in (None, ""):
            problems[field] = _("Wajib diisi.")
    if permohonan.is_wna and not permohonan.kebangsaan:
        problems["kebangsaan"] = _("Isi kebangsaan untuk WNA.")
    if permohonan.kecamatan_id is None:
        problems["kecamatan"] = _("Pilih kecamatan layanan.")
    if permohonan.jenis == Jenis.BARU and not is_eligible_for_baru(
        tanggal_lahir=permohonan.tanggal_lahir, status_perkawinan=permohonan.status_perkawinan, on=today
    ):
        problems["tanggal_lahir"] = _(
            "KTP-el baru hanya untuk yang berumur 17 tahun atau sudah/pernah kawin."
        )
    # One person, one KTP-el: "baru" is the first card; a holder asks for a replacement of the kind that fits.
    if permohonan.jenis == Jenis.BARU and ktp_active_exists(nik=permohonan.nik, no_kk=permohonan.no_kk):
        problems["jenis"] = _(
            "Penduduk dengan NIK dan nomor KK ini sudah punya KTP-el aktif. KTP-el baru hanya untuk kartu "
            "pertama: batalkan permohonan ini dan ajukan jenis yang sesuai, misalnya karena hilang, rusak "
            "atau perubahan data."
        )
    if permohonan.jenis == Jenis.PERPANJANGAN_WNA and permohonan.kewarganegaraan != Kewarganegaraan.WNA:
        problems["kewarganegaraan"] = _("Perpanjangan KTP-el hanya untuk WNA pemegang KITAP.")
    if permohonan.is_wna and not permohonan.kitap_berlaku_hingga:
        problems["kitap_berlaku_hingga"] = _("Isi tanggal berakhirnya KITAP.")
    if (
        nik_mismatch_warnings(
            nik=permohonan.nik, tanggal_lahir=permohonan.tanggal_lahir, jenis_kelamin=permohonan.jenis_kelamin
        )
        and not permohonan.nik_mismatch_confirmed
    ):
        problems["nik_mismatch_confirmed"] = _(
            "Konfirmasi bahwa data Anda benar walau berbeda dengan kode NIK."
        )
    have = set(permohonan.dokumen_set.values_list("kind", flat=True))
    for kind in required_documents(jenis=permohonan.jenis, is_wna=permohonan.is_wna):
        if kind not in have:
            problems[f"dokumen_{kind}"] = _("Unggah dokumen ini.")
    asked = [kind for kind in permohonan.revision_fields if kind in Dokumen.values and kind in have]
    for kind in revision_uploads_missing(instance=permohonan, kinds=asked):
        problems[f"dokumen_{kind}"] = _("Unggah ulang dokumen ini: petugas meminta perbaikannya.")
    if permohonan.appointment_date is None:
        problems["appointment_date"] = _("Pilih jadwal ke kantor kecamatan.")
    elif permohonan.appointment_date < today:
        problems["appointment_date"] = _("Jadwal ke kantor sudah lewat. Pilih tanggal baru.")
    elif permohonan.status == Status.DRAF and not _booked_day_open(permohonan, today):
        problems["appointment_date"] = _(
            "Tanggal jadwal Anda tidak ditahan lagi karena draf tidak disimpan lebih dari %(hours)s jam, "
            "dan kini sudah penuh. Pilih tanggal lain."
        ) % {"hours": settings.KTP_DRAFT_SLOT_HOLD_HOURS}
    return problems


def _booked_day_open(permohonan, today) -> bool:
    """Whether a draft's booked day still has room for it: a draft left past its hold gave it back."""
    layanan = LayananKecamatan.objects.filter(kecamatan_id=permohonan.kecamatan_id).first()
    offered = slot_days_offered(layanan=layanan, exclude=permohonan, today=today) if layanan else []
    return permohonan.appointment_date in offered


def _sla_days(permohonan) -> int:
    days = (
        SLAKecamatan.objects.filter(layanan__kecamatan_id=permohonan.kecamatan_id, jenis=permohonan.jenis)
        .values_list("working_days", flat=True)
        .first()
    )
    return settings.KTP_DEFAULT_SLA_DAYS if days is None else days  # 0 is a same-day promise, not "unset"


@transaction.atomic
def permohonan_submit(*, permohonan, actor) -> PermohonanKTP:
    """Submit a complete draft (or a revised application): reference, SLA due date, history, email."""
    draft = permohonan.status == Status.DRAF
    if draft and permohonan.kecamatan_id:
        # The office row's lock, as in booking: the draft's day is checked once more, with no booking between.
        LayananKecamatan.objects.select_for_update().filter(kecamatan_id=permohonan.kecamatan_id).first()
    if problems := permohonan_problems(permohonan=permohonan):
        raise ValidationError(problems)
    open_one = permohonan_open_for_nik(nik=permohonan.nik, exclude=permohonan)
    if open_one is not None:
        # Its number only to whose it is: a NIK typed with a wrong KK must not learn another's reference.
        message = (
            _("NIK ini sudah punya permohonan yang masih berjalan: %(ref)s.") % {"ref": open_one.reference}
            if open_one.applicant_id == permohonan.applicant_id
            else _("NIK ini sudah punya permohonan yang masih berjalan.")
        )
        raise ValidationError(
            {"nik": ValidationError(message, code="open_exists", params={"open": open_one})}
        )
    first_at_desk = draft and at_desk(permohonan, actor)
    corrected = permohonan.status == Status.PERLU_PERBAIKAN  # the receipt prints what was corrected
    update = submission_stamp(prefix="KTP", sequence="ktp", days=_sla_days(permohonan)) if draft else {}
    refusal = {"nik": _("NIK ini sudah punya permohonan yang masih berjalan.")}
    permohonan = workflow_submit(instance=permohonan, actor=actor, update=update, refusal=refusal)
    from .tasks import (
        permohonan_loket_receipt_task,
        permohonan_notify_task,
        permohonan_receipt_renew_task,
        permohonan_receipt_task,
    )

    enqueue_on_commit(permohonan_receipt_renew_task if corrected else permohonan_receipt_task, permohonan.pk)
    if not first_at_desk:
        enqueue_on_commit(permohonan_notify_task, permohonan.pk, permohonan.status)
    elif permohonan.applicant.email or permohonan.applicant.phone:
        # The desk receipt says all a status email would; it goes where the citizen can be reached.
        enqueue_on_commit(permohonan_loket_receipt_task, permohonan.pk)
    return permohonan


def _officer_transition(permohonan, to, actor, expected_from, note="", update=None):
    from .tasks import permohonan_notify_task

    with transaction.atomic():
        permohonan = workflow_transition(
            instance=permohonan, to=to, actor=actor, note=note, expected_from=expected_from, update=update
        )
        enqueue_on_commit(permohonan_notify_task, permohonan.pk, permohonan.status)
    return permohonan


def permohonan_verify(*, permohonan, actor, expected_from=None):
    """
    Mark the documents and biodata checked; only a submitted application can be verified. A booked
    day since made a holiday is not confirmed: the note says the office sets a new one (Jadwalkan ulang).
    """
    day, note = permohonan.appointment_date, ""
    if day and day >= timezone.localdate() and not is_working_date(day):
        with translation.override(settings.LANGUAGE_CODE):  # stored, and read in the citizen's email
            note = _(
                "Kantor kecamatan tutup pada %(date)s (hari libur). Petugas akan menentukan jadwal baru "
                "dan mengabarkannya kepada Anda."
            ) % {"date": formats.date_format(day, "l, j F Y")}
    return _officer_transition(
        permohonan, Status.DIVERIFIKASI, actor, expected_from or Status.DIAJUKAN, note=note
    )


def permohonan_revision_request(*, permohonan, actor, note, fields, expected_from=None):
    """Send the application back to the citizen to correct the named fields and documents."""
    revision_request_check(note=note, fields=fields, choices=revision_choices(permohonan))
    return _officer_transition(
        permohonan,
        Status.PERLU_PERBAIKAN,
        actor,
        expected_from,
        note=note,
        update={"revision_fields": list(fields)},
    )


def permohonan_reschedule(*, permohonan, actor, date, note="", expected_from=None):
    """
    Move the office appointment to another day with free capacity: its own event in the history
    ("Jadwal diubah") and one email. The same day again changes nothing and is refused.
    """
    if date == permohonan.appointment_date:
        raise ValidationError(
            _("Jadwalnya sudah %(date)s. Pilih tanggal lain untuk menjadwalkan ulang.")
            % {"date": date.strftime("%d-%m-%Y")}
        )
    with translation.override(settings.LANGUAGE_CODE):  # stored, and read in the citizen's email
        note = note or _("Jadwal diubah ke %(date)s.") % {"date": date.strftime("%d-%m-%Y")}
    with transaction.atomic():
        permohonan = permohonan_slot_book(permohonan=permohonan, date=date)
        return _officer_transition(
            permohonan, Status.DIVERIFIKASI, actor, expected_from or Status.DIVERIFIKASI, note=note
        )


def permohonan_record(*, permohonan, actor, expected_from=None):
    """Mark the office visit done: biometrics recorded, or the originals checked where none are needed."""
    return _officer_transition(permohonan, Status.DIREKAM, actor, expected_from)


def blanko_serial_help() -> str:
    """Return the format of a blank's serial number: as set (KTP_BLANKO_SERIAL_HELP), or described."""
    return settings.KTP_BLANKO_SERIAL_HELP or _(
        "3 sampai 30 huruf, angka atau tanda hubung, tanpa spasi, seperti tercetak di blanko"
    )


def blanko_serial_clean(serial: str) -> str:
    """Return the blank's serial number, upper-cased, or raise when it does not have the format set."""
    serial = serial.strip().upper()
    if not re.fullmatch(settings.KTP_BLANKO_SERIAL_PATTERN, serial):
        raise ValidationError(
            _("Nomor seri blanko %(serial)s tidak sesuai format: %(help)s.")
            % {"serial": serial or "–", "help": blanko_serial_help()}
        )
    return serial


@transaction.atomic
def permohonan_issue(*, permohonan, actor, blanko_serial, expected_from=None):
    """Issue the card: update the resident's record, replace their active card, record the new one."""
    blanko_serial = blanko_serial_clean(blanko_serial)
    # The transition first: a second click finds the card issued and is told so, not that its serial
    # is taken (by the card the first click issued). A taken serial rolls the transition back.
    permohonan = _officer_transition(permohonan, Status.DITERBITKAN, actor, expected_from)
    if KTP.objects.filter(blanko_serial=blanko_serial).exists():
        raise ValidationError(
            _("Nomor seri blanko %(serial)s sudah dipakai kartu lain.") % {"serial": blanko_serial}
        )
    biodata = {f: getattr(permohonan, f) for f in BIODATA_FIELDS if f != "nik"}
    penduduk, _created = Penduduk.objects.update_or_create(
        nik_hash=personal_digest(permohonan.nik),
        defaults=biodata,
        create_defaults={**biodata, "nik": permohonan.nik},
    )
    penduduk.ktp_set.filter(status=StatusKTP.AKTIF).update(status=StatusKTP.DIGANTI)
    ktp = KTP(
        penduduk=penduduk,
        blanko_serial=blanko_serial,
        tanggal_terbit=timezone.localdate(),
        berlaku_hingga=permohonan.kitap_berlaku_hingga if permohonan.is_wna else None,
    )
    ktp.full_clean()
    ktp.save()
    return permohonan


def permohonan_ready(*, permohonan, actor, expected_from=None):
    """Tell the citizen the card can be collected."""
    return _officer_transition(permohonan, Status.SIAP_DIAMBIL, actor, expected_from)


def permohonan_complete(*, permohonan, actor, expected_from=None):
    """Close the application once the card is handed over."""
    return _officer_transition(permohonan, Status.SELESAI, actor, expected_from)


def permohonan_reject(*, permohonan, actor, note, expected_from=None):
    """Refuse the application with a reason the citizen will read."""
    rejection_check(note=note)
    return _officer_transition(permohonan, Status.DITOLAK, actor, expected_from, note=note)


def permohonan_nik_released(*, user, nik_hash, actor, **_signal) -> tuple[list, list]:
    """
    Close what `user` filed with a NIK a superuser has just taken off their account for its owner
    (portal.accounts.services.nik_released): an application no officer has checked against the
    originals is rejected, so that its open status no longer bars the owner's own, and a draft is
    withdrawn. One an officer has checked is left to its kecamatan. Return (closed, left) references.
    """
    with translation.override(settings.LANGUAGE_CODE):  # stored: every reader sees the same history
        note = _(
            "Ditutup: NIK ini dilepas dari akun pemohon oleh administrator portal setelah pemilik NIK "
            "menunjukkan KTP-el dan Kartu Keluarga aslinya."
        )
    closed, left = [], []
    filed = PermohonanKTP.objects.filter(applicant=user, nik_hash=nik_hash or None)
    for permohonan in filed.exclude(status__in=CLOSED_STATUSES).order_by("pk"):
        label = permohonan.reference or _("draf KTP-el #%(pk)s") % {"pk": permohonan.pk}
        if permohonan.status in IDENTITY_CHECKED_STATUSES:
            left.append(label)
            continue
        try:
            with transaction.atomic():  # a row changed meanwhile fails alone, and is left to its officers
                if permohonan.status == Status.DRAF:
                    workflow_transition(
                        instance=permohonan,
                        to=Status.DIBATALKAN,
                        actor=actor,
                        note=note,
                        expected_from=Status.DRAF,
                    )
                else:
                    permohonan_reject(
                        permohonan=permohonan, actor=actor, note=note, expected_from=permohonan.status
                    )
        except TransitionError:
            left.append(label)
        else:
            closed.append(label)
    return closed, left
