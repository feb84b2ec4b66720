/* src/util.h - small internal helpers: wiping, encodings, the output sink. */
#ifndef ASC_UTIL_H
#define ASC_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "asc_request.h"

struct asc_md;

/* Keep big frames out of their callers (stack budget: see make stack). */
#if defined(__GNUC__) || defined(__clang__)
#define ASC_NOINLINE __attribute__((noinline))
#else
#define ASC_NOINLINE
#endif

/* Zero memory in a way the compiler may not elide (secrets, derived keys). */
void asc_wipe(void *p, size_t n);

/* Bit c (c < 128) of asc_ascii_class[k][c >> 3] is set for the bytes of
 * class k: ASC_CLASS_SAFE no control byte (0x20..0x7e), ASC_CLASS_HOST
 * visible ASCII but # , / ; ? @ \, ASC_CLASS_UNRESERVED A-Z a-z 0-9 - _ . ~ */
#define ASC_CLASS_SAFE 0u
#define ASC_CLASS_HOST 1u
#define ASC_CLASS_UNRESERVED 2u
extern const uint8_t asc_ascii_class[3][16];

/* p[0..n) is exactly the NUL-terminated word (byte for byte, case
 * matters). */
bool asc_text_is(const char *p, size_t n, const char *word);

/* Value 0..15 of the hex digit c (0-9 a-f A-F), 16 when c is none. */
unsigned asc_hex_digit_value(uint8_t c);

/* Lowercase hex of n bytes into out (2n chars, no NUL). */
void asc_hex_lower(const uint8_t *in, size_t n, char *out);

/*
 * The output sink every generator writes through. Bytes go to buf (up to
 * cap; len keeps counting past it so the needed size is known), and, when
 * set, to a running hash and a trace tap. Nothing is ever written past cap.
 * With enc = 1 every byte put is percent-encoded (RFC 3986, uppercase hex)
 * on the way; enc = 2 encodes twice (the V1 string to sign).
 */
typedef struct asc_out {
    uint8_t *buf;
    size_t cap;
    size_t len;            /* bytes produced so far (may exceed cap) */
    struct asc_md *md;     /* optional running hash */
#if ASC_ENABLE_TOOLS
    const asc_trace *trace; /* optional; trace->fn must not be NULL */
    asc_trace_kind trace_kind;
#endif
    unsigned enc;          /* percent-encoding passes applied by put: 0..2 */
} asc_out;

void asc_out_init(asc_out *o, uint8_t *buf, size_t cap);
void asc_out_put(asc_out *o, const void *p, size_t n);
void asc_out_span(asc_out *o, asc_span s);
/* Decimal of v. */
void asc_out_dec(asc_out *o, size_t v);

#endif
