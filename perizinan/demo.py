"""
Sample businesses, applications and licences for `manage.py seed_demo`.

Each sample goes through the services as the owner and the licensing officer would, so its
reference, fee, history, documents and licence number are real. A sample is keyed by its business
name and owner: a second run skips the ones that exist; a run that failed halfway completes the rest.
"""

import datetime
from typing import NamedTuple

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from portal.accounts.demo import DEMO_DOMAIN
from portal.accounts.models import User
from portal.documents.samples import sample_pdf_bytes
from portal.wilayah.models import Desa
from portal.workflow import applicant_withdraw, workflow_assign

from .constants import Jenis, Status
from .jadwal import kantor_active, permohonan_izin_slot_book, signing_days_offered
from .models import IndeksLokasi, JenisIzin, PermohonanIzin
from .rules import months_add
from .services import (
    izin_expire,
    permohonan_izin_document_attach,
    permohonan_izin_draft_create,
    permohonan_izin_issue,
    permohonan_izin_reject,
    permohonan_izin_revision_request,
    permohonan_izin_sign,
    permohonan_izin_submit,
    permohonan_izin_update,
    permohonan_izin_verify,
)

OFFICER = "petugas.perizinan"

# status|type|warga|business|bentuk|desa|kekayaan bersih|m²|days to expiry (issued; - = today)
SAMPLES = """
draf|SIUP|a|Toko Sembako Berkah|perorangan|35.04.02.2004|120000000|0|-
diajukan|TDP|b|CV Marmer Campurdarat|cv|35.04.02.2016|900000000|0|-
perlu_perbaikan|HO|a|UD Genteng Karangrejo|perorangan|35.04.03.2010|80000000|150|-
diverifikasi|SIUP|b|PT Konveksi Ngunut Jaya|pt|35.04.03.2006|12500000000|0|-
dijadwalkan|HO|b|Bengkel Las Sumber Rejo|perorangan|35.04.02.2008|60000000|80|-
ditandatangani|SIUP|a|CV Batik Majan Asri|cv|35.04.02.2013|450000000|0|-
diterbitkan|SIUP|a|Toko Bangunan Sentosa|perorangan|35.04.03.2003|650000000|0|-
ditolak|TDP|b|UD Kerupuk Rambak Sari|perorangan|35.04.02.2015|40000000|0|-
dibatalkan|SIUP|a|Warung Kopi Mbok Sri|perorangan|35.04.03.2014|30000000|0|-
diterbitkan|TDP|a|CV Marmer Indah|cv|35.04.02.2001|800000000|0|20
diterbitkan|SIUP|b|UD Sumber Pangan|perorangan|35.04.03.2011|300000000|0|85
diterbitkan|HO|a|Penggilingan Padi Makmur|perorangan|35.04.02.2017|200000000|240|6
diterbitkan|TDP|b|UD Gula Kelapa Manis|perorangan|35.04.03.2019|150000000|0|-10
"""
REVISION_NOTE = "Foto persetujuan tetangga tidak terbaca. Unggah ulang yang utuh dan jelas."
REJECT_NOTE = "Usaha perorangan kecil tidak wajib TDP (UU 3/1982). Permohonan tidak diperlukan."
PDF = sample_pdf_bytes()


class Sample(NamedTuple):
    status: str
    code: str
    warga: str
    nama_usaha: str
    bentuk: str
    desa: str
    kekayaan: str
    luas: str
    expires_in: str


def demo_samples() -> list[Sample]:
    return [Sample(*line.split("|")) for line in SAMPLES.strip().splitlines()]


def permohonan_izin_demo_create() -> list:
    """Create the samples not there yet, then expire licences past their date; return the new ones."""
    created = []
    officer = User.objects.get(email=f"{OFFICER}@{DEMO_DOMAIN}")
    for serial, sample in enumerate(demo_samples(), start=1):
        owner = User.objects.get(email=f"warga.{sample.warga}@{DEMO_DOMAIN}")
        if PermohonanIzin.objects.filter(applicant=owner, nama_usaha=sample.nama_usaha).exists():
            continue
        with transaction.atomic():  # a sample exists whole or not at all
            created.append(_sample_create(sample, serial=serial, owner=owner, officer=officer))
    izin_expire()
    return created


