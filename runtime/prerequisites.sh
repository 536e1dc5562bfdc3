#!/usr/bin/env bash
# Installs what StapSharp needs on Debian 12, once: SystemTap, the distribution kernel and its
# headers (modules are built for it and, where this kernel cannot load them, run in a QEMU VM
# booting it), QEMU, a static busybox for the VM, dropbear and ssh for guests reached as remote hosts
# (--remote), the userspace kernel headers (errno tables), and
# Node.js for the editor tests.
# Idempotent and quiet when everything is present. Needs root for apt-get.
# --second-kernel (tests/run.sh): also a second flavour of the distribution kernel's release, image and headers, for
# the fleet tests that run hosts on two releases (see discover_second_kernel).
set -euo pipefail

packages=(systemtap systemtap-sdt-dev linux-libc-dev linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static cpio xz-utils gcc make dropbear-bin openssh-client)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

# The release linux-image-amd64 installs is the one stapsharp builds for and boots by default ("6.1.0-57-amd64"); the
# second is another flavour of the same ABI in the archive ("6.1.0-57-cloud-amd64"; cloud before rt, by name), so
# its headers come from the same source. Found in apt's cache, never named here: the archive moves weekly.
discover_second_kernel() {
  local default abi arch
  default=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null | grep -o 'linux-image-[0-9][^ ,]*' | head -n 1) || true
  default=${default#linux-image-}
  [ -n "$default" ] || default=$(apt-cache depends linux-image-amd64 2>/dev/null | grep -o 'linux-image-[0-9][^ ,]*' | head -n 1 | sed 's/^linux-image-//')
  [[ "$default" =~ ^([0-9.]+-[0-9]+)-([a-z0-9]+)$ ]] || return 0
  abi=${BASH_REMATCH[1]} arch=${BASH_REMATCH[2]}
  apt-cache search --names-only "^linux-image-${abi}-[a-z0-9]+-${arch}\$" | cut -d' ' -f1 | sed 's/^linux-image-//' | sort | head -n 1
}

if [ "${1:-}" = --second-kernel ]; then
  second=$(discover_second_kernel) || second=
  if [ -z "$second" ] && [ "$(id -u)" = 0 ]; then
    # A fresh machine's apt cache is empty until the first update: look again after one.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    second=$(discover_second_kernel) || second=
  fi
  if [ -n "$second" ]; then
    packages+=("linux-image-$second" "linux-headers-$second")
  else
    echo "stapsharp: no second flavour of the distribution kernel in apt's cache (apt-get update); the two-release fleet test will fail" >&2
  fi
fi

# This runs before every `runtime/stapsharp` command: when nothing was installed or removed since a check found
# every package of this same list (and dotnet), there is nothing to do.
stamp=
[ -n "${XDG_CACHE_HOME:-}${HOME:-}" ] && stamp=${XDG_CACHE_HOME:-$HOME/.cache}/stapsharp/prerequisites.ok
if [ -n "$stamp" ] && [ "$stamp" -nt /var/lib/dpkg/status ] && read -r checked <"$stamp" && [ "$checked" = "${packages[*]}" ] &&
   command -v dotnet >/dev/null 2>&1; then
  exit 0
fi

installed=$'\n'$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | sed -n 's/ install ok installed$//p')$'\n' || true
missing=()
for package in "${packages[@]}"; do
  [[ "$installed" == *$'\n'"$package"$'\n'* ]] || missing+=("$package")
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

[ -z "$stamp" ] || { mkdir -p "$(dirname "$stamp")" && echo "${packages[*]}" >"$stamp"; } 2>/dev/null || true
