#!/usr/bin/env python3
"""tools/board_breakdown.py MAP : flash / static RAM of the MPS2-AN386
firmware (make bench-board) by origin - the asc library, its lwIP port,
lwIP, mbedTLS, the LAN9118 driver, the rest of the board support, the
application (main.c: its buffers, TLS arena and the asc structs), libc -
from the GNU ld map file (sections kept in the output only), and the stack
the linker script reserves."""
import collections
import re
import sys

GROUPS = (
    ("asc library", lambda o: "/obj/src/" in o),
    ("asc lwIP port", lambda o: "/obj/port/" in o),
    ("lwIP", lambda o: "/obj/lwip/" in o),
    ("mbedTLS", lambda o: "libascmbedtls" in o),
    ("LAN9118 driver", lambda o: "/lan9118" in o),
    ("application", lambda o: o.endswith("/boards/mps2-an386/main.o")),
    ("board support", lambda o: "/boards/" in o),
    ("libc/libgcc", lambda o: True),
)

tot = collections.Counter()
stack = 0
cur = None
live = False
for line in open(sys.argv[1]):
    if line.startswith("Linker script and memory map"):
        live = True
        continue
    if not live:
        continue
    m = re.match(r'^(\.stack)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)', line)
    if m:
        stack = int(m.group(3), 16)
        continue
    m = re.match(r'^ (\.\S+|COMMON)\s*$', line)
    if m:
        cur = m.group(1)
        continue
    m = re.match(r'^ (\.\S+|COMMON)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.(?:o|a)\S*)', line)
    if m and int(m.group(2), 16) != 0 and not (m.group(1) or cur or "").startswith(
            (".debug", ".comment", ".ARM.attributes")):
        sec = m.group(1) or cur or "?"
        kind = "ram" if sec.startswith((".bss", "COMMON")) else \
               "flash+ram" if sec.startswith(".data") else "flash"
        obj = m.group(4)
        g = next(name for name, match in GROUPS if match(obj))
        tot[(g, kind)] += int(m.group(3), 16)
    cur = None

flash = ram = 0
for g, _ in GROUPS:
    f = tot[(g, "flash")] + tot[(g, "flash+ram")]
    r = tot[(g, "flash+ram")] + tot[(g, "ram")]
    flash += f
    ram += r
    print("%-15s flash %7d  static RAM %6d (data %5d, bss %6d)" % (
        g, f, r, tot[(g, "flash+ram")], tot[(g, "ram")]))
print("%-15s flash %7d  static RAM %6d; stack reserved %d" % ("total", flash, ram, stack))
