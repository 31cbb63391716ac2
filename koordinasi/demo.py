"""
Sample memos for `manage.py seed_demo`, between DPMPTSP and Bagian Umum Setda, in every state:
draft, sent unread, read, replied, disposed, disposisi done, Rahasia, and Sangat Segera overdue.

Each sample is made through the services, as the officers would; one is then aged by moving its
timestamps back, so the overdue filter and the reminder have something to show. A sample is keyed
by its sender and perihal: a second run skips those that exist.
"""

import datetime
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from portal.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_second_factor
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.accounts.services import user_assign_role
from portal.wilayah.models import Instansi

from .constants import Format, Instruksi, Jenis, Klasifikasi, Sifat
from .deadlines import naskah_due_at
from .models import Naskah
from .services import (
    disposisi_complete,
    disposisi_give,
    naskah_compose_send,
    naskah_draft_save,
    naskah_open,
    naskah_reply,
)

# Colleagues of the two demo officers, so that disposisi has someone to go to.
EXTRA_OFFICERS = [
    ("staf.dpmptsp", "Rudi Hartono", "DPMPTSP", "Analis Perizinan"),
    ("staf.umum", "Maya Sari", "BAGIAN-UMUM", "Pengadministrasi Umum"),
]
# Short names of the demo officers.
OFFICERS = {
    "a": "pegawai.dpmptsp",
    "a2": "staf.dpmptsp",
    "b": "pegawai.umum",
    "b2": "staf.umum",
}
AGENCY = {"a": "DPMPTSP", "b": "BAGIAN-UMUM"}


class Sample(NamedTuple):
    state: str
    sender: str
    to: str  # "agency:<a|b>" or "officer:<name>"
    jenis: str
    sifat: str
    klasifikasi: str
    perihal: str
    isi: str


SAMPLES = [
    Sample("draf", "a", "agency:b", Jenis.NOTA_DINAS, Sifat.BIASA, Klasifikasi.BIASA,
           "Usulan jadwal layanan perizinan keliling", "Usulan jadwal layanan keliling."),
    Sample("terkirim", "a", "agency:b", Jenis.NOTA_DINAS, Sifat.SEGERA, Klasifikasi.BIASA,
           "Permohonan ruang rapat untuk sosialisasi OSS",
           "Mohon disediakan Ruang Rapat Wijaya Kusuma untuk sosialisasi OSS-RBA kepada pelaku usaha."),
    Sample("dibaca", "b", "agency:a", Jenis.UNDANGAN, Sifat.BIASA, Klasifikasi.BIASA,
           "Undangan rapat evaluasi pelayanan publik",
           "Dengan hormat, kami mengundang Bapak/Ibu pada rapat evaluasi pelayanan publik triwulan III."),
    Sample("dibalas", "a", "agency:b", Jenis.NOTA_DINAS, Sifat.BIASA, Klasifikasi.BIASA,
           "Data kendaraan dinas untuk izin operasional", "Mohon data kendaraan tim survei."),
    Sample("didisposisi", "a", "agency:b", Jenis.SURAT_DINAS, Sifat.SEGERA, Klasifikasi.TERBATAS,
           "Pemeliharaan gedung Mal Pelayanan Publik",
           "Atap **ruang tunggu** MPP bocor. Mohon:\n\n- pemeriksaan teknis\n- perkiraan biaya"),
    Sample("selesai", "b", "agency:a", Jenis.MEMO, Sifat.BIASA, Klasifikasi.BIASA,
           "Pengadaan ATK triwulan III", "Mohon daftar kebutuhan ATK triwulan III paling lambat Jumat."),
    Sample("rahasia", "b", "officer:a", Jenis.NOTA_DINAS, Sifat.SEGERA, Klasifikasi.RAHASIA,
           "Hasil pemeriksaan internal loket", "Temuan pemeriksaan internal loket **hanya untuk Bapak**."),
    Sample("terlambat", "b", "agency:a", Jenis.SURAT_EDARAN, Sifat.SANGAT_SEGERA, Klasifikasi.BIASA,
           "Gangguan jaringan aplikasi pelayanan", "Jaringan terganggu; laporkan dampaknya."),
]  # fmt: skip
MARKDOWN_STATES = {"didisposisi", "rahasia"}


