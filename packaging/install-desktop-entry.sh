#!/bin/sh
# Add AnimeID to the Linux application menu (per user; no root needed).
#   ./install-desktop-entry.sh [BUNDLE_DIR]     install (BUNDLE_DIR defaults to this script's folder)
#   ./install-desktop-entry.sh --uninstall      remove the menu entry and icon again
set -eu

DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
APPS="$DATA_HOME/applications"
ICONS="$DATA_HOME/icons/hicolor/256x256/apps"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$APPS/animeid.desktop" "$ICONS/animeid.png"
    echo "Removed the AnimeID menu entry."
    exit 0
fi

HERE=$(cd "$(dirname "$0")" && pwd)
BUNDLE=$(cd "${1:-$HERE}" && pwd)
EXE="$BUNDLE/AnimeID"
ICON="$BUNDLE/_internal/resources/app-icon.png"
TEMPLATE="$BUNDLE/animeid.desktop"
[ -f "$TEMPLATE" ] || TEMPLATE="$HERE/animeid.desktop"

if [ ! -x "$EXE" ]; then
    echo "error: no AnimeID executable in $BUNDLE; pass the bundle folder (dist/AnimeID) as argument" >&2
    exit 2
fi

# Escape what sed would read specially in a replacement text.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

mkdir -p "$APPS" "$ICONS"
cp "$ICON" "$ICONS/animeid.png"
# Quote the executable path as the Desktop Entry spec requires (the bundle may live in a folder with spaces).
sed -e "s|^Exec=.*|Exec=\"$(sed_escape "$EXE")\"|" -e "s|^Icon=.*|Icon=$(sed_escape "$ICONS/animeid.png")|" \
    "$TEMPLATE" > "$APPS/animeid.desktop"
chmod 644 "$APPS/animeid.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" >/dev/null 2>&1 || true
echo "Installed $APPS/animeid.desktop (runs $EXE)."
