"""The migrations encrypt NIK/KK rows written before encryption existed, and can be reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ktp.models import Penduduk, PermohonanKTP
from ktp.selectors import penduduk_for_prefill, permohonan_open_for_nik
from perizinan.models import Usaha
from portal.crypto import personal_decrypt, personal_digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ktp", "0005_permohonan_assisted_by"), ("perizinan", "0004_permohonanizin_assisted_by")]
NIK, KK, NIK_PJ = "3504025005900001", "3504021203150002", "3504021005800001"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _latest():
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] in ("ktp", "perizinan")]


def _raw(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_existing_plaintext_rows_are_encrypted_hashed_and_found_and_the_step_reverses():
    owner = UserFactory()
    old = _migrate(BEFORE)
    try:
        old.get_model("ktp", "Penduduk").objects.create(nik=NIK, no_kk=KK, nama="Warga Lama")
        old.get_model("ktp", "PermohonanKTP").objects.create(
            applicant_id=owner.pk,
            jenis="baru",
            nik=NIK,
            no_kk=KK,
            status="diajukan",
            reference="KTP-2026-000001",
        )
        old.get_model("ktp", "PermohonanKTP").objects.create(
            applicant_id=owner.pk, jenis="baru"
        )  # blank draft
        old.get_model("perizinan", "Usaha").objects.create(
            owner_id=owner.pk, nama_usaha="Toko Lama", penanggung_jawab_nik=NIK_PJ
        )
    finally:
        _migrate(_latest())

    rows = _raw("SELECT nik, no_kk, nik_hash, no_kk_hash FROM ktp_penduduk")
    rows += _raw("SELECT nik, no_kk, nik_hash, no_kk_hash FROM ktp_permohonanktp WHERE nik <> ''")
    assert len(rows) == 2
    for nik, no_kk, nik_hash, no_kk_hash in rows:
        assert NIK not in nik and KK not in no_kk
        assert (personal_decrypt(nik), personal_decrypt(no_kk)) == (NIK, KK)
        assert (nik_hash, no_kk_hash) == (personal_digest(NIK), personal_digest(KK))
    assert _raw("SELECT nik, nik_hash FROM ktp_permohonanktp WHERE nik = ''") == [("", "")]
    [(pj, pj_hash)] = _raw("SELECT penanggung_jawab_nik, penanggung_jawab_nik_hash FROM perizinan_usaha")
    assert NIK_PJ not in pj and personal_decrypt(pj) == NIK_PJ and pj_hash == personal_digest(NIK_PJ)

    assert permohonan_open_for_nik(nik=NIK).reference == "KTP-2026-000001"
    assert penduduk_for_prefill(nik=NIK, no_kk=KK).nama == "Warga Lama"
    assert Usaha.objects.get(penanggung_jawab_nik_hash=personal_digest(NIK_PJ)).penanggung_jawab_nik == NIK_PJ

    # Backwards: the plaintext comes back, and forwards again gives the same readable rows.
    _migrate(BEFORE)
    try:
        assert _raw("SELECT nik, no_kk FROM ktp_penduduk") == [(NIK, KK)]
        assert _raw("SELECT penanggung_jawab_nik FROM perizinan_usaha") == [(NIK_PJ,)]
    finally:
        _migrate(_latest())
    assert Penduduk.objects.get().nik == NIK and PermohonanKTP.objects.exclude(nik_hash="").get().no_kk == KK
