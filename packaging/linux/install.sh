#!/bin/sh
# Install the built app (dist/intheroom, from `make dist`) for this user, with its menu entry,
# icon and the .room file type. No root needed; nothing outside your home folder is touched.
#
#   sh packaging/linux/install.sh [APP_FOLDER]     install (or update) from APP_FOLDER
#   sh packaging/linux/install.sh --uninstall      take it all away again
#
# APP_FOLDER defaults to dist/intheroom in this repository, or to the app folder this script is
# shipped in (intheroom/_internal/linux/install.sh in a copied build). Puts:
#   the app            ~/.local/lib/intheroom/            (replaced whole on update)
#   the command        ~/.local/bin/intheroom             (a link to the app)
#   the menu entry     ~/.local/share/applications/intheroom.desktop
#   the file type      ~/.local/share/mime/packages/intheroom.xml   (*.room)
#   the icons          ~/.local/share/icons/hicolor/*/apps/intheroom.png (+ scalable SVG)
set -eu

data=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/intheroom
bin=$HOME/.local/bin
here=$(cd "$(dirname "$0")" && pwd)
sizes="16 32 48 64 128 256 512"

refresh() {
  # Each is optional: without them the desktop notices on its next login.
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database "$data/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$lib"
  [ -L "$bin/intheroom" ] && rm -f "$bin/intheroom"
  rm -f "$data/applications/intheroom.desktop" "$data/mime/packages/intheroom.xml"
  rm -f "$data/icons/hicolor/scalable/apps/intheroom.svg"
  for size in $sizes; do
    rm -f "$data/icons/hicolor/${size}x$size/apps/intheroom.png"
    rm -f "$data/icons/hicolor/${size}x$size/mimetypes/application-x-intheroom-event.png"
  done
  refresh
  echo "In the Room is uninstalled (your event files and ~/.local/share/intheroom are kept)."
  exit 0
fi

# Where the app, the icons and the desktop files are: a checkout, or a shipped build.
if [ -f "$here/../../packaging/intheroom.spec" ]; then
  repo=$(cd "$here/../.." && pwd)
  app=${1:-$repo/dist/intheroom}
  icons=$repo/resources/icons
else
  app=${1:-$(cd "$here/../.." && pwd)}
  icons=$app/_internal/resources/icons
fi
if [ ! -x "$app/intheroom" ]; then
  echo "install.sh: there is no built app at $app (run \`make dist\` first)." >&2
  exit 1
fi
app=$(cd "$app" && pwd)

mkdir -p "$HOME/.local/lib" "$bin" "$data/applications" "$data/mime/packages"
# Copy beside the old one, then swap, so a failed copy leaves the installed app working.
if [ "$app" != "$lib" ]; then
  rm -rf "$lib.new"
  cp -R "$app" "$lib.new"
  rm -rf "$lib.old"
  [ -d "$lib" ] && mv "$lib" "$lib.old"
  mv "$lib.new" "$lib"
  rm -rf "$lib.old"
fi
ln -sf "$lib/intheroom" "$bin/intheroom"

# The entry runs the app by its full path, so it works even where ~/.local/bin is not on PATH.
sed -e "s|^Exec=intheroom |Exec=\"$lib/intheroom\" |" -e "s|^TryExec=intheroom\$|TryExec=$lib/intheroom|" \
  "$here/intheroom.desktop" >"$data/applications/intheroom.desktop"
cp "$here/intheroom-mime.xml" "$data/mime/packages/intheroom.xml"

for size in $sizes; do
  for kind in apps mimetypes; do
    mkdir -p "$data/icons/hicolor/${size}x$size/$kind"
  done
  cp "$icons/intheroom-$size.png" "$data/icons/hicolor/${size}x$size/apps/intheroom.png"
  cp "$icons/intheroom-$size.png" \
    "$data/icons/hicolor/${size}x$size/mimetypes/application-x-intheroom-event.png"
done
if [ -f "$icons/intheroom.svg" ]; then
  mkdir -p "$data/icons/hicolor/scalable/apps"
  cp "$icons/intheroom.svg" "$data/icons/hicolor/scalable/apps/intheroom.svg"
fi
refresh

echo "In the Room $("$lib/intheroom" --version | cut -d' ' -f2) is installed in $lib."
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "Add $bin to your PATH to type \`intheroom\` in a terminal (the menu entry works anyway)." ;;
esac
