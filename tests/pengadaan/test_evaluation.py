"""Evaluation: conflict declarations, majority, HPS ceiling and the two ranking methods."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pengadaan.ranking import paket_ranking
from pengadaan.services import evaluasi_record, konflik_declare
from tests.factories.pengadaan import bid, decided, evaluated, members, opened, paket, vendor

pytestmark = pytest.mark.django_db


def _opened_with(*prices, **kwargs):
    tender = paket(mulai=timezone.now(), **kwargs)
    bids = [bid(tender, vendor(), price) for price in prices]
    return opened(tender), bids


def _evaluate(member, penawaran, **over):
    fields = {"administrasi_lulus": True, "teknis_lulus": True, "nilai_teknis": 80, "alasan": "Memenuhi."}
    return evaluasi_record(penawaran=penawaran, actor=member, **{**fields, **over})


def test_member_who_declared_a_conflict_cannot_evaluate():
    tender, (penawaran,) = _opened_with(800_000_000)
    member = members(tender)[0]
    konflik_declare(paket=tender, actor=member, ada_konflik=True, keterangan="Saudara direktur penawar.")
    with pytest.raises(ValidationError, match="benturan kepentingan"):
        _evaluate(member, penawaran)
    with pytest.raises(ValidationError, match="sudah membuat pernyataan"):
        konflik_declare(paket=tender, actor=member, ada_konflik=False)


def test_a_member_who_declared_none_may_later_declare_a_conflict_and_leaves_the_evaluation():
    tender, (penawaran,) = _opened_with(800_000_000)
    member = members(tender)[0]
    konflik_declare(paket=tender, actor=member, ada_konflik=False)
    _evaluate(member, penawaran)
    assert paket_ranking(paket=tender).evaluators == [member.pk]
    # At the opening the member sees a relative's firm among the bidders.
    konflik_declare(
        paket=tender, actor=member, ada_konflik=True, keterangan="Penawar adalah usaha ipar saya."
    )
    assert paket_ranking(paket=tender).evaluators == []
    with pytest.raises(ValidationError, match="benturan kepentingan"):
        _evaluate(member, penawaran)
    with pytest.raises(ValidationError, match="tidak dapat ditarik"):
        konflik_declare(paket=tender, actor=member, ada_konflik=False)


def test_member_must_declare_before_evaluating_and_explain_a_conflict():
    tender, (penawaran,) = _opened_with(800_000_000)
    member = members(tender)[0]
    with pytest.raises(ValidationError, match="Nyatakan dulu"):
        _evaluate(member, penawaran)
    with pytest.raises(ValidationError):
        konflik_declare(paket=tender, actor=member, ada_konflik=True, keterangan="")


def test_outsider_cannot_declare_or_evaluate():
    tender, (penawaran,) = _opened_with(800_000_000)
    outsider = vendor().user
    with pytest.raises(PermissionDenied):
        konflik_declare(paket=tender, actor=outsider, ada_konflik=False)
    with pytest.raises(PermissionDenied):
        _evaluate(outsider, penawaran)


def test_decision_without_majority_is_refused():
    tender, _bids = _opened_with(800_000_000)
    evaluated(tender, by=members(tender)[:1])
    with pytest.raises(ValidationError, match="mayoritas"):
        decided(tender)
    # Two conflicted members leave one evaluator of three: still no majority.
    for member in members(tender)[1:]:
        konflik_declare(paket=tender, actor=member, ada_konflik=True, keterangan="Hubungan keluarga.")
    with pytest.raises(ValidationError, match="mayoritas"):
        decided(tender)


def test_majority_of_members_decides_pass_and_fail():
    tender, (cheap, dear) = _opened_with(700_000_000, 800_000_000)
    first, second, third = members(tender)
    for member in (first, second, third):
        konflik_declare(paket=tender, actor=member, ada_konflik=False)
    # Two of three fail the cheaper bid's technical part: it fails, the dearer one wins.
    _evaluate(first, cheap, teknis_lulus=False, alasan="Spesifikasi kurang.")
    _evaluate(second, cheap, teknis_lulus=False, alasan="Spesifikasi kurang.")
    _evaluate(third, cheap)
    for member in (first, second, third):
        _evaluate(member, dear)
    assert decided(tender).pemenang == dear


def test_price_above_hps_fails():
    tender, (above, within) = _opened_with(950_000_000, 890_000_000, hps=900_000_000)
    evaluated(tender)
    ranking = paket_ranking(paket=tender)
    assert [row.penawaran for row in ranking.ranked] == [within]
    assert not next(row for row in ranking.rows if row.penawaran == above).harga_lulus


def test_lowest_price_wins_with_sistem_gugur():
    tender, (dear, cheap) = _opened_with(880_000_000, 810_000_000)
    evaluated(tender)
    assert [row.penawaran for row in paket_ranking(paket=tender).ranked] == [cheap, dear]


def test_sistem_nilai_weighs_technical_score_and_price():
    tender, (strong, cheap) = _opened_with(850_000_000, 800_000_000, evaluasi="sistem-nilai")
    for member in members(tender):
        konflik_declare(paket=tender, actor=member, ada_konflik=False)
        _evaluate(member, strong, nilai_teknis=95)
        _evaluate(member, cheap, nilai_teknis=60)
    ranking = paket_ranking(paket=tender)
    # 0.7*95 + 0.3*(800/850*100) = 94.7 against 0.7*60 + 0.3*100 = 72.
    assert [row.penawaran for row in ranking.ranked] == [strong, cheap]
    assert float(ranking.ranked[0].nilai_akhir) == pytest.approx(94.7, abs=0.1)


def test_sistem_nilai_needs_a_technical_score():
    tender, (penawaran,) = _opened_with(850_000_000, evaluasi="sistem-nilai")
    member = members(tender)[0]
    konflik_declare(paket=tender, actor=member, ada_konflik=False)
    with pytest.raises(ValidationError, match="nilai teknis"):
        _evaluate(member, penawaran, nilai_teknis=None)
