"""The analysis layer: what the check kinds read from the structured documents."""
