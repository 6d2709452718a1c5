#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The README worked example, run by run.sh in a scratch directory:
# author keys, encryption, description, create, sign, verify, inspect, then
# the simulated device (process) and its report. usage: worked-example.sh DIR
PATH=${SUIT_TOOL_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)/build}:$PATH
cd "${1:?usage: worked-example.sh DIR}" || exit 2
set -e
# --- the author ---
suit-tool keygen -t p256 -o author.pem --pub author.pub
suit-tool anchor -k author.pem -o author.der          # trust anchor for the device
suit-tool keygen -t ecdh-p256 -o device.pem --pub device.pub
echo "firmware v2" > fw.bin
suit-tool encrypt -i fw.bin -o fw.enc --info fw.encinfo -r device.pub
cat > update.json <<'JSON'
{
  "manifest-sequence-number": 2,
  "components": [ {
    "install-id": ["00"], "download-id": ["01"],
    "vendor-domain": "example.com", "model-info": "board-1",
    "file": "fw.bin", "encrypted-file": "fw.enc", "encryption-info": "fw.encinfo",
    "uri": "https://updates.example.com/fw.enc",
    "bootable": true,
    "version": { "comparison": "greater-equal", "version": [1, 0] }
  } ]
}
JSON
suit-tool create -i update.json -o update.unsigned.suit
suit-tool sign -e update.unsigned.suit -k author.pem -o update.suit
suit-tool verify -e update.suit --trust author.der
suit-tool inspect update.suit            # every code named
suit-tool inspect --json update.suit > update.described.json   # round-trips through create
# --- a simulated device ---
cat > device.json <<'JSON'
{ "vendor-id": "cfbff0d1-9375-5685-968c-48ce8b15ae17",
  "class-id": "652143a4-87d6-50f2-b731-12bf0f51b0a0",
  "device-id": null, "time": "now", "battery-mwh": 5000, "sequence-number": 1,
  "update-authorized": true,
  "components": [
    { "id": ["00"], "slots": 1, "max-size": 1048576, "initial": { "0": null }, "version": [1, 2] },
    { "id": ["01"], "slots": 1, "max-size": 1048576, "initial": { "0": null } } ] }
JSON
echo '{ "https://updates.example.com/fw.enc": "fw.enc" }' > uris.json
suit-tool process --device device.json --trust author.der --trust device.pem \
        --uri-map uris.json --report report.cbor update.suit
suit-tool report report.cbor
