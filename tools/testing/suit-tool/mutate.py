#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Robustness: run suit-tool on mutated envelopes and descriptions.

usage: mutate.py SUIT_TOOL VECTORS_DIR WORKDIR N
Every run must end with exit status 0, 1 or 2 (no crash, no signal).
Prints "mutate: N runs, K bad" and exits 1 if K > 0.
"""
import glob
import json
import random
import subprocess
import sys

T, V, W, N = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rnd = random.Random(12345)
envs = sorted(glob.glob(V + '/**/*.suit', recursive=True))
anchor = V + '/suit-wg-manifest-spec/examples/derived/public_key.pem'
runs = bad = 0


def run(args):
    global runs, bad
    runs += 1
    p = subprocess.run([T] + args, capture_output=True, timeout=60)
    if p.returncode not in (0, 1, 2):
        bad += 1
        print('BAD rc %d: %s' % (p.returncode, ' '.join(args)))
        return False
    return True


for i in range(N):
    b = bytearray(open(rnd.choice(envs), 'rb').read())
    for _ in range(rnd.randint(1, 4)):
        j = rnd.randrange(len(b))
        op = rnd.random()
        if op < 0.6:
            b[j] = rnd.randrange(256)
        elif op < 0.8:
            del b[j:j + rnd.randint(1, 8)]
        else:
            b[j:j] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 4)))
    f = '%s/mut%d.suit' % (W, i)
    open(f, 'wb').write(b)
    ok = (run(['inspect', f]) and run(['inspect', '--json', f]) and
          run(['verify', '-r', '-q', '-e', f, '--trust', anchor]) and
          run(['sever', '-e', f, '-o', f + '.out']) and run(['report', f]))
    if ok:
        # the description of a mutated envelope, with random type changes
        p = subprocess.run([T, 'inspect', '--json', f], capture_output=True)
        if p.returncode == 0:
            d = json.loads(p.stdout)
            s = json.dumps(d)
            for _ in range(rnd.randint(1, 3)):
                k = rnd.randrange(len(s))
                s = s[:k] + rnd.choice(['0', '"00"', 'null', '[]', '{}', '-1', 'true']) + s[k:]
            open(f + '.json', 'w').write(s)
            run(['create', '-i', f + '.json', '-o', f + '.re'])
print('mutate: %d runs, %d bad' % (runs, bad))
sys.exit(1 if bad else 0)
