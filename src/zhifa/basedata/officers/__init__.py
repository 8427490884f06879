"""Enforcement officers (执法人员): lists, the daily expiry reminder task, demo certificates."""
