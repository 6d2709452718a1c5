# SPDX-License-Identifier: GPL-2.0-only
"""Minimal CBOR decoder for the vector runner (reports, envelopes).

Decodes the subset SUIT uses: integers, byte/text strings, arrays, maps,
tags, false/true/null. Tags come back as Tag(number, value).
"""


class Tag:
    def __init__(self, tag, value):
        self.tag = tag
        self.value = value

    def __repr__(self):
        return "%d(%r)" % (self.tag, self.value)

    def __eq__(self, other):
        return isinstance(other, Tag) and (self.tag, self.value) == (other.tag, other.value)


class CBORError(ValueError):
    pass


def _decode(buf, pos, depth=0):
    if depth > 32:
        raise CBORError("nesting too deep")
    if pos >= len(buf):
        raise CBORError("truncated")
    ib = buf[pos]
    mt, ai = ib >> 5, ib & 31
    pos += 1
    if ai < 24:
        val = ai
    elif ai in (24, 25, 26, 27):
        n = 1 << (ai - 24)
        if pos + n > len(buf):
            raise CBORError("truncated")
        val = int.from_bytes(buf[pos:pos + n], "big")
        pos += n
    else:
        raise CBORError("indefinite or reserved length")
    if mt == 0:
        return val, pos
    if mt == 1:
        return -1 - val, pos
    if mt in (2, 3):
        if pos + val > len(buf):
            raise CBORError("truncated string")
        s = bytes(buf[pos:pos + val])
        pos += val
        return (s if mt == 2 else s.decode("utf-8")), pos
    if mt == 4:
        out = []
        for _ in range(val):
            v, pos = _decode(buf, pos, depth + 1)
            out.append(v)
        return out, pos
    if mt == 5:
        out = {}
        for _ in range(val):
            k, pos = _decode(buf, pos, depth + 1)
            v, pos = _decode(buf, pos, depth + 1)
            if isinstance(k, list):
                k = tuple(k)
            out[k] = v
        return out, pos
    if mt == 6:
        v, pos = _decode(buf, pos, depth + 1)
        return Tag(val, v), pos
    if val == 20:
        return False, pos
    if val == 21:
        return True, pos
    if val == 22:
        return None, pos
    raise CBORError("unsupported simple value %d" % val)


def loads(buf):
    v, pos = _decode(bytes(buf), 0)
    if pos != len(buf):
        raise CBORError("%d trailing bytes" % (len(buf) - pos))
    return v


def loads_prefix(buf):
    """Decode one item and return (item, bytes consumed)."""
    return _decode(bytes(buf), 0)
