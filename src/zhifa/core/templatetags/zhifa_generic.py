"""Template tags of the generic screens."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def safe_url(name: str, *args) -> str:
    """``{% safe_url 'core:object_history' object_type pk as url %}``: the URL, or ``""`` when the
    route does not exist (a card for a feature not installed simply does not load)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""

