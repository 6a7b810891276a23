# Sourced by scripts/acsh, scripts/test and scripts/build-release: installs what a
# fresh Debian or Ubuntu machine with Swift lacks (libedit-dev, libsqlite3-dev; tmux for the REPL
# tests; lowdown for scripts/install; the static archives the fully static release binary links).
need=()
pkg-config --exists libedit 2>/dev/null || need+=(libedit-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)  # the simulator's state file (Simulator/State/SQLite.swift)
[ "${ACSH_NEED_TMUX:-0}" = 1 ] && ! command -v tmux >/dev/null && need+=(tmux)
[ "${ACSH_NEED_MAN:-0}" = 1 ] && ! command -v lowdown >/dev/null && need+=(lowdown)  # scripts/install: LANGUAGE.md as a man page
if [ "${ACSH_NEED_STATIC:-0}" = 1 ]; then
  for pair in libz.a:zlib1g-dev libtinfo.a:libncurses-dev libbsd.a:libbsd-dev libmd.a:libmd-dev libedit.a:libedit-dev libsqlite3.a:libsqlite3-dev; do
    [ -e "/usr/lib/$(uname -m)-linux-gnu/${pair%%:*}" ] || need+=("${pair#*:}")
  done
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]}; run: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 2
  fi
fi
