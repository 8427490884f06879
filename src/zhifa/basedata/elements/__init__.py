"""Filters, tables and forms of the enforcement elements (执法要素) and the record library."""
