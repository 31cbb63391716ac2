import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from perizinan.constants import Status
from perizinan.jadwal import kantor_active, permohonan_izin_slot_book, signing_days_offered
from perizinan.models import DasarBiaya, IndeksGangguan, IndeksLokasi, JenisIzin
from perizinan.services import (
    permohonan_izin_document_attach,
    permohonan_izin_draft_create,
    permohonan_izin_issue,
    permohonan_izin_schedule,
    permohonan_izin_sign,
    permohonan_izin_submit,
    permohonan_izin_update,
    permohonan_izin_verify,
)
from portal.documents.samples import sample_pdf_bytes
from portal.wilayah.models import Desa

PDF = sample_pdf_bytes()
NPWP = "012345678901234"


def pdf_upload(name="dokumen.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def jenis(code):
    return JenisIzin.objects.get(code=code)


def usaha_data(**overrides):
    """Return complete business data: a CV trading in Boyolangu with Rp750 juta net assets."""
    data = {
        "nama_usaha": "CV Sumber Rejeki",
        "bentuk": "cv",
        "npwp": NPWP,
        "nib": "",
        "kbli": "47111",
        "alamat_usaha": "Jl. Raya Boyolangu 17",
        "desa": Desa.objects.filter(kecamatan__code="35.04.02").first(),
        "penanggung_jawab": "Budi Santoso",
        "penanggung_jawab_nik": "3504021005800001",
        "kekayaan_bersih": 750_000_000,
        "luas_ruang": 120,
        "indeks_lokasi": IndeksLokasi.objects.get(name="Jalan kolektor"),
    }
    return data | overrides


def permohonan_izin_complete_draft(
    *, applicant, code="SIUP", jenis_permohonan="baru", izin_lama=None, **overrides
):
    """Return a draft with every step done: business data and the documents of its type."""
    permohonan = permohonan_izin_draft_create(
        applicant=applicant, jenis_izin=jenis(code), jenis=jenis_permohonan, izin_lama=izin_lama
    )
    if izin_lama is None:
        permohonan = permohonan_izin_update(permohonan=permohonan, data=usaha_data(**overrides))
    elif overrides:
        permohonan = permohonan_izin_update(permohonan=permohonan, data=overrides)
    for kind in permohonan.jenis_izin.documents_for(permohonan.jenis, permohonan.bentuk):
        permohonan_izin_document_attach(
            permohonan=permohonan, kind=kind, uploaded_file=pdf_upload(f"{kind}.pdf")
        )
    return signing_booked(permohonan)


def office_day(*, after=None, weekday=None):
    """Return the first office signing day after `after` (today), or the first `weekday` after it."""
    from django.utils import timezone

    from portal.holidays.selectors import holidays_between, is_working_day

    day = after or timezone.localdate()
    kantor = kantor_active()
    while True:
        day += datetime.timedelta(days=1)
        if weekday is not None:
            if day.weekday() == weekday:
                return day
        elif is_working_day(day, holidays_between(start=day - datetime.timedelta(days=1), end=day)) and (
            day.weekday() in kantor.weekdays
        ):
            return day


def signing_booked(permohonan, index=0):
    """Book the draft's signing day: the `index`-th day the office still offers."""
    kantor = kantor_active()
    days = signing_days_offered(kantor=kantor, permohonan=permohonan)
    return permohonan_izin_slot_book(permohonan=permohonan, day=days[index], actor=permohonan.applicant)


def ho_levy_in_force():
    """Let the HO levy be charged again (the seeded Perda is revoked), to test the levy itself."""
    DasarBiaya.objects.filter(jenis_izin__code="HO").update(dicabut=False)


def permohonan_izin_advance(permohonan, *, officer, to=Status.DITERBITKAN, tanggal_terbit=None):
    """Move a submitted application through the officer's steps up to `to`."""
    order = [Status.DIVERIFIKASI, Status.DIJADWALKAN, Status.DITANDATANGANI, Status.DITERBITKAN]
    for status in order[: order.index(to) + 1]:
        if status == Status.DIVERIFIKASI:
            survey = {}
            if permohonan.jenis_izin.code == "HO":  # the officer's survey sets the nuisance index
                survey = {
                    "indeks_gangguan": IndeksGangguan.objects.get(name="Gangguan sedang"),
                    "note": "Survei.",
                }
            permohonan = permohonan_izin_verify(permohonan=permohonan, actor=officer, **survey)
        elif status == Status.DIJADWALKAN:
            if permohonan.status == Status.DIJADWALKAN:  # verifying confirmed the owner's booked day
                continue
            when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
            permohonan = permohonan_izin_schedule(permohonan=permohonan, actor=officer, appointment_at=when)
        elif status == Status.DITANDATANGANI:
            permohonan = permohonan_izin_sign(
                permohonan=permohonan,
                actor=officer,
                paid_amount=permohonan.biaya or 0,
                payment_receipt="STS-001",
            )
        else:
            permohonan = permohonan_izin_issue(
                permohonan=permohonan, actor=officer, tanggal_terbit=tanggal_terbit
            )
    return permohonan


def izin_issued(*, applicant, officer, code="SIUP", tanggal_terbit=None, **overrides):
    """Return an issued licence of `code` for `applicant`, issued on `tanggal_terbit`."""
    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=applicant, code=code, **overrides),
        actor=applicant,
    )
    permohonan = permohonan_izin_advance(permohonan, officer=officer, tanggal_terbit=tanggal_terbit)
    return permohonan.izin
