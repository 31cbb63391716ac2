"""The schedule on the public page and the officers' desk: its stages, its amendments, its words."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from pengadaan.constants import TAHAP_ORDER, Tahap
from pengadaan.disclosure import paket_with_schedule
from pengadaan.models import PerubahanJadwal
from pengadaan.services import jadwal_amend
from tests.factories.pengadaan import clock, during, members, paket, stage, working_end

pytestmark = pytest.mark.django_db


def _schedule(body):
    """The schedule's section of a page: from its heading to the end of its table."""
    return body[body.index('<h2 class="h4">') : body.index("</table>")]


def _shown(moment, fmt="j M Y H:i"):
    return formats.date_format(timezone.localtime(moment), fmt)


def _moved(tender, tahap, *, mulai=None, selesai=None):
    row = stage(tender, tahap)
    return jadwal_amend(
        paket=tender,
        tahap=tahap,
        actor=members(tender)[0],
        mulai=mulai or row.mulai,
        selesai=selesai or row.selesai,
        alasan="Ruang rapat dipakai acara daerah.",
    )


def test_a_moved_start_shows_the_old_and_new_start(client):
    tender = paket(now_in=Tahap.PENGUMUMAN)
    aanwijzing = stage(tender, Tahap.AANWIJZING)
    change = _moved(tender, Tahap.AANWIJZING, mulai=aanwijzing.mulai + datetime.timedelta(hours=3))
    with translation.override("id"):
        table = _schedule(client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode())
        old, new = _shown(change.mulai_lama), _shown(change.mulai_baru)
    assert f"semula mulai {old}, kini {new}." in table
    assert "semula selesai" not in table


def test_a_stage_moved_past_the_next_one_keeps_its_place_in_tender_order(client):
    tender = paket(now_in=Tahap.PENGUMUMAN)
    daftar = stage(tender, Tahap.PENDAFTARAN)
    aanwijzing = stage(tender, Tahap.AANWIJZING)
    change = _moved(
        tender,
        Tahap.PENDAFTARAN,
        mulai=aanwijzing.mulai + datetime.timedelta(hours=1),
        selesai=working_end(daftar.selesai + datetime.timedelta(days=1)),
    )
    client.force_login(members(tender)[0])
    for url in (
        reverse("pengadaan:paket", args=[tender.pk]),
        reverse("pengadaan:kelola_paket", args=[tender.pk]),
    ):
        with translation.override("id"):
            table = _schedule(client.get(url).content.decode())
            both = (
                f"semula mulai {_shown(change.mulai_lama)}, kini {_shown(change.mulai_baru)}; "
                f"semula selesai {_shown(change.selesai_lama, 'j M Y H:i:s')}, "
                f"kini {_shown(change.selesai_baru, 'j M Y H:i:s')}."
            )
        assert both in table
        places = [table.index(f"<td>{tahap.label}</td>") for tahap in TAHAP_ORDER]
        assert places == sorted(places)


def test_the_schedule_words_are_the_procurement_ones_in_english(client):
    tender = paket(now_in=Tahap.PENGUMUMAN)
    client.force_login(members(tender)[0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url in (
        reverse("pengadaan:paket", args=[tender.pk]),
        reverse("pengadaan:kelola_paket", args=[tender.pk]),
    ):
        body = client.get(url).content.decode()
        assert re.search(r'<html[^>]*lang="en"', body)
        table = _schedule(body)
        assert "Appointment" not in table and "Completed" not in table
    desk = client.get(reverse("pengadaan:kelola_paket", args=[tender.pk])).content.decode()
    label = re.search(r'<label\s+for="id_selesai"[^>]*>\s*([^<*]+)', desk).group(1).strip()
    assert label != "Completed"


def test_open_data_and_flags_read_the_stages_in_tender_order_as_the_page_does(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    aanwijzing = stage(tender, Tahap.AANWIJZING)
    # Both amended at one moment while bids are being submitted; registration now starts after
    # the aanwijzing, so only tender order (not the dates) puts it first.
    with clock(during(tender, Tahap.PENAWARAN)):
        _moved(
            tender,
            Tahap.PENDAFTARAN,
            mulai=aanwijzing.mulai + datetime.timedelta(hours=1),
            selesai=working_end(aanwijzing.selesai),
        )
        hour_later = working_end(aanwijzing.selesai + datetime.timedelta(hours=1))
        _moved(tender, Tahap.AANWIJZING, selesai=hour_later)
    PerubahanJadwal.objects.filter(jadwal__paket=tender).update(created_at=during(tender, Tahap.PENAWARAN))
    stages = [j.tahap for j in paket_with_schedule().get(pk=tender.pk).jadwal_set.all()]
    assert stages == TAHAP_ORDER
    record = client.get(reverse("pengadaan:ocds_paket_record", args=[tender.pk])).json()
    amendments = record["records"][0]["compiledRelease"]["tender"]["amendments"]
    with translation.override("id"):
        labels = [Tahap.PENDAFTARAN.label, Tahap.AANWIJZING.label]
        assert [a["description"].split(":")[0] for a in amendments] == labels
        page = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
        agency = client.get(reverse("pengadaan:tanda_instansi", args=[tender.instansi_id])).content.decode()
    flag = f"Tahap {Tahap.PENDAFTARAN.label} diubah"
    assert flag in page and flag in agency


def test_a_stage_moved_to_a_saturday_evening_is_refused_on_the_desk_with_the_form_kept(client):
    tender = paket(mulai=timezone.now())
    first = stage(tender, Tahap.PENGUMUMAN)
    end = timezone.localtime(first.selesai)
    saturday = end + datetime.timedelta(days=5 - end.weekday())
    client.force_login(members(tender)[0])
    response = client.post(
        reverse("pengadaan:jadwal", args=[tender.pk]),
        {
            "tahap": "pengumuman",
            "mulai": _local_input(first.mulai),
            "selesai": saturday.replace(hour=19).strftime("%Y-%m-%dT%H:%M"),
            "alasan": "Diundur ke akhir pekan.",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Akhir tahap harus pada hari kerja" in body and "Diundur ke akhir pekan." in body
    assert stage(tender, Tahap.PENGUMUMAN).selesai == first.selesai
    assert not PerubahanJadwal.objects.filter(jadwal__paket=tender).exists()


def _local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
