"""The package, its verified and registered vendors, their sessions, and the deadline."""

import datetime

from bench.common import (
    DEMO_PASSWORD,
    Browser,
)
from bench.surge_bids import REAL_LOGINS

# ------------------------------------------------------------------------------
# The package and its vendors
# ------------------------------------------------------------------------------


def prepare(n: int):
    """Make an announced package open for bids and n verified vendors registered to it."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from pengadaan.constants import TAHAP_ORDER, Tahap
    from pengadaan.models import Jadwal
    from pengadaan.services import paket_join, penyedia_register, penyedia_verify
    from portal.accounts.models import User
    from tests.factories.pengadaan import paket, ukpbj

    officer = ukpbj()
    tender = paket(actor=officer, nama="Pembangunan Gedung Pelayanan Terpadu (uji lonjakan penawaran)")
    # Every stage before the submission is over; the submission is open until set_deadline().
    now = timezone.now()
    submission = TAHAP_ORDER.index(Tahap.PENAWARAN)
    for i, tahap in enumerate(TAHAP_ORDER):
        start = now - datetime.timedelta(hours=1) + datetime.timedelta(days=i - submission)
        Jadwal.objects.filter(paket=tender, tahap=tahap).update(
            mulai=start, selesai=start + datetime.timedelta(days=1)
        )
    password = make_password(DEMO_PASSWORD)  # one Argon2 hash for all: each would cost ~0.1 s
    vendors = []
    for i in range(n):
        email = f"penyedia{i:03d}@bench.contoh.id"
        user = User.objects.create(email=email, name=f"Direktur Penyedia {i:03d}", password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        penyedia = penyedia_register(
            user=user,
            nama_usaha=f"CV Lonjakan Tulungagung {i:03d}",
            bentuk_usaha="cv",
            npwp=f"{990000000000000 + i:015d}",
            nib=f"{9900000000000 + i:013d}",
            kbli="41011, 43211",
            alamat=f"Jl. Pahlawan {i + 1}, Tulungagung",
        )
        penyedia = penyedia_verify(penyedia=penyedia, actor=officer, approve=True)
        paket_join(paket=tender, penyedia=penyedia)
        vendors.append({"index": i, "email": email, "user_id": user.pk, "penyedia_id": penyedia.pk})
    return tender, vendors


def session_for(user_id):
    """A signed-in session as django.contrib.auth.login() leaves it (bench/surge.py's way)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from portal.accounts.models import User

    user = User.objects.get(pk=user_id)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def sign_in(vendors, port):
    """Sign in the first REAL_LOGINS vendors through /akun/login/; give the others a session."""
    browsers = []
    for vendor in vendors:
        browser = Browser(port)
        if vendor["index"] < REAL_LOGINS:
            browser.login(vendor["email"])
        else:
            browser.cookies = {"sessionid": session_for(vendor["user_id"])}
        browsers.append(browser)
    return browsers


def set_deadline(tender, lead: float):
    """Make the submission stage end at a whole second `lead` seconds ahead; return it."""
    from django.utils import timezone

    from pengadaan.constants import TAHAP_ORDER, Tahap
    from pengadaan.models import Jadwal

    t0 = (timezone.now() + datetime.timedelta(seconds=lead)).replace(microsecond=0)
    Jadwal.objects.filter(paket=tender, tahap=Tahap.PENAWARAN).update(selesai=t0)
    after = TAHAP_ORDER[TAHAP_ORDER.index(Tahap.PENAWARAN) + 1 :]
    for i, tahap in enumerate(after):
        start = t0 + datetime.timedelta(hours=1, days=i)
        Jadwal.objects.filter(paket=tender, tahap=tahap).update(
            mulai=start, selesai=start + datetime.timedelta(days=1)
        )
    return t0
