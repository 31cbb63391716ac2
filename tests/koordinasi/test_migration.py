"""The migration bringing the rights to read fills them for memos sent before, as the services write them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from koordinasi.constants import Klasifikasi, Peran
from koordinasi.models import HakBaca, Penerima
from koordinasi.services import disposisi_give
from tests.factories.koordinasi import naskah_draft, naskah_sent, officer

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("koordinasi", "0003_list_indexes")]


def _migrate(targets):
    MigrationExecutor(connection).migrate(targets)


def _latest():
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] == "koordinasi"]


def rights() -> set:
    return set(HakBaca.objects.values_list("naskah_id", "pegawai_id", "instansi_id", "alasan"))


def test_the_rights_of_memos_sent_before_are_filled_as_the_services_write_them():
    a, b, b2, c = (
        officer("DPMPTSP"),
        officer("BAGIAN-UMUM"),
        officer("BAGIAN-UMUM"),
        officer("DISPENDUKCAPIL"),
    )
    to_agency = naskah_sent(
        sender=a, to_agencies=["BAGIAN-UMUM"], cc_officers=[c], cc_agencies=["DISPENDUKCAPIL"]
    )
    disposisi_give(naskah=to_agency, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    disposisi_give(naskah=to_agency, actor=b2, kepada=b, instruksi="tanggapan")
    rahasia = naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA)
    disposisi_give(naskah=rahasia, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    # Refused when sending, never a right to read: an agency on a Sangat rahasia memo.
    sangat = naskah_sent(sender=c, to_officers=[a], klasifikasi=Klasifikasi.SANGAT_RAHASIA)
    Penerima.objects.create(naskah=sangat, instansi=b.instansi, peran=Peran.TEMBUSAN)
    naskah_draft(sender=a, to_agencies=["BAGIAN-UMUM"])
    written = rights()
    assert len(written) == 12

    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            assert "koordinasi_hakbaca" not in connection.introspection.table_names(cursor)
    finally:
        _migrate(_latest())
    assert rights() == written


def test_a_disposisi_given_before_keeps_its_instruction_as_a_list_of_one():
    from koordinasi.models import Disposisi

    a, b, b2 = officer("DPMPTSP"), officer("BAGIAN-UMUM"), officer("BAGIAN-UMUM")
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi=["koordinasikan", "tanggapan"])
    _migrate([("koordinasi", "0004_hak_baca")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT instruksi FROM koordinasi_disposisi")
        assert cursor.fetchall() == [("koordinasikan",)]
        cursor.execute("UPDATE koordinasi_disposisi SET instruksi = 'hadiri'")
    _migrate(_latest())
    assert Disposisi.objects.get().instruksi == ["hadiri"]
