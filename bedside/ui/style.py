"""Colours, sizes and the application style sheet, in one place.

Sizes follow docs/ui.md: body text ≥ 16 px for staff, touch targets ≥ 48 px, WCAG AA contrast
(every text/background pair below is ≥ 4.5:1; ratios noted where they are close). Tones always
travel with a word or a symbol on screen: colour is never the only signal.
"""

from __future__ import annotations

BODY_PX = 17
SMALL_PX = 15
TITLE_PX = 26
HEADING_PX = 21
ROW_HEIGHT_PX = 56
TOUCH_MIN_PX = 48

INK = "#1b2430"  # body text: 14.8:1 on white
MUTED = "#4a5563"  # secondary text: 7.6:1 on white
SURFACE = "#ffffff"
CANVAS = "#eef2f6"
LINE = "#cfd6df"
ACCENT = "#0b5cad"  # 6.6:1 on white
ACCENT_DARK = "#08447f"
FREE_BED = "#5b6572"

# Tone → (background, text). Text on background ≥ 4.5:1 in every pair.
TONES: dict[str, tuple[str, str]] = {
    "neutral": ("#e6eaf0", "#2c3643"),
    "ok": ("#dff2e5", "#17602f"),  # 6.4:1
    "info": ("#e0ebf8", "#0a4a8c"),  # 7.3:1
    "warn": ("#fff0c2", "#6b4700"),  # 7.0:1
    "alert": ("#ffdcc2", "#7f3300"),  # 6.9:1
    "danger": ("#fbdede", "#9b1515"),  # 6.2:1
    "critical": ("#b3261e", "#ffffff"),  # 6.5:1
}


def _chip_rules() -> str:
    return "\n".join(
        f'QLabel[chip="{tone}"] {{ background: {bg}; color: {fg}; border-radius: 6px; '
        f"padding: 3px 9px; font-weight: 600; }}"
        for tone, (bg, fg) in TONES.items()
    )


STYLE_SHEET = f"""
QWidget {{ font-size: {BODY_PX}px; color: {INK}; }}
QMainWindow, #canvas {{ background: {CANVAS}; }}
#header {{ background: {ACCENT}; }}
#header QLabel {{ color: white; }}
#title {{ font-size: {TITLE_PX}px; font-weight: 600; }}
#freshness {{ font-size: {BODY_PX}px; }}
#heading {{ font-size: {HEADING_PX}px; font-weight: 600; }}
#muted, #status {{ color: {MUTED}; }}
#card {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 10px; }}
QTableView {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: 1px solid {LINE};
    gridline-color: transparent; selection-background-color: #d6e6f7; selection-color: {INK};
}}
QTableView::item {{ padding: 0 10px; }}
QHeaderView::section {{
    background: {SURFACE}; color: {MUTED}; font-weight: 600; border: none;
    border-bottom: 2px solid {LINE}; padding: 10px 10px;
}}
QPushButton {{
    min-height: {TOUCH_MIN_PX}px; padding: 0 18px; border-radius: 8px; font-weight: 600;
    background: {SURFACE}; color: {ACCENT}; border: 2px solid {ACCENT};
}}
QPushButton:pressed {{ background: #d6e6f7; }}
QPushButton:checked {{ background: {ACCENT}; color: white; }}
QPushButton:disabled {{ color: #6b7480; border-color: #aeb6c0; background: #f1f3f6; }}
QPushButton[kind="primary"] {{ background: {ACCENT}; color: white; border: 2px solid {ACCENT}; }}
QPushButton[kind="primary"]:pressed {{ background: {ACCENT_DARK}; }}
QPushButton[kind="primary"]:disabled {{ background: #8fa9c6; border-color: #8fa9c6; }}
QPushButton[kind="danger"] {{ background: #9b1515; color: white; border: 2px solid #9b1515; }}
QPushButton[kind="quiet"] {{ border: none; background: transparent; color: {ACCENT}; }}
#header QPushButton {{ background: transparent; color: white; border: 2px solid #ffffff; }}
#header QPushButton:checked {{ background: white; color: {ACCENT}; }}
#header QPushButton[kind="quiet"] {{ border: none; }}
QLineEdit {{
    min-height: {TOUCH_MIN_PX}px; padding: 0 12px; border: 2px solid {LINE}; border-radius: 8px;
    background: {SURFACE}; font-size: 20px;
}}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    min-height: {TOUCH_MIN_PX}px; min-width: 90px; padding: 0 14px; font-weight: 600;
    color: {MUTED}; background: transparent; border: none; border-bottom: 3px solid transparent;
}}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 3px solid {ACCENT}; }}
#banner {{ background: {SURFACE}; border-bottom: 1px solid {LINE}; }}
#bannerName {{ font-size: 24px; font-weight: 700; }}
#message[tone="danger"] {{ color: #9b1515; font-weight: 600; }}
#message[tone="ok"] {{ color: #17602f; font-weight: 600; }}
QScrollArea {{ border: none; background: transparent; }}
QProgressBar {{ border: 2px solid {LINE}; border-radius: 8px; background: {SURFACE}; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 5px; }}
QProgressBar[paused="true"]::chunk {{ background: {FREE_BED}; }}
QProgressBar[busy="true"]::chunk {{
    background: qlineargradient(x1: 0, y1: 0, x2: 1, y2: 0, stop: 0 #d6e6f7, stop: 0.5 {ACCENT},
        stop: 1 #d6e6f7);
}}
{_chip_rules()}
"""
