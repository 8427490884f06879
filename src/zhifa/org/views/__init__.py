"""Pages of the organisation context: administration screens, account pages, single sign-on."""
