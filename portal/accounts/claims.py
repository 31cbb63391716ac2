"""
Accounts the front desk records for a citizen present, and how the citizen takes them over.

A citizen without an account who files at a kecamatan or licensing front desk gets one: name,
NIK and KK number as keyed hashes only, phone and email when they have them, and no usable
password. Their application belongs to that account, never to the officer. The citizen claims
it by the emailed link (which sets a password), or, recorded without an email, by signing up with
the same NIK and KK and the code printed on the desk receipt: the new account then receives what
the recorded one held. Service apps move their rows by
listening to `account_claimed`, so this module never imports them.
"""

import base64
import re

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from portal.crypto import personal_digest, recipient_mask
from portal.network import site_url

from .models import User
from .roles import Role
from .services import user_assign_role, user_password_set_url

# How long the desk's question about an online account may be answered: a page left open expires.
DESK_QUESTION_SECONDS = 30 * 60

# Sent inside the claiming transaction with `unclaimed` (the recorded account) and `user` (its new
# owner); receivers move their rows from one to the other.
account_claimed = Signal()


def account_is_unclaimed(user) -> bool:
    """Return whether `user` was recorded at a front desk and nobody has taken it over yet."""
    return bool(user.nik_hash) and not user.has_usable_password() and user.is_active


def _nik_holder(nik):
    """Return the account recorded with this full NIK, active or not (a deactivated one keeps it), or None."""
    return User.objects.filter(nik_hash=personal_digest(nik)).first() if nik else None


def citizen_find(*, nik):
    """Return the active account recorded with this full NIK, or None."""
    holder = _nik_holder(nik)
    return holder if holder is not None and holder.is_active else None


@transaction.atomic
def citizen_record(*, name, nik, no_kk, officer, phone="", email=None) -> User:
    """Record an account for a citizen at the desk: no usable password, a citizen role, hashed NIK/KK."""
    email = (email or "").strip().lower() or None
    if (holder := _nik_holder(nik)) is not None:
        if holder.is_active:
            raise ValidationError({"nik": _("NIK ini sudah punya akun; cari dengan NIK tersebut.")})
        message = _("NIK ini tercatat pada akun yang dinonaktifkan. Minta administrator portal memeriksanya.")
        raise ValidationError({"nik": message})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Alamat surel ini sudah dipakai akun lain. Kosongkan atau pakai alamat lain.")}
        )
    user = User(
        name=name.strip(),
        email=email,
        phone=phone.strip(),
        nik_hash=personal_digest(nik),
        no_kk_hash=personal_digest(no_kk),
        recorded_by=officer,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user_assign_role(user=user, role=Role.WARGA)
    if email:
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


def citizen_contact_update(*, user, phone="", email=None) -> User:
    """Fill in a phone or email the recorded account lacks; never overwrite what the citizen set."""
    changed = []
    if phone and not user.phone:
        user.phone, changed = phone.strip(), changed + ["phone"]
    email = (email or "").strip().lower()
    if email and not user.email and not User.objects.filter(email__iexact=email).exists():
        user.email, changed = email, changed + ["email"]
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)
    return user


def desk_account_label(user) -> str:
    """Return how the desk names an online account to the citizen present: name and masked email."""
    return f"{user.get_full_name()} ({recipient_mask(user.email)})" if user.email else user.get_full_name()


def desk_account_token(user, nik) -> str:
    """Return the signed answer "this account is mine" for `user` found by `nik`, and for no other."""
    return signing.dumps([user.pk, personal_digest(nik)], salt="portal.accounts.desk_account")


def _desk_account_confirmed(token, user, nik) -> bool:
    try:
        found = signing.loads(token, salt="portal.accounts.desk_account", max_age=DESK_QUESTION_SECONDS)
    except signing.BadSignature:
        return False
    return found == [user.pk, personal_digest(nik)]


def desk_applicant(
    *, found, officer, nik, no_kk, name="", phone="", email=None, found_kk_hash="", confirmed=""
) -> User:
    """
    Return the account an application filed at a front desk belongs to: `found`, the account the
    service found for this NIK, once the KK number matches the one on record for it (its own, else
    `found_kk_hash`, the KK of what it filed with this NIK): a NIK alone must not attach an
    application to someone's account nor show whose it is. An account the citizen keeps online
    holds a NIK and KK its owner only declared, so the desk names it and files into it only once
    the citizen present says it is theirs (`confirmed`, the token of that very account and NIK).
    Contact details are filled in only on an account recorded at a desk, never on one the citizen
    keeps. When no account was found, one is recorded now. An officer never files for themselves.
    """
    on_record = (found.no_kk_hash or found_kk_hash) if found else ""
    if found is None:
        if not name.strip():
            raise ValidationError(
                {"name": _("Belum ada akun dengan NIK ini. Isi nama lengkapnya untuk mencatatnya.")}
            )
        applicant = citizen_record(name=name, nik=nik, no_kk=no_kk, phone=phone, email=email, officer=officer)
    elif not on_record:
        raise ValidationError(
            {
                "nik": _(
                    "NIK ini dipakai akun daring yang belum mencatat nomor KK, jadi loket tidak bisa "
                    "memastikan pemiliknya. Minta pemohon mengajukan dari akunnya sendiri."
                )
            }
        )
    elif on_record != personal_digest(no_kk):
        raise ValidationError(
            {"no_kk": _("Nomor KK tidak cocok dengan akun pemilik NIK ini. Periksa Kartu Keluarga aslinya.")}
        )
    elif account_is_unclaimed(found):
        applicant = citizen_contact_update(user=found, phone=phone, email=email)
    elif not _desk_account_confirmed(confirmed, found, nik):
        message = _(
            "NIK ini dipakai akun daring %(account)s. Tanyakan warga apakah akun itu miliknya; bila ya, "
            "pilih jawaban di bawah. Bila bukan, jangan ajukan di loket: minta warga menghubungi "
            "administrator portal dengan KTP-el dan KK aslinya."
        )
        params = {"account": desk_account_label(found), "token": desk_account_token(found, nik)}
        raise ValidationError({"confirmed": ValidationError(message, code="desk_account", params=params)})
    else:
        applicant = found
    if applicant.pk == officer.pk:
        raise ValidationError(
            {"nik": _("Permohonan untuk diri sendiri diajukan lewat petugas lain, bukan oleh Anda.")}
        )
    return applicant


