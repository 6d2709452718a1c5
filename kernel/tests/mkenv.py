#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Build small signed SUIT envelopes for testing suit.ko by hand.

  mkenv.py OUTDIR [--seq N] [--size BYTES] [--uri URI] [--bad-digest]

Writes OUTDIR/key.der (self-signed P-256 X.509 certificate whose
SubjectKeyIdentifier is the COSE kid), OUTDIR/pub.raw (0x04||X||Y),
OUTDIR/payload.bin and OUTDIR/env.suit: a COSE_Sign1 ES256 envelope that
checks vendor and class, fetches the payload from URI into component
[h'00'] (install, 20) and image-matches it (validate, 7).
Needs python3-cryptography only; the CBOR encoder is below.
"""
import argparse
import datetime
import hashlib
import os
import struct
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

VENDOR = uuid.UUID("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe").bytes
CLASS = uuid.UUID("1492af14-2569-5e48-bf42-9b2d51f2ab45").bytes


class Raw:
    """Bytes that are already CBOR."""
    def __init__(self, b):
        self.b = b


class RawList:
    """An array of items that are already CBOR."""
    def __init__(self, items):
        self.items = items


class Tag:
    def __init__(self, tag, val):
        self.tag, self.val = tag, val


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | ai]) + struct.pack(fmt, n)
    raise ValueError(n)


def enc(v):
    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if v is None:
        return b"\xf6"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(enc(x) for x in v)
    if isinstance(v, dict):
        # deterministic: shortest-encoded keys first, then bytewise
        items = sorted((enc(k), enc(x)) for k, x in v.items())
        return head(5, len(v)) + b"".join(k + x for k, x in items)
    if isinstance(v, Raw):
        return v.b
    if isinstance(v, RawList):
        return head(4, len(v.items)) + b"".join(v.items)
    if isinstance(v, Tag):
        return head(6, v.tag) + enc(v.val)
    raise TypeError(type(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seq", type=int, default=1)
    ap.add_argument("--size", type=int, default=100000)
    ap.add_argument("--uri", default=None)
    ap.add_argument("--bad-digest", action="store_true")
    ap.add_argument("--reuse-key", action="store_true")
    ap.add_argument("--comp", default="814100",
                    help="hex of the encoded component identifier")
    ap.add_argument("--mode", choices=["fetch", "swap", "unlink", "swap-mtd"],
                    default="fetch",
                    help="swap: write X into [h'aa'], Y into [h'bb'], swap "
                         "(31), image-match Y in [h'aa'] and X in [h'bb']; "
                         "unlink: then unlink (33) [h'bb'] and image-match X "
                         "there (must fail); swap-mtd: as swap with [h'00'] "
                         "instead of [h'aa']")
    ap.add_argument("--invoke", action="store_true",
                    help="add suit-invoke (9): invoke component 0")
    ap.add_argument("--fetch-args", default=None,
                    help="hex of suit-parameter-fetch-arguments (25)")
    ap.add_argument("--alg", choices=["es256", "eddsa"], default="es256",
                    help="eddsa: Ed25519 key in ed25519.pub (raw, 32 bytes), "
                         "kid = its SHA-256 truncated to 8 bytes")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    keyfile = os.path.join(a.out, "key.pem")
    if a.reuse_key and os.path.exists(keyfile):
        with open(keyfile, "rb") as f:
            key = serialization.load_pem_private_key(f.read(), None)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
        with open(keyfile, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    pub = key.public_key().public_bytes(serialization.Encoding.X962,
                                        serialization.PublicFormat.UncompressedPoint)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    kid = ski.digest
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "suit test anchor")])
    now = datetime.datetime(2025, 1, 1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(ski, critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    with open(os.path.join(a.out, "key.der"), "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.DER))
    with open(os.path.join(a.out, "pub.raw"), "wb") as f:
        f.write(pub)
    with open(os.path.join(a.out, "kid.hex"), "w") as f:
        f.write(kid.hex() + "\n")

    payload = os.urandom(a.size)
    with open(os.path.join(a.out, "payload.bin"), "wb") as f:
        f.write(payload)
    uri = a.uri or "file://" + os.path.abspath(os.path.join(a.out, "payload.bin"))
    digest = hashlib.sha256(payload).digest()
    if a.bad_digest:
        digest = bytes(32)

    comp = bytes.fromhex(a.comp)
    shared = [20, {1: VENDOR, 2: CLASS, 3: enc([-16, digest]), 14: a.size},
              1, 15, 2, 15]
    common = {2: RawList([comp]), 4: enc(shared)}
    ipar = {21: uri}
    if a.fetch_args is not None:
        ipar[25] = bytes.fromhex(a.fetch_args)
    install = [20, ipar, 21, 2, 3, 15]
    validate = [3, 15]
    if a.mode != "fetch":
        x, y = b"first RAM image", b"the second one"
        dx = enc([-16, hashlib.sha256(x).digest()])
        dy = enc([-16, hashlib.sha256(y).digest()])
        ca = [b"\x00"] if a.mode == "swap-mtd" else [b"\xaa"]
        common = {2: [ca, [b"\xbb"]],
                  4: enc([12, True, 20, {1: VENDOR, 2: CLASS}, 1, 15, 2, 15])}
        install = [12, 0, 20, {18: x}, 18, 15, 12, 1, 20, {18: y}, 18, 15,
                   12, 0, 20, {22: 1}, 31, 15,
                   20, {3: dy, 14: len(y)}, 3, 15,
                   12, 1, 20, {3: dx, 14: len(x)}, 3, 15]
        if a.mode == "unlink":
            install += [33, 15, 3, 15]
        validate = [12, 0, 20, {3: dy, 14: len(y)}, 3, 15]
    manifest = {1: 1, 2: a.seq, 3: enc(common), 7: enc(validate),
                20: enc(install)}
    if a.invoke:
        manifest[9] = enc([23, 15])
    mbstr = enc(enc(manifest))
    sdigest = enc([-16, hashlib.sha256(mbstr).digest()])
    if a.alg == "eddsa":
        from cryptography.hazmat.primitives.asymmetric import ed25519
        edfile = os.path.join(a.out, "ed25519.pem")
        if a.reuse_key and os.path.exists(edfile):
            with open(edfile, "rb") as f:
                ed = serialization.load_pem_private_key(f.read(), None)
        else:
            ed = ed25519.Ed25519PrivateKey.generate()
            with open(edfile, "wb") as f:
                f.write(ed.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
        edpub = ed.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)
        with open(os.path.join(a.out, "ed25519.pub"), "wb") as f:
            f.write(edpub)
        kid = hashlib.sha256(edpub).digest()[:8]
        with open(os.path.join(a.out, "edkid.hex"), "w") as f:
            f.write(kid.hex() + "\n")
        protected = enc({1: -8})
        tbs = enc(["Signature1", protected, b"", sdigest])
        sig = ed.sign(tbs)
    else:
        protected = enc({1: -7})
        tbs = enc(["Signature1", protected, b"", sdigest])
        der = key.sign(tbs, ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    sign1 = Tag(18, [protected, {4: kid}, None, sig])
    auth = enc([sdigest, enc(sign1)])
    env = b"\xd8\x6b" + head(5, 2) + enc(2) + enc(auth) + enc(3) + mbstr
    with open(os.path.join(a.out, "env.suit"), "wb") as f:
        f.write(env)
    print("envelope %d bytes, payload %d bytes, kid %s" % (len(env), a.size, kid.hex()))


if __name__ == "__main__":
    main()
