#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Make signed SUIT envelopes and trust anchors for the UML tests.

An independent, minimal SUIT envelope generator (draft-ietf-suit-manifest-34)
built on Debian's python3-cbor2 and python3-cryptography, so that the kernel
tests do not depend on suit-tool and the two implementations check each
other.

  mkenvelope.py keygen -o KEY.pem
  mkenvelope.py cert --key KEY.pem -o CERT.der [--kid-out KID.hex]
  mkenvelope.py envelope --key KEY.pem --seq N --vendor-id UUID --class-id UUID
        --component HEX[,HEX..] --image FILE [--uri URI | --integrated URI]
        [--slot N] [--digest-of FILE] [--size N] [--alg es256|esp256]
        [--kid HEX] [--no-sign] [--tamper] -o OUT.suit

The COSE kid of a key is the SubjectKeyIdentifier of its certificate:
the first 20 bytes of SHA-256 over the DER SubjectPublicKeyInfo, unless
--kid is given.
"""
import argparse
import hashlib
import sys
import uuid

import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID
import datetime

COSE_ALG = {"es256": -7, "esp256": -9}
SHA256 = -16


def dumps(obj):
    return cbor2.dumps(obj, canonical=True)


def load_key(path):
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def default_kid(key):
    spki = key.public_key().public_bytes(
        serialization.Encoding.DER,
        serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).digest()[:20]


def cmd_keygen(a):
    key = ec.generate_private_key(ec.SECP256R1())
    with open(a.o, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))


def cmd_cert(a):
    key = load_key(a.key)
    kid = bytes.fromhex(a.kid) if a.kid else default_kid(key)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, a.cn)])
    now = datetime.datetime(2024, 1, 1)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(int.from_bytes(kid[:8], "big") or 1)
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=36500))
            .add_extension(x509.SubjectKeyIdentifier(kid), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None),
                           critical=True)
            .sign(key, hashes.SHA256()))
    with open(a.o, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.DER))
    if a.kid_out:
        with open(a.kid_out, "w") as f:
            f.write(kid.hex() + "\n")


def suit_digest(data):
    return [SHA256, hashlib.sha256(data).digest()]


def build_manifest(a, image):
    comp = [bytes.fromhex(x) for x in a.component.split(",")]
    digest_src = image
    if a.digest_of:
        with open(a.digest_of, "rb") as f:
            digest_src = f.read()
    size = a.size if a.size is not None else len(image)
    params = {
        1: uuid.UUID(a.vendor_id).bytes,
        2: uuid.UUID(a.class_id).bytes,
        3: dumps(suit_digest(digest_src)),
        14: size,
    }
    if a.slot is not None:
        params[5] = a.slot
    shared = [20, params, 1, 15, 2, 15]
    uri = a.integrated or a.uri
    install = [20, {21: uri}, 21, 2, 3, 15]
    validate = [3, 15]
    common = {2: [comp], 4: dumps(shared)}
    manifest = {
        1: 1,
        2: a.seq,
        3: dumps(common),
        7: dumps(validate),
        20: dumps(install),
    }
    return dumps(manifest)


def sign1(key, kid, alg, payload):
    prot = dumps({1: COSE_ALG[alg]})
    tbs = dumps(["Signature1", prot, b"", payload])
    der = key.sign(tbs, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return dumps(cbor2.CBORTag(18, [prot, {4: kid}, None, sig]))


def cmd_envelope(a):
    with open(a.image, "rb") as f:
        image = f.read()
    manifest = build_manifest(a, image)
    # The SUIT_Digest covers the bstr-wrapped manifest, header included.
    digest = dumps(suit_digest(dumps(manifest)))
    auth = [digest]
    if not a.no_sign:
        key = load_key(a.key)
        kid = bytes.fromhex(a.kid) if a.kid else default_kid(key)
        auth.append(sign1(key, kid, a.alg, digest))
    if a.tamper:
        # Flip the sequence number after signing: the digest no longer
        # matches the manifest.
        m = cbor2.loads(manifest)
        m[2] = m[2] + 1
        manifest = dumps(m)
    env = {2: dumps(auth), 3: manifest}
    if a.integrated:
        env[a.integrated] = image
    with open(a.o, "wb") as f:
        f.write(dumps(cbor2.CBORTag(107, env)))


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("keygen")
    k.add_argument("-o", required=True)
    c = sub.add_parser("cert")
    c.add_argument("--key", required=True)
    c.add_argument("--kid")
    c.add_argument("--cn", default="linux-suit test anchor")
    c.add_argument("--kid-out")
    c.add_argument("-o", required=True)
    e = sub.add_parser("envelope")
    e.add_argument("--key")
    e.add_argument("--kid")
    e.add_argument("--alg", choices=sorted(COSE_ALG), default="es256")
    e.add_argument("--seq", type=int, required=True)
    e.add_argument("--vendor-id", required=True)
    e.add_argument("--class-id", required=True)
    e.add_argument("--component", required=True,
                   help="comma-separated hex bstr elements of the component id")
    e.add_argument("--image", required=True)
    g = e.add_mutually_exclusive_group(required=True)
    g.add_argument("--uri")
    g.add_argument("--integrated", metavar="URI",
                   help="carry the image in the envelope under this key")
    e.add_argument("--slot", type=int)
    e.add_argument("--digest-of", help="put this file's digest in the manifest")
    e.add_argument("--size", type=int, help="image-size to declare")
    e.add_argument("--no-sign", action="store_true")
    e.add_argument("--tamper", action="store_true")
    e.add_argument("-o", required=True)
    a = p.parse_args()
    if a.cmd == "envelope" and not a.no_sign and not a.key:
        p.error("envelope: --key is required unless --no-sign")
    {"keygen": cmd_keygen, "cert": cmd_cert, "envelope": cmd_envelope}[a.cmd](a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
