"""bedside.sync."""
