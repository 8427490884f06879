from django.apps import AppConfig


class LegalConfig(AppConfig):
    """Legal rules engine (LEGAL.md)."""

    name = "zhifa.legal"
    label = "legal"
    verbose_name = "法律规则"
