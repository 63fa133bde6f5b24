"""The look of patient mode: larger text, larger targets, and a high-contrast variant.

docs/ui.md asks for body text ≥ 20 px in patient mode and touch targets ≥ 48 px (main actions
≥ 64 px here: the person may be tired, old, or see poorly). Three text sizes scale every font
together; high contrast is white and yellow on black (≥ 15:1). Applied as the patient area's own
style sheet, so staff screens keep theirs.
"""

from __future__ import annotations

from bedside.ui import style

TEXT_SCALES: dict[str, float] = {"normal": 1.0, "large": 1.2, "very-large": 1.45}
BODY_PX = 20
MAIN_ACTION_PX = 64


def _px(base: int, scale: float) -> int:
    return round(base * scale)


def patient_style_sheet(text_size: str = "normal", high_contrast: bool = False) -> str:
    """The style sheet of the patient area for a text size and a contrast choice."""
    scale = TEXT_SCALES.get(text_size, 1.0)
    body, small = _px(BODY_PX, scale), _px(18, scale)
    title, heading, dish = _px(34, scale), _px(26, scale), _px(23, scale)
    if high_contrast:
        ink, muted, surface, canvas, line = "#ffffff", "#ffffff", "#000000", "#000000", "#ffffff"
        accent, on_accent, header = "#ffe600", "#000000", "#000000"
        greyed_bg, greyed_ink, reason = "#000000", "#ffffff", "#ffe600"
        chosen_bg, chosen_line = "#000000", "#ffe600"
    else:
        ink, muted, surface, canvas, line = (
            style.INK,
            style.MUTED,
            style.SURFACE,
            style.CANVAS,
            style.LINE,
        )
        accent, on_accent, header = style.ACCENT, "#ffffff", style.ACCENT
        greyed_bg, greyed_ink, reason = "#f1f3f6", "#3d4753", "#7f3300"  # 9.4:1 and 7.7:1
        chosen_bg, chosen_line = "#e3f3e8", "#17602f"
    strong = accent if high_contrast else ink  # headings stand out in yellow on black
    tones = (
        {
            tone: ("#000000", "#ffe600" if tone != "neutral" else "#ffffff")
            for tone in ("neutral", "ok", "info", "warn", "alert", "danger")
        }
        if high_contrast
        else {tone: style.TONES[tone] for tone in ("neutral", "ok", "info", "warn", "alert")}
    )
    tone_rules = "\n".join(
        f'#mealState[tone="{tone}"], #tileNote[tone="{tone}"] {{ background: {bg}; '
        f"color: {fg}; border-radius: 10px; padding: 12px 16px; font-weight: 600; "
        f"border: 2px solid {fg if high_contrast else bg}; }}"
        for tone, (bg, fg) in tones.items()
    )
    return f"""
QWidget {{ font-size: {body}px; color: {ink}; }}
#patientArea, #patientPage, #noPatient, #displayPage, QScrollArea, QScrollArea > QWidget > QWidget
    {{ background: {canvas}; }}
#patientHeader {{ background: {header}; border-bottom: 2px solid {line}; }}
#patientHeader QLabel {{ color: {"#ffffff" if not high_contrast else accent}; }}
#greeting {{ font-size: {title}px; font-weight: 700; }}
#bedLine, #clock {{ font-size: {heading}px; }}
#clock {{ font-weight: 700; }}
#pageTitle, #mealHeading {{ font-size: {heading}px; font-weight: 700; }}
#muted, #dishDescription, #dishFacts {{ color: {muted}; }}
#dishFacts {{ font-size: {small}px; }}
#tile, #dishCard, #timelineDay {{
    background: {surface}; border: 2px solid {line}; border-radius: 14px;
}}
#tile {{ min-height: 0px; text-align: left; }}
#tile:pressed {{ border-color: {accent}; }}
#tileTitle {{ font-size: {heading}px; font-weight: 700; color: {strong}; }}
#dishCard[dish="greyed"] {{ background: {greyed_bg}; border-style: dashed; }}
#dishCard[dish="greyed"] #dishTitle {{ color: {greyed_ink}; }}
#dishCard[dish="chosen"] {{ background: {chosen_bg}; border: 3px solid {chosen_line}; }}
#dishTitle {{ font-size: {dish}px; font-weight: 700; }}
#dishReason {{ color: {reason}; font-weight: 600; }}
#dishChosen {{ color: {chosen_line}; font-weight: 700; font-size: {dish}px; }}
#mealChoice {{ font-weight: 600; }}
#mealNotice {{ color: {reason}; font-weight: 600; }}
#timeLabel {{ font-size: {heading}px; font-weight: 700; color: {strong}; }}
#itemTitle {{ font-weight: 700; }}
#instruction {{ color: {reason}; font-weight: 600; }}
QPushButton {{
    min-height: {MAIN_ACTION_PX}px; padding: 0 22px; border-radius: 12px; font-weight: 700;
    background: {surface}; color: {accent}; border: 3px solid {accent};
}}
QPushButton:checked {{ background: {accent}; color: {on_accent}; }}
QPushButton:pressed {{ background: {accent}; color: {on_accent}; }}
QPushButton:disabled {{ color: {muted}; border-color: {line}; }}
QPushButton[kind="primary"] {{ background: {accent}; color: {on_accent}; }}
QPushButton#sittingButton {{ text-align: left; padding: 8px 16px; font-weight: 600; }}
QToolButton {{
    min-height: {MAIN_ACTION_PX}px; min-width: 72px; padding: 6px 8px; border-radius: 12px;
    font-weight: 700; font-size: {small}px; background: {surface}; color: {accent};
    border: 2px solid {line};
}}
QToolButton:checked {{ background: {accent}; color: {on_accent}; border-color: {accent}; }}
QToolButton#staffButton {{ color: {muted}; border: 2px solid transparent; }}
#navBar {{ background: {surface}; border-top: 2px solid {line}; }}
{tone_rules}
"""
