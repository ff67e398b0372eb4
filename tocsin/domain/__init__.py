"""Pure vocabularies with no I/O: countries, roles and permissions (more areas add theirs)."""
