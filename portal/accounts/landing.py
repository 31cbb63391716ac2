"""The page each role starts its work on after signing in."""

from django.urls import NoReverseMatch, reverse

from .roles import Role

# First match wins, so an account holding two roles lands on the busier desk. URL names, not
# imports: the platform names the service apps' pages without depending on their code.
WORK_PAGES = [
    (Role.ADMIN, "admin:index"),
    (Role.PETUGAS_KECAMATAN, "admin:ktp_permohonanktp_changelist"),
    (Role.PETUGAS_DISPENDUKCAPIL, "admin:ktp_permohonanktp_changelist"),
    (Role.PETUGAS_PERIZINAN, "admin:perizinan_permohonanizin_changelist"),
    (Role.PETUGAS_INSTANSI, "koordinasi:index"),
    (Role.ADMIN_UKPBJ, "pengadaan:kelola"),
    (Role.POKJA_PEMILIHAN, "pengadaan:kelola"),
    (Role.PPK, "pengadaan:kelola"),
    (Role.PEJABAT_PENGADAAN, "pengadaan:kelola"),
]


def work_page_url(user) -> str | None:
    """Return the URL of the user's work page (queue or inbox), or None for a citizen."""
    roles = {group.name for group in user.groups.all()}
    for role, url_name in WORK_PAGES:
        if role.value in roles:
            try:
                return reverse(url_name)
            except NoReverseMatch:
                continue
    return reverse("admin:index") if user.is_staff else None
