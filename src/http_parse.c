/*
 * src/http_parse.c - resumable, zero-copy HTTP/1.1 response parser.
 *
 * Why it looks like this:
 * - State is offsets only, so the caller may place the struct anywhere and
 *   nothing dangles. Every read is bounded by len; every write (chunk
 *   de-framing) goes to an offset below the current read offset, so it
 *   stays inside buf[0..len) and never touches bytes not yet received.
 * - Header lines are processed one complete line at a time; the LF search
 *   resumes where it stopped, so feeding byte by byte stays linear.
 * - Headers are not stored: lookups re-scan the (intact) header block. That
 *   keeps the struct small (no per-header array) at the cost of a short scan
 *   per lookup, which happens a handful of times per call.
 * - No recursion, no heap, no static buffers.
 */
#include <string.h>
#include "asc_http.h"

enum {
    S_HEAD = 0,
    S_BODY_CL,
    S_BODY_EOF,
    S_CHUNK_SIZE,
    S_CHUNK_DATA,
    S_CHUNK_CRLF,
    S_TRAILER,
    S_DONE
};

enum {
    F_STATUS = 0x01,     /* status line of the current block parsed */
    F_HAVE_CL = 0x02,
    F_CHUNKED = 0x04,
    F_CONN_CLOSE = 0x08,
    F_CONN_KA = 0x10
};

/* Internal "keep going" value, never returned to the caller. */
#define STEP_CONTINUE ((asc_status)-1)

void asc_http_parser_init(asc_http_parser *p, size_t cap)
{
    if (p == NULL) {
        return;
    }
    memset(p, 0, sizeof *p);
    p->cap = cap;
    p->state = S_HEAD;
}

/* ---- character classes ---------------------------------------------- */

static bool is_tchar(uint8_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9')) {
        return true;
    }
    return c != 0u && strchr("!#$%&'*+-.^_`|~", (int)c) != NULL;
}

static bool is_ows(uint8_t c) { return c == ' ' || c == '\t'; }

/* Field-value / reason-phrase byte: HTAB, SP, VCHAR, obs-text. */
static bool is_vbyte(uint8_t c) { return c == '\t' || (c >= 0x20u && c != 0x7fu); }

static uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32u) : c;
}

static bool ci_eq(const uint8_t *a, size_t n, const char *b)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (b[i] == '\0' || lower(a[i]) != lower((uint8_t)b[i])) {
            return false;
        }
    }
    return b[n] == '\0';
}

static void trim(const uint8_t *s, size_t *a, size_t *b)
{
    while (*a < *b && is_ows(s[*a])) {
        (*a)++;
    }
    while (*b > *a && is_ows(s[*b - 1u])) {
        (*b)--;
    }
}

/* Next element of a comma-separated list in v[*pos..n): sets [*es, *ee)
 * (trimmed, may be empty) and advances *pos past the comma. False at end. */
static bool next_elem(const uint8_t *v, size_t n, size_t *pos, size_t *es,
                      size_t *ee)
{
    size_t i = *pos;
    if (i > n) {
        return false;
    }
    *es = i;
    while (i < n && v[i] != ',') {
        i++;
    }
    *ee = i;
    *pos = i + 1u; /* past the comma, or n + 1 at the end */
    trim(v, es, ee);
    return true;
}

/* ---- lines ------------------------------------------------------------ */

static asc_status more(const asc_http_parser *p, size_t len, bool eof)
{
    if (eof) {
        return ASC_E_CLOSED;
    }
    if (len >= p->cap) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    return ASC_E_NEED_MORE;
}

/* Find the next complete line starting at p->line. On success sets *ce
 * (content end, CR stripped) and *le (just past LF). Otherwise records how
 * far the LF search got. */
static bool take_line(asc_http_parser *p, const uint8_t *buf, size_t len,
                      size_t *ce, size_t *le)
{
    const uint8_t *nl = NULL;
    size_t e;
    if (p->scan < len) {
        nl = (const uint8_t *)memchr(buf + p->scan, '\n', len - p->scan);
    }
    if (nl == NULL) {
        p->scan = len;
        return false;
    }
    e = (size_t)(nl - buf);
    *le = e + 1u;
    if (e > p->line && buf[e - 1u] == '\r') {
        e--;
    }
    *ce = e;
    return true;
}

