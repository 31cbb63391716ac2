from django.core.files.uploadedfile import SimpleUploadedFile

from koordinasi.constants import Format, Jenis, Klasifikasi, Sifat
from koordinasi.services import naskah_compose_send, naskah_draft_save
from portal.accounts.roles import Role
from portal.documents.samples import sample_pdf_bytes
from portal.wilayah.models import Instansi
from tests.factories import UserFactory

PDF = sample_pdf_bytes()


def pdf_upload(name="lampiran.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def officer(code="DPMPTSP", **kwargs):
    """Return an officer (Petugas Instansi) of agency `code`."""
    return UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi=code, **kwargs)


def naskah_data(*, to_agencies=(), to_officers=(), cc_agencies=(), cc_officers=(), **overrides):
    """Return the fields of a complete memo, addressed as asked (agencies by code)."""
    data = {
        "jenis": Jenis.NOTA_DINAS,
        "sifat": Sifat.BIASA,
        "klasifikasi": Klasifikasi.BIASA,
        "kode_klasifikasi": "000.8.3",
        "perihal": "Koordinasi pelayanan perizinan",
        "isi": "Mohon koordinasi jadwal pelayanan.",
        "format": Format.TEKS,
        "kepada_instansi": list(Instansi.objects.filter(code__in=to_agencies)),
        "kepada_pegawai": list(to_officers),
        "tembusan_instansi": list(Instansi.objects.filter(code__in=cc_agencies)),
        "tembusan_pegawai": list(cc_officers),
    }
    return data | overrides


def naskah_sent(*, sender, files=(), **kwargs):
    """Return a memo sent by `sender`, addressed as naskah_data() is asked."""
    return naskah_compose_send(author=sender, data=naskah_data(**kwargs), files=files)


def naskah_draft(*, sender, files=(), **kwargs):
    return naskah_draft_save(author=sender, data=naskah_data(**kwargs), files=files)
