"""Colours, sizes and the application style sheet, in one place.

Sizes follow docs/ui.md: body text ≥ 16 px for staff, touch targets ≥ 48 px, WCAG AA contrast.
"""

from __future__ import annotations

BODY_PX = 17
TITLE_PX = 26
ROW_HEIGHT_PX = 52
TOUCH_MIN_PX = 48

INK = "#1b2430"  # body text: 14.8:1 on white
MUTED = "#4a5563"  # secondary text: 7.6:1 on white
SURFACE = "#ffffff"
CANVAS = "#eef2f6"
ACCENT = "#0b5cad"  # 6.6:1 on white
FREE_BED = "#5b6572"

STYLE_SHEET = f"""
QWidget {{ font-size: {BODY_PX}px; color: {INK}; }}
QMainWindow, #canvas {{ background: {CANVAS}; }}
#header {{ background: {ACCENT}; }}
#header QLabel {{ color: white; }}
#title {{ font-size: {TITLE_PX}px; font-weight: 600; }}
#freshness {{ font-size: {BODY_PX}px; }}
QTableView {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: 1px solid #cfd6df;
    gridline-color: transparent; selection-background-color: #d6e6f7; selection-color: {INK};
}}
QTableView::item {{ padding: 0 12px; }}
QHeaderView::section {{
    background: {SURFACE}; color: {MUTED}; font-weight: 600; border: none;
    border-bottom: 2px solid #cfd6df; padding: 10px 12px;
}}
#status {{ color: {MUTED}; }}
"""
