# Shared by scripts/run and scripts/test: a virtual environment with the locked dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_uv() {
  if ! command -v uv >/dev/null 2>&1; then
    say "Memasang uv (pengelola paket) / installing uv"
    python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv
    export PATH="$HOME/.local/bin:$PATH"
  fi
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
