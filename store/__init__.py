"""Where rule sets are kept: rule-set files and the SQLite registry of versions and approvals."""
