from django import template

from portal.money import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """Format integer rupiah as Rp1.500.000."""
    return _rupiah(amount)
