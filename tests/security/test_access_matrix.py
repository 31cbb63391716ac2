"""
Every URL pattern of the portal, admin included, against nine actors, with objects owned by each.

EXPECTED below is the one table of what each actor gets from each pattern. The URLconf is walked
at test time, so a pattern added without a row here fails `test_every_url_pattern_is_declared`,
and a row whose pattern is gone fails too. Each request runs in a savepoint that is rolled back
(and the client's cookies restored), so a POST or a logout cannot change what the next one sees.
"""

import copy
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ACTORS, STAFF, login

# Every officer has a second factor, the agencies' officers too, who are not staff.
WITH_TOTP = STAFF | {"instansi_p", "instansi_q"}

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------------------------------------
# Outcomes: what a response must look like.


@dataclass(frozen=True)
class Outcome:
    name: str
    statuses: tuple
    location: str | None = None  # the redirect target must start with this

    def matches(self, response):
        if response.status_code not in self.statuses:
            return False
        if self.location is None:
            return True
        target = response.get("Location", "")
        if self.location == "<other>":
            return not target.startswith(("/akun/login/", "/admin/login/"))
        return target.startswith(self.location)

    def __repr__(self):
        return self.name


OK = Outcome("OK", (200,))
NO_CONTENT = Outcome("NO_CONTENT", (204,))
READY = Outcome("OK_OR_503", (200, 503))  # readiness: depends on the broker, never a 500 or a 403
LOGIN = Outcome("LOGIN", (302,), "/akun/login/")
ADMIN_LOGIN = Outcome("ADMIN_LOGIN", (302,), "/admin/login/")
ADMIN_GONE = Outcome("ADMIN_GONE", (302,), "/admin/")  # admin: "no such object", as for a missing one
MFA = Outcome("MFA", (302,), "/akun/2fa/")
REDIRECT = Outcome("REDIRECT", (302,), "<other>")
FORBIDDEN = Outcome("FORBIDDEN", (403,))
NOT_FOUND = Outcome("NOT_FOUND", (404,))
NOT_ALLOWED = Outcome("NOT_ALLOWED", (405,))
BAD_REQUEST = Outcome("BAD_REQUEST", (400,))  # a form posted empty: shown again with its errors


def per(default, **actors):
    """Return {actor: outcome} for all nine actors: `default`, except the ones named."""
    unknown = set(actors) - set(ACTORS)
    assert not unknown, unknown
    return {actor: actors.get(actor, default) for actor in ACTORS}


def signed_in(outcome, **actors):
    """Anonymous goes to the login page; every signed-in actor gets `outcome` unless named."""
    return per(outcome, anon=LOGIN, **actors)


CITIZENS = ("warga_a", "warga_b")
OFFICERS = ("instansi_p", "instansi_q", "perizinan")  # bound to an agency: koordinasi opens


@dataclass
class Case:
    """One request: `obj` names the world's object behind the URL's kwargs; `expect` per actor."""

    expect: dict
    obj: str | None = None
    method: str = "get"
    kwargs: dict = field(default_factory=dict)


def own(obj, owner, *, method="get", own=OK, other=NOT_FOUND, **actors):
    """A citizen's page: the owner gets `own`, every other signed-in actor `other`."""
    return Case(signed_in(other, **{owner: own, **actors}), obj=obj, method=method)


def owned_pair(suffix_a, suffix_b, **kw):
    return [own(suffix_a, "warga_a", **kw), own(suffix_b, "warga_b", **kw)]


def officer_only(outcome, obj=None, method="get", **actors):
    """A koordinasi page: officers bound to an agency get `outcome`; anyone else is refused (403)."""
    expect = signed_in(FORBIDDEN, **dict.fromkeys(OFFICERS, outcome))
    return Case({**expect, **actors}, obj=obj, method=method)


# ---------------------------------------------------------------------------------------------
# The admin: per registered ModelAdmin, who may view, add, delete, and who cannot see an object.
# Actors who are not staff always get the admin login; staff without two-factor are covered by
# tests/portal/test_two_factor.py.


@dataclass
class AdminModel:
    view: set  # staff actors with view or change permission
    objects: dict  # world object (or "first"/"missing") -> staff actors for whom it is hidden
    add: set = field(default_factory=set)
    delete: set = field(default_factory=set)


SUPER = {"admin"}
KEC = {"kec_x", "kec_y"}
KTP_OFFICERS = KEC | SUPER
IZIN_OFFICERS = {"perizinan", "admin"}

