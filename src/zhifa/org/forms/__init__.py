"""Forms of the organisation context: the administration screens (with their model services) and the account pages."""
