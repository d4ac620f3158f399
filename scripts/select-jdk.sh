# Sourced by ./izek and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm, /opt and /usr/local.

_izek_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_izek_select_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")" 2>/dev/null)"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ]; then
      major=$(_izek_java_major "$candidate/bin/java")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        export JAVA_HOME="$candidate"
        return 0
      fi
    fi
  done
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/*jdk* /usr/local/*jdk*; do
    if [ -x "$candidate/bin/javac" ]; then
      major=$(_izek_java_major "$candidate/bin/java")
      if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"
        best_major="$major"
      fi
    fi
  done
  if [ "$best_major" -ge 21 ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  echo "izek-platform needs a JDK 21 or newer; none was found (JAVA_HOME, PATH, /usr/lib/jvm). Install one and set JAVA_HOME." >&2
  return 1
}

_izek_select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