ADMIN_MODELS = {
    "auth_group": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "sites_site": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "account_emailaddress": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "mfa_authenticator": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "django_celery_beat_periodictask": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "django_celery_beat_clockedschedule": AdminModel(SUPER, {"clocked": set()}, add=SUPER, delete=SUPER),
    "django_celery_beat_crontabschedule": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "django_celery_beat_solarschedule": AdminModel(SUPER, {"solar": set()}, add=SUPER, delete=SUPER),
    "django_celery_beat_intervalschedule": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "wilayah_kecamatan": AdminModel(STAFF, {"first": set()}, add=SUPER),
    "wilayah_desa": AdminModel(STAFF, {"first": set()}, add=SUPER),
    "wilayah_instansi": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "accounts_user": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "axes_accessattempt": AdminModel(SUPER, {"missing": set()}, delete=SUPER),
    "axes_accesslog": AdminModel(SUPER, {"first": set()}, delete=SUPER),
    "axes_accessfailurelog": AdminModel(SUPER, {"missing": set()}, delete=SUPER),
    "documents_penghapusandokumen": AdminModel(SUPER, {"missing": set()}),
    "holidays_harilibur": AdminModel(SUPER, {"harilibur": set()}, add=SUPER, delete=SUPER),
    "notifications_notification": AdminModel(SUPER, {"missing": set()}),
    "verification_issueddocument": AdminModel(SUPER, {"ktp_receipt_a": set()}),
    "audit_aksesdata": AdminModel(SUPER, {"akses": set()}),
    "public_informasipublik": AdminModel(SUPER, {"informasi": set()}, add=SUPER, delete=SUPER),
    # Kecamatan scoping: X's officer never sees Y's application, resident or card, and vice versa.
    "ktp_permohonanktp": AdminModel(
        KTP_OFFICERS, {"ktp_a": {"kec_y", "perizinan"}, "ktp_b": {"kec_x", "perizinan"}}
    ),
    "ktp_penduduk": AdminModel(
        KTP_OFFICERS,
        {"penduduk_a": {"kec_y", "perizinan"}, "penduduk_b": {"kec_x", "perizinan"}},
        add=SUPER,
        delete=SUPER,
    ),
    "ktp_ktp": AdminModel(
        KTP_OFFICERS,
        {"kartu_a": {"kec_y", "perizinan"}, "kartu_b": {"kec_x", "perizinan"}},
        add=SUPER,
        delete=SUPER,
    ),
    "ktp_layanankecamatan": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "ktp_pekerjaan": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "perizinan_permohonanizin": AdminModel(IZIN_OFFICERS, {"piz_a": KEC, "piz_b": KEC}),
    "perizinan_izin": AdminModel(IZIN_OFFICERS, {"izin_a": KEC, "izin_b": KEC}),
    "perizinan_usaha": AdminModel(IZIN_OFFICERS, {"usaha_a": set()}, delete=SUPER),
    "perizinan_jenisizin": AdminModel(IZIN_OFFICERS, {"first": set()}, add=IZIN_OFFICERS, delete=SUPER),
    "perizinan_kelassiup": AdminModel(IZIN_OFFICERS, {"first": set()}, add=SUPER, delete=SUPER),
    "perizinan_indekslokasi": AdminModel(IZIN_OFFICERS, {"first": set()}, add=IZIN_OFFICERS, delete=SUPER),
    "perizinan_indeksgangguan": AdminModel(IZIN_OFFICERS, {"first": set()}, add=IZIN_OFFICERS, delete=SUPER),
    "perizinan_tarifho": AdminModel(IZIN_OFFICERS, {"first": set()}, add=IZIN_OFFICERS, delete=SUPER),
    "perizinan_dasarbiaya": AdminModel(IZIN_OFFICERS, {"first": set()}, add=IZIN_OFFICERS, delete=SUPER),
    "perizinan_kantortandatangan": AdminModel(IZIN_OFFICERS, {"first": set()}, add=SUPER, delete=SUPER),
    "koordinasi_polapenomoran": AdminModel(SUPER, {"missing": set()}, add=SUPER, delete=SUPER),
    "koordinasi_naskah": AdminModel(SUPER, {"naskah_p": set()}),
    "koordinasi_logakses": AdminModel(SUPER, {"first": set()}),
    # Tender rules are data the procurement unit keeps; packages and sealed bids are read-only.
    "pengadaan_kategori": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "pengadaan_metode": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "pengadaan_metodeevaluasi": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "pengadaan_aturan": AdminModel(SUPER, {"first": set()}, add=SUPER, delete=SUPER),
    "pengadaan_paket": AdminModel(SUPER, {"pkt": set()}),
    # A sealed bid is no row of the register, to a superuser neither; an opened one is.
    "pengadaan_penawaran": AdminModel(SUPER, {"bid_a": set(STAFF), "bid_won_a": set()}),
}


def admin_staff(staff_outcomes):
    """Non-staff actors go to the admin login; staff get `staff_outcomes[actor]`."""
    return {actor: staff_outcomes[actor] if actor in STAFF else ADMIN_LOGIN for actor in ACTORS}


def admin_staff_login():
    """Anonymous and staff go to the portal login; any other signed-in actor is refused."""
    return {actor: LOGIN if actor == "anon" or actor in STAFF else FORBIDDEN for actor in ACTORS}


def admin_model_rows(name, spec):
    """Expand one AdminModel into rows for its changelist, add, change, history and delete."""

    def allowed(who):
        return OK if who else FORBIDDEN

    def change(actor, hidden):
        if actor not in spec.view:
            return FORBIDDEN
        return ADMIN_GONE if actor in hidden else OK

    def history(actor, hidden):
        if actor in hidden:
            return ADMIN_GONE
        return OK if actor in spec.view else FORBIDDEN

    def delete(actor, hidden):
        if actor not in spec.delete:
            return FORBIDDEN
        return ADMIN_GONE if actor in hidden else OK

    # A register with no row to open: everyone allowed to look is told it does not exist.
    objects = {obj: set(STAFF) if obj == "missing" else hidden for obj, hidden in spec.objects.items()}
    rows = {
        f"admin:{name}_changelist": [Case(admin_staff({a: allowed(a in spec.view) for a in STAFF}))],
        f"admin:{name}_add": [Case(admin_staff({a: allowed(a in spec.add) for a in STAFF}))],
    }
    for suffix, rule in (("change", change), ("history", history), ("delete", delete)):
        rows[f"admin:{name}_{suffix}"] = [
            Case(admin_staff({a: rule(a, hidden) for a in STAFF}), obj=obj) for obj, hidden in objects.items()
        ]
    app_label, model = (
        name.split("_", 1)
        if not name.startswith("django_celery_beat")
        else (
            "django_celery_beat",
            name.removeprefix("django_celery_beat_"),
        )
    )
    # The bare object URL redirects staff to the change page, whoever may open it.
    obj = next(iter(spec.objects))
    rows[f"admin/{app_label}/{model}/<path:object_id>/"] = [
        Case(admin_staff(dict.fromkeys(STAFF, REDIRECT)), obj=obj)
    ]
    return rows