def demo_officers_create() -> dict:
    """Create the extra demo officers; return every demo officer by short name."""
    for local, name, code, jabatan in EXTRA_OFFICERS:
        email = f"{local}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first() or User(email=email)
        user.name, user.jabatan = name, jabatan
        user.set_password(DEMO_PASSWORD)
        user.save()
        user_assign_role(user=user, role=Role.PETUGAS_INSTANSI, instansi=Instansi.objects.get(code=code))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        demo_second_factor(user)
    return {short: User.objects.get(email=f"{local}@{DEMO_DOMAIN}") for short, local in OFFICERS.items()}


def naskah_demo_create() -> list[Naskah]:
    """Create the sample memos that do not exist yet; return the new ones."""
    officers = demo_officers_create()
    created = []
    for sample in SAMPLES:
        sender = officers[sample.sender]
        if Naskah.objects.filter(pengirim=sender, perihal=sample.perihal, utas__isnull=True).exists():
            continue
        with transaction.atomic():  # a sample exists whole or not at all
            created.append(_sample_create(sample, officers))
    return created


def _data(sample, officers) -> dict:
    kind, target = sample.to.split(":")
    data = {
        "jenis": sample.jenis,
        "sifat": sample.sifat,
        "klasifikasi": sample.klasifikasi,
        "perihal": sample.perihal,
        "isi": sample.isi,
        "format": Format.MARKDOWN if sample.state in MARKDOWN_STATES else Format.TEKS,
    }
    if kind == "agency":
        return data | {"kepada_instansi": [Instansi.objects.get(code=AGENCY[target])]}
    return data | {"kepada_pegawai": [officers[target]]}


def _sample_create(sample, officers):
    sender = officers[sample.sender]
    data = _data(sample, officers)
    if sample.state == "draf":
        return naskah_draft_save(author=sender, data=data)
    naskah = naskah_compose_send(author=sender, data=data)
    receiver = officers["b" if sample.sender == "a" else "a"]
    colleague = officers["b2" if sample.sender == "a" else "a2"]
    if sample.state not in ("terkirim", "terlambat"):
        naskah_open(naskah=naskah, user=receiver)
    if sample.state == "dibalas":
        naskah_reply(
            naskah=naskah, actor=receiver, isi="Data kendaraan kami kirim dalam lampiran berikutnya."
        )
    if sample.state in ("didisposisi", "selesai"):
        disposisi = disposisi_give(
            naskah=naskah,
            actor=receiver,
            kepada=colleague,
            instruksi=[Instruksi.TINDAK_LANJUTI, Instruksi.SIAPKAN_JAWABAN],
            catatan="Mohon ditindaklanjuti dan dilaporkan.",
            batas_waktu=timezone.localdate() + datetime.timedelta(days=3),
        )
        naskah_open(naskah=naskah, user=colleague)
        if sample.state == "selesai":
            disposisi_complete(
                disposisi=disposisi, actor=colleague, catatan="Daftar kebutuhan ATK sudah dikirim."
            )
    if sample.state == "terlambat":
        _age(naskah)
    return naskah


def _age(naskah):
    """Move a demo memo's send time back a day at a time until it is overdue (demo data only)."""
    now = timezone.now()
    while naskah.due_at is not None and naskah.due_at >= now:
        naskah.sent_at -= datetime.timedelta(days=1)
        naskah.due_at = naskah_due_at(sifat=naskah.sifat, sent_at=naskah.sent_at)
    naskah.save(update_fields=["sent_at", "due_at"])
