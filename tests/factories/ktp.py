import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ktp.constants import Jenis
from ktp.models import LayananKecamatan, Pekerjaan
from ktp.services import (
    permohonan_biodata_update,
    permohonan_document_attach,
    permohonan_draft_create,
    permohonan_slot_book,
    permohonan_submit,
    permohonan_verify,
    slot_days_offered,
)
from portal.accounts.roles import Role
from portal.documents.samples import sample_pdf_bytes
from portal.wilayah.models import Desa, Kecamatan

from .accounts import UserFactory

PDF = sample_pdf_bytes()


def pdf_upload(name="kk.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def biodata(kecamatan_code="35.04.02", **overrides):
    """Return complete, consistent biodata: a woman born 10-05-1990 with a matching NIK."""
    kecamatan = Kecamatan.objects.get(code=kecamatan_code)
    data = {
        "nik": "3504025005900001",
        "no_kk": "3504021203150002",
        "nama": "Siti Aminah",
        "tempat_lahir": "Tulungagung",
        "tanggal_lahir": datetime.date(1990, 5, 10),
        "jenis_kelamin": "P",
        "golongan_darah": "O",
        "agama": "islam",
        "status_perkawinan": "kawin",
        "pekerjaan": Pekerjaan.objects.get(code="88"),
        "kewarganegaraan": "WNI",
        "alamat": "Jl. Mayor Sujadi 12",
        "rt": "2",
        "rw": "3",
        "desa": Desa.objects.filter(kecamatan=kecamatan).first(),
        "kecamatan": kecamatan,
    }
    return data | overrides


def permohonan_complete_draft(*, applicant, jenis=Jenis.BARU, documents=("kk",), **overrides):
    """Return a draft with every step done: biodata, documents and a booked slot."""
    permohonan = permohonan_draft_create(applicant=applicant, jenis=jenis)
    permohonan = permohonan_biodata_update(permohonan=permohonan, data=biodata(**overrides))
    for kind in documents:
        permohonan_document_attach(permohonan=permohonan, kind=kind, uploaded_file=pdf_upload(f"{kind}.pdf"))
    layanan = LayananKecamatan.objects.get(kecamatan=permohonan.kecamatan)
    permohonan_slot_book(permohonan=permohonan, date=slot_days_offered(layanan=layanan)[0])
    return permohonan


def permohonan_verified():
    """Return a citizen's application, submitted and verified by a Boyolangu officer."""
    warga = UserFactory(role=Role.WARGA)
    permohonan = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    return permohonan_verify(permohonan=permohonan, actor=officer)


def today():
    return timezone.localdate()
