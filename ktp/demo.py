"""
Sample KTP-el applications for `manage.py seed_demo`: every status, in Boyolangu and Kedungwaru.

Each sample is built through the services, as a citizen and an officer would, so its reference,
history rows, documents and booked day are real. A sample is keyed by its NIK: a second run skips
the ones that exist, and a run that failed halfway completes the rest.
"""

import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from portal.accounts.demo import DEMO_DOMAIN
from portal.accounts.models import User
from portal.crypto import personal_digest
from portal.wilayah.models import Desa, Kecamatan
from portal.workflow import applicant_withdraw, workflow_assign

from .constants import Dokumen, Jenis, JenisKelamin, Kewarganegaraan, Status, StatusKTP
from .models import KTP, LayananKecamatan, Pekerjaan, Penduduk, PermohonanKTP
from .rules import required_documents
from .services import (
    BIODATA_FIELDS,
    permohonan_biodata_update,
    permohonan_complete,
    permohonan_document_attach,
    permohonan_draft_create,
    permohonan_issue,
    permohonan_ready,
    permohonan_record,
    permohonan_reject,
    permohonan_revision_request,
    permohonan_slot_book,
    permohonan_submit,
    permohonan_verify,
    slot_days_offered,
)

OFFICERS = {"35.04.02": "petugas.boyolangu", "35.04.03": "petugas.kedungwaru"}

# status|jenis|account (warga.a or .b)|nama|L/P|born|tempat lahir|agama|perkawinan|pekerjaan|desa|
# kebangsaan (- for WNI)|revised (y: sent back for correction once on the way)|alamat
SAMPLE_TABLES = {
    "35.04.02": """
draf|baru|a|Dimas Aditya Pratama|L|2008-02-11|Tulungagung|islam|belum_kawin|03|2004|-|-|Dsn. Krajan
diajukan|hilang|b|Sri Wahyuningsih|P|1979-07-23|Tulungagung|islam|kawin|02|2016|-|-|Jl. Pahlawan No. 21
perlu_perbaikan|pindah_datang|a|Yohanes Kristanto|L|1988-12-05|Kediri|kristen|kawin|15|2001|-|-|Perum Wajak C7
diverifikasi|baru|b|Nur Laili Rahmawati|P|2007-09-30|Tulungagung|islam|belum_kawin|03|2008|-|y|Dsn. Ngemplak
direkam|perubahan_data|a|Mohammad Fauzi|L|1984-04-17|Blitar|islam|kawin|09|2006|-|-|Dsn. Sumberjo
diterbitkan|rusak|b|Wahyu Setiawan|L|1992-01-09|Tulungagung|islam|kawin|08|2004|-|-|Jl. Raya Boyolangu No. 45
siap_diambil|baru|a|Anisa Putri Maharani|P|2006-06-14|Tulungagung|islam|belum_kawin|03|2013|-|-|Dsn. Jatisari
selesai|hilang|b|Suparmi|P|1968-10-02|Trenggalek|islam|cerai_mati|09|2015|-|-|Dsn. Beji Kulon
ditolak|baru|a|Rizky Ramadhan|L|2005-11-03|Tulungagung|islam|belum_kawin|19|2014|-|-|Dsn. Serut
dibatalkan|perubahan_data|b|Lestari Handayani|P|1990-03-27|Tulungagung|katolik|kawin|05|2017|-|-|Jl. Mawar 3
""",
    "35.04.03": """
draf|hilang|b|Bambang Sutrisno|L|1975-08-19|Tulungagung|islam|kawin|88|2010|-|-|Jl. Panglima Sudirman No. 88
diajukan|baru|a|Dewi Kartika Sari|P|2008-01-25|Tulungagung|islam|belum_kawin|03|2006|-|-|Dsn. Bangoan Wetan
perlu_perbaikan|rusak|b|Eko Prasetyo|L|1986-05-12|Tulungagung|islam|kawin|15|2011|-|-|Perum Plandaan B-12
diverifikasi|pindah_datang|a|Maria Angelina|P|1995-02-28|Malang|katolik|belum_kawin|15|2001|-|-|Jl. Melati 14
direkam|baru|b|Fajar Nugroho|L|2007-12-01|Tulungagung|islam|belum_kawin|03|2003|-|-|Dsn. Ringin
diterbitkan|perpanjangan_wna|a|Kenji Watanabe|L|1980-09-07|Osaka|buddha|kawin|15|2019|JEPANG|-|Jl. Ngujang 9
siap_diambil|hilang|b|Siti Rohmah|P|1972-04-04|Tulungagung|islam|kawin|02|2016|-|-|Dsn. Majan
selesai|rusak|a|Agung Wicaksono|L|1983-07-21|Tulungagung|islam|kawin|05|2014|-|y|Jl. Mangunsarkoro No. 7
ditolak|perubahan_data|b|Ratna Kusumawati|P|1977-11-16|Tulungagung|kristen|cerai_hidup|08|2008|-|-|Dsn. Tapan
dibatalkan|baru|a|Hendro Wibowo|L|2004-03-08|Tulungagung|islam|belum_kawin|19|2017|-|-|Dsn. Simo
""",
}
# Whoever asks for a replacement or an extension already holds a card.
CARD_HOLDER_JENIS = {Jenis.HILANG, Jenis.RUSAK, Jenis.PERUBAHAN_DATA, Jenis.PERPANJANGAN_WNA}
OLD_CARD_ISSUED = datetime.date(2021, 8, 14)
KITAP_UNTIL = datetime.date(2031, 9, 30)
GOLONGAN_DARAH = ["O", "A", "B", "AB", "-"]
REVISION_NOTE = "Foto Kartu Keluarga buram dan terpotong. Unggah ulang foto KK yang utuh dan terbaca."
REJECT_NOTE = (
    "Data pada KK tidak sama dengan database SIAK. Perbarui KK di Dispendukcapil, lalu ajukan kembali."
)


