#!/usr/bin/env bash
# kioskctl: help, members import into a fresh data folder, and a refused import that changes nothing.
set -euo pipefail
kioskctl=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
fail() { echo "test_kioskctl: $*" >&2; exit 1; }

"$kioskctl" --help | grep -Eq "members +import" || fail "--help does not list members import"
if "$kioskctl" members frobnicate 2>"$work/err"; then fail "an unknown command succeeded"; fi
grep -q "unknown command" "$work/err" || fail "no message for an unknown command"

"$kioskctl" members import assets/members/demo-members.json --data-dir "$work/data" | tee "$work/out"
grep -q "imported 8 members" "$work/out" || fail "demo member list not imported"
[[ -f $work/data/members.sqlite ]] || fail "no cache file"

printf '{"format":"kiosk-member-list","version":1,"sequence":2,"created":"2026-11-26T00:00:00Z","members":[{"member_id":"X"}]}' >"$work/bad.json"
if "$kioskctl" members import "$work/bad.json" --data-dir "$work/data" 2>"$work/err"; then
  fail "a malformed member list was imported"
fi
grep -q "members\[0\]" "$work/err" || fail "the error does not name the member: $(cat "$work/err")"
grep -q "unchanged" "$work/err" || fail "the error does not say the cache is unchanged"
# devices list: the configured roles, and a configured USB device that is absent is an error (3).
"$kioskctl" devices list --config kiosk-config/simulator.json >"$work/devices"
grep -Eq "receipt_printer +simulated" "$work/devices" || fail "devices list does not show the configured printer"
sed 's|"receipt_printer": "simulated"|"receipt_printer": {"driver": "usb-printer", "usb": "1209:00ff"}|' \
  kiosk-config/simulator.json >"$work/usb.json"
sed -i "s|\.\./assets|$src/assets|g" "$work/usb.json"
set +e
"$kioskctl" devices list --config "$work/usb.json" >"$work/devices2" 2>&1
status=$?
set -e
((status == 3)) || fail "an absent configured USB printer gave exit $status, not 3: $(cat "$work/devices2")"
grep -q "1209:00ff" "$work/devices2" || fail "devices list does not name the absent device"
echo "test_kioskctl: ok"
