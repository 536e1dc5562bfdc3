#!/usr/bin/env bash
# Installs what StapSharp needs on Debian 12, once: SystemTap, the distribution kernel and its
# headers (modules are built for it and, where this kernel cannot load them, run in a QEMU VM
# booting it), QEMU, a static busybox for the VM, dropbear and ssh for guests reached as remote hosts
# (--remote), the userspace kernel headers (errno tables), and
# Node.js for the editor tests.
# Idempotent and quiet when everything is present. Needs root for apt-get.
set -euo pipefail

packages=(systemtap systemtap-sdt-dev linux-libc-dev linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static cpio xz-utils gcc make dropbear-bin openssh-client)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "stapsharp: missing packages: ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 2
  fi
  echo "stapsharp: installing ${missing[*]} (once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "stapsharp: the .NET 10 SDK is needed (dotnet); see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 2
fi
