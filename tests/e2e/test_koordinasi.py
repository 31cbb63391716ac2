import re

import pytest
from playwright.sync_api import expect

from koordinasi.models import Disposisi, Naskah
from tests.e2e.helpers import screenshot
from tests.factories.accounts import PASSWORD, totp_code
from tests.factories.koordinasi import officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(open_page, email):
    page = open_page(js=False)
    page.goto("/akun/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    # Agency officers read memos: they sign in with their second factor, as every officer does.
    page.locator("#id_code").fill(totp_code())
    page.locator("form[action$='/2fa/authenticate/'] button").first.click()
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
    page.goto("/koordinasi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koordinasi antarinstansi")
    return page


def test_segera_memo_read_replied_disposed_and_done(open_page):
    officer("DPMPTSP", email="a@dpmptsp.contoh.id", name="Ahmad Pengirim")
    officer("BAGIAN-UMUM", email="b@umum.contoh.id", name="Budi Penerima")
    officer("BAGIAN-UMUM", email="b2@umum.contoh.id", name="Bayu Rekan")

    a = log_in(open_page, "a@dpmptsp.contoh.id")
    a.get_by_role("link", name="Tulis naskah").click()
    a.get_by_label("Jenis naskah").select_option(label="Nota dinas")
    a.get_by_label("Sifat").select_option(label="Segera")
    a.get_by_label("Kepada instansi").select_option(
        label="Bagian Umum Sekretariat Daerah Kabupaten Tulungagung"
    )
    a.get_by_label("Perihal").fill("Permohonan ruang rapat sosialisasi OSS")
    a.get_by_label("Isi").fill("Mohon disediakan ruang rapat hari Senin.")
    a.get_by_role("button", name="Kirim naskah").click()
    naskah = Naskah.objects.get()
    expect(a.get_by_text(f"Naskah terkirim dengan nomor {naskah.nomor}")).to_be_visible()
    expect(a.locator("#tanda-baca")).to_contain_text("Belum dibaca")

    b = log_in(open_page, "b@umum.contoh.id")
    expect(b.get_by_text("Belum dibaca: 1")).to_be_visible()
    screenshot(b, "kotak-masuk-naskah")
    b.get_by_role("link", name=naskah.nomor).click()
    expect(b.get_by_role("heading", level=1)).to_contain_text("Permohonan ruang rapat sosialisasi OSS")

    a.reload()
    expect(a.locator("#tanda-baca")).to_contain_text("Budi Penerima")

    b.get_by_label("Balasan").fill("Ruang Wijaya Kusuma siap dipakai.")
    b.get_by_role("button", name="Kirim balasan").click()
    expect(b.get_by_text("Balasan terkirim")).to_be_visible()
    b.get_by_role("link", name=naskah.nomor).click()
    b.get_by_role("combobox", name=re.compile(r"^Kepada\W*$")).select_option(label="Bayu Rekan")
    b.get_by_label("Tindak lanjuti", exact=True).check()
    b.get_by_label("Siapkan jawaban", exact=True).check()
    b.get_by_label("Catatan").fill("Siapkan ruang dan konsumsi.")
    b.get_by_role("button", name="Kirim disposisi").click()
    expect(b.get_by_text("Disposisi dikirim kepada Bayu Rekan")).to_be_visible()

    b2 = log_in(open_page, "b2@umum.contoh.id")
    b2.get_by_label("Perlu tindakan").check()
    b2.get_by_role("button", name="Terapkan").click()
    b2.get_by_role("link", name=naskah.nomor).click()
    expect(b2.locator("#disposisi")).to_contain_text("Siapkan ruang dan konsumsi.")
    expect(b2.locator("#disposisi")).to_contain_text("Tindak lanjuti; Siapkan jawaban")
    b2.get_by_label("Laporan tindak lanjut").fill("Ruang dan konsumsi sudah siap.")
    b2.get_by_role("button", name="Tandai tindak lanjut selesai").click()
    expect(b2.get_by_text("Tindak lanjut ditandai selesai.")).to_be_visible()
    expect(b2.locator("#disposisi")).to_contain_text("Selesai")
    assert Disposisi.objects.get().selesai_at is not None

    a.goto("/koordinasi/")
    expect(a.get_by_role("link", name=naskah.balasan_set.get().nomor)).to_be_visible()


def test_a_memo_with_a_long_link_fits_a_phone(open_page):
    from tests.factories.koordinasi import naskah_sent

    sender = officer("DPMPTSP", email="a@dpmptsp.contoh.id", name="Ahmad Pengirim")
    officer("BAGIAN-UMUM", email="b@umum.contoh.id", name="Budi Penerima")
    link = "https://jdih.tulungagungkab.go.id/" + "peraturan-bupati-standar-pelayanan-" * 5 + "2026.pdf"
    naskah = naskah_sent(sender=sender, to_agencies=["BAGIAN-UMUM"], isi=f"Mohon dibaca: {link}")
    page = open_page(js=False, phone=True)
    page.goto("/akun/login/")
    page.locator("input[name=login]").fill("b@umum.contoh.id")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.locator("#id_code").fill(totp_code())
    page.locator("form[action$='/2fa/authenticate/'] button").first.click()
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
    page.goto(f"/koordinasi/naskah/{naskah.pk}/")
    expect(page.get_by_text("Mohon dibaca:")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
