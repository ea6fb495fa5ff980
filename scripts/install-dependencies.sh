#!/usr/bin/env bash
# Installs, from Debian/Ubuntu packages, whatever awsauth's build and tests need and this machine lacks.
# Does nothing (and needs no network) when everything is already there. Arguments name further packages.
set -euo pipefail

# libcpp-httplib-dev: `awsauth-creds serve` only (the library never links it; without it the tool builds without serve).
packages=(cmake make g++ clang nlohmann-json3-dev libhowardhinnant-date-dev libexpat1-dev catch2 python3 pkg-config
  libcpp-httplib-dev "$@")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "awsauth: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
