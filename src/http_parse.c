/*
 * src/http_parse.c - resumable, zero-copy HTTP/1.1 response parser.
 *
 * Why it looks like this:
 * - State is offsets only, so the caller may place the struct anywhere and
 *   nothing dangles. Every read is bounded by len; every write (chunk
 *   de-framing) goes to an offset below the current read offset, so it
 *   stays inside buf[0..len) and never touches bytes not yet received.
 * - Everything but body bytes is one complete line at a time (status line,
 *   headers, chunk sizes, the CRLF after chunk data, trailers); the LF
 *   search resumes where it stopped, so feeding byte by byte stays linear.
 * - Headers are not stored: the few the client needs (framing, Connection,
 *   Date, the x-ratelimit TimeLeft) are recorded as their line is checked;
 *   their names and value words are compared as text, without case.
 * - No recursion, no heap, no static buffers.
 */
#include <stddef.h>
#include <string.h>
#include "asc_http.h"

/* Line states first (S_TRAIL and below count against the header limit);
 * a blank line in S_TRAIL or S_CRLF moves on to the next state. */
enum { S_STATUS, S_HEAD, S_TRAIL, S_DONE, S_CRLF, S_SIZE, S_DATA };

/* Index of a word in k_words. */
enum {
    W_CL, W_CONN, W_TE, W_DATE, W_RL, /* W_RL..W_RL+2: x-ratelimit-* */
    W_CHUNKED = 7, W_CLOSE, W_TIMELEFT
};

/* The words as text (lowercase), in index order. */
static const char *const k_words[] = {
    "content-length", "connection", "transfer-encoding", "date",
    "x-ratelimit-user-api", "x-ratelimit-user", "x-ratelimit-api",
    "chunked", "close", "timeleft"
};
typedef char k_words_in_index_order[
    (sizeof k_words / sizeof k_words[0] == W_TIMELEFT + 1u) ? 1 : -1];

enum {
    F_CL = (unsigned)1 << (unsigned)(W_CHUNKED - 1), /* next to F_CHUNKED */
    F_RL = (unsigned)1 << (unsigned)W_TE, /* a TimeLeft was seen */
    F_CHUNKED = (unsigned)1 << (unsigned)W_CHUNKED,
    F_CLOSE = (unsigned)1 << (unsigned)W_CLOSE,
    F_KA = (unsigned)1 << (unsigned)W_DATE /* HTTP/1.1 */
};

#if ASC_STRICT_PARSING
/* RFC 9110 tchar, one bit per ASCII code. */
static const uint8_t k_tchar[16] = {
    0, 0, 0, 0, 0xfa, 0x6c, 0xff, 0x03, 0xfe, 0xff, 0xff, 0xc7, 0xff, 0xff, 0xff, 0x57
};
#endif

#if ASC_STRICT_PARSING
/* A control byte other than HTAB (never valid in a line). */
static bool is_ctl(uint8_t c) { return (c < 0x20u && c != '\t') || c == 0x7fu; }
#endif

void asc_http_parser_init(asc_http_parser *p, size_t cap)
{
    if (p != NULL) {
        memset(p, 0, sizeof *p);
        p->cap = cap;
    }
}

static bool is_ows(uint8_t c) { return c == ' ' || c == '\t'; }

/* Leading digits of s[0..n) in base 10 or 16: returns how many; *out
 * saturates at SIZE_MAX (callers treat SIZE_MAX as overflow). */
static size_t num(const uint8_t *s, size_t n, size_t base, size_t *out)
{
    size_t i, v = 0;
    for (i = 0; i < n; i++) {
        size_t d = (size_t)s[i] - 0x30u; /* '0' */
        if (d > 9u) {
            d = (size_t)(s[i] | 0x20u) - 0x57u; /* 'a' - 10; wraps */
            if (d < 10u || d >= base) {
                break;
            }
        }
        v = v > (SIZE_MAX - d) / base ? SIZE_MAX : v * base + d;
    }
    *out = v;
    return i;
}

/* ASCII letter c in lowercase; every other byte as it is. */
static uint8_t ascii_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c - 'A' + 'a') : c;
}

