"""The portal's services as the home page and the navigation list them."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
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
        return _url(self.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=256)
def _url(url_name, script_prefix, urlconf):
    # Every page's navigation lists the services: reversed once per URL configuration, not per page.
    try:
        return reverse(url_name, urlconf=urlconf)
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
