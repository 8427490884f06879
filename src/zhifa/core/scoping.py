"""Declarations of how a model's rows relate to units, used by the permission gate."""

from dataclasses import dataclass


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
