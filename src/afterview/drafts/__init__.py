"""Drafts: the Jinja templates of the messages, and the one function that renders them."""
