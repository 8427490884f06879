"""Legal rules engine: working-day calendar, periods, thresholds and the rule catalogue."""
