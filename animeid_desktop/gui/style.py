"""The app's look: Fusion style, a light palette and a modest stylesheet (one accent colour)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

ACCENT = "#3b6fd8"
ACCENT_DARK = "#2f5bb5"
ACCENT_SOFT = "#e5edfc"
TEXT = "#1f2430"
MUTED = "#687083"
ICON = "#3d4556"
DISABLED = "#b4bac6"
WINDOW = "#f3f4f7"
PANEL = "#ffffff"
BORDER = "#dcdfe6"
GOOD = "#2e9d5b"
WARN = "#d98a1c"
BAD = "#d2453d"
SPACING = 8

STYLESHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QWidget#Page {{ background: {WINDOW}; }}
QFrame#Card {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#Title {{ font-size: 15px; font-weight: 600; color: {TEXT}; }}
QLabel#Section {{ font-weight: 600; color: {TEXT}; padding-top: 2px; }}
QLabel#Muted {{ color: {MUTED}; }}
QLabel#Metric {{ font-size: 20px; font-weight: 600; color: {TEXT}; }}
QListWidget#NavList {{
    background: #262b36; border: none; color: #dfe3ec; outline: 0; padding-top: 6px;
}}
QListWidget#NavList::item {{ padding: 9px 10px; margin: 2px 6px; border-radius: 6px; }}
QListWidget#NavList::item:hover {{ background: #333a48; }}
QListWidget#NavList::item:selected {{ background: {ACCENT}; color: white; }}
QPushButton {{
    padding: 5px 12px; border: 1px solid {BORDER}; border-radius: 5px; background: {PANEL}; color: {TEXT};
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: {DISABLED}; border-color: #e6e8ed; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #a9bde8; color: #eef2fb; border-color: #a9bde8; }}
QToolButton {{ padding: 3px; border: 1px solid transparent; border-radius: 5px; }}
QToolButton:hover {{ border-color: {BORDER}; background: {PANEL}; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox {{
    padding: 3px 6px; border: 1px solid {BORDER}; border-radius: 5px; background: {PANEL};
    min-height: 20px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{ border-color: {ACCENT}; }}
QListView, QTableView, QTreeView, QPlainTextEdit, QTextEdit {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px;
    selection-background-color: {ACCENT_SOFT}; selection-color: {TEXT};
}}
QHeaderView::section {{
    background: #f7f8fa; border: none; border-bottom: 1px solid {BORDER}; padding: 4px 6px;
    color: {MUTED}; font-weight: 600;
}}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: {PANEL}; top: -1px; }}
QTabBar::tab {{ padding: 6px 14px; color: {MUTED}; border: none; }}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 2px solid {ACCENT}; }}
QProgressBar {{
    border: 1px solid {BORDER}; border-radius: 5px; background: {PANEL}; text-align: center; min-height: 16px;
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 4px; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
QSplitter::handle {{ background: transparent; }}
QMenu::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}
"""

ARROWS = """
QComboBox {{ padding-right: 20px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 20px; border: none; }}
QComboBox::down-arrow {{ image: url({down}); width: 11px; height: 11px; }}
QSpinBox, QDoubleSpinBox {{ padding-right: 18px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{
    subcontrol-origin: border; subcontrol-position: top right; width: 17px; border: none;
}}
QSpinBox::down-button, QDoubleSpinBox::down-button {{
    subcontrol-origin: border; subcontrol-position: bottom right; width: 17px; border: none;
}}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url({up}); width: 9px; height: 9px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url({down}); width: 9px; height: 9px; }}
"""


def stylesheet() -> str:
    """The stylesheet, with arrow images when the icon folder is available."""
    from animeid_desktop.gui.icons import icons_dir

    folder = icons_dir()
    if folder is None or not (folder / "qss").is_dir():
        return STYLESHEET
    qss = (folder / "qss").as_posix()
    return STYLESHEET + ARROWS.format(down=f"{qss}/chevron-down.svg", up=f"{qss}/chevron-up.svg")


def apply(app: QApplication) -> None:
    """Install the Fusion style, the palette, the font and the stylesheet on ``app``."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Base, QColor(PANEL))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f8fa"))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Button, QColor(PANEL))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(PANEL))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))
    app.setPalette(pal)
    font = app.font()
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    app.setStyleSheet(stylesheet())
