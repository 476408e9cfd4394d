"""shenbao (申报): notices -> rule sets, forms -> submissions, topics -> directions, screening."""

__version__ = "0.1.0"
