"""Framework layer: base models, actor context, audit trail, permission gate, generic views."""
