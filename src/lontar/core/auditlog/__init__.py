"""Browsing, exporting and verifying the audit trail."""