def _data(sample, serial):
    data = {
        "nama_usaha": sample.nama_usaha,
        "bentuk": sample.bentuk,
        "npwp": f"{serial:02d}{'3504' * 3}{serial % 10}",
        "nib": f"91200{serial:08d}" if sample.bentuk != "perorangan" else "",
        "alamat_usaha": f"Jl. Demo No. {serial}",
        "desa": Desa.objects.get(code=sample.desa),
        "penanggung_jawab": "Siti Aminah" if sample.warga == "a" else "Budi Santoso",
        "penanggung_jawab_nik": "3504025005900001" if sample.warga == "a" else "3504031208850002",
        "kekayaan_bersih": int(sample.kekayaan),
    }
    if int(sample.luas):
        data |= {
            "luas_ruang": int(sample.luas),
            "indeks_lokasi": IndeksLokasi.objects.order_by("value").last(),
        }
    return data


def _sample_create(sample, *, serial, owner, officer):
    jenis_izin = JenisIzin.objects.get(code=sample.code)
    permohonan = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis_izin)
    permohonan = permohonan_izin_update(permohonan=permohonan, data=_data(sample, serial))
    for kind in jenis_izin.documents_for(Jenis.BARU, permohonan.bentuk):
        permohonan_izin_document_attach(permohonan=permohonan, kind=kind, uploaded_file=_upload(kind))
    if (kantor := kantor_active()) and (days := signing_days_offered(kantor=kantor, permohonan=permohonan)):
        permohonan = permohonan_izin_slot_book(
            permohonan=permohonan, day=days[serial % len(days)], actor=owner
        )
    issued_on = None
    if sample.expires_in != "-":
        ends = timezone.localdate() + datetime.timedelta(days=int(sample.expires_in))
        issued_on = months_add(ends, -(jenis_izin.validity_months or 0))
    for step in STEPS[Status(sample.status)]:
        permohonan = step(permohonan, owner=owner, officer=officer, issued_on=issued_on)
    return permohonan


def _upload(kind):
    return SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf")


def _submit(p, *, owner, officer, issued_on):
    return permohonan_izin_submit(permohonan=p, actor=owner)


def _revise(p, *, owner, officer, issued_on):
    p = workflow_assign(instance=p, officer=officer)
    return permohonan_izin_revision_request(
        permohonan=p, actor=officer, note=REVISION_NOTE, fields=["dokumen_persetujuan_tetangga"]
    )


def _verify(p, *, owner, officer, issued_on):
    """Verify; the owner's booked day becomes the schedule."""
    p = workflow_assign(instance=p, officer=officer)
    return permohonan_izin_verify(permohonan=p, actor=officer)


def _verify_only(p, *, owner, officer, issued_on):
    """Verify and leave the signing day for the officer to set, as when the booked day has passed."""
    p = workflow_assign(instance=p, officer=officer)
    return permohonan_izin_verify(permohonan=p, actor=officer, confirm_booking=False)


def _sign(p, *, owner, officer, issued_on):
    return permohonan_izin_sign(
        permohonan=p, actor=officer, paid_amount=p.biaya or 0, payment_receipt=f"STS-DEMO-{p.pk:04d}"
    )


def _issue(p, *, owner, officer, issued_on):
    return permohonan_izin_issue(permohonan=p, actor=officer, tanggal_terbit=issued_on)


def _reject(p, *, owner, officer, issued_on):
    return permohonan_izin_reject(permohonan=p, actor=officer, note=REJECT_NOTE)


def _withdraw(p, *, owner, officer, issued_on):
    return applicant_withdraw(instance=p, actor=owner)


_SIGNED = (_submit, _verify, _sign)
STEPS = {
    Status.DRAF: (),
    Status.DIAJUKAN: (_submit,),
    Status.PERLU_PERBAIKAN: (_submit, _revise),
    Status.DIVERIFIKASI: (_submit, _verify_only),
    Status.DIJADWALKAN: (_submit, _verify),
    Status.DITANDATANGANI: _SIGNED,
    Status.DITERBITKAN: (*_SIGNED, _issue),
    Status.DITOLAK: (_submit, _reject),
    Status.DIBATALKAN: (_submit, _withdraw),
}
