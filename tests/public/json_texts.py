#!/usr/bin/env python3
"""tests/public/json_texts.py DIR > TEXTS

For json_suite --text: each JSONTestSuite y_ file of DIR that is an array
of one string, decoded by Python's json module: "NAME HEX", HEX the UTF-8
of the string up to its first U+0000 (asc_result_bind: \\u0000 ends the
field's text).
"""
import json
import os
import sys

d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if not name.startswith("y_"):
        continue
    try:
        value = json.loads(open(os.path.join(d, name), "rb").read().decode("utf-8"))
    except ValueError:
        continue
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        print(name, value[0].split("\0")[0].encode("utf-8").hex())
