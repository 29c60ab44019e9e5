"""Renderers: the same results as JSON (a stable contract), Markdown, and Rich for the terminal."""
