"""The web face: `create_app(settings)` builds a FastAPI app over the same services the CLI
calls — server-rendered pages with small HTMX interactions, and a JSON API under /api/."""
