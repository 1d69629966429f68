"""Every write of the correspondence module, one module per part."""
