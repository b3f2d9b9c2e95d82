#!/usr/bin/env bash
# Installs the Coalition .deb, checks what it put on the machine, opens a map with
# the installed CLI and app, and removes the package again.
#   tests/package/run.sh path/to/Coalition_VERSION_ARCH.deb
# Needs root or sudo (apt-get), Xvfb and ImageMagick (scripts/install-deps.sh test).
# The screenshot of the installed app is target/package-screens/installed.png.
set -euo pipefail

deb=$(realpath "${1:?usage: tests/package/run.sh FILE.deb}")
root=$(cd "$(dirname "$0")/../.." && pwd)
screens="$root/target/package-screens"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND... (the command's output is shown if it fails)
  local what=$1 out; shift
  if out=$("$@" 2>&1); then ok "$what"; else fail "$what"; [ -z "$out" ] || echo "$out" | head -20 >&2; fi
}

work=$(mktemp -d)
installed=0
cleanup() {
  [ -z "${app:-}" ] || kill "$app" 2> /dev/null || true
  if [ "$installed" = 1 ]; then
    $sudo dpkg -r coalition > /dev/null && echo "removed the coalition package"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if dpkg-query -W -f='${Status}' coalition 2> /dev/null | grep -q 'install ok installed'; then
  echo "note: a coalition package is installed already; this test replaces it and removes it"
fi

size_kib=$(du -k "$deb" | cut -f1)
echo "installing $deb ($size_kib KiB)"
start=$(date +%s%N)
# apt-get resolves the package's dependencies (dpkg -i alone would not).
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$deb" > "$work/apt.log" 2>&1 \
  || { cat "$work/apt.log" >&2; echo "FAIL: apt-get install $deb" >&2; exit 1; }
install_s=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
installed=1

# What the package installed.
check "/usr/bin/coalition-app is installed and executable" test -x /usr/bin/coalition-app
check "/usr/bin/coalition (the CLI) is installed and executable" test -x /usr/bin/coalition
check "the MIME type is installed (/usr/share/mime/packages/coalition.xml)" \
  test -f /usr/share/mime/packages/coalition.xml
check "the MIME database knows application/x-coalition" \
  grep -q '^application/x-coalition:\*\.coalition$' /usr/share/mime/globs
check "the model is documented (/usr/share/doc/coalition/model.md)" test -f /usr/share/doc/coalition/model.md
check "the icons are installed (hicolor 32, 128, 256, 512)" \
  test -f /usr/share/icons/hicolor/32x32/apps/coalition-app.png \
    -a -f /usr/share/icons/hicolor/128x128/apps/coalition-app.png \
    -a -f /usr/share/icons/hicolor/256x256/apps/coalition-app.png \
    -a -f /usr/share/icons/hicolor/512x512/apps/coalition-app.png

desktop=$(dpkg -L coalition | grep '^/usr/share/applications/.*\.desktop$' | head -1 || true)
if [ -n "$desktop" ]; then
  ok "desktop entry $desktop"
  check "the desktop entry runs coalition-app on the file (Exec=coalition-app %f)" \
    grep -qx 'Exec=coalition-app %f' "$desktop"
  check "the desktop entry opens .coalition files (MimeType=application/x-coalition;)" \
    grep -qx 'MimeType=application/x-coalition;' "$desktop"
  if command -v desktop-file-validate > /dev/null; then
    if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then
      ok "desktop-file-validate $desktop"
    else
      fail "desktop-file-validate $desktop: $out"
    fi
  fi
else
  fail "no desktop entry in the package"
fi

# The map the checks open, written by the installed CLI.
map="$work/x.coalition"
check "coalition demo $map (installed CLI)" /usr/bin/coalition demo "$map"
check "coalition list $map (installed CLI)" /usr/bin/coalition list "$map"

# The file type: what the desktop sees (GIO, as GNOME and xdg-mime do) and which
# application a double-click opens it with.
if command -v gio > /dev/null; then
  type=$(gio info -a standard::content-type "$map" 2> /dev/null | sed -n 's/^ *standard::content-type: //p')
  [ "$type" = application/x-coalition ] && ok "gio: $map is application/x-coalition" \
    || fail "gio: $map is '$type', not application/x-coalition"
  type=$(XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "$map" 2> /dev/null || true)
  [ "$type" = application/x-coalition ] && ok "xdg-mime query filetype: application/x-coalition" \
    || fail "xdg-mime query filetype: '$type', not application/x-coalition"
fi
if command -v mimetype > /dev/null; then
  type=$(mimetype --brief "$map")
  [ "$type" = application/x-coalition ] && ok "mimetype: application/x-coalition" \
    || fail "mimetype: '$type', not application/x-coalition"
fi
if [ -n "$desktop" ] && command -v xdg-mime > /dev/null; then
  handler=$(xdg-mime query default application/x-coalition 2> /dev/null || true)
  [ "$handler" = "$(basename "$desktop")" ] && ok "a double-click opens .coalition files with $handler" \
    || fail "the default application for application/x-coalition is '$handler', not $(basename "$desktop")"
fi

# The installed app, on that map, under Xvfb, with its own data folder (and a home
# folder of its own, so WebKit's caches land in $work and are removed with it).
mkdir -p "$screens" "$work/data" "$work/home"
rm -f "$screens/installed.png"
cat > "$work/launch.sh" << 'EOF'
#!/usr/bin/env bash
# Under xvfb-run: start the app, give it LAUNCH_SECONDS, take a screenshot, stop it.
/usr/bin/coalition-app "$MAP" --data-dir "$DATA" > "$WORK/app.log" 2>&1 &
app=$!
sleep "$LAUNCH_SECONDS"
if kill -0 "$app" 2> /dev/null; then echo running > "$WORK/app.state"; else echo exited > "$WORK/app.state"; fi
import -window root "$SHOT"
kill "$app" 2> /dev/null || true
wait "$app" 2> /dev/null || true
EOF
chmod +x "$work/launch.sh"
echo "launching /usr/bin/coalition-app $map under Xvfb for ${LAUNCH_SECONDS:-15} s"
launcher=(xvfb-run -a -s "-screen 0 1440x900x24")
command -v dbus-run-session > /dev/null && launcher+=(dbus-run-session --)
HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache" \
  XDG_CONFIG_HOME="$work/home/.config" MAP="$map" DATA="$work/data" WORK="$work" \
  SHOT="$screens/installed.png" LAUNCH_SECONDS="${LAUNCH_SECONDS:-15}" \
  "${launcher[@]}" "$work/launch.sh" > "$work/xvfb.log" 2>&1 || true

if [ "$(cat "$work/app.state" 2> /dev/null)" = running ]; then
  ok "the installed app was still running after ${LAUNCH_SECONDS:-15} s"
else
  fail "the installed app exited early; its output:"; cat "$work/xvfb.log" "$work/app.log" >&2 || true
fi
recent="$work/data/recent.json"
if [ -f "$recent" ] && grep -qF "\"$(realpath "$map")\"" "$recent"; then
  ok "the app opened the map (its recent list $recent names $map)"
else
  fail "the app did not open $map (recent list: $(cat "$recent" 2> /dev/null || echo missing))"
fi
if [ -f "$screens/installed.png" ]; then
  # A blank or black screen has a handful of colours; the app's window has thousands.
  colours=$(identify -format '%k' "$screens/installed.png")
  [ "$colours" -gt 100 ] && ok "screenshot $screens/installed.png ($colours colours)" \
    || fail "screenshot $screens/installed.png looks empty ($colours colours)"
else
  fail "no screenshot taken"
fi

echo "package: $size_kib KiB; install: ${install_s} s (apt-get install)"
if [ "$failures" -gt 0 ]; then
  echo "package test: $failures check(s) failed" >&2
  exit 1
fi
echo "package test: all checks passed"
