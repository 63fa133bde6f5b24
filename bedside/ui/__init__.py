"""bedside.ui."""
