"""`python -m aigap_docs` runs the command-line interface."""

from aigap_docs.cli import main

main()
