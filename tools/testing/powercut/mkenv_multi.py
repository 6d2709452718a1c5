#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Signed SUIT envelopes covering one or more MTD components, for the
power-cut sweep (tools/testing/powercut/run.sh).

  mkenv_multi.py OUT --seq N --comp HEX:SIZE [--comp HEX:SIZE ...] [--reuse-key]

One manifest (sequence N) fetches a fresh random payload into every
component given (OUT/payload-<i>.bin, file:// URIs) and image-matches
each one in install and validate: suit.ko commits all of them with one
metadata record. The key and certificate are those of
kernel/tests/mkenv.py (OUT/key.pem, key.der); its CBOR encoder is reused.
"""
import argparse
import hashlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../../kernel/tests"))
import mkenv  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature  # noqa: E402

enc, Tag, Raw, RawList, head = mkenv.enc, mkenv.Tag, mkenv.Raw, mkenv.RawList, mkenv.head


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seq", type=int, required=True)
    ap.add_argument("--comp", action="append", required=True,
                    help="HEX:SIZE, HEX the encoded component identifier")
    ap.add_argument("--reuse-key", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    keyfile = os.path.join(a.out, "key.pem")
    if not (a.reuse_key and os.path.exists(keyfile)):
        # mkenv.py writes key.pem, key.der, kid.hex for us
        subprocess.run([sys.executable, os.path.join(HERE, "../../../kernel/tests/mkenv.py"),
                        a.out, "--size", "16"], check=True, stdout=subprocess.DEVNULL)
    with open(keyfile, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    with open(os.path.join(a.out, "kid.hex")) as f:
        kid = bytes.fromhex(f.read().strip())

    comps, install, validate = [], [], []
    for i, spec in enumerate(a.comp):
        hexid, size = spec.split(":")
        size = int(size)
        payload = os.urandom(size)
        path = os.path.abspath(os.path.join(a.out, "payload-%d.bin" % i))
        with open(path, "wb") as f:
            f.write(payload)
        comps.append(Raw(bytes.fromhex(hexid)))
        dig = enc([-16, hashlib.sha256(payload).digest()])
        install += [12, i, 20, {3: dig, 14: size, 21: "file://" + path},
                    21, 2, 3, 15]
        validate += [12, i, 20, {3: dig, 14: size}, 3, 15]
    shared = [12, True if len(comps) > 1 else 0,
              20, {1: mkenv.VENDOR, 2: mkenv.CLASS}, 1, 15, 2, 15]
    common = {2: RawList([c.b for c in comps]), 4: enc(shared)}
    manifest = {1: 1, 2: a.seq, 3: enc(common), 7: enc(validate),
                20: enc(install)}
    mbstr = enc(enc(manifest))
    sdigest = enc([-16, hashlib.sha256(mbstr).digest()])
    protected = enc({1: -7})
    tbs = enc(["Signature1", protected, b"", sdigest])
    r, s = decode_dss_signature(key.sign(tbs, ec.ECDSA(hashes.SHA256())))
    sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    sign1 = Tag(18, [protected, {4: kid}, None, sig])
    auth = enc([sdigest, enc(sign1)])
    env = b"\xd8\x6b" + head(5, 2) + enc(2) + enc(auth) + enc(3) + mbstr
    with open(os.path.join(a.out, "env.suit"), "wb") as f:
        f.write(env)
    print("envelope %d bytes, %d components, sequence %d" % (len(env), len(comps), a.seq))


if __name__ == "__main__":
    main()
