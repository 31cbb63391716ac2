"""The portal's services as the home page and the navigation list them."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Service:
    title: str
    summary: str
    url_name: str
    officers_only: bool = False

    @property
    def url(self):
        """Return the service's URL, or None while its app is not installed."""
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


SERVICES = [
    Service(
        _("Layanan KTP-el"),
        _("Daftar KTP-el baru, ganti yang hilang, rusak atau berubah data, tanpa biaya."),
        "ktp:index",
    ),
    Service(
        _("Perizinan usaha"),
        _("Ajukan atau perpanjang SIUP, TDP dan HO secara daring, kapan saja."),
        "perizinan:index",
    ),
    Service(
        _("Koordinasi antarinstansi"),
        _("Nota dinas dan surat antarinstansi untuk pegawai Pemerintah Kabupaten."),
        "koordinasi:index",
        officers_only=True,
    ),
    Service(
        _("Pengadaan barang/jasa"),
        _("Tender dan pengadaan langsung Pemkab, terbuka: jadwal, peserta, pemenang dan kontrak."),
        "pengadaan:index",
    ),
    Service(
        _("Lacak permohonan"),
        _("Lihat status permohonan dengan nomor pendaftaran."),
        "public:track",
    ),
    Service(
        _("Transparansi kinerja"),
        _("Berapa permohonan diterima, selesai dan tepat waktu, per kecamatan dan per bulan."),
        "public:transparency",
    ),
    Service(
        _("Informasi publik"),
        _("Potensi daerah, daya tampung sekolah dan data lain dari perangkat daerah."),
        "public:informasi",
    ),
]
