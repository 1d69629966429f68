"""Forms of the correspondence module, one module per part."""
