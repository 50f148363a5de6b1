"""Afterview: after every interview, what to do next, when, and the words ready."""

__version__ = "0.2.0"
