import pytest

from koordinasi.constants import Format
from koordinasi.markup import isi_html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>Halo",
        "Halo <img src=x onerror=alert(1)>",
        "[klik](javascript:alert(1))",
        '<a href="https://contoh.id" onclick="alert(1)">tautan</a>',
        "<iframe src='https://jahat.id'></iframe>",
        "<style>body{display:none}</style>",
        '<div style="position:fixed">tutup</div>',
    ],
)
def test_markdown_never_lets_script_or_raw_html_through(text):
    html = str(isi_html(isi=text, format=Format.MARKDOWN)).lower()
    for bad in (
        "<script",
        "alert('x')",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "<style",
        "<img",
        "<div",
    ):
        assert bad not in html


def test_markdown_formatting_survives():
    html = str(
        isi_html(isi="**Penting**\n\n- satu\n- dua\n\n[OSS](https://oss.go.id)", format=Format.MARKDOWN)
    )
    assert "<strong>Penting</strong>" in html and "<li>satu</li>" in html
    assert 'href="https://oss.go.id"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_plain_text_is_escaped_and_keeps_line_breaks():
    html = str(isi_html(isi="a <b>tebal</b>\nbaris dua", format=Format.TEKS))
    assert "&lt;b&gt;" in html and "<b>" not in html and "<br>" in html
