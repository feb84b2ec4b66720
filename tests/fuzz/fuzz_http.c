/*
 * tests/fuzz/fuzz_http.c - libFuzzer target: the HTTP/1.1 response parser,
 * chunked decoding included (include/asc_http.h).
 *
 * Input: byte 0 picks how the response is fed (piece size, buffer slack,
 * EOF at the end or not), the rest is the response. The response is copied
 * into a heap buffer of EXACTLY cap bytes (ASan catches any access past
 * it; the parser decodes chunks in place, so it must write only there),
 * parsed once at once and once in fuzzer-chosen pieces; both must agree.
 * After ASC_OK every offset must lie inside the buffer, so must the Date
 * span and every asc_http_header value (inside the final header block,
 * trimmed, no control byte), and the TimeLeft and header accessors must
 * answer the same for both feeds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "asc_http.h"
#include "asc_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct outcome {
    asc_status st;
    uint16_t status;
    size_t end, body_len;
    uint8_t *body;   /* points into the buffer */
    int keep_alive;
} outcome;

/* Header names asked of every complete response (the seeds use them). */
static const char *const k_names[] = {
    "Server", "Location", "Retry-After", "Date", "Content-Length", "X-A", "x"
};

static void check_ok(const asc_http_parser *p, const uint8_t *buf, size_t len)
{
    asc_span v;
    uint32_t ms;
    int64_t epoch;
    asc_span b = asc_http_body(p, buf);
    if (p->end > len || p->body_off > len || p->body_len > len - p->body_off ||
        b.len != p->body_len || p->status < 100u || p->status > 599u) {
        abort();
    }
    if (asc_http_date(p, buf, &v)) {
        if (v.ptr < (const char *)buf || v.ptr + v.len > (const char *)buf + len) {
            abort();
        }
        (void)asc_parse_http_date(v, &epoch);
    }
    (void)asc_http_ratelimit_wait_ms(p, buf, &ms);
    /* asc_http_header: inside the final header block, no control byte but
     * HTAB, no whitespace at either end */
    {
        size_t k, i;
        for (k = 0; k < sizeof k_names / sizeof k_names[0]; k++) {
            if (!asc_http_header(p, buf, k_names[k], &v)) {
                continue;
            }
            if (v.ptr < (const char *)buf + p->head_off ||
                v.ptr + v.len > (const char *)buf + p->body_off ||
                (v.len > 0u && (v.ptr[0] == ' ' || v.ptr[0] == '\t' ||
                                v.ptr[v.len - 1u] == ' ' || v.ptr[v.len - 1u] == '\t'))) {
                abort();
            }
            for (i = 0; i < v.len; i++) {
                unsigned char c = (unsigned char)v.ptr[i];
                if ((c < 0x20u && c != '\t') || c == 0x7fu) {
                    abort();
                }
            }
        }
    }
}

/* Same answers from asc_http_header for both feeds (offsets, lengths). */
static void check_headers_agree(const asc_http_parser *p1, const uint8_t *b1,
                                const asc_http_parser *p2, const uint8_t *b2)
{
    size_t k;
    for (k = 0; k < sizeof k_names / sizeof k_names[0]; k++) {
        asc_span v1, v2;
        bool f1 = asc_http_header(p1, b1, k_names[k], &v1);
        bool f2 = asc_http_header(p2, b2, k_names[k], &v2);
        if (f1 != f2 || (f1 && (v1.len != v2.len ||
                                v1.ptr - (const char *)b1 != v2.ptr - (const char *)b2))) {
            abort();
        }
    }
}

/* Feed buf[0..n) in pieces; returns the final status. */
static asc_status feed(asc_http_parser *p, uint8_t *buf, size_t n, size_t cap,
                       unsigned piece, int eof_at_end, uint32_t *rng)
{
    size_t len = 0;
    asc_status st = ASC_E_NEED_MORE;
    asc_http_parser_init(p, cap);
    while (len < n) {
        size_t step = 1;
        if (piece != 0u) {
            *rng = *rng * 1103515245u + 12345u;
            step = 1u + (size_t)((*rng >> 16) % piece);
        } else {
            step = n - len;
        }
        if (step > n - len) {
            step = n - len;
        }
        len += step;
        st = asc_http_parse(p, buf, len, eof_at_end && len == n);
        if (st != ASC_E_NEED_MORE) {
            return st;
        }
    }
    if (n == 0u) {
        st = asc_http_parse(p, buf, 0, eof_at_end != 0);
    }
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    asc_http_parser p1, p2;
    uint8_t *b1, *b2;
    size_t n, cap, slack;
    unsigned mode, piece;
    int eof;
    uint32_t rng;
    asc_status s1, s2;
    asc_span body1;

    if (size < 1u) {
        return 0;
    }
    mode = data[0];
    data++;
    size--;
    n = size;
    slack = (mode & 0x03u) == 0u ? 0u : (size_t)((mode & 0x03u) * 7u);
    cap = n + slack;
    eof = (mode & 0x04u) != 0u;
    piece = (mode >> 3) & 0x1fu; /* 0: all at once; else 1..piece per step */
    rng = mode * 2654435761u;

    b1 = (uint8_t *)malloc(cap ? cap : 1u);
    b2 = (uint8_t *)malloc(cap ? cap : 1u);
    if (b1 == NULL || b2 == NULL) {
        abort();
    }
    if (n > 0u) {
        memcpy(b1, data, n);
        memcpy(b2, data, n);
    }
    /* slack bytes are left uninitialised on purpose: the parser must not
     * read at or past len (MSan would tell; ASan at least sees cap). */

    s1 = feed(&p1, b1, n, cap, 0u, eof, &rng);
    s2 = feed(&p2, b2, n, cap, piece, eof, &rng);
    if (s1 == ASC_OK) {
        check_ok(&p1, b1, n);
    }
    if (s2 == ASC_OK) {
        check_ok(&p2, b2, n);
    }
    /* At once and in pieces must agree on the outcome and the body. */
    if (s1 != s2) {
        abort();
    }
    if (s1 == ASC_OK) {
        uint32_t ms1 = 0, ms2 = 0;
        body1 = asc_http_body(&p1, b1);
        if (asc_http_ratelimit_wait_ms(&p1, b1, &ms1) != asc_http_ratelimit_wait_ms(&p2, b2, &ms2) ||
            ms1 != ms2) {
            abort();
        }
        check_headers_agree(&p1, b1, &p2, b2);
        if (p1.status != p2.status || p1.end != p2.end ||
            p1.keep_alive != p2.keep_alive || body1.len != p2.body_len ||
            (body1.len > 0u && memcmp(body1.ptr, b2 + p2.body_off, body1.len) != 0)) {
            abort();
        }
    }
    /* Errors are sticky. */
    if (s1 != ASC_OK && s1 != ASC_E_NEED_MORE && s1 != ASC_E_INVALID_ARG &&
        asc_http_parse(&p1, b1, n, eof != 0) != s1) {
        abort();
    }
    free(b1);
    free(b2);
    return 0;
}
