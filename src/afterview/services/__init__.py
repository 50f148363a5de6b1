"""Use cases: the one Python API that every face (CLI, web, files) calls."""
