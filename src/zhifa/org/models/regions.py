"""Administrative divisions (GB/T 2260)."""

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import UNSCOPED

from ..choices import RegionLevel


class Region(ZhifaModel):
    """An administrative division: province → city → district → street, keyed by its GB/T 2260 code.

    ``path`` lists the codes from the province down (``/440000/440300/440308/``) so that "this
    region and everything below" is a single prefix lookup.
    """

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField("路径", max_length=200, db_index=True, editable=False)

    scope = UNSCOPED

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        prefix = self.parent.path if self.parent_id else "/"
        self.path = f"{prefix}{self.code}/"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return pk_reverse("org:region_detail", self.pk)
