"""Services of the base-data context: the writes with rules, and the checks other modules call."""
