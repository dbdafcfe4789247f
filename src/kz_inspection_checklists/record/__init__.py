"""Inspection records: a checklist filled in, its rules, its files, its score and its
migration to another edition."""