/* "HTTP/1.x NNN[ reason]" */
static asc_status parse_status(asc_http_parser *p, const uint8_t *s, size_t n)
{
    size_t i;
    unsigned code;
    if (n < 12u || memcmp(s, "HTTP/1.", 7u) != 0 || s[7] < '0' ||
        s[7] > '9' || s[8] != ' ') {
        return ASC_E_HTTP_MALFORMED;
    }
    code = 0;
    for (i = 9; i < 12u; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return ASC_E_HTTP_MALFORMED;
        }
        code = code * 10u + (unsigned)(s[i] - '0');
    }
    if (code < 100u || code > 599u) { /* RFC 9110: 1xx..5xx only */
        return ASC_E_HTTP_MALFORMED;
    }
    if (n > 12u && s[12] != ' ') {
        return ASC_E_HTTP_MALFORMED;
    }
    for (i = 13; i < n; i++) {
        if (!is_vbyte(s[i])) {
            return ASC_E_HTTP_MALFORMED;
        }
    }
    p->minor = (uint8_t)(s[7] - '0');
    p->status = (uint16_t)code;
    return ASC_OK;
}

/* Validate "name: value" and split it. */
static asc_status split_header(const uint8_t *s, size_t n, size_t *name_len,
                               size_t *vs, size_t *ve)
{
    size_t i = 0;
    /* A leading space would be obsolete line folding: refused. */
    while (i < n && is_tchar(s[i])) {
        i++;
    }
    if (i == 0u || i == n || s[i] != ':') {
        return ASC_E_HTTP_MALFORMED;
    }
    *name_len = i;
    *vs = i + 1u;
    *ve = n;
    for (i = *vs; i < n; i++) {
        if (!is_vbyte(s[i])) {
            return ASC_E_HTTP_MALFORMED;
        }
    }
    trim(s, vs, ve);
    return ASC_OK;
}

static asc_status content_length(asc_http_parser *p, const uint8_t *v, size_t n)
{
    size_t pos = 0, es, ee;
    bool any = false;
    while (next_elem(v, n, &pos, &es, &ee)) {
        uint64_t x = 0;
        size_t i;
        if (es == ee) {
            return ASC_E_HTTP_MALFORMED;
        }
        for (i = es; i < ee; i++) {
            unsigned d;
            if (v[i] < '0' || v[i] > '9') {
                return ASC_E_HTTP_MALFORMED;
            }
            d = (unsigned)(v[i] - '0');
            if (x > (UINT64_MAX - d) / 10u) {
                return ASC_E_HTTP_MALFORMED;
            }
            x = x * 10u + d;
        }
        if ((p->flags & F_HAVE_CL) != 0u && x != p->clen) {
            return ASC_E_HTTP_MALFORMED;
        }
        p->clen = x;
        p->flags = (uint8_t)(p->flags | F_HAVE_CL);
        any = true;
    }
    return any ? ASC_OK : ASC_E_HTTP_MALFORMED;
}

static asc_status transfer_encoding(asc_http_parser *p, const uint8_t *v,
                                    size_t n)
{
    size_t pos = 0, es, ee;
    while (next_elem(v, n, &pos, &es, &ee)) {
        if (es == ee) {
            continue; /* empty list elements are allowed and ignored */
        }
        /* We never ask for a transfer coding, and cannot decode any but
         * chunked; chunked applied twice is invalid. */
        if (!ci_eq(v + es, ee - es, "chunked") ||
            (p->flags & F_CHUNKED) != 0u) {
            return ASC_E_HTTP_MALFORMED;
        }
        p->flags = (uint8_t)(p->flags | F_CHUNKED);
    }
    return ASC_OK;
}

static void connection(asc_http_parser *p, const uint8_t *v, size_t n)
{
    size_t pos = 0, es, ee;
    while (next_elem(v, n, &pos, &es, &ee)) {
        if (ci_eq(v + es, ee - es, "close")) {
            p->flags = (uint8_t)(p->flags | F_CONN_CLOSE);
        } else if (ci_eq(v + es, ee - es, "keep-alive")) {
            p->flags = (uint8_t)(p->flags | F_CONN_KA);
        }
    }
}

static asc_status header_line(asc_http_parser *p, const uint8_t *s, size_t n,
                              bool trailer)
{
    size_t nl, vs, ve;
    asc_status st;
    if (p->nheaders >= ASC_MAX_RESPONSE_HEADERS) {
        return ASC_E_HTTP_HEADERS_TOO_LARGE;
    }
    p->nheaders++;
    st = split_header(s, n, &nl, &vs, &ve);
    if (st != ASC_OK || trailer) {
        return st; /* trailers are validated, then ignored */
    }
    if (ci_eq(s, nl, "content-length")) {
        return content_length(p, s + vs, ve - vs);
    }
    if (ci_eq(s, nl, "transfer-encoding")) {
        return transfer_encoding(p, s + vs, ve - vs);
    }
    if (ci_eq(s, nl, "connection")) {
        connection(p, s + vs, ve - vs);
    }
    return ASC_OK;
}