def admin_rows():
    rows = {}
    for name, spec in ADMIN_MODELS.items():
        rows |= admin_model_rows(name, spec)
    return rows


def ktp_admin_custom(url_name, *, method, visible_outcome):
    """A custom KTP admin URL on A's and B's applications: seen only within the kecamatan."""
    hidden = {"ktp_a": {"kec_y", "perizinan"}, "ktp_b": {"kec_x", "perizinan"}}
    return [
        Case(admin_staff({a: NOT_FOUND if a in hidden[obj] else visible_outcome for a in STAFF}), obj, method)
        for obj in hidden
    ]


def izin_admin_custom(url_name, *, method, visible_outcome):
    return [
        Case(admin_staff({a: NOT_FOUND if a in KEC else visible_outcome for a in STAFF}), obj, method)
        for obj in ("piz_a", "piz_b")
    ]


# Tenders: warga_a and warga_b are verified vendors registered for both packages; instansi_p sits
# on both Pokja, instansi_q is their PPK, admin (a superuser) acts as the procurement unit.
TENDER_OFFICERS = ("instansi_p", "instansi_q", "admin")


def tender_officer(outcome, obj=None, method="get", **actors):
    """An officer page: tender officers get `outcome`, other signed-in actors are refused (403)."""
    expect = signed_in(FORBIDDEN, **dict.fromkeys(TENDER_OFFICERS, outcome))
    return Case({**expect, **actors}, obj=obj, method=method)


def ukpbj_only(outcome, obj=None, method="get"):
    return Case(signed_in(FORBIDDEN, admin=outcome), obj=obj, method=method)


def posted_only(obj, **post_expect):
    """A POST-only URL: a GET is 405 for everyone; the POST as `post_expect` says."""
    return [Case(per(NOT_ALLOWED), obj=obj), Case(post_expect["expect"], obj=obj, method="post")]


