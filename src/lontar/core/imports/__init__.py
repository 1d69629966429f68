"""Legacy import: a spreadsheet becomes rows of a module's data only after preview and confirmation.

A module registers an `Importer` (registry.py); the platform reads the workbook (reading.py), keeps
every row of the upload in an `ImportBatch` (models.py), maps columns, validates each row through the
importer and writes nothing until the user confirms (services.py). Re-importing a file skips every row
the office already has.
"""
