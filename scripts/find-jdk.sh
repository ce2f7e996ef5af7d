#!/usr/bin/env bash
# Prints the home of a JDK >= 25: $JAVA_HOME if it is new enough, else the Temurin 25 install,
# else the newest JDK >= 25 under /usr/lib/jvm. Exits 1 with a message when there is none.
set -u
jdk_major() {
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || { echo 0; return; }
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
  echo "${v:-0}"
}
for cand in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$cand" ] && [ "$(jdk_major "$cand")" -ge 25 ]; then echo "$cand"; exit 0; fi
done
best="" bestv=0
for cand in /usr/lib/jvm/*/; do
  cand=${cand%/}; v=$(jdk_major "$cand")
  if [ "$v" -ge 25 ] && [ "$v" -gt "$bestv" ]; then best=$cand; bestv=$v; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi
echo "jpvm: no JDK 25 or newer found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
exit 1