PENGADAAN = {
    "pengadaan:index": [Case(per(OK))],
    "pengadaan:index_csv": [Case(per(OK))],
    # Open contracting data: public, and built from the same public rules as the pages.
    "pengadaan:ocds_releases": [Case(per(OK))],
    "pengadaan:ocds_paket_releases": [
        Case(per(OK), obj="pkt"),
        Case(per(OK), obj="pkt_won"),
        Case(per(OK), obj="pl"),
        Case(per(OK), obj="pl_done"),
    ],
    "pengadaan:ocds_paket_record": [
        Case(per(OK), obj="pkt"),
        Case(per(OK), obj="pkt_won"),
        Case(per(OK), obj="pl"),
        Case(per(OK), obj="pl_done"),
    ],
    # Red flags: their definitions and each agency's summary are public.
    "pengadaan:tanda_definisi": [Case(per(OK))],
    "pengadaan:tanda_instansi": [Case(per(OK), obj="pkt_instansi")],
    "pengadaan:paket": [
        Case(per(OK), obj="pkt"),
        Case(per(OK), obj="pkt_won"),
        Case(per(OK), obj="pl"),
        Case(per(OK), obj="pl_done"),
    ],
    # The published documents of a package are public, as on the package page.
    "pengadaan:dokumen": [Case(per(OK), obj="pkt_doc")],
    "pengadaan:berita_acara": [Case(per(NOT_FOUND), obj="pkt"), Case(per(OK), obj="pkt_won")],
    "pengadaan:hasil": [Case(per(NOT_FOUND), obj="pkt"), Case(per(OK), obj="pkt_won")],
    "pengadaan:penyedia": [Case(signed_in(OK))],
    "pengadaan:daftar": posted_only("pkt", expect=signed_in(REDIRECT)),
    "pengadaan:tanya": posted_only("pkt", expect=signed_in(BAD_REQUEST)),
    "pengadaan:sanggah": posted_only("pkt_won", expect=signed_in(BAD_REQUEST)),
    "pengadaan:penawaran": [
        Case(signed_in(REDIRECT, warga_a=OK, warga_b=OK), obj="pkt"),
        Case(signed_in(REDIRECT, warga_a=BAD_REQUEST, warga_b=BAD_REQUEST), obj="pkt", method="post"),
    ],
    "pengadaan:bukti": owned_pair("bid_a", "bid_b"),
    "pengadaan:bukti_lama": owned_pair("bid_a", "bid_b", own=REDIRECT),
    "pengadaan:kelola": [tender_officer(OK)],
    "pengadaan:penyedia_list": [ukpbj_only(OK)],
    "pengadaan:penyedia_verifikasi": [
        Case(per(NOT_ALLOWED), obj="pending"),
        ukpbj_only(BAD_REQUEST, "pending", "post"),
    ],
    "pengadaan:paket_baru": [ukpbj_only(OK), ukpbj_only(BAD_REQUEST, method="post")],
    "pengadaan:kelola_paket": [
        tender_officer(OK, "pkt"),
        tender_officer(OK, "pkt_won"),
        tender_officer(OK, "pl"),
        tender_officer(OK, "pl_done"),
    ],
    # Pengadaan langsung: instansi_p is also the Pejabat Pengadaan of `pl_invited` (warga_b invited),
    # `pl` (warga_a invited, offer in) and `pl_done` (ordered); instansi_q is their PPK.
    "pengadaan:langsung_baru": [
        Case(signed_in(FORBIDDEN, instansi_p=OK, admin=OK)),
        Case(signed_in(FORBIDDEN, instansi_p=BAD_REQUEST, admin=BAD_REQUEST), method="post"),
    ],
    "pengadaan:langsung_negosiasi": [
        Case(per(NOT_ALLOWED), obj="pl"),
        tender_officer(FORBIDDEN, "pl", "post", instansi_p=BAD_REQUEST),
    ],
    "pengadaan:langsung_pesanan": [
        Case(per(NOT_ALLOWED), obj="pl"),
        tender_officer(FORBIDDEN, "pl", "post", instansi_q=BAD_REQUEST),
    ],
    "pengadaan:langsung_batal": [
        Case(per(NOT_ALLOWED), obj="pl"),
        tender_officer(FORBIDDEN, "pl", "post", instansi_p=BAD_REQUEST),
    ],
    # Only the invited vendor offers; anyone else is told there is no such invitation.
    "pengadaan:langsung_penawaran": [
        Case(signed_in(NOT_FOUND, warga_b=OK), obj="pl_invited"),
        Case(signed_in(NOT_FOUND, warga_b=BAD_REQUEST), obj="pl_invited", method="post"),
        # The offer is in: the vendor is sent back to the package page.
        Case(signed_in(NOT_FOUND, warga_a=REDIRECT), obj="pl"),
    ],
    # The offer's PDF: the vendor, the Pejabat Pengadaan, the PPK and the procurement unit only.
    "pengadaan:langsung_berkas": [
        Case(signed_in(NOT_FOUND, warga_a=OK, instansi_p=OK, instansi_q=OK, admin=OK), obj="pl"),
        Case(signed_in(NOT_FOUND, warga_a=OK, instansi_p=OK, instansi_q=OK, admin=OK), obj="pl_done"),
    ],
    "pengadaan:jadwal": [Case(per(NOT_ALLOWED), obj="pkt"), tender_officer(BAD_REQUEST, "pkt", "post")],
    "pengadaan:adendum": [Case(per(NOT_ALLOWED), obj="pkt"), tender_officer(BAD_REQUEST, "pkt", "post")],
    # Opening before its time and naming a winner before the opening are refused with a message;
    # only the Pokja may try (the PPK and the procurement unit get 403 from the service).
    "pengadaan:buka": [
        Case(per(NOT_ALLOWED), obj="pkt"),
        tender_officer(FORBIDDEN, "pkt", "post", instansi_p=REDIRECT),
    ],
    "pengadaan:tetapkan": [
        Case(per(NOT_ALLOWED), obj="pkt"),
        tender_officer(FORBIDDEN, "pkt", "post", instansi_p=REDIRECT),
    ],
    "pengadaan:konflik": [Case(per(NOT_ALLOWED), obj="pkt"), tender_officer(BAD_REQUEST, "pkt", "post")],
    "pengadaan:gagal": [Case(per(NOT_ALLOWED), obj="pkt"), tender_officer(BAD_REQUEST, "pkt", "post")],
    "pengadaan:kontrak": [
        Case(per(NOT_ALLOWED), obj="pkt_won"),
        tender_officer(BAD_REQUEST, "pkt_won", "post"),
    ],
    "pengadaan:ulang": [Case(per(NOT_ALLOWED), obj="pkt"), ukpbj_only(BAD_REQUEST, "pkt", "post")],
    # Questions, objections and bids are the Pokja's: anyone else is told they do not exist.
    "pengadaan:jawab": [
        Case(per(NOT_ALLOWED), obj="tanya"),
        tender_officer(NOT_FOUND, "tanya", "post", instansi_p=BAD_REQUEST),
    ],
    "pengadaan:sanggah_jawab": [
        Case(per(NOT_ALLOWED), obj="sgh"),
        tender_officer(NOT_FOUND, "sgh", "post", instansi_p=BAD_REQUEST),
    ],
    "pengadaan:sanggah_bukti": [tender_officer(NOT_FOUND, "sgh", instansi_p=OK)],
    "pengadaan:evaluasi": [
        tender_officer(NOT_FOUND, "bid_won_a", instansi_p=OK),
        tender_officer(NOT_FOUND, "bid_won_a", "post", instansi_p=BAD_REQUEST),
        # Before the opening no one evaluates, the Pokja neither.
        tender_officer(NOT_FOUND, "bid_a"),
    ],
    "pengadaan:berkas": [
        tender_officer(NOT_FOUND, "bid_won_a", instansi_p=OK),
        # Sealed: not even the Pokja learns that the bid exists.
        tender_officer(NOT_FOUND, "bid_a"),
    ],
}

# ---------------------------------------------------------------------------------------------
# THE TABLE: pattern name (or route, for unnamed patterns) -> cases.

SIGNED_IN_PAGE = [Case(signed_in(OK))]
PUBLIC = [Case(per(OK))]

