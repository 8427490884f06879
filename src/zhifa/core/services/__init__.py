"""Services of the framework layer: todos, notices, numbering, attachments.

Each module holds the keyword-only functions that write (and the selectors that read) one feature.
"""
