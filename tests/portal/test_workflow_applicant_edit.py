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


def _revision(model, status, fields):
    """Return a complete application of the model's service, sent back for `fields`."""
    from ktp.services import permohonan_submit
    from perizinan.services import permohonan_izin_submit
    from portal.accounts.roles import Role
    from tests.factories import UserFactory
    from tests.factories.ktp import permohonan_complete_draft
    from tests.factories.perizinan import permohonan_izin_complete_draft

    citizen = UserFactory(role=Role.WARGA)
    if model is PermohonanKTP:
        submitted = permohonan_submit(permohonan=permohonan_complete_draft(applicant=citizen), actor=citizen)
    else:
        draft = permohonan_izin_complete_draft(applicant=citizen)
        submitted = permohonan_izin_submit(permohonan=draft, actor=citizen)
    model.objects.filter(pk=submitted.pk).update(status=status.PERLU_PERBAIKAN, revision_fields=fields)
    return model.objects.get(pk=submitted.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "status"), APPS)
def test_a_revision_changes_what_the_officer_named_and_fills_only_blanks(model, status):
    revision = _revision(model, status, ["nama"])
    editable = applicant_editable(revision)
    assert "nama" in editable and "alamat" not in editable
    applicant_edit_check(revision, ["nama"])
    applicant_edit_check(revision, [])
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(revision, ["nama", "alamat"])
    # What is still blank may be given (a corrected answer can call for it); what was given may not.
    blank = next(f.name for f in model._meta.concrete_fields if getattr(revision, f.attname) in (None, ""))
    applicant_edit_check(revision, [blank])
    uploaded = revision.dokumen_set.values_list("kind", flat=True)[0]
    never = next(
        k for k, _label in revision.dokumen_set.model._meta.get_field("kind").choices if k != uploaded
    )
    applicant_edit_check(revision, [model.DOCUMENT_NAME.format(kind=never)])
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(revision, [model.DOCUMENT_NAME.format(kind=uploaded)])


@pytest.mark.parametrize(("model", "status"), APPS)
def test_a_submitted_application_changes_nothing(model, status):
    submitted = model(status=status.DIAJUKAN, revision_fields=["nama"])
    assert applicant_editable(submitted) == set()
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(submitted, [])
    with pytest.raises(ValidationError, match="tidak bisa diubah lagi"):
        applicant_edit_check(submitted, ["nama"])