/* The blank line ending a header block at le. */
static asc_status end_of_head(asc_http_parser *p, size_t le)
{
    if (p->status < 200u) {
        if (p->status == 101u) {
            return ASC_E_HTTP_MALFORMED; /* we never ask to switch */
        }
        /* Interim response: forget it, parse the next block. */
        p->hdr_off = le;
        p->flags = 0;
        p->nheaders = 0;
        p->clen = 0;
        p->status = 0;
        return STEP_CONTINUE;
    }
    p->body_off = le;
    p->body_len = 0;
    p->end = le;
    if (p->minor >= 1u) {
        p->keep_alive = (p->flags & F_CONN_CLOSE) == 0u;
    } else {
        p->keep_alive = (p->flags & F_CONN_KA) != 0u &&
                        (p->flags & F_CONN_CLOSE) == 0u;
    }
    if (p->status == 204u || p->status == 304u) {
        p->state = S_DONE;
    } else if ((p->flags & F_CHUNKED) != 0u) {
        if ((p->flags & F_HAVE_CL) != 0u) {
            p->keep_alive = false; /* both framings: do not trust the rest */
        }
        p->state = S_CHUNK_SIZE;
    } else if ((p->flags & F_HAVE_CL) != 0u) {
        if (p->clen > (uint64_t)(p->cap - le)) {
            return ASC_E_RESPONSE_TOO_LARGE;
        }
        p->remaining = (size_t)p->clen;
        p->state = S_BODY_CL;
    } else {
        p->keep_alive = false; /* body ends with the connection */
        p->state = S_BODY_EOF;
    }
    return STEP_CONTINUE;
}

static asc_status step_head(asc_http_parser *p, const uint8_t *buf, size_t len,
                            bool eof)
{
    size_t ce, le;
    asc_status st;
    if (!take_line(p, buf, len, &ce, &le)) {
        if ((p->flags & F_STATUS) == 0u) {
            /* Fail garbage early rather than waiting for a line end. */
            size_t have = len - p->hdr_off;
            if (memcmp(buf + p->hdr_off, "HTTP/1.", have < 7u ? have : 7u) != 0) {
                return ASC_E_HTTP_MALFORMED;
            }
        }
        if (len - p->hdr_off >= ASC_MAX_RESPONSE_HEADER_BYTES) {
            return ASC_E_HTTP_HEADERS_TOO_LARGE;
        }
        return more(p, len, eof);
    }
    if (le - p->hdr_off > ASC_MAX_RESPONSE_HEADER_BYTES) {
        return ASC_E_HTTP_HEADERS_TOO_LARGE;
    }
    {
        size_t ls = p->line;
        p->line = le;
        p->scan = le;
        if ((p->flags & F_STATUS) == 0u) {
            st = parse_status(p, buf + ls, ce - ls);
            p->flags = (uint8_t)(p->flags | F_STATUS);
            return st == ASC_OK ? STEP_CONTINUE : st;
        }
        if (ce == ls) {
            return end_of_head(p, le);
        }
        st = header_line(p, buf + ls, ce - ls, false);
    }
    return st == ASC_OK ? STEP_CONTINUE : st;
}

static asc_status step_chunk_size(asc_http_parser *p, const uint8_t *buf,
                                  size_t len, bool eof)
{
    size_t ce, le, i, size = 0;
    const uint8_t *s;
    size_t n;
    if (!take_line(p, buf, len, &ce, &le)) {
        return more(p, len, eof);
    }
    s = buf + p->line;
    n = ce - p->line;
    for (i = 0; i < n; i++) {
        uint8_t c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') {
            d = (unsigned)(c - '0');
        } else if (lower(c) >= 'a' && lower(c) <= 'f') {
            d = (unsigned)(lower(c) - 'a' + 10);
        } else {
            break;
        }
        if (size > (SIZE_MAX >> 4)) {
            return ASC_E_HTTP_MALFORMED; /* chunk size overflows */
        }
        size = (size << 4) | d;
    }
    if (i == 0u) {
        return ASC_E_HTTP_MALFORMED;
    }
    while (i < n && is_ows(s[i])) {
        i++;
    }
    if (i < n) {
        /* Chunk extensions: ignored, but must be plain field bytes. */
        if (s[i] != ';') {
            return ASC_E_HTTP_MALFORMED;
        }
        for (; i < n; i++) {
            if (!is_vbyte(s[i])) {
                return ASC_E_HTTP_MALFORMED;
            }
        }
    }
    p->line = le;
    p->scan = le;
    if (size == 0u) {
        p->remaining = le; /* start of the trailer section */
        p->nheaders = 0;
        p->state = S_TRAILER;
    } else {
        if (size > p->cap - le) {
            return ASC_E_RESPONSE_TOO_LARGE;
        }
        p->remaining = size;
        p->state = S_CHUNK_DATA;
    }
    return STEP_CONTINUE;
}

