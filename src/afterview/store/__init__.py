"""Persistence: SQLAlchemy rows, repositories that return domain records, migrations."""
