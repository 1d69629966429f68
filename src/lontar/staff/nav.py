"""Navigation entries, dashboard work and audit labels of the personnel file (StaffConfig.ready)."""
