# Shared by scripts/run and scripts/test: a virtual environment with the locked dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_uv() {
  export PATH="$HOME/.local/bin:$PATH"
  command -v uv >/dev/null 2>&1 && return 0
  say "Memasang uv (pengelola paket) / installing uv"
  # A user install works where pip may write to the user site; Debian 12's system Python refuses it
  # (externally managed), so fall back to a small private virtual environment that holds only uv.
  if ! python3 -m pip install --quiet --user uv 2>/dev/null; then
    python3 -m venv "$HOME/.local/share/lontar-uv" &&
      "$HOME/.local/share/lontar-uv/bin/pip" install --quiet uv &&
      mkdir -p "$HOME/.local/bin" &&
      ln -sf "$HOME/.local/share/lontar-uv/bin/uv" "$HOME/.local/bin/uv"
  fi
  command -v uv >/dev/null 2>&1 || {
    echo "uv tidak dapat dipasang / could not install uv: install it (https://docs.astral.sh/uv/) and run again" >&2
    exit 1
  }
}

# System packages the product and its tests use: WeasyPrint's Pango, poppler's pdfsig,
# gettext's msgfmt, Debian's Chromium for the browser tests. Installed only where we are root.
ensure_system_packages() {
  local wanted=("$@") missing=()
  for pkg in "${wanted[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Memasang paket sistem / installing system packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "PERHATIAN: paket sistem belum terpasang dan skrip tidak berjalan sebagai root: ${missing[*]}" >&2
    echo "WARNING: missing system packages (not root, cannot install): ${missing[*]}" >&2
  fi
}

ensure_venv() {
  ensure_uv
  say "Menyiapkan lingkungan Python / syncing the locked environment"
  uv sync --frozen --quiet
  export PATH="$ROOT/.venv/bin:$PATH"
}

compile_messages() {
  if command -v msgfmt >/dev/null 2>&1; then
    (cd src/lontar && python ../../manage.py compilemessages --ignore ".venv" >/dev/null)
  fi
}
