"""`python -m pmladder`."""

from pmladder.cli.entry import main

if __name__ == "__main__":
    main()
