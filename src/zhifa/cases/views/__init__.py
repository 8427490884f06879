"""Screens of the case module: list/export and the case page (generic path), registration, 简易程序."""
