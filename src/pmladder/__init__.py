"""pmladder: a skills self-assessment and gap analysis for product managers.

Importing the package is cheap on purpose: the CLI's start-up time is the floor set by typer.
"""

__version__ = "0.1.0"
