"""Base data: laws library, power list, discretion standards, personnel, inspection objects, elements."""