def account_claim_url(*, user) -> str:
    """Return the absolute link with which the owner of a recorded account sets its password."""
    return user_password_set_url(user=user)


def follow_link(*, user, detail_path) -> dict:
    """
    Return the link an email about an application gives its citizen: the application's page, or, for
    an account recorded at a desk and not yet taken over (it cannot sign in), the page that sends a
    link to set its password (`claim`): a live link would be kept in every stored message.
    """
    if account_is_unclaimed(user):
        return {"url": site_url(reverse("account_reset_password")), "claim": True}
    return {"url": site_url(detail_path), "claim": False}


def account_claim_email_verify(*, user) -> None:
    """Mark the email of a recorded account verified: its owner used the link sent there."""
    if user.email:
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)


def account_claim_code(user) -> str:
    """
    Return the code printed on the desk receipt of an account recorded without an email: with it,
    and only with it, the citizen holding the receipt takes the account over by signing up. The NIK
    and KK alone are known to the whole family (the KK lists every member's NIK). Derived with the
    personal-data hash key, not stored, so every print of the receipt shows the same code.
    """
    digest = bytes.fromhex(personal_digest(f"claim-code:{user.pk}:{user.date_joined.isoformat()}"))
    code = base64.b32encode(digest[:5]).decode()
    return f"{code[:4]}-{code[4:]}"


def desk_claim_code(user) -> str:
    """Return the claim code to print for `user`, or "" when their account is not taken over by code."""
    return account_claim_code(user) if account_is_unclaimed(user) and not user.email else ""


def _code_typed(code) -> str:
    # Read as printed: any case, with or without the dash, and the digits that look like letters.
    return re.sub(r"[^A-Z2-7]", "", (code or "").upper().translate(str.maketrans("018", "OIB")))


def account_claim_check(*, nik, no_kk, code="", attempt=None) -> None:
    """
    Raise ValidationError when NIK belongs to an account that this NIK, KK and claim code cannot
    claim. `attempt()` is called just before a code is compared: only a try a code could decide
    counts, so a stranger with the NIK alone cannot use up its owner's tries.
    """
    holder = _nik_holder(nik)
    if holder is None:
        return
    if not account_is_unclaimed(holder) or holder.no_kk_hash != personal_digest(no_kk):
        raise ValidationError(
            {
                "nik": _(
                    "NIK ini sudah tercatat pada akun lain. Periksa NIK dan nomor KK Anda. Bila NIK ini "
                    "memang milik Anda, hubungi administrator portal dengan KTP-el dan KK asli Anda."
                )
            }
        )
    # Signing up would hand the account, and its applications, to an address nobody has checked:
    # a recorded account with an email is taken over only through the link sent there.
    if holder.email:
        raise ValidationError(
            {
                "nik": _(
                    "Akun untuk NIK ini dicatat di loket dengan alamat surel. Ambil alih lewat tautan yang "
                    "dikirim ke surel itu, atau minta tautan baru dengan Lupa kata sandi memakai alamat itu."
                )
            }
        )
    if not code:
        message = _(
            "Akun untuk NIK ini dicatat di loket. Isi kode akun yang tercetak di bukti pendaftaran loket; "
            "bila hilang, tanyakan ke loket dengan KTP-el Anda."
        )
        raise ValidationError({"claim_code": message})
    if attempt is not None:
        attempt()
    if not constant_time_compare(_code_typed(code), account_claim_code(holder).replace("-", "")):
        message = _("Kode akun tidak cocok. Periksa lagi kode di bukti pendaftaran loket.")
        raise ValidationError({"claim_code": message})


@transaction.atomic
def account_claim_by_identity(*, user, nik, no_kk, code=""):
    """
    Give `user` the recorded account whose NIK, KK and claim code match, if there is one; return it.

    The recorded account is emptied of its identity and closed, so it can neither log in nor be
    found again; its rows move to `user` through `account_claimed`.
    """
    digest, kk_digest = personal_digest(nik), personal_digest(no_kk)
    unclaimed = User.objects.select_for_update().filter(nik_hash=digest, is_active=True).first()
    account_claim_check(nik=nik, no_kk=no_kk, code=code)
    user.nik_hash, user.no_kk_hash = digest, kk_digest
    if unclaimed is None:
        user.save(update_fields=["nik_hash", "no_kk_hash"])
        return None
    # Cleared before `user` is saved with it: one account per NIK.
    User.objects.filter(pk=unclaimed.pk).update(nik_hash="", no_kk_hash="", is_active=False)
    user.phone = user.phone or unclaimed.phone
    user.name = user.name or unclaimed.name
    user.save(update_fields=["nik_hash", "no_kk_hash", "phone", "name"])
    account_claimed.send(sender=User, unclaimed=unclaimed, user=user)
    return unclaimed
