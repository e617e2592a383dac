# Sourced by the scripts (or by you: `source scripts/jdk.sh`): use the newest LTS JDK (25) the machine has, whatever
# the default java is. Without one it returns 1, which stops a script (set -e) but never closes your own shell.
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/jdk-25*; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
  echo "slotgate needs JDK 25 (the newest LTS): install Temurin 25 (https://adoptium.net, or 'sdk install java 25-tem'" >&2
  echo "with SDKMAN; Debian 12 packages no JDK 25) and set JAVA_HOME to it" >&2
  return 1 2>/dev/null || exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
