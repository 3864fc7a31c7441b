#!/usr/bin/env bash
# Builds the local base images the examples and the Nx executor use, from files already on this
# machine (no container registry is reachable here). See tools/docker/README.md.
#
#   golang:<go version>            host GOROOT + static busybox, like the official image minus gcc
#   golang:<go version>-bookworm   the same plus gcc, binutils and libc6-dev copied from the host (cgo)
#   gcr.io/distroless/static-debian12:nonroot   passwd/group (nonroot 65532), CA bundle, tzdata, /tmp
#   gcr.io/distroless/base-debian12:nonroot     static + glibc + libssl, for cgo binaries
#
# Each version tag also gets its major.minor alias (golang:1.26, golang:1.26-bookworm).
# Idempotent: an image whose recipe label matches is left alone; FORCE=1 rebuilds all.
set -euo pipefail

DOCKER=${DOCKER:-/usr/bin/docker}
GO=${GO:-go}
FORCE=${FORCE:-0}

for tool in "$DOCKER" "$GO" tar dpkg-query; do
  command -v "$tool" >/dev/null || { echo "make-base-images: $tool not found" >&2; exit 1; }
done
BUSYBOX=${BUSYBOX:-/bin/busybox}
[[ -x $BUSYBOX && $("$BUSYBOX" --list) == *$'\n'sh$'\n'* ]] || {
  echo "make-base-images: a static busybox is needed at $BUSYBOX (apt-get install busybox-static)" >&2
  exit 1
}
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
[[ -s $CA_BUNDLE ]] || { echo "make-base-images: $CA_BUNDLE missing (apt-get install ca-certificates)" >&2; exit 1; }

GOROOT=$("$GO" env GOROOT)
GO_VERSION=$("$GO" env GOVERSION)
GO_VERSION=${GO_VERSION#go}
GO_VERSION=${GO_VERSION%% *}            # "1.26.8 X:..." experiments suffix, if any
GO_MINOR=$(cut -d. -f1,2 <<<"$GO_VERSION")
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)

SCRIPT_SUM=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
RECIPE_LABEL=dev.docker-lint.recipe

WORK=$(mktemp -d /tmp/docker-lint-base-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

log() { printf '[make-base-images] %s\n' "$*" >&2; }

installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == *" ok installed" ]]; }

