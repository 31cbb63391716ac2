"""
One way to make a PDF: render_to_pdf(template, context). WeasyPrint is imported on first use
(importing it is slow, and most processes never make a PDF), and its layout logger is quiet (see
LOGGING in settings).
"""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def qr_svg_data_uri(data: str) -> str:
    """Return an SVG data URI of a QR code holding `data`."""
    return segno.make(data, error="m").svg_data_uri(scale=4, border=2)


def render_to_pdf(template_name: str, context: dict) -> bytes:
    """Render an A4 PDF from a template under templates/pdf/, always in Indonesian."""
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template_name, {"PORTAL_NAME": settings.PORTAL_NAME, **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