static asc_status step_chunk_data(asc_http_parser *p, uint8_t *buf, size_t len,
                                  bool eof)
{
    size_t avail = len - p->line;
    size_t n = avail < p->remaining ? avail : p->remaining;
    if (n > 0u) {
        size_t out = p->body_off + p->body_len;
        /* out <= p->line: the decoded body only ever moves down. */
        if (out != p->line) {
            memmove(buf + out, buf + p->line, n);
        }
        p->body_len += n;
        p->line += n;
        p->remaining -= n;
    }
    if (p->remaining != 0u) {
        return more(p, len, eof);
    }
    p->state = S_CHUNK_CRLF;
    return STEP_CONTINUE;
}

static asc_status step_chunk_crlf(asc_http_parser *p, const uint8_t *buf,
                                  size_t len, bool eof)
{
    size_t r = p->line;
    if (r >= len) {
        return more(p, len, eof);
    }
    if (buf[r] == '\r') {
        if (r + 1u >= len) {
            return more(p, len, eof);
        }
        r++;
    }
    if (buf[r] != '\n') {
        return ASC_E_HTTP_MALFORMED;
    }
    p->line = r + 1u;
    p->scan = r + 1u;
    p->state = S_CHUNK_SIZE;
    return STEP_CONTINUE;
}

static asc_status step_trailer(asc_http_parser *p, const uint8_t *buf,
                               size_t len, bool eof)
{
    size_t ce, le, ls;
    asc_status st;
    if (!take_line(p, buf, len, &ce, &le)) {
        if (len - p->remaining >= ASC_MAX_RESPONSE_HEADER_BYTES) {
            return ASC_E_HTTP_HEADERS_TOO_LARGE;
        }
        return more(p, len, eof);
    }
    if (le - p->remaining > ASC_MAX_RESPONSE_HEADER_BYTES) {
        return ASC_E_HTTP_HEADERS_TOO_LARGE;
    }
    ls = p->line;
    p->line = le;
    p->scan = le;
    if (ce == ls) {
        p->end = le;
        p->state = S_DONE;
        return STEP_CONTINUE;
    }
    st = header_line(p, buf + ls, ce - ls, true);
    return st == ASC_OK ? STEP_CONTINUE : st;
}

static asc_status run(asc_http_parser *p, uint8_t *buf, size_t len, bool eof)
{
    asc_status st;
    for (;;) {
        switch (p->state) {
        case S_HEAD:
            st = step_head(p, buf, len, eof);
            break;
        case S_BODY_CL:
            if (len - p->body_off < p->remaining) {
                return more(p, len, eof);
            }
            p->body_len = p->remaining;
            p->end = p->body_off + p->remaining;
            p->state = S_DONE;
            st = STEP_CONTINUE;
            break;
        case S_BODY_EOF:
            if (!eof) {
                return more(p, len, eof);
            }
            p->body_len = len - p->body_off;
            p->end = len;
            p->state = S_DONE;
            st = STEP_CONTINUE;
            break;
        case S_CHUNK_SIZE:
            st = step_chunk_size(p, buf, len, eof);
            break;
        case S_CHUNK_DATA:
            st = step_chunk_data(p, buf, len, eof);
            break;
        case S_CHUNK_CRLF:
            st = step_chunk_crlf(p, buf, len, eof);
            break;
        case S_TRAILER:
            st = step_trailer(p, buf, len, eof);
            break;
        case S_DONE:
            return ASC_OK;
        default:
            return ASC_E_HTTP_MALFORMED;
        }
        if (st != STEP_CONTINUE) {
            return st;
        }
    }
}

asc_status asc_http_parse(asc_http_parser *p, uint8_t *buf, size_t len,
                          bool eof)
{
    asc_status st;
    if (p == NULL) {
        return ASC_E_INVALID_ARG;
    }
    if (p->error != 0u) {
        return (asc_status)p->error;
    }
    if ((buf == NULL && len > 0u) || len > p->cap || len < p->seen) {
        return ASC_E_INVALID_ARG;
    }
    p->seen = len;
    if (buf == NULL) {
        /* len == 0: nothing to look at. */
        return more(p, len, eof);
    }
    st = run(p, buf, len, eof);
    if (st != ASC_OK && st != ASC_E_NEED_MORE) {
        p->error = (uint8_t)st;
    }
    return st;
}

