"""The demo city (Shenzhen): agencies, justice bureaus, users of every role, demo accounts.

``plan.make_plan`` computes everything from a seed without the database; ``writer.write_plan``
writes it; ``zhifa demo-data`` runs both.
"""