class Sample(NamedTuple):
    kecamatan: str
    status: str
    jenis: str
    warga: str
    nama: str
    jenis_kelamin: str
    tanggal_lahir: str
    tempat_lahir: str
    agama: str
    status_perkawinan: str
    pekerjaan: str
    desa: str
    kebangsaan: str
    revised: str
    alamat: str


def demo_samples() -> list[Sample]:
    """Return the sample rows of every kecamatan, in a fixed order."""
    return [
        Sample(kecamatan, *line.split("|"))
        for kecamatan, table in SAMPLE_TABLES.items()
        for line in table.strip().splitlines()
    ]


def sample_nik(sample: Sample, serial: int) -> str:
    """Return a NIK whose kecamatan, birth date and sex parts agree with the sample."""
    born = datetime.date.fromisoformat(sample.tanggal_lahir)
    day = born.day + (40 if sample.jenis_kelamin == JenisKelamin.PEREMPUAN else 0)
    return f"{sample.kecamatan.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def permohonan_demo_create() -> list[PermohonanKTP]:
    """Create the sample applications whose NIK has none yet; return the new ones."""
    created = []
    for serial, sample in enumerate(demo_samples(), start=1):
        nik = sample_nik(sample, serial)
        if PermohonanKTP.objects.filter(nik_hash=personal_digest(nik)).exists():
            continue
        with transaction.atomic():  # a sample exists whole or not at all
            created.append(_sample_create(sample, nik=nik, serial=serial))
    return created + permohonan_demo_history_create()


# A year of finished applications, one a month, alternately in each kecamatan, so the transparency
# page shows its months; serials from 501 keep their NIKs apart from the samples above.
HISTORY_MONTHS = 11
HISTORY_SERIAL = 500
HISTORY_NAMES = ["Sugeng Riyadi", "Endang Susilowati", "Puji Astutik", "Joko Santoso", "Tri Wulandari",
                 "Slamet Widodo", "Umi Kulsum", "Bagus Setiawan", "Yuli Astuti", "Heru Purnomo",
                 "Lilik Suharti"]  # fmt: skip


def permohonan_demo_history_create() -> list[PermohonanKTP]:
    """Create the finished applications of the past months that are missing; return the new ones."""
    finished = [s for s in demo_samples() if s.status == Status.SELESAI]
    today, created = timezone.localdate(), []
    for months_back in range(HISTORY_MONTHS, 0, -1):
        serial = HISTORY_SERIAL + months_back
        sample = finished[months_back % len(finished)]._replace(
            nama=HISTORY_NAMES[months_back - 1], revised="-"
        )
        nik = sample_nik(sample, serial)
        if PermohonanKTP.objects.filter(nik_hash=personal_digest(nik)).exists():
            continue
        with transaction.atomic():
            permohonan = _sample_create(sample, nik=nik, serial=serial)
            submitted = today - datetime.timedelta(days=30 * months_back + 3)
            # Ready in 4 to 25 days; the slower ones past the service level, as some really are.
            created.append(_backdate(permohonan, submitted=submitted, days=4 + (months_back * 7) % 22))
    return created


