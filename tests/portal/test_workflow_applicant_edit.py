"""What an applicant may still change: one rule in the workflow engine for every service app."""

import pytest
from django.core.exceptions import ValidationError

from ktp.constants import Status as KtpStatus
from ktp.models import PermohonanKTP
from perizinan.constants import Status as IzinStatus
from perizinan.models import PermohonanIzin
from portal.workflow import DRAFT, REVISION, applicant_edit_check, applicant_editable

APPS = [(PermohonanKTP, KtpStatus), (PermohonanIzin, IzinStatus)]


@pytest.mark.parametrize(("model", "status"), APPS)
def test_each_app_uses_the_engines_draft_and_revision_statuses(model, status):
    assert status.DRAF == DRAFT
    assert status.PERLU_PERBAIKAN == REVISION


@pytest.mark.parametrize(("model", "status"), APPS)
def test_a_draft_changes_anything(model, status):
    draft = model(status=status.DRAF, revision_fields=["nama"])
    assert applicant_editable(draft) is None
    applicant_edit_check(draft, ["nama", "alamat"])


@pytest.mark.parametrize(("model", "status"), APPS)
def test_a_revision_changes_only_what_the_officer_named(model, status):
    revision = model(status=status.PERLU_PERBAIKAN, revision_fields=["nama", "dokumen_ktp"])
    assert applicant_editable(revision) == {"nama", "dokumen_ktp"}
    applicant_edit_check(revision, ["nama"])
    applicant_edit_check(revision, [])
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(revision, ["nama", "alamat"])


@pytest.mark.parametrize(("model", "status"), APPS)
def test_a_submitted_application_changes_nothing(model, status):
    submitted = model(status=status.DIAJUKAN, revision_fields=["nama"])
    assert applicant_editable(submitted) == set()
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(submitted, [])
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(submitted, ["nama"])
