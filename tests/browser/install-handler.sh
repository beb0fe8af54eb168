#!/bin/bash
# install-handler.sh DIR DECISION
# Makes DIR/data an XDG data home in which the default http/https handler is a headless
# Chromium that clicks DECISION (approve|deny) on the consent page. Export
#   XDG_DATA_HOME=DIR/data
# for the process whose "open URI" should reach it: GIO reads the desktop file and the
# mimeapps.list from DIR/data/applications (the config home, which holds the settings,
# stays as it is; it must hold no mimeapps.list of its own).
set -eu
dir=$1
decision=${2:-approve}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/data/applications"
cat > "$dir/open-url.sh" <<SH
#!/bin/sh
exec node "$here/consent.js" "\$1" "$decision" --log "$dir/browser.log" --record "$dir/redirects.txt" >>"$dir/browser.out" 2>&1
SH
chmod +x "$dir/open-url.sh"
cat > "$dir/data/applications/paddock-test-browser.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Paddock test browser
Exec=$dir/open-url.sh %u
MimeType=x-scheme-handler/http;x-scheme-handler/https;
NoDisplay=true
DESKTOP
printf '[Default Applications]\nx-scheme-handler/http=paddock-test-browser.desktop\nx-scheme-handler/https=paddock-test-browser.desktop\n' \
  > "$dir/data/applications/mimeapps.list"