/* s[0..n) is the text of word, ASCII letters compared without case. */
static bool ascii_equal_nocase(const uint8_t *s, size_t n, const char *word)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (word[i] == '\0' || ascii_lower(s[i]) != ascii_lower((uint8_t)word[i])) {
            return false;
        }
    }
    return word[n] == '\0';
}

/* Index of s[0..n) in k_words (case-insensitive), W_TIMELEFT + 1 when
 * absent. */
static unsigned word(const uint8_t *s, size_t n)
{
    unsigned k;
    for (k = 0; k <= W_TIMELEFT && !ascii_equal_nocase(s, n, k_words[k]); k++) {
    }
    return k;
}

/* The value b[i..n) of header `kind` (a word index), walked as a list:
 * elements split at ',' (x-ratelimit-*: also ';' and ':'; Date: not at
 * all), each trimmed. b[n] is the line's CR or LF. */
static asc_status field(asc_http_parser *p, const uint8_t *b, unsigned kind,
                        size_t i, size_t n)
{
    bool tl = false; /* after "TimeLeft:" */
    size_t s = i, e = i; /* element without OWS: empty while s == e */
    for (;; i++) {
        unsigned c = b[i];
        if (i == n || (c == ',' && kind != W_DATE) ||
            ((c | 1u) == ';' && kind > W_DATE)) { /* ':' or ';' */
            size_t x, k;
            unsigned w = word(b + s, e - s);
            k = num(b + s, e - s, 10u, &x);
            k = (k != 0u && k == e - s); /* a plain decimal number */
            if (kind == W_CL) {
                if (k == 0u || x == SIZE_MAX || ((p->flags & F_CL) != 0u && x != p->rem)) {
                    return ASC_E_HTTP_MALFORMED;
                }
                p->rem = x;
                p->flags |= F_CL;
            } else if (kind > W_DATE) {
                /* "name:value" fields; a TimeLeft value counts. */
                if (tl && k != 0u) {
                    if (x > p->rl) {
                        p->rl = (uint32_t)(x < UINT32_MAX ? x : UINT32_MAX);
                    }
                    p->flags |= F_RL;
                }
                tl = w == W_TIMELEFT && c == ':';
            } else if (kind != W_DATE) {
                /* Transfer-Encoding: only chunked, once (we never ask for a
                 * coding); empty elements are ignored. Connection: note
                 * close. W_CHUNKED is 9 - W_TE, W_CLOSE 9 - W_CONN. */
                unsigned f = w == 9u - kind ? 1u << w : 0u;
                if (kind == W_TE && s != e && (f == 0u || (p->flags & f) != 0u)) {
                    return ASC_E_HTTP_MALFORMED;
                }
                p->flags = (uint16_t)(p->flags | f);
            } else {
#if ASC_ENABLE_CLOCK_SYNC
                p->date_off = s;
                p->date_len = e - s;
#endif
            }
            if (i == n) {
                return ASC_OK;
            }
            s = e = i + 1u;
        } else if (c > ' ' && c != 0x7fu) {
            if (s == e) {
                s = i;
            }
            e = i + 1u;
#if !ASC_STRICT_PARSING
        } else if (!is_ows((uint8_t)c)) {
            /* lean: only the values of used headers are checked */
            return ASC_E_HTTP_MALFORMED;
#endif
        }
    }
}

/* Status line "HTTP/1.x NNN" and the byte after it (SP, or the line
 * end; lean: any byte in HTAB..SP): byte ranges, NNN in 100..599. */
static const char k_status[26] = "HHTTTTPP//11..09  150909\t ";

/* s[0..k) fits the status line pattern. */
static bool status_ok(const uint8_t *s, size_t k)
{
    size_t i;
    for (i = 0; i < k; i++) {
        const char *r = k_status + 2u * i;
        if ((unsigned)(s[i] - r[0]) > (unsigned)(r[1] - r[0])) {
            return false;
        }
    }
    return true;
}

