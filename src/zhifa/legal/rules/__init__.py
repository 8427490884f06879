"""The rule modules; importing this package registers every rule in the catalogue (in this order)."""

from . import punishment, coercion, remedies, disclosure, masking, identity  # noqa: F401
