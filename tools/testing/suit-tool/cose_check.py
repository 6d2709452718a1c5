#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Independent helper for the suit-tool tests (no suit-tool code involved).

  cose_check.py manifest ENV OUT        write the manifest bstr content
  cose_check.py sig1 ENV TBS SIG [N]    write Sig_structure/MAC_structure of
                                        auth block N (default 1) and its
                                        signature (r||s converted to DER for
                                        ECDSA, raw for EdDSA/HMAC); prints alg
  cose_check.py decrypt INFO CT KEY OUT [N]
                                        decrypt with recipient N (default 0)
                                        of the SUIT_Encryption_Info INFO
                                        (python cryptography: AES-KW,
                                        ECDH-ES+AES-KW, GCM, CTR, ChaCha)
  cose_check.py canonical FILE          exit 0 if every map in FILE (and in
                                        bstr-wrapped CBOR inside) is sorted
"""
import sys


def dec(b, i=0):
    ib = b[i]; i += 1
    mt, ai = ib >> 5, ib & 31
    if ai < 24:
        v = ai
    elif ai <= 27:
        n = 1 << (ai - 24)
        v = int.from_bytes(b[i:i + n], 'big'); i += n
    else:
        raise ValueError('indefinite')
    if mt == 0:
        return v, i
    if mt == 1:
        return -1 - v, i
    if mt == 2:
        return bytes(b[i:i + v]), i + v
    if mt == 3:
        return b[i:i + v].decode(), i + v
    if mt == 4:
        a = []
        for _ in range(v):
            x, i = dec(b, i); a.append(x)
        return a, i
    if mt == 5:
        m = []
        for _ in range(v):
            k, i = dec(b, i); x, i = dec(b, i); m.append((k, x))
        return ('map', m), i
    if mt == 6:
        x, i = dec(b, i)
        return ('tag', v, x), i
    return {20: False, 21: True, 22: None}[v], i


def head(mt, n):
    if n < 24:
        return bytes([mt << 5 | n])
    for ai, sz in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * sz):
            return bytes([mt << 5 | ai]) + n.to_bytes(sz, 'big')


def bstr(x):
    return head(2, len(x)) + x


def tstr(s):
    return head(3, len(s)) + s.encode()


def mget(m, k):
    for kk, v in m[1]:
        if kk == k:
            return v
    return None


def envelope(path):
    b = open(path, 'rb').read()
    v, n = dec(b)
    assert n == len(b)
    if isinstance(v, tuple) and v[0] == 'tag':
        v = v[2]
    return v


def der_int(x):
    x = x.lstrip(b'\0') or b'\0'
    if x[0] & 0x80:
        x = b'\0' + x
    return b'\x02' + bytes([len(x)]) + x


def decrypt(info, ctf, keyf, outf, n='0'):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from cryptography.hazmat.primitives.keywrap import aes_key_unwrap
    b = open(info, 'rb').read()
    if b[:1] != b'\xd8':          # hex file
        b = bytes.fromhex(''.join(b.decode().split()))
    v, _ = dec(b)
    assert v[0] == 'tag' and v[1] == 96
    prot, unprot, _, rcpts = v[2]
    pm = dec(prot)[0] if prot else ('map', [])
    alg = mget(pm, 1)
    if alg is None:
        alg = mget(unprot, 1)
    iv = mget(unprot, 5)
    rp, ru, wrapped = rcpts[int(n)][:3]
    kb = open(keyf, 'rb').read()
    ralg = mget(dec(rp)[0], 1) if rp else mget(ru, 1)
    if ralg in (-3, -4, -5):
        kek = kb if len(kb) in (16, 24, 32) else bytes.fromhex(kb.decode().strip())
    else:
        if kb[0] & 0xe0 == 0xa0:      # COSE_Key with d
            priv = ec.derive_private_key(int.from_bytes(mget(dec(kb)[0], -4), 'big'),
                                         ec.SECP256R1())
        else:
            priv = serialization.load_pem_private_key(kb, None)
        eph = mget(ru, -1)
        pub = ec.EllipticCurvePublicNumbers(int.from_bytes(mget(eph, -2), 'big'),
                                            int.from_bytes(mget(eph, -3), 'big'),
                                            ec.SECP256R1()).public_key()
        z = priv.exchange(ec.ECDH(), pub)
        kl = {-29: 16, -30: 24, -31: 32}[ralg]
        ctx = (head(4, 4) + head(1, -1 - {-29: -3, -30: -4, -31: -5}[ralg]) +
               (head(4, 3) + b'\xf6' * 3) * 2 +
               head(4, 3) + head(0, kl * 8) + bstr(rp) + bstr(b'SUIT Payload Encryption'))
        kek = HKDF(hashes.SHA256(), kl, None, ctx).derive(z)
    cek = aes_key_unwrap(kek, wrapped)
    ct = open(ctf, 'rb').read()
    if ct[:1] not in (b'',) and all(c in b'0123456789abcdefABCDEF \n' for c in ct):
        ct = bytes.fromhex(''.join(ct.decode().split()))
    aad = head(4, 3) + tstr('Encrypt') + bstr(prot) + bstr(b'')
    if alg in (1, 2, 3):
        pt = AESGCM(cek).decrypt(iv, ct, aad)
    elif alg == 24:
        pt = ChaCha20Poly1305(cek).decrypt(iv, ct, aad)
    else:
        d = Cipher(algorithms.AES(cek), modes.CTR(iv)).decryptor()
        pt = d.update(ct) + d.finalize()
    open(outf, 'wb').write(pt)


def main():
    cmd = sys.argv[1]
    if cmd == 'manifest':
        env = envelope(sys.argv[2])
        open(sys.argv[3], 'wb').write(mget(env, 3))
    elif cmd == 'sig1':
        env = envelope(sys.argv[2])
        n = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        auth, _ = dec(mget(env, 2))
        digest_bstr = bstr(auth[0])
        blk, _ = dec(auth[n])
        assert blk[0] == 'tag' and blk[1] in (17, 18)
        prot, unprot, payload, sig = blk[2]
        ctx = 'MAC0' if blk[1] == 17 else 'Signature1'
        tbs = head(4, 4) + tstr(ctx) + bstr(prot) + bstr(b'') + digest_bstr
        pm, _ = dec(prot)
        alg = mget(pm, 1)
        if alg in (-7, -9):
            body = der_int(sig[:32]) + der_int(sig[32:])
            sig = b'\x30' + bytes([len(body)]) + body
        open(sys.argv[3], 'wb').write(tbs)
        open(sys.argv[4], 'wb').write(sig)
        print(alg)
    elif cmd == 'decrypt':
        decrypt(*sys.argv[2:])
    elif cmd == 'canonical':
        def check(v):
            if isinstance(v, tuple) and v[0] == 'map':
                keys = []
                for k, x in v[1]:
                    keys.append(enc_key(k))
                    check(x)
                if keys != sorted(keys) or len(set(keys)) != len(keys):
                    raise SystemExit(1)
            elif isinstance(v, tuple) and v[0] == 'tag':
                check(v[2])
            elif isinstance(v, list):
                for x in v:
                    check(x)
            elif isinstance(v, bytes) and v:
                try:
                    x, k = dec(v)
                    if k == len(v):
                        check(x)
                except Exception:
                    pass

        def enc_key(k):
            if isinstance(k, int):
                return head(0, k) if k >= 0 else head(1, -1 - k)
            if isinstance(k, str):
                return tstr(k)
            if isinstance(k, bytes):
                return bstr(k)
            return repr(k).encode()
        b = open(sys.argv[2], 'rb').read()
        v, _ = dec(b)
        check(v)


if __name__ == '__main__':
    main()
