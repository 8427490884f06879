"""Inspection objects (检查对象库, SPEC B5): identifier checks, pinyin initials, bulk import, search, demo data."""
