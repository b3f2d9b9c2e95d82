#!/usr/bin/env bash
# Installs what Coalition needs and is missing on a Debian/Ubuntu machine.
#   scripts/install-deps.sh app    system libraries to build and run the desktop app
#   scripts/install-deps.sh test   the above, plus Xvfb, WebKitWebDriver, D-Bus and Chromium for tests
# Uses sudo only when not root. Installs nothing that is already there.
set -euo pipefail

want=(libwebkit2gtk-4.1-dev build-essential libxdo-dev libssl-dev
      libayatana-appindicator3-dev librsvg2-dev pkg-config curl file)
# The UI is built with Node 20.19+ and npm; take Debian's when none is installed.
command -v npm > /dev/null 2>&1 || want+=(nodejs npm)
if [ "${1:-app}" = "test" ]; then
  want+=(xvfb xauth webkit2gtk-driver dbus dbus-x11 imagemagick chromium
         desktop-file-utils shared-mime-info libglib2.0-bin xdg-utils xdotool
         chromium-driver poppler-utils)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Coalition's UI needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it from https://nodejs.org or your distribution's backports, then run make again." >&2
  exit 1
fi

# The interoperability tests read our GEXF and GraphML with networkx, and check
# the app's JSON exports against the schema with jsonschema.
if [ "${1:-app}" = "test" ] && ! python3 -c "import networkx, jsonschema" 2>/dev/null; then
  echo "Installing networkx and jsonschema (pip)"
  python3 -m pip install --quiet networkx jsonschema 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages networkx jsonschema
fi
