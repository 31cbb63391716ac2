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
        'href="javascript:',  # a refused link may stay as its harmless text
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


@pytest.mark.parametrize(
    "body",
    [
        "\n".join("  " * depth + "- a" for depth in range(2000)),  # lists nested 2,000 deep
        "![" * 20_000,  # unclosed images: quadratic for a backtracking parser
        "[a](" * 20_000,
        "[" * 20_000 + "a" + "]" * 20_000,
        "> " * 20_000 + "kutipan",
    ],
    ids=["nested-lists", "open-images", "open-links", "nested-brackets", "nested-quotes"],
)
def test_a_pathological_body_renders_as_text_like_any_other(body):
    html = str(isi_html(isi=body, format=Format.MARKDOWN))
    assert html.strip() and "<script" not in html


def test_markdown_tables_and_numbered_lists_render():
    html = str(isi_html(isi="| a | b |\n|---|---|\n| 1 | 2 |\n\n1. x\n2. y", format=Format.MARKDOWN))
    assert "<table>" in html and "<td>2</td>" in html and "<ol>" in html and "<li>y</li>" in html
