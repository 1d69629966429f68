"""Every write of the supplies module."""
