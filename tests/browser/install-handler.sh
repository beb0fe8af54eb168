#!/bin/bash
# install-handler.sh DIR DECISION
# Makes DIR hold an XDG data and config home in which the default http/https handler is a
# headless Chromium that clicks DECISION (approve|deny) on the consent page. Export
#   XDG_DATA_HOME=DIR/data XDG_CONFIG_HOME=DIR/config
# for the process whose "open URI" should reach it (GIO's default handler lookup).
set -eu
dir=$1
decision=${2:-approve}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/data/applications" "$dir/config"
cat > "$dir/open-url.sh" <<SH
#!/bin/sh
exec node "$here/consent.js" "\$1" "$decision" --log "$dir/browser.log" >>"$dir/browser.out" 2>&1
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
  > "$dir/config/mimeapps.list"
