"""Demo cases (``zhifa demo-cases``): several hundred punishment cases of the demo city at every stage.

``catalogue`` holds the violations the cases are about, ``plan`` decides (from a seed) which case
goes where, and ``stages`` moves a case through its procedure, one stage at a time, only through
the services, as the people who hold each step.
"""
