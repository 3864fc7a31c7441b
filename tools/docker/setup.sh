#!/usr/bin/env bash
# Gets a local Docker engine and the examples' base images ready on a Debian machine without
# registry access. Idempotent: run it as often as you like. Needs root. See tools/docker/README.md.
#
#   sudo bash tools/docker/setup.sh
#
# Environment: DOCKERD_LOG (default /tmp/dockerd.log), DOCKERD_TIMEOUT (seconds, default 60),
# FORCE=1 (rebuild the base images), SKIP_BASE_IMAGES=1 (engine only),
# GO_VERSION / GO_INSTALL_DIR for the Go fallback below (defaults: examples' go line, /usr/local/go),
# GOPROXY: the Go module proxy that fallback downloads from (the first URL of the list, as the go
# command reads it; this script names no proxy of its own),
# DOCKERD_EXTRA_ARGS (e.g. a second, throw-away engine: "--host unix:///tmp/d2.sock --data-root
# /tmp/d2 --exec-root /tmp/d2x --pidfile /tmp/d2.pid" together with DOCKER_HOST=unix:///tmp/d2.sock).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER=/usr/bin/docker # Debian's client: it drives BuildKit without buildx (see README)
DOCKERD_LOG=${DOCKERD_LOG:-/tmp/dockerd.log}
DOCKERD_TIMEOUT=${DOCKERD_TIMEOUT:-60}
# docker.io: engine + client; busybox-static and ca-certificates go into the base images;
# gcc, libc6-dev and binutils give the cgo builder image (and host cgo builds) a C toolchain.
PACKAGES=(docker.io busybox-static ca-certificates gcc libc6-dev binutils curl)

log() { printf '[setup] %s\n' "$*" >&2; }
installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == *" ok installed" ]]; }

[[ $(id -u) == 0 ]] || { echo "setup.sh: run as root (sudo bash $0)" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "setup.sh: needs a Debian/Ubuntu machine (apt-get)" >&2; exit 1; }

start=$SECONDS

missing=()
for pkg in "${PACKAGES[@]}"; do installed "$pkg" || missing+=("$pkg"); done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_install() { apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/setup-apt.log 2>&1; }
  # Package lists that are missing or older than a day are refreshed first; a failed install
  # (a stale list pointing at a removed .deb) gets one refresh and a retry.
  if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 -print -quit 2>/dev/null) ]]; then
    apt-get update -q >/tmp/setup-apt-update.log 2>&1
  fi
  if ! apt_install; then
    apt-get update -q >/tmp/setup-apt-update.log 2>&1
    apt_install || { tail -20 /tmp/setup-apt.log >&2; exit 1; }
  fi
else
  log "packages present: ${PACKAGES[*]}"
fi

# The images carry the host's Go. When no go is on PATH, fetch the toolchain module that
# GOTOOLCHAIN=goX.Y.Z downloads (golang.org/toolchain) into /usr/local/go, from the module proxy
# GOPROXY names, as the go command would.
module_proxy() {
  local entry
  # GOPROXY is a list separated by "," or "|"; "direct" and "off" are not proxies.
  for entry in $(tr ',|' '  ' <<<"${GOPROXY:-}"); do
    if [[ $entry == http://* || $entry == https://* || $entry == file://* ]]; then
      echo "${entry%/}"
      return
    fi
  done
  echo "setup.sh: no go on PATH, and GOPROXY names no module proxy to fetch Go from." >&2
  echo "  Set GOPROXY to the proxy your Go toolchain uses (\`go env GOPROXY\` on a machine that has Go), or install Go into /usr/local/go." >&2
  exit 1
}

install_go() {
  local version=${GO_VERSION:-} dest=${GO_INSTALL_DIR:-/usr/local/go} arch zip proxy
  proxy=$(module_proxy)
  if [[ -z $version ]]; then
    version=$(awk '$1 == "go" { print $2; exit }' "$HERE/../../examples/api/go.mod")
  fi
  case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  local module=v0.0.1-go$version.linux-$arch
  log "no go on PATH: fetching golang.org/toolchain@$module from $proxy"
  zip=$(mktemp /tmp/go-toolchain.XXXXXX.zip)
  curl -fsSL --retry 3 -o "$zip" "$proxy/golang.org/toolchain/@v/$module.zip"
  local unpack
  unpack=$(mktemp -d /tmp/go-toolchain.XXXXXX)
  busybox unzip -q "$zip" -d "$unpack"
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  mv "$unpack/golang.org/toolchain@$module" "$dest"
  rm -rf "$zip" "$unpack"
  # Module zips carry no file modes; the go command makes these executable the same way.
  chmod -R a+rX "$dest"
  chmod a+x "$dest"/bin/* "$dest"/pkg/tool/*/*
  "$dest/bin/go" version >&2
}

if ! command -v go >/dev/null; then
  if [[ -x /usr/local/go/bin/go ]]; then
    export PATH=/usr/local/go/bin:$PATH
  else
    install_go
    export PATH=${GO_INSTALL_DIR:-/usr/local/go}/bin:$PATH
  fi
fi

engine_up() { "$DOCKER" info >/dev/null 2>&1; }

if engine_up; then
  log "Docker engine already answers"
else
  log "starting dockerd (log: $DOCKERD_LOG)"
  # vfs: works on any filesystem, including overlay-in-overlay inside containers. No iptables and
  # no default bridge: builds and smoke runs use --network=none, and nested containers often can't
  # change the host's netfilter rules. setsid + nohup: the engine outlives this script.
  # shellcheck disable=SC2086 # extra arguments are meant to split into words
  setsid nohup dockerd --storage-driver=vfs --iptables=false --bridge=none ${DOCKERD_EXTRA_ARGS:-} \
    >>"$DOCKERD_LOG" 2>&1 </dev/null &
  for ((waited = 0; waited < DOCKERD_TIMEOUT; waited++)); do
    engine_up && break
    sleep 1
  done
  if ! engine_up; then
    echo "setup.sh: dockerd did not answer within ${DOCKERD_TIMEOUT}s; last log lines:" >&2
    tail -20 "$DOCKERD_LOG" >&2
    exit 1
  fi
  log "dockerd up after ${waited}s"
fi

if [[ ${SKIP_BASE_IMAGES:-0} != 1 ]]; then
  DOCKER=$DOCKER bash "$HERE/make-base-images.sh"
fi

log "done in $((SECONDS - start))s"
