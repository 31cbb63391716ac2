from django import template

from portal.money import rupiah

register = template.Library()
register.filter("rupiah", rupiah)
