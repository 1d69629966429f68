"""Issued documents: rendering (template -> HTML -> PDF), signing, storage, public verification."""
