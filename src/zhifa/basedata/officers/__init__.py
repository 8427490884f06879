"""Enforcement officers (执法人员, SPEC B4): lists, the daily expiry reminder task, demo certificates."""
