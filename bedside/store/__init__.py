"""bedside.store."""
