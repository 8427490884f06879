"""Demo data of the base-data context, written by the ``demo-*`` commands, one module per topic."""
