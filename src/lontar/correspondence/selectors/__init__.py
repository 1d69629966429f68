"""Reads of the correspondence module that screens and the API share, one module per part."""
