"""The Qt user interface. The only package (with the entry point) that imports PySide6.

Views call services (``bedside.services``) and never the store, the sync layer or httpx directly.
Server text is always shown as plain text.
"""