# True when $1 exists with recipe label $2 (then there is nothing to do).
up_to_date() {
  [[ $FORCE == 1 ]] && return 1
  local have
  have=$("$DOCKER" image inspect --format "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2>/dev/null) || return 1
  [[ $have == "$2" ]]
}

# Debian merged-/usr layout, as in bookworm images: /bin, /sbin, /lib, /lib64 are links into /usr.
new_root() {
  local root=$WORK/$1
  rm -rf "$root"
  mkdir -p "$root"/usr/{bin,sbin,lib,lib64,local/bin,share} "$root"/{etc,root,home,var,proc,sys,dev,run}
  ln -s usr/bin "$root/bin"
  ln -s usr/sbin "$root/sbin"
  ln -s usr/lib "$root/lib"
  ln -s usr/lib64 "$root/lib64"
  install -d -m 1777 "$root/tmp"
  chmod 700 "$root/root"
  echo "$root"
}

# passwd/group with root and nonroot 65532 (the distroless ids), CA bundle, tzdata, nsswitch.
add_etc() {
  local root=$1
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
nonroot:x:65532:
EOF
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  install -d -m 755 -o 65532 -g 65532 "$root/home/nonroot"
  install -D -m 644 "$CA_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
  if [[ -d /usr/share/zoneinfo ]]; then
    mkdir -p "$root/usr/share"
    cp -a /usr/share/zoneinfo "$root/usr/share/"
  fi
}

# Static busybox at /bin/busybox plus a link per applet, never shadowing a real tool already there.
add_busybox() {
  local root=$1 applet
  install -m 755 "$BUSYBOX" "$root/usr/bin/busybox"
  while read -r applet; do
    applet=${applet#/}
    applet=$(sed -E 's#^(s?bin)/#usr/\1/#' <<<"$applet")
    if [[ ! -e $root/$applet && ! -L $root/$applet ]]; then ln -s /usr/bin/busybox "$root/$applet"; fi
  done < <("$BUSYBOX" --list-full | grep /)  # all but /linuxrc, an init for boot images
}

# Installed Debian packages needed by "$@" (Depends + Pre-Depends, first installed alternative).
package_closure() {
  local -A seen=()
  local queue=("$@") pkg deps part alt name
  while ((${#queue[@]})); do
    pkg=${queue[0]}
    queue=("${queue[@]:1}")
    [[ -n ${seen[$pkg]:-} ]] && continue
    seen[$pkg]=1
    deps=$(dpkg-query -W -f='${Depends}, ${Pre-Depends}' "$pkg" 2>/dev/null) || continue
    IFS=',' read -ra parts <<<"$deps"
    for part in "${parts[@]}"; do
      IFS='|' read -ra alts <<<"$part"
      for alt in "${alts[@]}"; do
        name=$(sed -E 's/\([^)]*\)//g; s/:[a-z0-9]+//; s/ //g' <<<"$alt")
        [[ -z $name ]] && continue
        if installed "$name"; then
          queue+=("$name")
          break
        fi
      done
    done
  done
  printf '%s\n' "${!seen[@]}" | sort
}

# Copies the files (not docs, man pages or translations) of installed packages into the root,
# at their /usr-merged paths. $1 = root, then a grep -E filter ("" for all), then packages.
copy_packages() {
  local root=$1 filter=$2
  shift 2
  dpkg-query -L "$@" |
    sed -E 's#^/(bin|sbin|lib|lib32|lib64|libx32)/#/usr/\1/#' |
    grep -Ev '^/usr/share/(doc|man|info|locale|lintian|bug)/' |
    { if [[ -n $filter ]]; then grep -E "$filter"; else cat; fi; } |
    sort -u |
    while read -r path; do
      if [[ -L $path || -f $path ]]; then printf '%s\n' "${path#/}"; fi
    done >"$WORK/filelist"
  tar -C / --no-recursion -cf - -T "$WORK/filelist" | tar -C "$root" -xf -
}

# docker import of a root filesystem directory; $1 root, $2 recipe, $3.. tags, then -- and --change args.
import_root() {
  local root=$1 recipe=$2
  shift 2
  local tags=()
  while [[ $1 != -- ]]; do tags+=("$1"); shift; done
  shift
  local changes=(--change "LABEL $RECIPE_LABEL=$recipe")
  local change
  for change in "$@"; do changes+=(--change "$change"); done
  local id previous
  previous=$("$DOCKER" image inspect --format '{{.Id}}' "${tags[0]}" 2>/dev/null || true)
  id=$(tar -C "$root" --numeric-owner -cf - . | "$DOCKER" import "${changes[@]}" - "${tags[0]}")
  local tag
  for tag in "${tags[@]:1}"; do "$DOCKER" tag "${tags[0]}" "$tag"; done
  # The replaced image is now untagged; with vfs it would keep its full copy on disk.
  if [[ -n $previous && $previous != "$id" ]]; then "$DOCKER" rmi "$previous" >/dev/null 2>&1 || true; fi
  log "built ${tags[*]} ($(du -sh "$root" | cut -f1) rootfs, ${id#sha256:})"
  rm -rf "$root"
}

GOLANG_CHANGES=(
  'ENV PATH=/usr/local/go/bin:/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'ENV GOLANG_VERSION='"$GO_VERSION"
  'ENV GOTOOLCHAIN=local'
  'ENV GOPATH=/go'
  'WORKDIR /go'
  'CMD ["/bin/sh"]'
)

golang_root() {
  local root
  root=$(new_root "$1")
  add_etc "$root"
  mkdir -p "$root/usr/local"
  cp -a "$GOROOT" "$root/usr/local/go"
  # The official image makes GOPATH world-writable so any USER can build.
  install -d -m 1777 "$root/go" "$root/go/src" "$root/go/bin"
  echo "$root"
}

build_golang() {
  local tag=golang:$GO_VERSION recipe="$SCRIPT_SUM-go$GO_VERSION"
  if up_to_date "$tag" "$recipe"; then log "$tag is up to date"; return; fi
  local root
  root=$(golang_root golang)
  add_busybox "$root"
  import_root "$root" "$recipe" "$tag" "golang:$GO_MINOR" -- "${GOLANG_CHANGES[@]}"
}

CGO_PACKAGES=(gcc libc6-dev binutils)

build_golang_bookworm() {
  local tag=golang:$GO_VERSION-bookworm pkgs versions recipe
  mapfile -t pkgs < <(package_closure "${CGO_PACKAGES[@]}")
  versions=$(dpkg-query -W -f='${Package}=${Version}\n' "${pkgs[@]}" | sha256sum | cut -c1-12)
  recipe="$SCRIPT_SUM-go$GO_VERSION-$versions"
  if up_to_date "$tag" "$recipe"; then log "$tag is up to date"; return; fi
  local missing
  missing=$(for p in "${CGO_PACKAGES[@]}"; do installed "$p" || echo "$p"; done)
  [[ -z $missing ]] || { echo "make-base-images: missing host packages: $missing" >&2; exit 1; }
  local root
  root=$(golang_root golang-bookworm)
  copy_packages "$root" "" "${pkgs[@]}"
  # update-alternatives owns cc on Debian, so dpkg -L doesn't list it.
  [[ -e $root/usr/bin/cc ]] || ln -s gcc "$root/usr/bin/cc"
  add_busybox "$root"
  import_root "$root" "$recipe" "$tag" "golang:$GO_MINOR-bookworm" -- "${GOLANG_CHANGES[@]}"
}

DISTROLESS_CHANGES=(
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'
  'USER 65532'
  'WORKDIR /home/nonroot'
)

build_distroless_static() {
  local tag=gcr.io/distroless/static-debian12:nonroot recipe=$SCRIPT_SUM
  if up_to_date "$tag" "$recipe"; then log "$tag is up to date"; return; fi
  local root
  root=$(new_root distroless-static)
  add_etc "$root"
  import_root "$root" "$recipe" "$tag" -- "${DISTROLESS_CHANGES[@]}"
}

build_distroless_base() {
  local tag=gcr.io/distroless/base-debian12:nonroot recipe
  recipe="$SCRIPT_SUM-$(dpkg-query -W -f='${Version}' libc6 libssl3 | sha256sum | cut -c1-12)"
  if up_to_date "$tag" "$recipe"; then log "$tag is up to date"; return; fi
  local root
  root=$(new_root distroless-base)
  add_etc "$root"
  # Shared libraries and the loader only: what distroless/base ships (glibc, libssl), no gconv.
  copy_packages "$root" "^/usr/lib(64)?/(.*\.so[.0-9]*|$MULTIARCH/(engines-3|ossl-modules)/.*)$" libc6 libssl3
  rm -rf "$root/usr/lib/$MULTIARCH/gconv"
  import_root "$root" "$recipe" "$tag" -- "${DISTROLESS_CHANGES[@]}"
}

"$DOCKER" info >/dev/null 2>&1 || { echo "make-base-images: no Docker engine answers ($DOCKER info)" >&2; exit 1; }

build_golang
build_golang_bookworm
build_distroless_static
build_distroless_base

"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' |
  grep -E '^(golang|gcr.io/distroless/)' | sort >&2
