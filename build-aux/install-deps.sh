#!/bin/bash
# Installs the Debian 12 packages Paddock needs to build, run and test, when missing.
set -eu

packages=(
  build-essential meson ninja-build pkg-config python3
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  glib-networking gettext desktop-file-utils appstream-util appstream
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools at-spi2-core
  imagemagick xdotool x11-utils gir1.2-atspi-2.0 python3-gi chromium nodejs npm ca-certificates curl iproute2 flatpak-builder locales
  clang libclang-rt-14-dev llvm
  valgrind
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # a package from elsewhere may provide the command (e.g. node from another source)
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
