"""Organisation and people administration screens and services."""
