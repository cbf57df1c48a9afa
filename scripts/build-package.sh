#!/usr/bin/env bash
# `make package`: the Debian package dist/cordouan_<version>_amd64.deb from a Release publish.
#   /usr/lib/cordouan/     cordouand and cord, self-contained for linux-x64 (the .NET runtime is not a Debian package
#                          here: install-deps.sh needs the SDK from elsewhere), and the web UI in www/
#   /usr/bin/cordouand, /usr/bin/cord                       links to them
#   /etc/cordouan/cordouand.toml                            the settings, every one commented out (a conffile)
#   /lib/systemd/system/cordouand.service                   Type=notify, KillMode=process (VMs run in their own scopes)
# Needs web/dist (scripts/build-web.sh). VERSION=… overrides the version (default 0.1.0+git<commits>.<hash>);
# OUT_DIR=… the output directory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VERSION=${VERSION:-0.1.0+git$(git rev-list --count HEAD).$(git rev-parse --short=8 HEAD)}
OUT_DIR=${OUT_DIR:-$ROOT/dist}
if [ ! -f web/dist/index.html ]; then
  echo "build-package: web/dist is missing; run scripts/build-web.sh (make web) first" >&2
  exit 1
fi
command -v dpkg-deb >/dev/null || { echo "build-package: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cordouan-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

publish() { # PROJECT DIR
  dotnet publish "$1" -c Release -r linux-x64 --self-contained -nologo -v:q -clp:NoSummary -o "$2"
}
publish src/Cordouan.Daemon/Cordouan.Daemon.csproj "$WORK/publish/cordouand"
publish src/Cordouan.Cli/Cordouan.Cli.csproj "$WORK/publish/cord"
[ -f "$WORK/publish/cordouand/www/index.html" ] || { echo "build-package: the publish has no www/ (web UI)" >&2; exit 1; }

PKG=$WORK/root
LIB=$PKG/usr/lib/cordouan
mkdir -p "$LIB"
cp -a "$WORK/publish/cordouand/." "$LIB/"
# Both programs share one runtime: a file both publishes hold must be the same file (a symbol file may differ in
# bytes that do not matter when its assembly is identical; cordouand's is kept).
(cd "$WORK/publish/cord" && find . -type f) | while read -r file; do
  if [ -e "$LIB/$file" ]; then
    [[ "$file" == *.pdb ]] && continue
    cmp -s "$WORK/publish/cord/$file" "$LIB/$file" || { echo "build-package: cord and cordouand ship different $file" >&2; exit 1; }
  else
    install -D -m "$(stat -c %a "$WORK/publish/cord/$file")" "$WORK/publish/cord/$file" "$LIB/$file"
  fi
done
mkdir -p "$PKG/usr/bin" "$PKG/etc/cordouan" "$PKG/lib/systemd/system" "$PKG/usr/share/doc/cordouan" "$PKG/DEBIAN"
ln -s ../lib/cordouan/cordouand "$PKG/usr/bin/cordouand"
ln -s ../lib/cordouan/cord "$PKG/usr/bin/cord"
install -m 0644 packaging/etc/cordouand.toml "$PKG/etc/cordouan/cordouand.toml"
install -m 0644 packaging/systemd/cordouand.service "$PKG/lib/systemd/system/cordouand.service"
install -m 0644 README.md "$PKG/usr/share/doc/cordouan/README.md"
install -m 0644 packaging/debian/conffiles "$PKG/DEBIAN/conffiles"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$PKG/DEBIAN/"
chmod -R u=rwX,go=rX "$PKG/usr" "$PKG/etc" "$PKG/lib"
chmod 0755 "$LIB/cordouand" "$LIB/cord"
size=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE@/$size/" packaging/debian/control.in >"$PKG/DEBIAN/control"

mkdir -p "$OUT_DIR"
# One package in the output directory, so that `apt install ./dist/cordouan_*.deb` names it alone.
rm -f "$OUT_DIR"/cordouan_*_amd64.deb
deb=$OUT_DIR/cordouan_${VERSION}_amd64.deb
# gzip: xz takes minutes over the runtime's 100 MB on a small machine.
dpkg-deb --root-owner-group -Zgzip --build "$PKG" "$deb" >/dev/null
echo "$deb"
