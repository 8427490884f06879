"""Services of the organisation context, one module per topic: every write with rules goes through here."""
