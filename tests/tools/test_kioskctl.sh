#!/usr/bin/env bash
# kioskctl: help, members import into a fresh data folder, and a refused import that changes nothing.
set -euo pipefail
kioskctl=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
fail() { echo "test_kioskctl: $*" >&2; exit 1; }

"$kioskctl" --help | grep -q "members  import" || fail "--help does not list members import"
if "$kioskctl" members frobnicate 2>"$work/err"; then fail "an unknown command succeeded"; fi
grep -q "unknown command" "$work/err" || fail "no message for an unknown command"

"$kioskctl" members import assets/members/demo-members.json --data-dir "$work/data" | tee "$work/out"
grep -q "imported 7 members" "$work/out" || fail "demo member list not imported"
[[ -f $work/data/members.sqlite ]] || fail "no cache file"

printf '{"format":"kiosk-member-list","version":1,"sequence":2,"created":"2026-11-26T00:00:00Z","members":[{"member_id":"X"}]}' >"$work/bad.json"
if "$kioskctl" members import "$work/bad.json" --data-dir "$work/data" 2>"$work/err"; then
  fail "a malformed member list was imported"
fi
grep -q "members\[0\]" "$work/err" || fail "the error does not name the member: $(cat "$work/err")"
grep -q "unchanged" "$work/err" || fail "the error does not say the cache is unchanged"
echo "test_kioskctl: ok"
