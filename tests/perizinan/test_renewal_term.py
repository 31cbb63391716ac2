"""Renewals keep their term and follow the licence type's number rule; the NIB is shown on the licence."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from perizinan.constants import Jenis, StatusIzin
from perizinan.models import JenisIzin
from perizinan.rules import months_add
from perizinan.services import permohonan_izin_submit, permohonan_izin_update
from tests.factories.perizinan import izin_issued, permohonan_izin_advance, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _renew(owner, officer, izin, code):
    draft = permohonan_izin_complete_draft(
        applicant=owner, code=code, jenis_permohonan=Jenis.PERPANJANGAN, izin_lama=izin
    )
    return permohonan_izin_advance(
        permohonan_izin_submit(permohonan=draft, actor=owner), officer=officer
    ).izin


def test_a_tdp_renewed_20_days_before_expiry_continues_from_the_old_end_and_keeps_its_number(owner, officer):
    ends = TODAY() + datetime.timedelta(days=20)
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(ends, -60))
    assert tdp.berlaku_hingga == ends
    new = _renew(owner, officer, tdp, "TDP")
    assert new.tanggal_terbit == TODAY()
    assert new.berlaku_mulai == ends and new.berlaku_hingga == months_add(ends, 60)  # the 20 days are kept
    assert new.nomor == tdp.nomor
    tdp.refresh_from_db()
    assert tdp.status == StatusIzin.DIPERBARUI


def test_a_type_whose_renewals_get_a_new_number_issues_one(owner, officer):
    JenisIzin.objects.filter(code="TDP").update(renewal_keeps_number=False)
    tdp = izin_issued(applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(TODAY(), -59))
    assert _renew(owner, officer, tdp, "TDP").nomor != tdp.nomor


def test_a_renewal_after_expiry_starts_on_its_issue_date(owner, officer):
    tdp = izin_issued(
        applicant=owner,
        officer=officer,
        code="TDP",
        tanggal_terbit=months_add(TODAY(), -60) - datetime.timedelta(days=5),
    )
    new = _renew(owner, officer, tdp, "TDP")
    assert new.berlaku_mulai == TODAY() and new.berlaku_hingga == months_add(TODAY(), 60)


def test_the_licence_states_its_start_the_licence_it_continues_and_the_nib(owner, officer):
    ends = TODAY() + datetime.timedelta(days=20)
    tdp = izin_issued(
        applicant=owner,
        officer=officer,
        code="TDP",
        tanggal_terbit=months_add(ends, -60),
        nib="8120012345678",
    )
    new = _renew(owner, officer, tdp, "TDP")
    html = render_to_string(
        "pdf/perizinan/izin.html", {"izin": new, "usaha": new.usaha, "jenis_izin": new.jenis_izin}
    )
    assert "8120012345678" in html and f"Melanjutkan izin nomor {tdp.nomor}" in html


def test_the_nib_is_13_digits(owner):
    draft = permohonan_izin_complete_draft(applicant=owner, code="TDP")
    for bad in ("812001234567", "81200123456789", "812001234567a"):
        with pytest.raises(ValidationError, match="NIB harus 13 angka"):
            permohonan_izin_update(permohonan=draft, data={"nib": bad})