EXPECTED = {
    # Public pages.
    "public:home": PUBLIC,
    "public:track": PUBLIC,
    "public:transparency": PUBLIC,
    "public:transparency_csv": PUBLIC,
    "public:transparency_section_csv": [
        Case(per(OK), kwargs={"name": "pengadaan"}),
        Case(per(NOT_FOUND), kwargs={"name": "tidak-ada"}),
    ],
    "public:informasi": PUBLIC,
    "public:informasi_detail": [Case(per(OK), obj="informasi")],
    "public:informasi_csv": [Case(per(OK), obj="informasi")],
    "health:live": PUBLIC,
    "health:ready": [Case(per(READY))],
    "verification:verify": [Case(per(OK), obj="ktp_receipt_a")],
    "set_language": [Case(per(REDIRECT)), Case(per(REDIRECT), method="post")],
    # Data saya: every signed-in person sees their own accesses and data.
    "audit:data_saya": SIGNED_IN_PAGE,
    "audit:data_saya_json": SIGNED_IN_PAGE,
    "audit:data_saya_pdf": SIGNED_IN_PAGE,
    # Accounts (django-allauth).
    "account_login": [Case(per(REDIRECT, anon=OK))],
    "account_logout": [Case(per(OK, anon=REDIRECT))],
    "account_inactive": PUBLIC,
    "account_signup": [Case(per(REDIRECT, anon=OK))],
    "account_reauthenticate": SIGNED_IN_PAGE,
    "account_request_reauthentication_code": SIGNED_IN_PAGE,
    "account_confirm_reauthentication_code": [Case(signed_in(REDIRECT))],
    "account_email": SIGNED_IN_PAGE,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN_PAGE,
    "account_set_password": [Case(signed_in(REDIRECT))],
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": [Case(signed_in(REDIRECT))],
    "account_confirm_email": [Case(per(OK))],
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": [Case(per(OK))],
    "account_reset_password_done": PUBLIC,
    "mfa_index": SIGNED_IN_PAGE,
    # Second factor: only accounts with TOTP (the staff) reach its pages; the rest are sent on.
    "mfa_authenticate": [Case(signed_in(REDIRECT))],
    "mfa_reauthenticate": [Case(signed_in(REDIRECT, **dict.fromkeys(WITH_TOTP, OK)))],
    "mfa_activate_totp": [Case(signed_in(REDIRECT))],
    "mfa_deactivate_totp": [Case(signed_in(NOT_FOUND, **dict.fromkeys(WITH_TOTP, REDIRECT)))],
    "mfa_view_recovery_codes": [Case(signed_in(NOT_FOUND))],
    "mfa_generate_recovery_codes": [Case(signed_in(REDIRECT))],
    "mfa_download_recovery_codes": [Case(signed_in(NOT_FOUND))],
    # KTP-el: public explanations, then the citizen's own applications only.
    "ktp:index": PUBLIC,
    "ktp:standar": PUBLIC,
    "ktp:start": SIGNED_IN_PAGE,
    "ktp:list": SIGNED_IN_PAGE,
    "ktp:detail": owned_pair("ktp_a", "ktp_b"),
    "ktp:konfirmasi": owned_pair("ktp_a", "ktp_b"),
    "ktp:receipt": owned_pair("ktp_a", "ktp_b"),
    "ktp:biodata": owned_pair("ktp_draft_a", "ktp_draft_b") + owned_pair("ktp_a", "ktp_b", own=REDIRECT),
    "ktp:dokumen": owned_pair("ktp_draft_a", "ktp_draft_b") + owned_pair("ktp_a", "ktp_b", own=REDIRECT),
    "ktp:jadwal": owned_pair("ktp_draft_a", "ktp_draft_b", own=REDIRECT)
    + owned_pair("ktp_a", "ktp_b", own=REDIRECT),
    "ktp:periksa": owned_pair("ktp_draft_a", "ktp_draft_b") + owned_pair("ktp_a", "ktp_b", own=REDIRECT),
    "ktp:withdraw": owned_pair("ktp_a", "ktp_b", own=NOT_ALLOWED, other=NOT_ALLOWED)
    + owned_pair("ktp_a", "ktp_b", method="post", own=REDIRECT),
    # Licences: anyone signed in may apply; only the owner sees an application or a licence.
    "perizinan:index": PUBLIC,
    "perizinan:start": SIGNED_IN_PAGE,
    "perizinan:jenis": [
        Case(signed_in(OK), kwargs={"code": "SIUP"}),
        Case(signed_in(NOT_FOUND), kwargs={"code": "XX"}),
    ],
    "perizinan:baru": [Case(signed_in(OK), kwargs={"code": "SIUP"})],
    "perizinan:perpanjangan": [Case(signed_in(OK), kwargs={"code": "SIUP"})],
    "perizinan:list": SIGNED_IN_PAGE,
    "perizinan:izin_list": SIGNED_IN_PAGE,
    "perizinan:izin_renew": owned_pair("izin_a", "izin_b", own=REDIRECT)
    + owned_pair("izin_a", "izin_b", method="post", own=REDIRECT),
    "perizinan:izin_pdf": owned_pair("izin_a", "izin_b"),
    "perizinan:detail": owned_pair("piz_a", "piz_b"),
    "perizinan:konfirmasi": owned_pair("piz_a", "piz_b", own=REDIRECT),  # issued: sent on to its page
    "perizinan:receipt": owned_pair("piz_a", "piz_b"),
    "perizinan:step": [
        *owned_pair("piz_draft_a", "piz_draft_b"),
        *owned_pair("piz_a", "piz_b", own=REDIRECT),
    ],
    "perizinan:dokumen": owned_pair("piz_draft_a", "piz_draft_b")
    + owned_pair("piz_a", "piz_b", own=REDIRECT),
    "perizinan:periksa": owned_pair("piz_draft_a", "piz_draft_b")
    + owned_pair("piz_a", "piz_b", own=REDIRECT),
    "perizinan:jadwal": owned_pair("piz_draft_a", "piz_draft_b") + owned_pair("piz_a", "piz_b", own=REDIRECT),
    "perizinan:withdraw": owned_pair("piz_a", "piz_b", own=NOT_ALLOWED, other=NOT_ALLOWED)
    + owned_pair("piz_a", "piz_b", method="post", own=REDIRECT),
    # Koordinasi: officers of an agency; a memo of P addressed within P is invisible to Q (404).
    "koordinasi:index": [officer_only(OK)],
    "koordinasi:sent": [officer_only(OK)],
    "koordinasi:drafts": [officer_only(OK)],
    "koordinasi:compose": [officer_only(OK)],
    "koordinasi:draft_edit": [
        officer_only(NOT_FOUND, "draft_p", instansi_p=OK),
        officer_only(NOT_FOUND, "draft_q", instansi_q=OK),
    ],
    "koordinasi:draft_send": [
        officer_only(NOT_ALLOWED, "draft_p"),
        officer_only(NOT_FOUND, "draft_q", method="post", instansi_q=REDIRECT),
    ],
    "koordinasi:draft_discard": [
        officer_only(NOT_ALLOWED, "draft_p"),
        officer_only(NOT_FOUND, "draft_q", method="post", instansi_q=REDIRECT),
    ],
    "koordinasi:detail": [
        officer_only(NOT_FOUND, "naskah_p", instansi_p=OK),
        officer_only(NOT_FOUND, "naskah_q", instansi_q=OK),
    ],
    "koordinasi:reply": [
        officer_only(NOT_ALLOWED, "naskah_p"),
        officer_only(NOT_FOUND, "naskah_p", method="post", instansi_p=BAD_REQUEST),
        officer_only(NOT_FOUND, "naskah_q", method="post", instansi_q=BAD_REQUEST),
    ],
    "koordinasi:disposisi": [
        officer_only(NOT_ALLOWED, "naskah_p"),
        officer_only(NOT_FOUND, "naskah_p", method="post", instansi_p=BAD_REQUEST),
    ],
    "koordinasi:attachment": [
        officer_only(NOT_FOUND, "lampiran_p", instansi_p=OK),
        officer_only(NOT_FOUND, "lampiran_q", instansi_q=OK),
    ],
    "koordinasi:export": [
        officer_only(NOT_FOUND, "naskah_p", instansi_p=OK),
        officer_only(NOT_FOUND, "naskah_q", instansi_q=OK),
    ],
    "koordinasi:disposisi_done": [
        officer_only(NOT_ALLOWED, "disposisi_p"),
        officer_only(NOT_FOUND, "disposisi_p", method="post", instansi_p=REDIRECT),
    ],
    # The admin site itself. /admin/login/ is the portal's: it sends everyone to the portal login,
    # but a signed-in non-staff account, whom that login would send straight back, is refused.
    "admin/login/": [Case(admin_staff_login())],
    "admin:login": [Case(admin_staff_login())],
    "admin:index": [Case(admin_staff(dict.fromkeys(STAFF, OK)))],
    # Django sends anyone but staff from the admin logout to the admin index (then to the login).
    "admin:logout": [
        Case(
            {
                **admin_staff(dict.fromkeys(STAFF, NOT_ALLOWED)),
                **dict.fromkeys(set(ACTORS) - STAFF, ADMIN_GONE),
            }
        )
    ],
    "admin:password_change": [Case(admin_staff(dict.fromkeys(STAFF, OK)))],
    "admin:password_change_done": [Case(admin_staff(dict.fromkeys(STAFF, OK)))],
    "admin:autocomplete": [Case(admin_staff(dict.fromkeys(STAFF, FORBIDDEN)))],
    "admin:jsi18n": [Case(admin_staff(dict.fromkeys(STAFF, OK)))],
    # Loading a year's holidays: whoever may add and change them (Dispendukcapil, superusers).
    "admin:holidays_harilibur_import": [
        Case(admin_staff({**dict.fromkeys(STAFF, FORBIDDEN), "admin": OK})),
        Case(admin_staff({**dict.fromkeys(STAFF, FORBIDDEN), "admin": BAD_REQUEST}), method="post"),
    ],
    "admin:view_on_site": [Case(admin_staff(dict.fromkeys(STAFF, REDIRECT)), obj="ktp_receipt_a")],
    "admin:app_list": [
        Case(
            admin_staff({"kec_x": OK, "kec_y": OK, "perizinan": NOT_FOUND, "admin": OK}),
            kwargs={"app_label": "ktp"},
        )
    ],
    "admin/(?P<url>.*)$": [Case(admin_staff(dict.fromkeys(STAFF, NOT_FOUND)))],
    "admin:auth_user_password_change": [
        Case(admin_staff({**dict.fromkeys(STAFF, FORBIDDEN), "admin": OK}), "first_user")
    ],
    # The officers' workflow URLs in the admin: scoped exactly like the change page, but a 404.
    "admin:ktp_dokumen": ktp_admin_custom("ktp_dokumen", method="get", visible_outcome=OK),
    "admin:ktp_bukti": ktp_admin_custom("ktp_bukti", method="get", visible_outcome=OK),
    "admin:ktp_aksi": ktp_admin_custom("ktp_aksi", method="get", visible_outcome=NOT_FOUND)
    + ktp_admin_custom("ktp_aksi", method="post", visible_outcome=REDIRECT),
    "admin:ktp_tugaskan": ktp_admin_custom("ktp_tugaskan", method="get", visible_outcome=NOT_FOUND)
    + ktp_admin_custom("ktp_tugaskan", method="post", visible_outcome=REDIRECT),
    "admin:perizinan_dokumen": izin_admin_custom("perizinan_dokumen", method="get", visible_outcome=OK),
    "admin:perizinan_bukti": izin_admin_custom("perizinan_bukti", method="get", visible_outcome=OK),
    "admin:perizinan_aksi": izin_admin_custom("perizinan_aksi", method="get", visible_outcome=NOT_FOUND)
    + izin_admin_custom("perizinan_aksi", method="post", visible_outcome=REDIRECT),
    "admin:perizinan_tugaskan": izin_admin_custom(
        "perizinan_tugaskan", method="get", visible_outcome=NOT_FOUND
    )
    + izin_admin_custom("perizinan_tugaskan", method="post", visible_outcome=REDIRECT),
    **PENGADAAN,
    **admin_rows(),
}