def _backdate(permohonan, *, submitted: datetime.date, days: int) -> PermohonanKTP:
    """
    Move a finished application made today back to `submitted`: the office's steps spread over
    `days` days, the card collected two days after it was ready.
    """
    start = timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9)))
    *office, collected = permohonan.riwayat_set.order_by("created_at", "id")
    for index, row in enumerate(office):
        at = start + datetime.timedelta(days=days * index / max(len(office) - 1, 1))
        type(row).objects.filter(pk=row.pk).update(created_at=at)
    type(collected).objects.filter(pk=collected.pk).update(created_at=at + datetime.timedelta(days=2))
    shift = timezone.localdate() - submitted
    PermohonanKTP.objects.filter(pk=permohonan.pk).update(
        submitted_at=start,
        sla_due=permohonan.sla_due - shift,
        appointment_date=permohonan.appointment_date - shift,
        created_at=start,
    )
    permohonan.refresh_from_db()
    return permohonan


def _sample_create(sample, *, nik, serial):
    citizen = User.objects.get(email=f"warga.{sample.warga}@{DEMO_DOMAIN}")
    officer = User.objects.get(email=f"{OFFICERS[sample.kecamatan]}@{DEMO_DOMAIN}")
    data = _biodata(sample, nik=nik, serial=serial)
    if sample.jenis in CARD_HOLDER_JENIS:
        _card_holder_create(data)
    permohonan = _draft_complete(sample, data=data, citizen=citizen)
    for step in _steps(sample):
        permohonan = step(permohonan, citizen=citizen, officer=officer)
    return permohonan


def _biodata(sample, *, nik, serial) -> dict:
    kecamatan = Kecamatan.objects.get(code=sample.kecamatan)
    data = {
        "nik": nik,
        "no_kk": f"{nik[:6]}020719{serial:04d}",
        "nama": sample.nama,
        "tempat_lahir": sample.tempat_lahir,
        "tanggal_lahir": datetime.date.fromisoformat(sample.tanggal_lahir),
        "jenis_kelamin": sample.jenis_kelamin,
        "golongan_darah": GOLONGAN_DARAH[serial % len(GOLONGAN_DARAH)],
        "agama": sample.agama,
        "status_perkawinan": sample.status_perkawinan,
        "pekerjaan": Pekerjaan.objects.get(code=sample.pekerjaan),
        "kewarganegaraan": Kewarganegaraan.WNI,
        "alamat": sample.alamat,
        "rt": str(serial % 7 + 1),
        "rw": str(serial % 4 + 1),
        "desa": Desa.objects.get(code=f"{sample.kecamatan}.{sample.desa}"),
        "kecamatan": kecamatan,
    }
    if sample.kebangsaan != "-":
        data |= {
            "kewarganegaraan": Kewarganegaraan.WNA,
            "kebangsaan": sample.kebangsaan,
            "kitap_berlaku_hingga": KITAP_UNTIL,
        }
    return data


def _card_holder_create(data):
    """Record the resident and the card they hold now, which the new card will replace."""
    biodata = {f: data[f] for f in BIODATA_FIELDS if f in data and f != "nik"}
    penduduk, _created = Penduduk.objects.get_or_create(
        nik_hash=personal_digest(data["nik"]), defaults={**biodata, "nik": data["nik"]}
    )
    wna = data["kewarganegaraan"] == Kewarganegaraan.WNA
    KTP.objects.get_or_create(
        blanko_serial=f"DEMO-{data['nik'][-4:]}-LAMA",  # the NIK's serial: never the NIK in clear
        defaults={
            "penduduk": penduduk,
            "tanggal_terbit": OLD_CARD_ISSUED,
            "berlaku_hingga": OLD_CARD_ISSUED.replace(year=OLD_CARD_ISSUED.year + 5) if wna else None,
            "status": StatusKTP.AKTIF,
        },
    )


