"""Declarations of how a model's rows relate to units, and how far a role reaches (the gate's vocabulary)."""

from dataclasses import dataclass

from django.db import models


class DataScope(models.TextChoices):
    """How far a role's permissions reach: own rows, own unit, unit and subordinates, region, all."""

    OWN = "own", "本人"
    UNIT = "unit", "本单位"
    SUBTREE = "subtree", "本单位及下级"
    REGION = "region", "本区划"
    ALL = "all", "全部"


@dataclass(frozen=True)
class ScopeSpec:
    """Where the permission gate finds a row's owning unit and owner.

    ``unit`` is the lookup path of the owning ``org.Unit`` (``""`` when the model *is* the unit,
    ``None`` when rows are shared reference data visible to anyone holding the view permission).
    ``owner`` is the lookup path of the owning user, used by the ``own`` data scope.
    """

    unit: str | None = "unit"
    owner: str | None = "created_by"

    @property
    def scoped(self) -> bool:
        return self.unit is not None

    def unit_lookup(self, suffix: str) -> str:
        """Lookup for a field of the owning unit, e.g. ``unit_lookup("path")`` → ``unit__path``."""
        return f"{self.unit}__{suffix}" if self.unit else suffix


UNSCOPED = ScopeSpec(unit=None, owner=None)
