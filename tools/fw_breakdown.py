#!/usr/bin/env python3
"""tools/fw_breakdown.py MAP : flash / RAM of a linked firmware by origin
(asc library, mbedTLS, application, libc/libgcc), from the GNU ld map file
(only sections kept in the output, after "Linker script and memory map")."""
import collections
import re
import sys

tot = collections.Counter()
cur = None
live = False
for line in open(sys.argv[1]):
    if line.startswith("Linker script and memory map"):
        live = True
        continue
    if not live:
        continue
    m = re.match(r'^ (\.\S+|COMMON)\s*$', line)
    if m:
        cur = m.group(1)
        continue
    m = re.match(r'^ (\.\S+|COMMON)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.(?:o|a)\S*)', line)
    if m and int(m.group(2), 16) != 0 and not (m.group(1) or cur or "").startswith((".debug", ".comment", ".ARM.attributes")):
        sec = m.group(1) or cur or "?"
        kind = "ram" if sec.startswith((".bss", "COMMON")) else \
               "flash+ram" if sec.startswith(".data") else "flash"
        obj = m.group(4)
        g = ("mbedTLS" if "libascmbedtls" in obj else
             "asc library" if "/obj/src/" in obj else
             "application" if "/examples/" in obj else "libc/libgcc")
        tot[(g, kind)] += int(m.group(3), 16)
    cur = None
for g in ("asc library", "mbedTLS", "application", "libc/libgcc"):
    print("%-12s flash %7d  data %5d  bss %6d" % (g, tot[(g, "flash")] + tot[(g, "flash+ram")],
                                                  tot[(g, "flash+ram")], tot[(g, "ram")]))
