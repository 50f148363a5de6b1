"""File formats and network adapters, each behind an interface the services own."""
