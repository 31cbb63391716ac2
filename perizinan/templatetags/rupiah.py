from django import template

from perizinan.rules import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """Format integer rupiah as Rp1.500.000."""
    return _rupiah(amount)
