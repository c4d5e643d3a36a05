#!/usr/bin/env bash
# Regenerates the generated seed corpora in tests/fuzz/corpus/ with the project's own tools:
#   bundle/       kioskctl members generate + publish (a snapshot, a delta, a one-member snapshot)
#   iso19794_2/   the ISO/IEC 19794-2 records of assets/members/demo-members.json (kioskctl members demo-list)
#   escpos/       jobs from the printer's encoder (fuzz_make_escpos_seeds)
#   mrz/          Doc 9303 specimens (the fictitious Utopia) and synthetic members' TD3 lines
#   kiosk_config/ kiosk-config/*.json and variants exercising the USB device settings
#   scenario/     assets/scenarios/demo.json and a small variant
# Usage: tests/fuzz/make_corpus.sh [BUILD_DIR]   (default build/dev; needs kioskctl and
#        fuzz_make_escpos_seeds built there, or KIOSKCTL=... ESCPOS_SEEDS=... naming them). Everything is synthetic: no real person's data.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/dev}
corpus=$root/tests/fuzz/corpus
kioskctl=${KIOSKCTL:-$build/tools/kioskctl/kioskctl}
seeds=${ESCPOS_SEEDS:-$build/tests/fuzz/fuzz_make_escpos_seeds}
for tool in "$kioskctl" "$seeds"; do
  [[ -x $tool ]] || { echo "make_corpus: $tool is not built (cmake --build $build --target kioskctl fuzz_make_escpos_seeds)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# bundle: fixed seeds and creation times, so only the signatures' keys change from run to run.
rm -rf "$corpus/bundle" && mkdir -p "$corpus/bundle" "$tmp/bundles"
"$kioskctl" members generate --count 3 --seed 7 --out "$tmp/pop" >/dev/null
"$kioskctl" members publish --population "$tmp/pop" --sequence 1 --created 1790000000 -o "$tmp/bundles/snapshot.kmb" >/dev/null
"$kioskctl" members publish --population "$tmp/pop" --sequence 2 --base 1 --change 0:1 --remove 1:2 --add 3:4 \
  --created 1790000100 -o "$tmp/bundles/delta.kmb" >/dev/null
"$kioskctl" members generate --count 1 --seed 11 --out "$tmp/pop1" >/dev/null
"$kioskctl" members publish --population "$tmp/pop1" --sequence 5 --created 1790000200 -o "$tmp/bundles/snapshot-one.kmb" >/dev/null
cp "$tmp"/bundles/*.kmb "$corpus/bundle/"

# iso19794_2: the demo list's enrolled templates (base64 in JSON), four of them.
rm -rf "$corpus/iso19794_2" && mkdir -p "$corpus/iso19794_2"
python3 - "$root/assets/members/demo-members.json" "$corpus/iso19794_2" <<'PY'
import base64, json, sys
members = json.load(open(sys.argv[1]))["members"]
records = [f["iso19794_2"] for m in members for f in m.get("fingers", [])][:4]
for i, r in enumerate(records):
    open(f"{sys.argv[2]}/demo-template-{i}.iso", "wb").write(base64.b64decode(r))
PY

# escpos: the encoder's own jobs.
rm -rf "$corpus/escpos" && "$seeds" "$corpus/escpos"

# mrz: one file per document, lines separated by newlines (as the target splits them).
rm -rf "$corpus/mrz" && mkdir -p "$corpus/mrz"
printf '%s\n' 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' 'L898902C36UTO7408122F1204159ZE184226B<<<<<10' >"$corpus/mrz/td3-specimen.txt"
printf '%s\n' 'I<UTOD231458907<<<<<<<<<<<<<<<' '7408122F1204159UTO<<<<<<<<<<<6' 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<' >"$corpus/mrz/td1-specimen.txt"
printf '%s\n' 'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<' 'D231458907UTO7408122F1204159<<<<<<<6' >"$corpus/mrz/td2-specimen.txt"
printf '%s\n' 'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<' >"$corpus/mrz/mrva-specimen.txt"
printf '%s\n' 'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<' 'L8988901C4XXX4009078F9612109<<<<<<<<' >"$corpus/mrz/mrvb-specimen.txt"
# OCR confusions the tolerant mode repairs (O for 0 in the number, S for 5 in a date), with a CR.
printf '%s\r\n' 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' 'L898902C36UTO74O8122F12O4159ZE184226B<<<<<10' >"$corpus/mrz/td3-ocr-confusions.txt"
awk -v dir="$corpus/mrz" 'BEGIN { n = 0 } /^$/ { n++; next } { print > (dir "/synthetic-member-" n ".txt") }' "$tmp/pop/sample-mrz.txt"

# kiosk_config: the shipped configuration and USB variants (fields as app/config/kiosk_config.cpp reads them).
rm -rf "$corpus/kiosk_config" && mkdir -p "$corpus/kiosk_config"
cp "$root"/kiosk-config/*.json "$corpus/kiosk_config/"
cat >"$corpus/kiosk_config/usb-devices.json" <<'JSON'
{"kiosk_id":"K1","port_of_entry":"Test","mode":"simulator","accepted_programs":["NEXUS","GLOBAL_ENTRY"],
 "customs_questions":["food","currency"],"random_referral_rate":0.05,"idle_timeout_seconds":45,
 "biometrics":{"false_match_rate":0.0001,"max_attempts":3},"printer":{"dots_per_line":576},
 "member_list":{"sync_source":"/media/usb","publisher_key_file":"publisher.pub","sync_interval_seconds":900,"max_age_hours":24},
 "simulator":{"travelers_file":"travelers.json"},
 "devices":{"passport_reader":{"driver":"cdc-acm","usb":"1209:0001","communications_interface":0,"data_interface":1,
   "baud":9600,"data_bits":8,"parity":"none","stop_bits":1,"idle_gap_ms":80},
  "fingerprint_scanner":{"driver":"r30x-cp210x","usb":"10c4:ea60","address":"FFFFFFFF","has_led":true,"dpi":500,
   "capture_timeout_ms":10000,"finger_poll_ms":100,"baud":57600},
  "receipt_printer":{"driver":"usb-printer","usb":"04b8:0202","serial":"X1","bus_path":"1-4.2","interface":0,
   "bulk_in_endpoint":"0x81","bulk_out_endpoint":"0x01","full_status":true}}}
JSON
cat >"$corpus/kiosk_config/minimal.json" <<'JSON'
{"kiosk_id":"K1","port_of_entry":"Test","mode":"simulator","accepted_programs":["NEXUS"],"customs_questions":["food"],
 "member_list":{"seed_file":"members.json"},"simulator":{"travelers_file":"travelers.json"}}
JSON

# scenario: the bundled demo and a one-visit variant with every optional field.
rm -rf "$corpus/scenario" && mkdir -p "$corpus/scenario"
cp "$root/assets/scenarios/demo.json" "$corpus/scenario/"
cat >"$corpus/scenario/one-visit.json" <<'JSON'
{"format":"kiosk-scenario","version":1,"visits":[{"traveler":"kim-minji","language":"ko","passport":"smudged","finger":"dry","declare":["food","currency"],"expect":"referred"}]}
JSON
du -sh "$corpus"