# Lists: a page that opens must not show another owner's or another kecamatan's/agency's row.
NOT_LISTED = {
    "ktp:list": {"warga_a": ["ktp_b"], "warga_b": ["ktp_a"]},
    "perizinan:list": {"warga_a": ["piz_b"], "warga_b": ["piz_a"]},
    "perizinan:izin_list": {"warga_a": ["izin_b"], "warga_b": ["izin_a"]},
    "admin:ktp_permohonanktp_changelist": {"kec_x": ["ktp_b"], "kec_y": ["ktp_a"]},
    "koordinasi:index": {
        "instansi_p": ["naskah_q"],
        "instansi_q": ["naskah_p"],
        "perizinan": ["naskah_p", "naskah_q"],
    },
    "koordinasi:sent": {"instansi_p": ["naskah_q"], "instansi_q": ["naskah_p"]},
}

# ---------------------------------------------------------------------------------------------
# The URLconf, walked.


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the full route for an unnamed pattern
    route: str
    name: str | None


def url_patterns(resolver=None, prefix="", namespace=None):
    """Yield every URL pattern of the portal, admin included, with its full route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Pattern(key=name or route, route=route, name=name)


def _patterns():
    seen = {}
    for pattern in url_patterns():
        seen.setdefault(pattern.key, pattern)  # admin/login/ is both the portal's and admin:login
    return seen


def test_every_url_pattern_is_declared():
    patterns = _patterns()
    assert set(NOT_LISTED) <= set(EXPECTED)
    undeclared = sorted(set(patterns) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(patterns))
    assert not undeclared, f"URL patterns with no expected outcome in EXPECTED: {undeclared}"
    assert not stale, f"EXPECTED rows for patterns that no longer exist: {stale}"
    # Every ModelAdmin registered is declared, and only those.
    registered = {f"{m._meta.app_label}_{m._meta.model_name}" for m in admin.site._registry}
    assert registered == set(ADMIN_MODELS)


def test_every_row_names_all_nine_actors():
    for key, cases in EXPECTED.items():
        for case in cases:
            assert set(case.expect) == set(ACTORS), key


# ---------------------------------------------------------------------------------------------
# The tender objects, added to the shared world for this module.


def _pengadaan(users):
    import datetime

    from django.utils import timezone

    from pengadaan.constants import Tahap
    from pengadaan.receipts import bahp_generate, pembukaan_record_generate, penawaran_receipt_generate
    from pengadaan.services import (
        paket_join,
        penawaran_submit,
        penyedia_register,
        penyedia_verify,
        pertanyaan_ask,
        sanggah_file,
    )
    from portal.accounts.roles import Role
    from portal.accounts.services import user_assign_role
    from tests.factories.pengadaan import (
        bid,
        bid_parts,
        clock,
        decided,
        during,
        evaluated,
        opened,
        paket,
        pdf,
        pokja_member,
        vendor,
    )

    user_assign_role(user=users.instansi_p, role=Role.POKJA_PEMILIHAN)
    user_assign_role(user=users.instansi_p, role=Role.PEJABAT_PENGADAAN)
    user_assign_role(user=users.instansi_q, role=Role.PPK)
    vendors = {}
    for who, npwp in (("a", "111111111111111"), ("b", "222222222222222")):
        profile = penyedia_register(
            user=getattr(users, f"warga_{who}"),
            nama_usaha=f"CV Tender {who.upper()}",
            bentuk_usaha="cv",
            npwp=npwp,
            nib=npwp[:13],
            kbli="41011",
            alamat="Tulungagung",
        )
        vendors[who] = penyedia_verify(penyedia=profile, actor=users.admin, approve=True)
    pokja = [users.instansi_p, pokja_member(), pokja_member()]
    now = timezone.now()
    # The bid window of `pkt` is open now; `pkt_won` ran its whole course in the past.
    pkt = paket(now_in=Tahap.PENAWARAN, pokja=pokja, ppk=users.instansi_q, actor=users.admin)
    won = paket(mulai=now - datetime.timedelta(days=40), pokja=pokja, ppk=users.instansi_q, actor=users.admin)
    with clock(during(pkt, Tahap.AANWIJZING)):
        for profile in vendors.values():
            paket_join(paket=pkt, penyedia=profile)
        tanya = pertanyaan_ask(paket=pkt, penyedia=vendors["a"], pertanyaan="Boleh produk dalam negeri lain?")
    bids = {
        who: penawaran_submit(paket=pkt, penyedia=profile, harga=800_000_000, parts=bid_parts())
        for who, profile in vendors.items()
    }
    for penawaran in bids.values():
        penawaran_receipt_generate(penawaran_id=penawaran.pk)
    won_a = bid(won, vendors["a"], 850_000_000)
    bid(won, vendors["b"], 870_000_000)
    won = opened(won)
    evaluated(won)
    decided(won)
    won.refresh_from_db()
    with clock(during(won, Tahap.EVALUASI, seconds=3600)):
        sgh = sanggah_file(
            paket=won, penyedia=vendors["b"], alasan="Harga pemenang tidak wajar.", bukti=pdf()
        )
    pembukaan_record_generate(paket_id=won.pk)
    bahp_generate(paket_id=won.pk)
    from tests.factories.pengadaan_langsung import negotiated, offered, ordered, undangan

    direct = {"actor": users.instansi_p, "ppk": users.instansi_q}
    pl_invited = undangan(penyedia=vendors["b"], **direct)
    pl = offered(undangan(penyedia=vendors["a"], **direct))
    pl_done = ordered(negotiated(offered(undangan(penyedia=vendors["a"], **direct))))
    return {
        "pl_invited": pl_invited,
        "pl": pl,
        "pl_done": pl_done,
        "pkt": pkt,
        "pkt_won": won,
        "pkt_doc": pkt.dokumen_set.first(),
        "pkt_instansi": pkt.instansi,
        "tanya": tanya,
        "sgh": sgh,
        "bid_a": bids["a"],
        "bid_b": bids["b"],
        "bid_won_a": won_a,
        "pending": vendor(verified=False),
    }


@pytest.fixture(scope="module")
def world(world, django_db_blocker):
    """The shared world, with the tender objects; rolled back with it."""
    with django_db_blocker.unblock():
        world.objects |= _pengadaan(world.users)
    return world


# ---------------------------------------------------------------------------------------------
# Requests.

MISSING_PK = 987654321


def _object(world, name, model_name):
    if name == "missing":
        return MISSING_PK
    if name == "first_user":
        return world.users.warga_a.pk
    if name == "first":
        model = next(
            m for m in admin.site._registry if f"{m._meta.app_label}_{m._meta.model_name}" == model_name
        )
        first = model._default_manager.order_by("pk").first()
        return first.pk if first is not None else MISSING_PK
    return world.objects[name]


def _kwargs(pattern, case, world):
    """Return the URL kwargs of `case` for `pattern`."""
    if case.obj is None:
        return dict(case.kwargs)
    model_name = pattern.key.removeprefix("admin:").rsplit("_", 1)[0]
    if pattern.name is None and pattern.route.startswith("admin/"):
        app_label, model = pattern.route.split("/")[1:3]
        model_name = f"{app_label}_{model}"
    obj = _object(world, case.obj, model_name)
    pk = obj if isinstance(obj, int) else obj.pk
    short = pattern.key.split(":")[-1]
    if case.obj == "ktp_receipt_a":
        if short == "view_on_site":
            from django.contrib.contenttypes.models import ContentType

            return {"content_type_id": ContentType.objects.get_for_model(obj).pk, "object_id": pk}
        if short == "verify":
            return {"token": obj.token}
    if short == "informasi_detail" or short == "informasi_csv":
        return {"slug": obj.slug}
    if short in ("ktp_dokumen", "perizinan_dokumen"):
        return {"pk": pk, "doc_pk": obj.dokumen_set.first().pk}
    if short in ("ktp_aksi", "perizinan_aksi"):
        return {"pk": pk, "action": "verifikasi" if short == "ktp_aksi" else "tolak"}
    if short == "attachment":
        return {"pk": obj.naskah_id, "lampiran_pk": pk}
    if pattern.key == "pengadaan:dokumen":
        return {"pk": obj.paket_id, "doc_pk": pk}
    if pattern.key == "pengadaan:bukti":
        return {"digest": obj.digest}
    if pattern.key == "pengadaan:berkas":
        return {"pk": pk, "name": "teknis"}
    if short == "step":
        return {"pk": pk, "step": "identitas"}
    if short == "auth_user_password_change":
        return {"id": pk}
    if pattern.name is None or short.endswith(("_change", "_history", "_delete")):
        return {"object_id": pk}
    return {"pk": pk}


def _url(pattern, case, world):
    if pattern.key == "admin/(?P<url>.*)$":
        return "/admin/tidak-ada/"
    if pattern.key in ("admin/login/", "admin:login"):
        return "/admin/login/?next=/admin/"
    if pattern.key == "account_confirm_email":
        return reverse(pattern.key, kwargs={"key": "kunci-yang-salah"})
    if pattern.key == "account_reset_password_from_key":
        return reverse(pattern.key, kwargs={"uidb36": "1", "key": "kunci-yang-salah"})
    kwargs = _kwargs(pattern, case, world)
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    return "/" + pattern.route.replace("<path:object_id>", str(kwargs["object_id"]))


def _request(client, method, url):
    """Make one request in a savepoint that is rolled back; keep the client's session as it was."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            try:
                return getattr(client, method)(url)
            finally:
                transaction.set_rollback(True)
    except Exception as exc:  # a view that raised is the 500 a person would get
        return exc
    finally:
        client.cookies = cookies


def _marker(obj):
    """Return the text that identifies `obj` on a list page: its reference or number."""
    return getattr(obj, "reference", None) or obj.nomor


def _describe(response):
    if isinstance(response, Exception):
        return f"500 ({type(response).__name__}: {response})"
    location = response.get("Location")
    return f"{response.status_code}" + (f" -> {location}" if location else "")


@pytest.mark.parametrize("actor", ACTORS)
def test_access_matrix(actor, world):
    client = login(actor, world.users)
    patterns = _patterns()
    failures = []
    for key, cases in EXPECTED.items():
        for case in cases:
            expected = case.expect[actor]
            url = _url(patterns[key], case, world)
            response = _request(client, case.method, url)
            if isinstance(response, Exception) or not expected.matches(response):
                failures.append(
                    f"{key} [{case.obj or '-'}] {case.method.upper()} {url}: "
                    f"expected {expected!r}, got {_describe(response)}"
                )
                continue
            for name in NOT_LISTED.get(key, {}).get(actor, ()):
                marker = _marker(world.objects[name])
                if marker in response.content.decode():
                    failures.append(f"{key} {url}: shows {name} ({marker}) to {actor}")
    assert not failures, f"{actor}: {len(failures)} mismatches\n" + "\n".join(failures)
