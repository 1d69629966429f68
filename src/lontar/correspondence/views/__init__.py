"""Screens of the correspondence module, one module per part."""
