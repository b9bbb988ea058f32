"""`python -m corpus_tool`."""
from .cli import main

main()
