"""
One rule, every door: for memos of each klasifikasi and officers in every relation to them, the
inbox and sent box, the search, the unread counts, the memo's page, its attachment and its export
let in exactly the memos naskah_visible_to() gives, and that rule is the one the service states.
"""

import pytest
from django.urls import reverse

from koordinasi.constants import RESTRICTED, Klasifikasi, Peran
from koordinasi.models import Penerima
from koordinasi.selectors import naskah_visible_to
from koordinasi.services import disposisi_give, naskah_open
from tests.factories.koordinasi import naskah_draft, naskah_sent, officer, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(a, a2, b, b2, c):
    """Return the officers by name: b3 is a colleague of b outside the disposisi chain."""
    return {"a": a, "a2": a2, "b": b, "b2": b2, "b3": officer("BAGIAN-UMUM"), "c": c}


def memos_of(klasifikasi, users) -> dict:
    """
    Return three memos of `klasifikasi`, each with an attachment:
    - "pertama": a to b (by name when restricted, else to b's agency), passed by b to b2 (disposisi);
    - "kedua": c to a2 by name, with a copy to b's agency (for a restricted memo the copy is written
      straight to the table: sending refuses it, and the rule must hold even so);
    - "draf": a's draft to b's agency.
    """
    a, a2, b, b2, c = (users[name] for name in ("a", "a2", "b", "b2", "c"))
    restricted = klasifikasi in RESTRICTED
    to_b = {"to_officers": [b]} if restricted else {"to_agencies": ["BAGIAN-UMUM"]}
    pertama = naskah_sent(
        sender=a, klasifikasi=klasifikasi, perihal="Naskah pertama", files=[pdf_upload()], **to_b
    )
    disposisi_give(naskah=pertama, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    cc = {} if restricted else {"cc_agencies": ["BAGIAN-UMUM"]}
    kedua = naskah_sent(
        sender=c,
        to_officers=[a2],
        klasifikasi=klasifikasi,
        perihal="Naskah kedua",
        files=[pdf_upload()],
        **cc,
    )
    if restricted:
        Penerima.objects.create(naskah=kedua, instansi=b.instansi, peran=Peran.TEMBUSAN)
    draf = naskah_draft(
        sender=a,
        to_agencies=["BAGIAN-UMUM"],
        klasifikasi=klasifikasi,
        perihal="Naskah draf",
        files=[pdf_upload()],
    )
    return {"pertama": pertama, "kedua": kedua, "draf": draf}


def readers(klasifikasi) -> dict:
    """Return who may read each memo of memos_of(), as the rule states it."""
    if klasifikasi in RESTRICTED:
        return {"pertama": {"a", "b", "b2"}, "kedua": {"c", "a2"}, "draf": set()}
    return {"pertama": {"a", "b", "b2", "b3"}, "kedua": {"c", "a2", "b", "b2", "b3"}, "draf": set()}


def listed(client, url, **params) -> set:
    return {n.pk for n in client.get(url, params).context["naskah_list"]}


def door_list(client, user, memos):
    shown = listed(client, reverse("koordinasi:index")) | listed(client, reverse("koordinasi:sent"))
    return {name for name, naskah in memos.items() if naskah.pk in shown}


def door_search(client, user, memos):
    found = set()
    for name, naskah in memos.items():
        for url in (reverse("koordinasi:index"), reverse("koordinasi:sent")):
            if naskah.pk in listed(client, url, q=naskah.perihal):
                found.add(name)
    return found


def door_count(client, user, memos):
    """Return the memos counted unread in the inbox: the count drops by one when each is opened."""
    counted = set()
    for name, naskah in memos.items():
        before = client.get(reverse("koordinasi:index")).context["counts"]["semua"]
        naskah_open(naskah=naskah, user=user)
        if client.get(reverse("koordinasi:index")).context["counts"]["semua"] == before - 1:
            counted.add(name)
    return counted


def readers_of(memos, user) -> set:
    return {
        name for name, naskah in memos.items() if naskah_visible_to(user=user).filter(pk=naskah.pk).exists()
    }


def door_status(url_name):
    def door(client, user, memos):
        opened = set()
        for name, naskah in memos.items():
            args = [naskah.pk]
            if url_name == "koordinasi:attachment":
                args.append(naskah.lampiran_set.get().pk)
            status = client.get(reverse(url_name, args=args)).status_code
            assert status in (200, 404), (url_name, name, status)
            opened |= {name} if status == 200 else set()
        return opened

    return door


DOORS = {
    "list": door_list,
    "search": door_search,
    "count": door_count,
    "page": door_status("koordinasi:detail"),
    "attachment": door_status("koordinasi:attachment"),
    "export": door_status("koordinasi:export"),
}


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("klasifikasi", Klasifikasi.values)
def test_every_door_follows_the_one_rule(client, users, klasifikasi, door):
    memos = memos_of(klasifikasi, users)
    rule = readers(klasifikasi)
    for name, user in users.items():
        expected = {memo for memo, names in rule.items() if name in names}
        assert readers_of(memos, user) == expected, (klasifikasi, name)
        if door == "count":  # the inbox counts what the user received, not what they sent
            expected = {memo for memo in expected if memos[memo].pengirim_id != user.pk}
        client.force_login(user)
        assert DOORS[door](client, user, memos) == expected, (klasifikasi, door, name)