/* ---- after the response ---------------------------------------------- */

asc_span asc_http_body(const asc_http_parser *p, const uint8_t *buf)
{
    asc_span s = { NULL, 0 };
    if (p != NULL && buf != NULL && p->state == S_DONE) {
        s.ptr = (const char *)(buf + p->body_off);
        s.len = p->body_len;
    }
    return s;
}

bool asc_http_header(const asc_http_parser *p, const uint8_t *buf,
                     const char *name, asc_span *out)
{
    size_t pos, end, nlen;
    bool first = true;
    if (p == NULL || buf == NULL || name == NULL || out == NULL ||
        p->state != S_DONE) {
        return false;
    }
    nlen = strlen(name);
    pos = p->hdr_off;
    end = p->body_off;
    while (pos < end) {
        const uint8_t *nl = (const uint8_t *)memchr(buf + pos, '\n', end - pos);
        size_t le, ce, vs, ve;
        if (nl == NULL) {
            break;
        }
        le = (size_t)(nl - buf) + 1u;
        ce = le - 1u;
        if (ce > pos && buf[ce - 1u] == '\r') {
            ce--;
        }
        if (first) {
            first = false;
        } else if (ce == pos) {
            break;
        } else if (ce - pos > nlen && buf[pos + nlen] == ':' &&
                   ci_eq(buf + pos, nlen, name)) {
            vs = pos + nlen + 1u;
            ve = ce;
            trim(buf, &vs, &ve);
            out->ptr = (const char *)(buf + vs);
            out->len = ve - vs;
            return true;
        }
        pos = le;
    }
    return false;
}

bool asc_http_date(const asc_http_parser *p, const uint8_t *buf, asc_span *out)
{
    return asc_http_header(p, buf, "date", out);
}

bool asc_http_ratelimit_user_api(const asc_http_parser *p, const uint8_t *buf,
                                 asc_span *out)
{
    return asc_http_header(p, buf, "x-ratelimit-user-api", out);
}

bool asc_http_ratelimit_user(const asc_http_parser *p, const uint8_t *buf,
                             asc_span *out)
{
    return asc_http_header(p, buf, "x-ratelimit-user", out);
}

bool asc_http_ratelimit_api(const asc_http_parser *p, const uint8_t *buf,
                            asc_span *out)
{
    return asc_http_header(p, buf, "x-ratelimit-api", out);
}

bool asc_http_time_left(asc_span value, uint32_t *out_ms)
{
    const uint8_t *v = (const uint8_t *)value.ptr;
    size_t pos = 0, n = value.len;
    if (out_ms == NULL || (v == NULL && n > 0u)) {
        return false;
    }
    while (pos < n) {
        size_t fs = pos, fe, colon, vs, ve, i;
        while (pos < n && v[pos] != ',' && v[pos] != ';') {
            pos++;
        }
        fe = pos;
        pos++; /* past the separator */
        for (colon = fs; colon < fe && v[colon] != ':'; colon++) {
        }
        if (colon == fe) {
            continue;
        }
        {
            size_t ns = fs, ne = colon;
            trim(v, &ns, &ne);
            if (!ci_eq(v + ns, ne - ns, "timeleft")) {
                continue;
            }
        }
        vs = colon + 1u;
        ve = fe;
        trim(v, &vs, &ve);
        if (vs == ve) {
            return false;
        }
        {
            uint32_t x = 0;
            for (i = vs; i < ve; i++) {
                if (v[i] < '0' || v[i] > '9') {
                    return false;
                }
                uint32_t d = (uint32_t)(v[i] - '0');
                if (x > (UINT32_MAX - d) / 10u) {
                    x = UINT32_MAX; /* clamp; keep validating digits */
                } else {
                    x = x * 10u + d;
                }
            }
            *out_ms = x;
        }
        return true;
    }
    return false;
}

bool asc_http_ratelimit_wait_ms(const asc_http_parser *p, const uint8_t *buf,
                                uint32_t *out_ms)
{
    static const char *const names[3] = {
        "x-ratelimit-user-api", "x-ratelimit-user", "x-ratelimit-api"
    };
    bool any = false;
    uint32_t best = 0;
    int i;
    if (out_ms == NULL) {
        return false;
    }
    for (i = 0; i < 3; i++) {
        asc_span v;
        uint32_t ms;
        if (asc_http_header(p, buf, names[i], &v) && asc_http_time_left(v, &ms)) {
            if (!any || ms > best) {
                best = ms;
            }
            any = true;
        }
    }
    if (any) {
        *out_ms = best;
    }
    return any;
}
