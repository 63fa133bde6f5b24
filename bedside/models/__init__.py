"""bedside.models."""
