#!/usr/bin/env bash
# The demo again, but the member list arrives as a signed snapshot bundle on a "USB stick" (a folder)
# that the kiosk's sync service verifies and applies: no demo-list import. Same outcomes expected.
# Usage: run_demo_synced.sh KIOSK SOURCE-DIR KIOSKCTL
set -euo pipefail
kiosk=$1
src=$2
kioskctl=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
fail() { echo "e2e sync: $*" >&2; exit 1; }

# The publisher: a key pair and the deployment key it shares with its kiosks.
"$kioskctl" members generate --count 1 --seed 1 --out "$work/publisher" >/dev/null
mkdir -p "$work/stick" "$work/data"
"$kioskctl" members publish --population "$work/publisher" --sequence 5 \
  --list assets/members/demo-members.json -o "$work/stick/snapshot-5.kmb" >/dev/null
cp "$work/publisher/deployment.key" "$work/data/deployment.key"
chmod 600 "$work/data/deployment.key"

# The kiosk: the simulator's configuration with a sync source instead of the seed list.
sed -e "s|\"seed_file\": \"../assets/members/demo-members.json\",|\"sync_source\": \"$work/stick\", \"publisher_key_file\": \"$work/publisher/publisher.pub\",|" \
    -e "s|\"\\.\\./assets|\"$src/assets|g" kiosk-config/simulator.json >"$work/kiosk.json"
grep -q sync_source "$work/kiosk.json" || fail "could not write the configuration"

QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software "$kiosk" --config "$work/kiosk.json" \
  --play assets/scenarios/demo.json --out "$work/out" --data-dir "$work/data" >"$work/log" 2>"$work/err" \
  || { cat "$work/log" "$work/err"; fail "the kiosk failed"; }
cat "$work/log"
grep -q "member list synced to sequence 5" "$work/err" || { cat "$work/err"; fail "the bundle was not applied"; }
grep -q "member cache filled from the demo member list" "$work/err" && fail "the demo list was imported"
grep -q "6 travelers, 0 not as expected" "$work/log" || fail "the demo did not end as expected"

# A bundle signed by someone else on the stick is refused, and the list already applied stays.
"$kioskctl" members generate --count 1 --seed 2 --out "$work/intruder" >/dev/null
cp "$work/publisher/deployment.key" "$work/intruder/deployment.key"
"$kioskctl" members publish --population "$work/intruder" --sequence 6 \
  --list assets/members/demo-members.json -o "$work/stick/snapshot-6.kmb" >/dev/null
QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software "$kiosk" --config "$work/kiosk.json" \
  --play assets/scenarios/demo.json --out "$work/out2" --data-dir "$work/data" >"$work/log2" 2>"$work/err2" \
  || { cat "$work/log2" "$work/err2"; fail "the kiosk failed on the second run"; }
grep -q "technician alert: member list sync failed" "$work/err2" || { cat "$work/err2"; fail "the foreign bundle was not refused"; }
grep -q "6 travelers, 0 not as expected" "$work/log2" || fail "the list already applied did not serve the demo"
echo "e2e sync: snapshot applied from the stick, foreign bundle refused"
