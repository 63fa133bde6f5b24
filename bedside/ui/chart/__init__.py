"""The patient chart: banner on top, one tab per part of the record."""