static asc_status run(asc_http_parser *p, uint8_t *buf, size_t len, bool eof)
{
    for (;;) {
        size_t at = p->pos, le = len, n, i, x;
        const uint8_t *s = buf + at, *nl;
        unsigned st = p->state, fl = p->flags;
        if (st == S_DONE) {
            p->end = at;
            return ASC_OK;
        }
        if (st == S_DATA) {
            /* Body bytes, moved down to the end of the decoded body (a
             * no-op unless chunked). */
            if (p->rem > p->cap - at) {
                return ASC_E_RESPONSE_TOO_LARGE;
            }
            n = len - at;
            if (n > p->rem) {
                n = p->rem;
            }
            memmove(buf + p->body_off + p->body_len, s, n);
            p->body_len += n;
            p->rem -= n;
            p->pos = p->scan = at + n;
            if ((fl & (F_CL | F_CHUNKED)) == 0u) {
                if (!eof) { /* a body that ends at EOF */
                    break;
                }
            } else if (p->rem != 0u) {
                break;
            }
            /* chunked: S_CRLF (S_DONE + 1), else S_DONE */
            p->state = (uint8_t)(S_DONE + ((fl / F_CHUNKED) & 1u));
            continue;
        }
        /* scan <= len; memchr of 0 bytes finds nothing */
        nl = (const uint8_t *)memchr(buf + p->scan, '\n', len - p->scan);
        if (nl != NULL) {
            le = (size_t)(nl - buf);
        }
        p->scan = le; /* len: no LF yet */
        if (st <= S_TRAIL && le - p->blk >= ASC_MAX_RESPONSE_HEADER_BYTES) {
            return ASC_E_HTTP_HEADERS_TOO_LARGE;
        }
        n = le - at;
#if ASC_STRICT_PARSING
        if (st == S_STATUS && !status_ok(s, n < 13u ? n : 13u)) {
            return ASC_E_HTTP_MALFORMED; /* checked as bytes arrive */
        }
#endif
        if (le == len) {
            break;
        }
        if (n > 0u && s[n - 1u] == '\r') {
            n--;
        }
        p->pos = p->scan = le + 1u;
#if ASC_STRICT_PARSING
        /* every line: HTAB, SP, VCHAR, obs-text only */
        for (i = 0; i < n; i++) {
            if (is_ctl(s[i])) {
                return ASC_E_HTTP_MALFORMED;
            }
        }
#endif
        if (st == S_SIZE) {
            /* hex size, OWS, optional ";extensions" (ignored) */
            i = num(s, n, 16u, &x);
            if (i == 0u || x == SIZE_MAX) {
                return ASC_E_HTTP_MALFORMED;
            }
#if ASC_STRICT_PARSING
            while (i < n && is_ows(s[i])) {
                i++;
            }
            if (i < n && s[i] != ';') {
#else
            /* lean: the digits end the line or are followed by OWS or ';' */
            if (i < n && s[i] != ';' && !is_ows(s[i])) {
#endif
                return ASC_E_HTTP_MALFORMED;
            }
            p->rem = x;
            p->blk = p->pos; /* used only if trailers follow */
            p->state = x != 0u ? S_DATA : S_TRAIL;
        } else if (st == S_STATUS) {
            /* "HTTP/1.x NNN[ reason]" */
            /* s[12] is SP, or the CR or LF that ends the line */
#if ASC_STRICT_PARSING
            if (n < 12u || (n > 12u && s[12] != ' ')) {
#else
            /* lean: the pattern fails at the CR or LF of a shorter line,
             * so nothing past the line end is read */
            if (!status_ok(s, 13u)) {
#endif
                return ASC_E_HTTP_MALFORMED;
            }
            (void)num(s + 9, 3u, 10u, &x);
            p->status = (uint16_t)x;
            /* a fresh block: what an interim response noted is dropped */
            p->flags = s[7] != '0' ? F_KA : 0u;
            p->rl = 0;
#if ASC_ENABLE_CLOCK_SYNC
            p->date_off = 0;
#endif
            p->state = S_HEAD;
        } else if (n != 0u) {
            /* "name:value"; a leading space (obs-fold) fails the name */
            if (st == S_CRLF) {
                return ASC_E_HTTP_MALFORMED;
            }
#if ASC_STRICT_PARSING
            for (i = 0; s[i] < 128u && ((k_tchar[s[i] >> 3] >> (s[i] & 7u)) & 1u) != 0u; i++) {
            }
            /* s[n] is the CR or LF, not a tchar and not ':' */
            if (i == 0u || s[i] != ':') {
                return ASC_E_HTTP_MALFORMED;
            }
#else
            /* lean: the name is not checked, but must not start (obs-fold)
             * or end in whitespace, so no folded line or "Name :" can be
             * taken for, or hide, a used header. An empty name fails too:
             * s[-1] is the LF that ended the line before. */
            nl = (const uint8_t *)memchr(s, ':', n);
            if (nl == NULL || s[0] <= ' ' || nl[-1] <= ' ') {
                return ASC_E_HTTP_MALFORMED;
            }
            i = (size_t)(nl - s);
#endif
            x = word(s, i);
            if (st == S_HEAD && x <= W_RL + 2u) { /* trailers: checked, ignored */
                asc_status r = field(p, buf, (unsigned)x, at + i + 1u, at + n);
                if (r != ASC_OK) {
                    return r;
                }
            }
        } else if (st != S_HEAD) {
            p->state = (uint8_t)(st + 1u); /* S_TRAIL: S_DONE, S_CRLF: S_SIZE */
        } else if (p->status < 200u) {
            /* End of an interim response: parse the next block afresh. */
            if (p->status == 101u) {
                return ASC_E_HTTP_MALFORMED; /* we never ask to switch */
            }
            p->blk = p->pos;
            p->state = S_STATUS;
        } else {
            /* End of the final head: choose the framing. */
            p->body_off = p->pos;
            st = S_DATA;
            if (p->status == 204u || p->status == 304u) {
                st = S_DONE;
            } else {
                if ((((fl >> 1) ^ fl) & F_CL) == 0u) {
                    /* neither: the body ends with the connection; both:
                     * chunked (S_SIZE sets rem), do not trust the rest */
                    fl |= F_CLOSE;
                    p->rem = p->cap - p->pos;
                }
                if ((fl & F_CHUNKED) != 0u) {
                    st = S_SIZE;
                }
            }
            p->state = (uint8_t)st;
            p->keep_alive = (fl & (F_CLOSE | F_KA)) == F_KA;
        }
    }
    if (eof) {
        return ASC_E_CLOSED;
    }
    return len >= p->cap ? ASC_E_RESPONSE_TOO_LARGE : ASC_E_NEED_MORE;
}

asc_status asc_http_parse(asc_http_parser *p, uint8_t *buf, size_t len,
                          bool eof)
{
    asc_status st;
    uint8_t *b = buf;
    if (p == NULL) {
        return ASC_E_INVALID_ARG;
    }
    if (p->error != 0u) {
        return (asc_status)p->error;
    }
    if (b == NULL) {
        /* An empty buffer may be NULL; nothing is read from it then. */
        b = (uint8_t *)p;
        if (len != 0u) {
            return ASC_E_INVALID_ARG;
        }
    }
    if (len > p->cap || len < p->seen) {
        return ASC_E_INVALID_ARG;
    }
    p->seen = len;
    st = run(p, b, len, eof);
    if (st != ASC_E_NEED_MORE) {
        p->error = (uint8_t)st; /* ASC_OK is 0: "no error" */
    }
    return st;
}

static bool done(const asc_http_parser *p, const void *a, const void *b)
{
    return p != NULL && a != NULL && b != NULL && p->state == S_DONE;
}

asc_span asc_http_body(const asc_http_parser *p, const uint8_t *buf)
{
    asc_span s = { NULL, 0 };
    if (done(p, buf, buf)) {
        s.ptr = (const char *)(buf + p->body_off);
        s.len = p->body_len;
    }
    return s;
}

#if ASC_ENABLE_CLOCK_SYNC
bool asc_http_date(const asc_http_parser *p, const uint8_t *buf, asc_span *out)
{
    if (!done(p, buf, out) || p->date_off == 0u) {
        return false;
    }
    out->ptr = (const char *)(buf + p->date_off);
    out->len = p->date_len;
    return true;
}
#endif

bool asc_http_ratelimit_wait_ms(const asc_http_parser *p, const uint8_t *buf,
                                uint32_t *out_ms)
{
    if (!done(p, buf, out_ms) || (p->flags & F_RL) == 0u) {
        return false;
    }
    *out_ms = p->rl;
    return true;
}
