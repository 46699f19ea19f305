# shellcheck shell=bash
# Picks a JDK 21 or newer for the build and the local run; sourced by .ci/run and
# deploy/local/cdp-up.sh, which then call select_jdk.
#
# JAVA_HOME wins when it is a JDK 21+; otherwise the newest JDK 21+ under /usr/lib/jvm,
# then the one on the PATH. Exports JAVA_HOME; prints why and returns 1 when none is found.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F' = ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

# select_jdk [name]   name prefixes the error message (default: cdp)
select_jdk() {
  local who=${1:-cdp}
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME")" -ge 21 ]]; then
    return 0
  fi
  local best="" best_major=0 home major
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [[ -x "$home/bin/java" && ! -L "$home" ]] || continue
    major=$(java_major "$home")
    if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
      best=$home best_major=$major
    fi
  done
  if [[ -z "$best" ]] && command -v java > /dev/null 2>&1; then
    home=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ { print $2 }')
    if [[ -n "$home" && -x "$home/bin/java" && "$(java_major "$home")" -ge 21 ]]; then
      best=$home
    fi
  fi
  if [[ -z "$best" ]]; then
    echo "$who: no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm, PATH); install one and retry." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
