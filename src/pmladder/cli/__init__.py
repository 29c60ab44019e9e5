"""The typer layer: parse arguments, call core, pick a renderer, map errors to exit codes."""
