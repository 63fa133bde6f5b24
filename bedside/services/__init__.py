"""bedside.services."""
