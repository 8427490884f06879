"""Inspection objects (检查对象库): identifier checks, pinyin initials, bulk import, search, demo data."""
