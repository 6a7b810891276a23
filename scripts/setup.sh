# Sourced by scripts/acsh and scripts/test: installs what a fresh Debian or
# Ubuntu machine with Swift lacks (libedit-dev, tmux for the REPL tests).
need=()
pkg-config --exists libedit 2>/dev/null || need+=(libedit-dev)
[ "${ACSH_NEED_TMUX:-0}" = 1 ] && ! command -v tmux >/dev/null && need+=(tmux)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]}; run: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 2
  fi
fi
