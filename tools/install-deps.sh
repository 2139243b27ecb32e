#!/bin/sh
# Installs the Debian bookworm packages ipcscope builds and tests with,
# but only those missing, so a second `make` costs nothing.
# clang + libclang-rt-14-dev: the libFuzzer targets (tests/fuzz) of the faults suite.
set -eu
packages="cmake make g++ qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
qt6-svg-dev libqcustomplot-dev libboost-dev xvfb xauth fonts-noto-cjk imagemagick python3
clang libclang-rt-14-dev"
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "Installing missing Debian packages:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
