"""bedside.sandbox."""
