"""Models of the organisation context."""

from .regions import Region
from .units import Unit, UnitVersion
from .users import User
from .roles import Role, ScopeGrant
from .tokens import ApiToken
from .oidc import OidcIdentity

__all__ = ["Region", "Unit", "UnitVersion", "User", "Role", "ScopeGrant", "ApiToken", "OidcIdentity"]
