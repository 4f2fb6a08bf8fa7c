#!/usr/bin/env bash
# Installs what the end-to-end tests need, when it is missing (idempotent, safe to re-run):
#   - Debian packages chromium, neovim, ripgrep, libkrb5-dev (only as root; otherwise they must be there already);
#   - code-server 4.100.3 (= VS Code 1.100.3, the newest on Node 20) with the install fixes of
#     docs: ../shared/recipes/real-vscode.md (unsafe-perm as root, gssapi headers, ripgrep cache, npx yes).
# Prints the code-server executable on the last line of stdout.
set -euo pipefail
CS_VERSION=4.100.3
CACHE=${CORROBORATE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corroborate-e2e}
CS_DIR="$CACHE/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

log() { echo "[e2e install] $*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
if [ ! -f "$CS_DIR/.installed" ]; then
  command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
  [ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing Debian packages: ${need_apt[*]}; install them (apt-get install ${need_apt[*]}) or run as root"
    exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  start=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${need_apt[@]}" >&2; then
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${need_apt[@]}" >&2
  fi
  log "apt-get done in $((SECONDS - start)) s"
fi

if [ ! -f "$CS_DIR/.installed" ]; then
  log "installing code-server $CS_VERSION into $CS_DIR"
  start=$SECONDS
  # @vscode/ripgrep's postinstall downloads rg from GitHub; it looks in this cache first.
  RGC="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RGC"
  [ -f "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] ||
    tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{"private":true}' > "$CS_DIR/package.json"
  # unsafe_perm: the postinstall refuses to run as root without it; yes: node-pty's postinstall runs npx node-gyp.
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION" >&2)
  : > "$CS_DIR/config.yaml"   # without --config, code-server writes ~/.config/code-server/config.yaml
  version=$("$CS_BIN" --config "$CS_DIR/config.yaml" --version | tail -n 1)
  case "$version" in "$CS_VERSION "*) ;; *) log "unexpected code-server version: $version"; exit 1 ;; esac
  touch "$CS_DIR/.installed"
  log "code-server installed in $((SECONDS - start)) s"
fi
echo "$CS_BIN"
