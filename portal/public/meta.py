"""
Meta descriptions for public pages whose templates belong to the service apps or to allauth.

A template of the portal's own sets {% block meta_description %}; the pages named here get theirs
from the context processor, keyed on the URL name, and every other page the portal's general one.
"""

from django.utils.translation import gettext_lazy as _

DEFAULT = _(
    "Portal layanan publik Kabupaten Tulungagung: ajukan KTP-el dan izin usaha secara daring, "
    "pantau permohonan, dan baca informasi publik daerah."
)

PAGE_DESCRIPTIONS = {
    "ktp:index": _(
        "Ajukan KTP-el baru, penggantian atau perubahan data secara daring, pilih jadwal perekaman "
        "di kantor kecamatan dan pantau permohonan Anda."
    ),
    "ktp:standar": _(
        "Standar pelayanan KTP-el di Kabupaten Tulungagung: persyaratan, alur, waktu penyelesaian, "
        "biaya dan pengaduan."
    ),
    "perizinan:index": _(
        "Ajukan atau perpanjang izin usaha (SIUP, TDP, HO) secara daring di DPMPTSP Kabupaten "
        "Tulungagung dan unduh izin yang telah terbit."
    ),
    "account_login": _("Masuk ke akun Layanan Publik Tulungagung untuk mengajukan dan memantau permohonan."),
    "account_signup": _(
        "Daftar akun Layanan Publik Tulungagung dengan alamat surel untuk mengajukan layanan secara daring."
    ),
    "account_reset_password": _("Atur ulang kata sandi akun Layanan Publik Tulungagung melalui surel."),
}


def page_description(request):
    """Return the description of the page the request resolved to, or the portal's general one."""
    match = getattr(request, "resolver_match", None)
    return PAGE_DESCRIPTIONS.get(match.view_name if match else None, DEFAULT)
