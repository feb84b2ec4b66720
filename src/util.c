#include <string.h>
#include "util.h"
#include "hash.h"

/* memset through a volatile function pointer: the compiler cannot prove
 * which function runs, so it cannot drop the call as a dead store. */
static void *(*const volatile wipe_memset)(void *, int, size_t) = memset;

void asc_wipe(void *p, size_t n)
{
    if (p != NULL && n > 0u) {
        (void)wipe_memset(p, 0, n);
    }
}

asc_span asc_span_from_str(const char *s)
{
    asc_span r;
    r.ptr = s;
    r.len = s != NULL ? strlen(s) : 0u;
    return r;
}

/* Bit c of a row is set for the ASCII bytes of its class (see util.h). */
const uint8_t asc_ascii_class[3][16] = {
    { 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
    { 0, 0, 0, 0, 0xf6, 0x6f, 0xff, 0x77, 0xfe, 0xff, 0xff, 0xef, 0xff, 0xff, 0xff, 0x7f },
    { 0, 0, 0, 0, 0, 0x60, 0xff, 0x03, 0xfe, 0xff, 0xff, 0x87, 0xfe, 0xff, 0xff, 0x47 },
};

/* Hex digits: uppercase for percent-encoding (RFC 3986), lowercase for
 * hashes and signatures. The arrays hold the 16 digits, no NUL. */
static const char hex_upper[16] = "0123456789ABCDEF";
static const char hex_lower[16] = "0123456789abcdef";

bool asc_text_is(const char *p, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(p, word, n) == 0;
}

unsigned asc_hex_digit_value(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        return (unsigned)(c - '0');
    }
    if (c >= 'a' && c <= 'f') {
        return (unsigned)(c - 'a') + 10u;
    }
    if (c >= 'A' && c <= 'F') {
        return (unsigned)(c - 'A') + 10u;
    }
    return 16u;
}

void asc_hex_lower(const uint8_t *in, size_t n, char *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        *out++ = hex_lower[in[i] >> 4];
        *out++ = hex_lower[in[i] & 0x0fu];
    }
}

void asc_out_init(asc_out *o, uint8_t *buf, size_t cap)
{
    o->buf = buf;
    o->cap = buf != NULL ? cap : 0u;
    o->len = 0u;
    o->md = NULL;
#if ASC_ENABLE_TOOLS
    o->trace = NULL;
    o->trace_kind = ASC_TRACE_CANONICAL;
#endif
    o->enc = 0u;
}

/* The bytes as they are: buffer, length, hash, trace. */
static void out_raw(asc_out *o, const void *p, size_t n)
{
    if (n == 0u) {
        return;
    }
    if (o->len < o->cap) {
        size_t room = o->cap - o->len;
        memcpy(o->buf + o->len, p, n < room ? n : room);
    }
    o->len = (o->len > SIZE_MAX - n) ? SIZE_MAX : o->len + n;
    if (o->md != NULL) {
        asc_md_update(o->md, p, n);
    }
#if ASC_ENABLE_TOOLS
    if (o->trace != NULL) {
        o->trace->fn(o->trace->ctx, o->trace_kind, (const char *)p, n);
    }
#endif
}

/* Encode through a small chunk so the sink sees few, larger writes. */
static ASC_NOINLINE void out_enc(asc_out *o, const uint8_t *s, size_t n)
{
    char chunk[48];
    size_t k = 0u;
    size_t i;
    for (i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (k + 5u > sizeof chunk) {
            out_raw(o, chunk, k);
            k = 0u;
        }
        if (c < 128u &&
            (((unsigned)asc_ascii_class[ASC_CLASS_UNRESERVED][c >> 3] >> (c & 7u)) & 1u) != 0u) {
            chunk[k++] = (char)c;
        } else {
            chunk[k++] = '%';
            if (o->enc > 1u) { /* "%" itself encodes to "%25" */
                chunk[k++] = '2';
                chunk[k++] = '5';
            }
            chunk[k++] = hex_upper[c >> 4];
            chunk[k++] = hex_upper[c & 0x0fu];
        }
    }
    out_raw(o, chunk, k);
}

void asc_out_put(asc_out *o, const void *p, size_t n)
{
    if (o->enc != 0u) {
        out_enc(o, p, n);
    } else {
        out_raw(o, p, n);
    }
}

void asc_out_span(asc_out *o, asc_span s)
{
    asc_out_put(o, s.ptr, s.len);
}

void asc_out_dec(asc_out *o, size_t v)
{
    char tmp[20];
    size_t k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    asc_out_put(o, tmp + k, sizeof tmp - k);
}