def _draft_complete(sample, *, data, citizen):
    permohonan = permohonan_draft_create(applicant=citizen, jenis=Jenis(sample.jenis))
    permohonan = permohonan_biodata_update(permohonan=permohonan, data=data)
    for kind in required_documents(jenis=permohonan.jenis, is_wna=permohonan.is_wna):
        permohonan_document_attach(permohonan=permohonan, kind=kind, uploaded_file=_upload(kind))
    return _slot_book(permohonan)


def _slot_book(permohonan):
    """Book one of the offered days, spread by id so no day fills up."""
    layanan = LayananKecamatan.objects.get(kecamatan_id=permohonan.kecamatan_id)
    days = slot_days_offered(layanan=layanan, exclude=permohonan)
    if not days:
        raise ValidationError(f"Demo: tidak ada jadwal kosong di Kecamatan {layanan}.")
    return permohonan_slot_book(permohonan=permohonan, date=days[permohonan.pk % len(days)])


def _upload(kind):
    return SimpleUploadedFile(f"{kind}.pdf", demo_pdf(Dokumen(kind).label), content_type="application/pdf")


def demo_pdf(title) -> bytes:
    """Return a valid one-page PDF that says it is a demo copy of `title`."""
    text = str(title).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = f"BT /F1 16 Tf 72 760 Td (CONTOH DOKUMEN DEMO) Tj 0 -24 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


# Steps after the complete draft: each takes and returns the application, as the citizen or officer.


def _submit(permohonan, *, citizen, officer):
    return permohonan_submit(permohonan=permohonan, actor=citizen)


def _withdraw(permohonan, *, citizen, officer):
    return applicant_withdraw(instance=permohonan, actor=citizen)


def _revision_request(permohonan, *, citizen, officer):
    permohonan = workflow_assign(instance=permohonan, officer=officer)
    return permohonan_revision_request(
        permohonan=permohonan, actor=officer, note=REVISION_NOTE, fields=[Dokumen.KK.value]
    )


def _revise_and_resubmit(permohonan, *, citizen, officer):
    for kind in permohonan.revision_fields:
        permohonan_document_attach(permohonan=permohonan, kind=kind, uploaded_file=_upload(kind))
    return permohonan_submit(permohonan=permohonan, actor=citizen)


def _verify(permohonan, *, citizen, officer):
    permohonan = workflow_assign(instance=permohonan, officer=officer)
    return permohonan_verify(permohonan=permohonan, actor=officer, expected_from=Status.DIAJUKAN)


def _record(permohonan, *, citizen, officer):
    return permohonan_record(permohonan=permohonan, actor=officer)


def _issue(permohonan, *, citizen, officer):
    return permohonan_issue(permohonan=permohonan, actor=officer, blanko_serial=f"DEMO-{permohonan.nik[-4:]}")


def _ready(permohonan, *, citizen, officer):
    return permohonan_ready(permohonan=permohonan, actor=officer)


def _complete(permohonan, *, citizen, officer):
    return permohonan_complete(permohonan=permohonan, actor=officer)


def _reject(permohonan, *, citizen, officer):
    permohonan = workflow_assign(instance=permohonan, officer=officer)
    return permohonan_reject(permohonan=permohonan, actor=officer, note=REJECT_NOTE)


_ISSUED = (_submit, _verify, _record, _issue)
STEPS = {
    Status.DRAF: (),
    Status.DIAJUKAN: (_submit,),
    Status.PERLU_PERBAIKAN: (_submit, _revision_request),
    Status.DIVERIFIKASI: (_submit, _verify),
    Status.DIREKAM: (_submit, _verify, _record),
    Status.DITERBITKAN: _ISSUED,
    Status.SIAP_DIAMBIL: (*_ISSUED, _ready),
    Status.SELESAI: (*_ISSUED, _ready, _complete),
    Status.DITOLAK: (_submit, _reject),
    Status.DIBATALKAN: (_submit, _withdraw),
}


def _steps(sample):
    steps = STEPS[Status(sample.status)]
    if sample.revised == "y":
        # Sent back once before going on: the history then shows the correction round.
        steps = (_submit, _revision_request, _revise_and_resubmit, *steps[1:])
    return steps
