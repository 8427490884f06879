"""The text of laws: the file format's parser, Chinese numerals, metadata and citations (no database writes)."""
