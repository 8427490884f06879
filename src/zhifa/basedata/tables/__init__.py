"""Tables of the base-data lists, one module per topic."""
