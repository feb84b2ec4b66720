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

bool asc_is_unreserved(uint8_t c)
{
    /* Bit c of this map is set for A-Z a-z 0-9 - _ . ~ (RFC 3986). */
    static const uint8_t map[16] = {
        0x00, 0x00, 0x00, 0x00, 0x00, 0x60, 0xff, 0x03,
        0xfe, 0xff, 0xff, 0x87, 0xfe, 0xff, 0xff, 0x47
    };
    return c < 128u && (((unsigned)map[c >> 3] >> (c & 7u)) & 1u) != 0u;
}

static const char hex_lower[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF";

void asc_hex_lower(const uint8_t *in, size_t n, char *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        out[2u * i] = hex_lower[in[i] >> 4];
        out[2u * i + 1u] = hex_lower[in[i] & 0x0fu];
    }
}

size_t asc_base64(const uint8_t *in, size_t n, char *out)
{
    static const char tbl[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0u, o = 0u;
    while (i + 2u < n) {
        uint32_t v = ((uint32_t)in[i] << 16) | ((uint32_t)in[i + 1u] << 8) |
                     (uint32_t)in[i + 2u];
        out[o++] = tbl[(v >> 18) & 63u];
        out[o++] = tbl[(v >> 12) & 63u];
        out[o++] = tbl[(v >> 6) & 63u];
        out[o++] = tbl[v & 63u];
        i += 3u;
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1u < n) {
            v |= (uint32_t)in[i + 1u] << 8;
        }
        out[o++] = tbl[(v >> 18) & 63u];
        out[o++] = tbl[(v >> 12) & 63u];
        out[o++] = (i + 1u < n) ? tbl[(v >> 6) & 63u] : '=';
        out[o++] = '=';
    }
    return o;
}

bool asc_header_safe(asc_span s)
{
    size_t i;
    for (i = 0; i < s.len; i++) {
        uint8_t c = (uint8_t)s.ptr[i];
        if (c < 0x20u || c == 0x7fu) {
            return false;
        }
    }
    return true;
}

int asc_span_cmp(asc_span a, asc_span b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n > 0u ? memcmp(a.ptr, b.ptr, n) : 0;
    if (c != 0) {
        return c;
    }
    return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}

bool asc_span_eq(asc_span a, asc_span b)
{
    return a.len == b.len && (a.len == 0u || memcmp(a.ptr, b.ptr, a.len) == 0);
}

void asc_out_init(asc_out *o, uint8_t *buf, size_t cap)
{
    o->buf = buf;
    o->cap = buf != NULL ? cap : 0u;
    o->len = 0u;
    o->md = NULL;
    o->trace = NULL;
    o->trace_kind = ASC_TRACE_CANONICAL;
}

void asc_out_put(asc_out *o, const void *p, size_t n)
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
    if (o->trace != NULL && o->trace->fn != NULL) {
        o->trace->fn(o->trace->ctx, o->trace_kind, (const char *)p, n);
    }
}

void asc_out_str(asc_out *o, const char *s)
{
    asc_out_put(o, s, strlen(s));
}

void asc_out_span(asc_out *o, asc_span s)
{
    asc_out_put(o, s.ptr, s.len);
}

void asc_out_pct(asc_out *o, asc_span s, int twice)
{
    /* Encode through a small chunk so the sink sees few, larger writes. */
    char chunk[48];
    size_t i, k = 0u;
    for (i = 0; i < s.len; i++) {
        uint8_t c = (uint8_t)s.ptr[i];
        if (k + 5u > sizeof chunk) {
            asc_out_put(o, chunk, k);
            k = 0u;
        }
        if (asc_is_unreserved(c)) {
            chunk[k++] = (char)c;
        } else {
            chunk[k++] = '%';
            if (twice != 0) { /* "%" itself encodes to "%25" */
                chunk[k++] = '2';
                chunk[k++] = '5';
            }
            chunk[k++] = hex_upper[c >> 4];
            chunk[k++] = hex_upper[c & 0x0fu];
        }
    }
    asc_out_put(o, chunk, k);
}

void asc_out_u64(asc_out *o, uint64_t v)
{
    char tmp[20];
    size_t k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    asc_out_put(o, tmp + k, sizeof tmp - k);
}
