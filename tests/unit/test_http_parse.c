/*
 * tests/unit/test_http_parse.c - the HTTP/1.1 response parser.
 *
 * Every vector is fed at once, byte by byte and split at every offset, and
 * must give identical results; cut by EOF at every offset; and parsed in
 * buffers of every size from 0 up. Inputs END at a PROT_NONE guard page
 * (mmap, not malloc: the heap guard aborts on malloc), so any read or write
 * past the buffer crashes; a canary before the buffer catches underruns.
 */
#define _DEFAULT_SOURCE 1
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "harness.h"
#include "asc_http.h"

/* The parser of the OTHER profile (ASC_STRICT_PARSING flipped), compiled
 * into this test under alt_* names for the differential test below. */
#if ASC_STRICT_PARSING
#define ALT_STRICT 0
#else
#define ALT_STRICT 1
#endif
#undef ASC_STRICT_PARSING
#define ASC_STRICT_PARSING ALT_STRICT
#define asc_http_parser_init alt_http_parser_init
#define asc_http_parser_init_connect alt_http_parser_init_connect
#define asc_http_parse alt_http_parse
#define asc_http_body alt_http_body
#define asc_http_date alt_http_date
#define asc_http_header alt_http_header
#define asc_http_ratelimit_wait_ms alt_http_ratelimit_wait_ms
#include "../../src/http_parse.c"
#undef asc_http_parser_init
#undef asc_http_parser_init_connect
#undef asc_http_parse
#undef asc_http_body
#undef asc_http_date
#undef asc_http_header
#undef asc_http_ratelimit_wait_ms
#undef ASC_STRICT_PARSING
#define ASC_STRICT_PARSING (1 - ALT_STRICT)

#if !ASC_ENABLE_CLOCK_SYNC
/* Without clock sync there is no asc_http_date (asc_config.h); the Date
 * header is read through asc_http_header, what asc_http_date does. */
static bool date_of(const asc_http_parser *p, const uint8_t *b, asc_span *d)
{
    return asc_http_header(p, b, "Date", d);
}
static bool alt_date_of(const asc_http_parser *p, const uint8_t *b, asc_span *d)
{
    return alt_http_header(p, b, "Date", d);
}
#define asc_http_date date_of
#define alt_http_date alt_date_of
#endif

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif

#define REGION (64u * 1024u)
#define CANARY 64u

static uint8_t *g_region; /* REGION usable bytes, then a PROT_NONE page */

static void guard_setup(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    size_t page = pg > 0 ? (size_t)pg : 4096u;
    void *m = mmap(NULL, REGION + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    g_region = (uint8_t *)m;
    if (mprotect(g_region + REGION, page, PROT_NONE) != 0) {
        perror("mprotect");
        exit(2);
    }
}

/* A buffer of cap bytes whose end touches the guard page. */
static uint8_t *guard_buf(size_t cap)
{
    uint8_t *b = g_region + REGION - cap;
    memset(b - CANARY, 0xA5, CANARY);
    memset(b, 0xEE, cap);
    return b;
}

static int canary_ok(const uint8_t *b)
{
    size_t i;
    for (i = 1; i <= CANARY; i++) {
        if (b[-(ptrdiff_t)i] != 0xA5) {
            return 0;
        }
    }
    return 1;
}

/* What one parse produced, copied out for comparison. */
typedef struct outcome {
    asc_status st;
    int status;
    int keep_alive;
    size_t end;
    char body[4096];
    size_t body_len;
    char date[64];
    int has_date;
} outcome;

static void capture(outcome *o, asc_status st, const asc_http_parser *p,
                    const uint8_t *buf)
{
    memset(o, 0, sizeof *o);
    o->st = st;
    if (st == ASC_OK) {
        asc_span b = asc_http_body(p, buf), d;
        o->status = p->status;
        o->keep_alive = p->keep_alive;
        o->end = p->end;
        o->body_len = b.len;
        if (b.len <= sizeof o->body) {
            memcpy(o->body, b.ptr, b.len);
        }
        if (asc_http_date(p, buf, &d) && d.len < sizeof o->date) {
            memcpy(o->date, d.ptr, d.len);
            o->has_date = 1;
        }
    }
}

static int same(const outcome *a, const outcome *b)
{
    return a->st == b->st && a->status == b->status &&
           a->keep_alive == b->keep_alive && a->end == b->end &&
           a->body_len == b->body_len &&
           memcmp(a->body, b->body, a->body_len < sizeof a->body ? a->body_len : sizeof a->body) == 0 &&
           a->has_date == b->has_date && strcmp(a->date, b->date) == 0;
}

/* Feed raw[0..n) into a cap-byte guarded buffer in pieces: cuts[] are the
 * successive lengths handed to the parser (ascending; capped at cap). After
 * the last piece, if still NEED_MORE and eof_at_end, signal EOF. */
static asc_status feed(const char *raw, size_t n, size_t cap, const size_t *cuts,
                       size_t ncuts, int eof_at_end, outcome *o)
{
    asc_http_parser p;
    uint8_t *buf = guard_buf(cap);
    size_t len = 0, i;
    asc_status st = ASC_E_NEED_MORE;
    asc_http_parser_init(&p, cap);
    for (i = 0; i < ncuts && st == ASC_E_NEED_MORE; i++) {
        size_t to = cuts[i] < n ? cuts[i] : n;
        if (to > cap) {
            to = cap;
        }
        if (to > len) {
            memcpy(buf + len, raw + len, to - len);
            len = to;
        }
        st = asc_http_parse(&p, buf, len, false);
    }
    if (st == ASC_E_NEED_MORE && eof_at_end) {
        st = asc_http_parse(&p, buf, len, true);
    }
    /* Errors and success are sticky. */
    if (st != ASC_E_NEED_MORE) {
        CHECK_EQ(asc_http_parse(&p, buf, len, eof_at_end != 0), st);
    }
    CHECK(canary_ok(buf));
    capture(o, st, &p, buf);
    return st;
}

typedef struct vec {
    const char *name;
    const char *raw;
    asc_status st;      /* expected with EOF signalled at the end */
    int status;
    const char *body;
    int keep_alive;
    int close_delim;    /* body ends at EOF */
} vec;

#define CRLF "\r\n"
#define OKH "HTTP/1.1 200 OK\r\n"

static const vec k_vecs[] = {
    { "content-length", OKH "Content-Length: 5\r\nDate: Sat, 28 Nov 2026 10:00:00 GMT\r\n\r\nhello",
      ASC_OK, 200, "hello", 1, 0 },
    { "cl zero", OKH "Content-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "cl list equal", OKH "Content-Length: 3, 3\r\ncontent-length:3\r\n\r\nabc",
      ASC_OK, 200, "abc", 1, 0 },
    { "cl ows", OKH "Content-Length: \t 2 \t\r\n\r\nok", ASC_OK, 200, "ok", 1, 0 },
    { "bare lf", "HTTP/1.1 200 OK\nContent-Length: 2\nDate: x\n\nok", ASC_OK, 200, "ok", 1, 0 },
    { "no reason", "HTTP/1.1 404\r\nContent-Length: 1\r\n\r\nx", ASC_OK, 404, "x", 1, 0 },
    { "empty reason", "HTTP/1.1 404 \r\nContent-Length: 1\r\n\r\nx", ASC_OK, 404, "x", 1, 0 },
    { "extra bytes after", OKH "Content-Length: 2\r\n\r\nokEXTRA", ASC_OK, 200, "ok", 1, 0 },
    { "conn close", OKH "Connection: close\r\nContent-Length: 2\r\n\r\nok", ASC_OK, 200, "ok", 0, 0 },
    { "conn list close", OKH "Connection: Upgrade, CLOSE\r\nContent-Length: 2\r\n\r\nok", ASC_OK, 200, "ok", 0, 0 },
    { "chunked", OKH "Transfer-Encoding: chunked\r\nDate: D\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
      ASC_OK, 200, "hello world", 1, 0 },
    { "chunked ext trailers", OKH "transfer-encoding: Chunked\r\n\r\n"
      "5;name=value;x=\"q\"\r\nhello\r\nA\r\n0123456789\r\n00 ; last\r\nX-Trailer: 1\r\nX-T2:  2\r\n\r\n",
      ASC_OK, 200, "hello0123456789", 1, 0 },
    { "chunked upper hex", OKH "Transfer-Encoding: chunked\r\n\r\nB\r\nhello world\r\n0\r\n\r\n",
      ASC_OK, 200, "hello world", 1, 0 },
    { "chunked many", OKH "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n1\r\nb\r\n1\r\nc\r\n2\r\nde\r\n0\r\n\r\n",
      ASC_OK, 200, "abcde", 1, 0 },
    { "chunked and cl", OKH "Content-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
      ASC_OK, 200, "ok", 0, 0 },
    { "chunked empty list elems", OKH "Transfer-Encoding: , chunked\r\n\r\n0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "100 continue", "HTTP/1.1 100 Continue\r\n\r\n" OKH "Content-Length: 2\r\n\r\nok",
      ASC_OK, 200, "ok", 1, 0 },
    { "two interim", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nDate: early\r\nLink: </a>\r\n\r\n"
      OKH "Content-Length: 2\r\n\r\nok", ASC_OK, 200, "ok", 1, 0 },
    { "http10 close delimited", "HTTP/1.0 200 OK\r\nDate: d10\r\n\r\nuntil the end",
      ASC_OK, 200, "until the end", 0, 1 },
    { "http11 close delimited", OKH "\r\n{\"a\":1}", ASC_OK, 200, "{\"a\":1}", 0, 1 },
    /* HTTP/1.0 is never kept alive, "Connection: keep-alive" or not */
    { "http10 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
      ASC_OK, 200, "ok", 0, 0 },
    { "http11 keep-alive", OKH "Connection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
      ASC_OK, 200, "ok", 1, 0 },
    { "http10 cl no ka", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", ASC_OK, 200, "ok", 0, 0 },
    { "204", "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n", ASC_OK, 204, "", 1, 0 },
    { "304", "HTTP/1.1 304 Not Modified\r\n\r\n", ASC_OK, 304, "", 1, 0 },
    { "error 400", "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=utf-8\r\n"
      "Content-Length: 39\r\nx-ratelimit-user-api: Limit:1,Remain:0,TimeLeft:2000,Reset:1234\r\n\r\n"
      "{\"Code\":\"Throttling.User\",\"Message\":\"\"}", ASC_OK, 400,
      "{\"Code\":\"Throttling.User\",\"Message\":\"\"}", 1, 0 },
    /* malformed */
    { "garbage", "HELLO WORLD\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "http2", "HTTP/2 200\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "lowercase http", "http/1.1 200 OK\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "two digit status", "HTTP/1.1 20 OK\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "status 099", "HTTP/1.1 099 OK\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "status no sp", "HTTP/1.1 200OK\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "status letters", "HTTP/1.1 2x0 OK\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "leading blank line", "\r\n" OKH "Content-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "101", "HTTP/1.1 101 Switching Protocols\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "no colon", OKH "Content-Length 5\r\n\r\nhello", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "space before colon", OKH "Content-Length : 5\r\n\r\nhello", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "empty name", OKH ": 5\r\n\r\nhello", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "empty name bare lf", "HTTP/1.1 200 OK\n: 5\n\nhello", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "empty trailer name", OKH "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n: 1\r\n\r\n",
      ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "obs fold", OKH "X-A: 1\r\n  continued\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#if ASC_STRICT_PARSING
    /* strict only: bytes of headers the library does not use */
    { "bare cr in value", OKH "X-A: a\rb\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in value", OKH "X-A: a\x01" "b\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "del in value", OKH "X-A: a\x7f" "b\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "non-tchar name", OKH "X(A): 1\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in reason", "HTTP/1.1 200 O\x01K\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cr in name", OKH "Content\rLength: 2\r\n\r\nokEXTRA", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in trailer", OKH "Transfer-Encoding: chunked\r\n\r\n0\r\nX: \x01\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#else
    /* lean: the same inputs pass, those bytes are only skipped */
    { "bare cr in value", OKH "X-A: a\rb\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "ctl in value", OKH "X-A: a\x01" "b\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "del in value", OKH "X-A: a\x7f" "b\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "non-tchar name", OKH "X(A): 1\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "ctl in reason", "HTTP/1.1 200 O\x01K\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    /* a CR is not folded to '-': the name is not Content-Length */
    { "cr in name", OKH "Content\rLength: 2\r\n\r\nokEXTRA", ASC_OK, 200, "okEXTRA", 0, 1 },
    { "ctl in trailer", OKH "Transfer-Encoding: chunked\r\n\r\n0\r\nX: \x01\r\n\r\n", ASC_OK, 200, "", 1, 0 },
#endif
#if ASC_STRICT_PARSING
    { "tab after code", "HTTP/1.1 200\tOK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#else
    /* lean: any byte HTAB..SP may follow the status code */
    { "tab after code", "HTTP/1.1 200\tOK\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
#endif
    { "ctl after code", "HTTP/1.1 200\x01OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "bang after code", "HTTP/1.1 200!OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    /* both profiles: control bytes in the headers the library uses */
    { "ctl in cl", OKH "Content-Length: 2\x01\r\n\r\nok", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in te", OKH "Transfer-Encoding: chunked\x7f\r\n\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in connection", OKH "Connection: close\x01\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cr in connection", OKH "Connection: keep\ralive\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in date", OKH "Date: a\x02" "b\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl in ratelimit", OKH "x-ratelimit-user: TimeLeft:\x01" "5\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "tab before colon", OKH "Content-Length\t: 5\r\n\r\nhello", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "ctl before colon", OKH "Content-Length\x01: 5\r\n\r\nhello", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "fold after cl", OKH "Content-Length: 2\r\n X: 3\r\n\r\nok", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl conflict", OKH "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl list conflict", OKH "Content-Length: 5, 6\r\n\r\nhello!", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl negative", OKH "Content-Length: -1\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl plus", OKH "Content-Length: +1\r\n\r\nx", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl hex", OKH "Content-Length: 0x10\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl empty", OKH "Content-Length:\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl empty elem", OKH "Content-Length: 1,,1\r\n\r\nx", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl inner space", OKH "Content-Length: 1 2\r\n\r\nx", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl overflow", OKH "Content-Length: 184467440737095516160\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl overflow 2^64", OKH "Content-Length: 18446744073709551616\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te gzip", OKH "Transfer-Encoding: gzip\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te gzip chunked", OKH "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te chunked twice", OKH "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size missing", OKH "Transfer-Encoding: chunked\r\n\r\n\r\nabc\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size bad", OKH "Transfer-Encoding: chunked\r\n\r\nzz\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size backquote", OKH "Transfer-Encoding: chunked\r\n\r\n1`\r\nx\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size at sign", OKH "Transfer-Encoding: chunked\r\n\r\n@\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size junk", OKH "Transfer-Encoding: chunked\r\n\r\n3x\r\nabc\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size cr", OKH "Transfer-Encoding: chunked\r\n\r\n3\rx\r\nabc\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#if ASC_STRICT_PARSING
    { "chunk size ows junk", OKH "Transfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#else
    { "chunk size ows junk", OKH "Transfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", ASC_OK, 200, "abc", 1, 0 },
#endif
    { "chunk size negative", OKH "Transfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk hex overflow", OKH "Transfer-Encoding: chunked\r\n\r\n1FFFFFFFFFFFFFFFFF\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk no crlf after data", OKH "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk cr without lf", OKH "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\rX0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#if ASC_STRICT_PARSING
    { "chunk ext ctl", OKH "Transfer-Encoding: chunked\r\n\r\n3;a\x01\r\nabc\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#else
    { "chunk ext ctl", OKH "Transfer-Encoding: chunked\r\n\r\n3;a\x01\r\nabc\r\n0\r\n\r\n", ASC_OK, 200, "abc", 1, 0 },
#endif
    { "bad trailer", OKH "Transfer-Encoding: chunked\r\n\r\n0\r\nnot a header\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    /* picohttpparser and llhttp response / chunked cases */
    { "chunk ext bws (pico)", OKH "Transfer-Encoding: chunked\r\n\r\n6 ; comment\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n",
      ASC_OK, 200, "hello world", 1, 0 },
    { "chunk ext values", OKH "Transfer-Encoding: chunked\r\n\r\n5 ; a = b ;c= \"d\";e\r\nhello\r\n0;f=\"\"\r\n\r\n",
      ASC_OK, 200, "hello", 1, 0 },
    { "chunk ext quoting (llhttp)", OKH "Transfer-Encoding: chunked\r\n\r\n"
      "5;ilovew3=\"I \\\"love\\\"; \\\\extensions\\\\\";somuchlove=\"aretheseparametersfor\";blah;foo=bar\r\nhello\r\n"
      "6;blahblah;blah\r\n world\r\n0\r\n\r\n", ASC_OK, 200, "hello world", 1, 0 },
    { "chunk ext quoted separators", OKH "Transfer-Encoding: chunked\r\n\r\n2;a=\"x;y=z \\\" w\"\r\nok\r\n0\r\n\r\n",
      ASC_OK, 200, "ok", 1, 0 },
    { "chunk size leading zeros", OKH "Transfer-Encoding: chunked\r\n\r\n0002\r\nok\r\n000\r\n\r\n", ASC_OK, 200, "ok", 1, 0 },
    { "chunk size 0x", OKH "Transfer-Encoding: chunked\r\n\r\n0x2\r\nok\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk size leading space", OKH "Transfer-Encoding: chunked\r\n\r\n 2\r\nok\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "chunk data too long", OKH "Transfer-Encoding: chunked\r\n\r\n2\r\nokk\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "cl leading zeros", OKH "Content-Length: 003\r\n\r\nabc", ASC_OK, 200, "abc", 1, 0 },
    { "cl-x not cl (llhttp)", OKH "Content-Length-X: 0\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
      ASC_OK, 200, "ok", 1, 0 },
    { "empty value", OKH "X-Empty:\r\nX-Blank: \t \r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "two spaces before reason", "HTTP/1.1 200  OK\r\nContent-Length: 0\r\n\r\n", ASC_OK, 200, "", 1, 0 },
    { "two spaces before code", "HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "four digit status", "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "version junk", "HTTP/1.1x 200 OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "version 01.1", "HTTP/01.1 200 OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "version missing minor", "HTTP/1. 200 OK\r\nContent-Length: 0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te chunkedchunked", OKH "Transfer-Encoding: chunkedchunked\r\n\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te chunked identity", OKH "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te identity", OKH "Transfer-Encoding: identity\r\nContent-Length: 2\r\n\r\nok", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    /* issue 20: an empty Transfer-Encoding is refused in both profiles (a
     * framing header: a peer that takes it for absent and one that does
     * not would disagree on the body) */
    { "te empty", OKH "Transfer-Encoding:\r\nContent-Length: 2\r\n\r\nok", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te blank", OKH "Transfer-Encoding: \t \r\nContent-Length: 2\r\n\r\nok", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te commas only", OKH "Transfer-Encoding: , ,\r\nContent-Length: 2\r\n\r\nok", ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
    { "te empty then chunked", OKH "Transfer-Encoding:\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      ASC_E_HTTP_MALFORMED, 0, "", 0, 0 },
#if ASC_STRICT_PARSING
#define STRICT_REFUSES(name, raw, body) { name, raw, ASC_E_HTTP_MALFORMED, 0, "", 0, 0 }
#else
#define STRICT_REFUSES(name, raw, body) { name, raw, ASC_OK, 200, body, 1, 0 }
#endif
    /* strict: chunked framing needs CRLF (RFC 9112 7.1) and chunk
     * extensions follow RFC 9112 7.1.1; lean takes them */
#define TEC OKH "Transfer-Encoding: chunked\r\n\r\n"
    STRICT_REFUSES("chunked lf", OKH "Transfer-Encoding: chunked\n\n3\nabc\n0\n\n", "abc"),
    STRICT_REFUSES("chunk size bare lf", TEC "2\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk data bare lf", TEC "2\r\nok\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("last chunk bare lf", TEC "2\r\nok\r\n0\n\r\n", "ok"),
    STRICT_REFUSES("last line bare lf", TEC "2\r\nok\r\n0\r\n\n", "ok"),
    STRICT_REFUSES("trailer bare lf", TEC "2\r\nok\r\n0\r\nX-T: 1\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext bare lf", TEC "2;a=b\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk size trailing ows", TEC "2 \r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk size trailing tab", TEC "2\t\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext empty", TEC "2;\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext empty after bws", TEC "2 ; \r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext double semicolon", TEC "2;;a\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext no name", TEC "2;=b\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext empty value", TEC "2;a=\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext empty value then ext", TEC "2;a=;b\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext trailing ows", TEC "2;a \r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext value trailing ows", TEC "2;a=b \r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext bad name", TEC "2;a(b)\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext name space", TEC "2;a b\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext value space", TEC "2;a=b c\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext value quote", TEC "2;a=b\"c\"\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext two values", TEC "2;a=b=c\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext text after quote", TEC "2;a=\"b\"c\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext unbalanced quote (llhttp)", TEC "2;a=\"b\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext escaped closing quote", TEC "2;a=\"b\\\"\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext backslash at end", TEC "2;a=\"b\\\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("chunk ext no semicolon", TEC "2 a\r\nok\r\n0\r\n\r\n", "ok"),
    STRICT_REFUSES("last chunk ext empty", TEC "2\r\nok\r\n0;\r\n\r\n", "ok"),
#undef TEC
#undef STRICT_REFUSES
    /* incomplete at EOF */
    { "eof in body", OKH "Content-Length: 10\r\n\r\nhello", ASC_E_CLOSED, 0, "", 0, 0 },
    { "eof in chunk", OKH "Transfer-Encoding: chunked\r\n\r\n5\r\nhel", ASC_E_CLOSED, 0, "", 0, 0 },
    { "eof before last chunk", OKH "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", ASC_E_CLOSED, 0, "", 0, 0 },
    { "eof in trailers", OKH "Transfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n", ASC_E_CLOSED, 0, "", 0, 0 },
    { "eof in headers", OKH "Content-Length: 10\r\n", ASC_E_CLOSED, 0, "", 0, 0 },
    { "eof after 100", "HTTP/1.1 100 Continue\r\n\r\n", ASC_E_CLOSED, 0, "", 0, 0 },
    { "empty", "", ASC_E_CLOSED, 0, "", 0, 0 },
};

#define NVEC (sizeof k_vecs / sizeof k_vecs[0])

static size_t cuts_all(size_t n, size_t *c) { c[0] = n; return 1; }

static void check_expected(const vec *v, const outcome *o)
{
    CHECK_EQ(o->st, v->st);
    if (v->st == ASC_OK && o->st == ASC_OK) {
        CHECK_EQ(o->status, v->status);
        CHECK_MEM(o->body, o->body_len, v->body, strlen(v->body));
        CHECK_EQ(o->keep_alive, v->keep_alive);
    }
}

static size_t g_cuts[8192];

static void test_vectors(void)
{
    size_t vi;
    for (vi = 0; vi < NVEC; vi++) {
        const vec *v = &k_vecs[vi];
        size_t n = strlen(v->raw), i, k;
        outcome ref, o;
        int mismatches = 0;
        T_CASE(v->name);
        /* all at once */
        feed(v->raw, n, n + 16u, g_cuts, cuts_all(n, g_cuts), 1, &ref);
        check_expected(v, &ref);
        /* exact-size buffer too (close-delimited bodies need EOF then) */
        feed(v->raw, n, n, g_cuts, cuts_all(n, g_cuts), 1, &o);
        if (v->st == ASC_OK && !v->close_delim) {
            CHECK(same(&o, &ref));
        } else {
            /* full buffer, not complete, EOF not yet seen */
            CHECK(same(&o, &ref) || o.st == ASC_E_RESPONSE_TOO_LARGE);
        }
        /* byte by byte, starting with an empty call */
        for (i = 0; i <= n; i++) {
            g_cuts[i] = i;
        }
        feed(v->raw, n, n + 16u, g_cuts, n + 1u, 1, &o);
        CHECK(same(&o, &ref));
        /* split at every offset */
        for (k = 0; k <= n; k++) {
            g_cuts[0] = k;
            g_cuts[1] = n;
            feed(v->raw, n, n + 16u, g_cuts, 2, 1, &o);
            if (!same(&o, &ref)) {
                mismatches++;
            }
        }
        CHECK_EQ(mismatches, 0);
        /* EOF at every byte offset: a clean status */
        mismatches = 0;
        for (k = 0; k < n; k++) {
            asc_status st;
            g_cuts[0] = k;
            st = feed(v->raw, n, n + 16u, g_cuts, 1, 1, &o);
            if (st == ASC_E_CLOSED || (st == v->st && st != ASC_OK)) {
                continue;
            }
            if (st == ASC_OK && v->close_delim && o.body_len < strlen(v->body) &&
                memcmp(o.body, v->body, o.body_len) == 0) {
                continue;
            }
            if (st == ASC_OK && v->st == ASC_OK && !v->close_delim && k >= o.end) {
                continue; /* complete already (trailing bytes cut) */
            }
            mismatches++;
            fprintf(stderr, "  eof at %zu: status %d\n", k, (int)st);
        }
        CHECK_EQ(mismatches, 0);
    }
}

/* Buffers of every size from 0 up: too small gives RESPONSE_TOO_LARGE (never
 * an overflow: the guard page is right after), big enough gives the same
 * result as a roomy buffer. */
static void test_every_cap(void)
{
    size_t vi;
    T_CASE("every buffer size");
    for (vi = 0; vi < NVEC; vi++) {
        const vec *v = &k_vecs[vi];
        size_t n = strlen(v->raw), cap, i;
        outcome ref, o;
        int bad = 0, seen_ok = 0;
        if (v->st != ASC_OK) {
            continue;
        }
        T_CASE(v->name);
        for (i = 0; i <= n; i++) {
            g_cuts[i] = i;
        }
        feed(v->raw, n, n + 16u, g_cuts, n + 1u, 1, &ref);
        for (cap = 0; cap <= n + 2u; cap++) {
            /* Receive as a socket would: never more than cap bytes, and
             * EOF is only seen once everything has arrived. */
            asc_status st = feed(v->raw, n, cap, g_cuts, n + 1u, cap >= n, &o);
            if (st == ASC_OK) {
                seen_ok = 1;
                if (!same(&o, &ref)) {
                    bad++;
                }
            } else if (st != ASC_E_RESPONSE_TOO_LARGE || seen_ok) {
                bad++;
                fprintf(stderr, "  cap %zu: status %d\n", cap, (int)st);
            }
        }
        CHECK(seen_ok);
        CHECK_EQ(bad, 0);
    }
}

static void test_early_too_large(void)
{
    const char *r = OKH "Content-Length: 1000\r\n\r\n";
    const char *c = OKH "Transfer-Encoding: chunked\r\n\r\n3E8\r\n";
    outcome o;
    T_CASE("too large known early");
    g_cuts[0] = strlen(r);
    CHECK_EQ(feed(r, strlen(r), 500, g_cuts, 1, 0, &o), ASC_E_RESPONSE_TOO_LARGE);
    g_cuts[0] = strlen(c);
    CHECK_EQ(feed(c, strlen(c), 500, g_cuts, 1, 0, &o), ASC_E_RESPONSE_TOO_LARGE);
    /* exactly fitting is fine */
    g_cuts[0] = strlen(r);
    CHECK_EQ(feed(r, strlen(r), strlen(r) + 1000u, g_cuts, 1, 0, &o), ASC_E_NEED_MORE);
    /* close-delimited body filling the buffer without EOF */
    {
        const char *e = "HTTP/1.0 200 OK\r\n\r\nabcdef";
        g_cuts[0] = strlen(e);
        CHECK_EQ(feed(e, strlen(e), strlen(e), g_cuts, 1, 0, &o), ASC_E_RESPONSE_TOO_LARGE);
    }
}

static char g_big[REGION];

static size_t build_headers(size_t nhdr, size_t pad_to)
{
    size_t n = 0, i;
    n += (size_t)sprintf(g_big + n, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
    for (i = 1; i < nhdr; i++) {
        n += (size_t)sprintf(g_big + n, "X-H%zu: v\r\n", i);
    }
    if (pad_to > 0) {
        /* one more header X-Pad: aaaa... so the block (incl. blank line) is pad_to */
        size_t head = n + strlen("X-Pad: ") + 2u + 2u;
        n += (size_t)sprintf(g_big + n, "X-Pad: ");
        while (n < pad_to - 4u && head <= pad_to) {
            g_big[n++] = 'a';
        }
        n += (size_t)sprintf(g_big + n, "\r\n");
    }
    n += (size_t)sprintf(g_big + n, "\r\nok");
    return n;
}

static void test_header_limits(void)
{
    outcome o;
    size_t n, cap = 32768u, i;
    asc_http_parser p;
    uint8_t *buf;
    T_CASE("no header count limit: only bytes count");
    n = build_headers(600, 0); /* 600 lines, under the byte limit */
    CHECK(n < ASC_MAX_RESPONSE_HEADER_BYTES);
    g_cuts[0] = n;
    CHECK_EQ(feed(g_big, n, cap, g_cuts, 1, 1, &o), ASC_OK);
    CHECK_MEM(o.body, o.body_len, "ok", 2);
    for (i = 0; i <= n; i++) {
        g_cuts[i] = i;
    }
    CHECK_EQ(feed(g_big, n, cap, g_cuts, n + 1u, 1, &o), ASC_OK);
    CHECK_MEM(o.body, o.body_len, "ok", 2);

    T_CASE("header bytes limit");
    n = build_headers(2, ASC_MAX_RESPONSE_HEADER_BYTES);
    CHECK_EQ(n, ASC_MAX_RESPONSE_HEADER_BYTES + 2u);
    g_cuts[0] = n;
    CHECK_EQ(feed(g_big, n, cap, g_cuts, 1, 1, &o), ASC_OK);
    CHECK_MEM(o.body, o.body_len, "ok", 2);
    n = build_headers(2, ASC_MAX_RESPONSE_HEADER_BYTES + 1u);
    CHECK_EQ(n, ASC_MAX_RESPONSE_HEADER_BYTES + 3u);
    g_cuts[0] = n;
    CHECK_EQ(feed(g_big, n, cap, g_cuts, 1, 1, &o), ASC_E_HTTP_HEADERS_TOO_LARGE);
    /* detected before the end arrives: a never-ending header line */
    buf = guard_buf(cap);
    asc_http_parser_init(&p, cap);
    memcpy(buf, "HTTP/1.1 200 OK\r\nX: ", 20);
    memset(buf + 20, 'a', ASC_MAX_RESPONSE_HEADER_BYTES);
    CHECK_EQ(asc_http_parse(&p, buf, 20u + ASC_MAX_RESPONSE_HEADER_BYTES - 21u, false), ASC_E_NEED_MORE);
    CHECK_EQ(asc_http_parse(&p, buf, ASC_MAX_RESPONSE_HEADER_BYTES, false), ASC_E_HTTP_HEADERS_TOO_LARGE);
    /* buffer smaller than the header limit: full buffer is TOO_LARGE */
    buf = guard_buf(100);
    asc_http_parser_init(&p, 100);
    memcpy(buf, "HTTP/1.1 200 OK\r\nX: ", 20);
    memset(buf + 20, 'a', 80);
    CHECK_EQ(asc_http_parse(&p, buf, 100, false), ASC_E_RESPONSE_TOO_LARGE);

    T_CASE("trailer bytes limit");
    n = (size_t)sprintf(g_big, OKH "Transfer-Encoding: chunked\r\n\r\n0\r\nX: ");
    memset(g_big + n, 'b', ASC_MAX_RESPONSE_HEADER_BYTES);
    n += ASC_MAX_RESPONSE_HEADER_BYTES;
    n += (size_t)sprintf(g_big + n, "\r\n\r\n");
    g_cuts[0] = n;
    CHECK_EQ(feed(g_big, n, cap, g_cuts, 1, 1, &o), ASC_E_HTTP_HEADERS_TOO_LARGE);
}

/* Parse a whole response held in a guarded buffer of exactly its size. */
static asc_status parse_whole(const char *r, asc_http_parser *p, uint8_t **out)
{
    size_t n = strlen(r);
    uint8_t *buf = guard_buf(n);
    memcpy(buf, r, n);
    asc_http_parser_init(p, n);
    *out = buf;
    return asc_http_parse(p, buf, n, false);
}

static void test_lookup(void)
{
    const char *r = "HTTP/1.1 103 Early\r\nx-ratelimit-api: TimeLeft:9000\r\nDate: early\r\n\r\n"
                    "HTTP/1.1 400 Bad Request\r\n"
                    "Date: Sat, 28 Nov 2026 10:00:00 GMT\r\n"
                    "X-RateLimit-User-Api:  Limit:1,Remain:0,TimeLeft:2000,Reset:1234 \r\n"
                    "x-ratelimit-user: Limit:5; Remain:0; timeleft : 3500\r\n"
                    "X-Empty:\r\n"
                    "Content-Length: 2\r\n\r\n{}";
    size_t n = strlen(r);
    asc_http_parser p;
    uint8_t *buf = guard_buf(n);
    asc_span s;
    uint32_t ms = 0;
    T_CASE("Date and TimeLeft of the final response");
    memcpy(buf, r, n);
    asc_http_parser_init(&p, n);
    CHECK_EQ(asc_http_parse(&p, buf, n - 1u, false), ASC_E_NEED_MORE);
    CHECK(!asc_http_date(&p, buf, &s)); /* not complete yet */
    CHECK(!asc_http_ratelimit_wait_ms(&p, buf, &ms));
    CHECK_EQ(asc_http_parse(&p, buf, n, false), ASC_OK);
    CHECK_EQ(p.status, 400);
    CHECK_EQ(p.end, n);
    CHECK(asc_http_date(&p, buf, &s));
    CHECK_MEM(s.ptr, s.len, "Sat, 28 Nov 2026 10:00:00 GMT", 29);
    /* the 103's TimeLeft:9000 and Date are forgotten */
    CHECK(asc_http_ratelimit_wait_ms(&p, buf, &ms));
    CHECK_EQ(ms, 3500);
    s = asc_http_body(&p, buf);
    CHECK_MEM(s.ptr, s.len, "{}", 2);

    T_CASE("Date variants");
    CHECK_EQ(parse_whole(OKH "DATE:\tx y \t\r\nContent-Length: 0\r\n\r\n", &p, &buf), ASC_OK);
    CHECK(asc_http_date(&p, buf, &s));
    CHECK_MEM(s.ptr, s.len, "x y", 3);
    CHECK_EQ(parse_whole(OKH "Date:\r\nContent-Length: 0\r\n\r\n", &p, &buf), ASC_OK);
    CHECK(asc_http_date(&p, buf, &s));
    CHECK_EQ(s.len, 0);
    CHECK_EQ(parse_whole(OKH "Date: a\r\ndate: b\r\nContent-Length: 0\r\n\r\n", &p, &buf), ASC_OK);
    CHECK(asc_http_date(&p, buf, &s));
    CHECK_MEM(s.ptr, s.len, "b", 1); /* the last one */
    CHECK_EQ(parse_whole(OKH "Dates: a\r\nX-Date: b\r\nDat: c\r\nContent-Length: 0\r\n\r\n", &p, &buf), ASC_OK);
    CHECK(!asc_http_date(&p, buf, &s));
    /* trailers are not looked at */
    CHECK_EQ(parse_whole(OKH "Transfer-Encoding: chunked\r\n\r\n0\r\nDate: t\r\n"
                         "x-ratelimit-api: TimeLeft:5\r\n\r\n", &p, &buf), ASC_OK);
    CHECK(!asc_http_date(&p, buf, &s));
    CHECK(!asc_http_ratelimit_wait_ms(&p, buf, &ms));
}

/* asc_http_header(name) of a whole response r: 1 and the value in *v
 * (copied, NUL-terminated) when found, 0 when not, -1 when r does not
 * parse. */
static int header_of(const char *r, const char *name, char *v, size_t vcap)
{
    asc_http_parser p;
    uint8_t *buf;
    asc_span s = { "unchanged", 9 };
    if (parse_whole(r, &p, &buf) != ASC_OK) {
        return -1;
    }
    if (!asc_http_header(&p, buf, name, &s)) {
        return s.len == 9 && memcmp(s.ptr, "unchanged", 9) == 0 ? 0 : -2; /* out untouched */
    }
    if (s.len >= vcap || (const uint8_t *)s.ptr < buf || (const uint8_t *)s.ptr + s.len > buf + p.body_off) {
        return -3; /* not inside the final header block */
    }
    memcpy(v, s.ptr, s.len);
    v[s.len] = '\0';
    return 1;
}

static void test_header(void)
{
    char v[128];
    const char *interim = "HTTP/1.1 103 Early Hints\r\nServer: early\r\nLink: </a>\r\n\r\n"
                          "HTTP/1.1 100 Continue\r\nLocation: /hundred\r\n\r\n"
                          "HTTP/1.1 301 Moved Permanently\r\nServer: nginx\r\n"
                          "Location: https://example.com/x\r\nContent-Length: 0\r\n\r\n";
    const char *chunked = OKH "Transfer-Encoding: chunked\r\nServer: Tengine\r\n"
                          "Retry-After:  120 \r\n\r\n"
                          "5\r\nhello\r\n6\r\n world\r\n0\r\nServer: trailer\r\nX-Only-Trailer: 1\r\n\r\n";
    asc_http_parser p;
    uint8_t *buf;
    asc_span s;

    T_CASE("asc_http_header: found, case, OWS");
    CHECK_EQ(header_of(OKH "Server: nginx/1.22.1\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 1);
    CHECK_STR(v, "nginx/1.22.1");
    CHECK_EQ(header_of(OKH "sErVeR: x\r\nContent-Length: 0\r\n\r\n", "SERVER", v, sizeof v), 1);
    CHECK_STR(v, "x");
    CHECK_EQ(header_of(OKH "Retry-After: \t 30 \t \r\nContent-Length: 0\r\n\r\n", "retry-after", v, sizeof v), 1);
    CHECK_STR(v, "30");
    CHECK_EQ(header_of(OKH "Retry-After:Fri, 31 Dec 1999 23:59:59 GMT\r\nContent-Length: 0\r\n\r\n",
                       "Retry-After", v, sizeof v), 1);
    CHECK_STR(v, "Fri, 31 Dec 1999 23:59:59 GMT"); /* inner spaces and ':' kept */
    CHECK_EQ(header_of("HTTP/1.1 200 OK\nServer: bare-lf\nContent-Length: 0\n\n", "Server", v, sizeof v), 1);
    CHECK_STR(v, "bare-lf");
    CHECK_EQ(header_of("HTTP/1.1 200 OK\nServer:\nContent-Length: 0\n\n", "Server", v, sizeof v), 1);
    CHECK_STR(v, "");
    CHECK_EQ(header_of(OKH "X-Empty:\r\nX-Blank: \t \r\nContent-Length: 0\r\n\r\n", "X-Empty", v, sizeof v), 1);
    CHECK_STR(v, "");
    CHECK_EQ(header_of(OKH "X-Empty:\r\nX-Blank: \t \r\nContent-Length: 0\r\n\r\n", "X-Blank", v, sizeof v), 1);
    CHECK_STR(v, "");
    /* the headers the parser reads itself are there too */
    CHECK_EQ(header_of(OKH "Content-Length: 2\r\n\r\nok", "content-length", v, sizeof v), 1);
    CHECK_STR(v, "2");

    T_CASE("asc_http_header: repeated gives the last line");
    CHECK_EQ(header_of(OKH "Server: a\r\nX: 1\r\nserver: b\r\nSERVER: c , d\r\nContent-Length: 0\r\n\r\n",
                       "Server", v, sizeof v), 1);
    CHECK_STR(v, "c , d");
    CHECK_EQ(header_of(OKH "Location: /a\r\nLocation:\r\nContent-Length: 0\r\n\r\n", "Location", v, sizeof v), 1);
    CHECK_STR(v, ""); /* the last one, even empty */

    T_CASE("asc_http_header: absent, exact names only");
    CHECK_EQ(header_of(OKH "Content-Length: 0\r\n\r\n", "Server", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Servers: a\r\nX-Server: b\r\nServe: c\r\nContent-Length: 0\r\n\r\n",
                       "Server", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Server: a\r\nContent-Length: 0\r\n\r\n", "Server ", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Server: a\r\nContent-Length: 0\r\n\r\n", "Server:", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Server: a\r\nContent-Length: 0\r\n\r\n", "", v, sizeof v), 0);
    /* a value that looks like a header line is not one */
    CHECK_EQ(header_of(OKH "X-A: Server: evil\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 0);
    /* the status line is not a header ("HTTP/1.1 200 OK" has no ':'),
     * nor is the body */
    CHECK_EQ(header_of(OKH "Content-Length: 12\r\n\r\nServer: body", "Server", v, sizeof v), 0);
    CHECK_EQ(header_of("HTTP/1.1 200 a:b\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 a", v, sizeof v), 0);

    T_CASE("asc_http_header: interim responses are not the final one");
    CHECK_EQ(header_of(interim, "Server", v, sizeof v), 1);
    CHECK_STR(v, "nginx");
    CHECK_EQ(header_of(interim, "Location", v, sizeof v), 1);
    CHECK_STR(v, "https://example.com/x");
    CHECK_EQ(header_of(interim, "Link", v, sizeof v), 0);

    T_CASE("asc_http_header: trailers are not headers; decoding leaves the head");
    CHECK_EQ(parse_whole(chunked, &p, &buf), ASC_OK);
    s = asc_http_body(&p, buf);
    CHECK_MEM(s.ptr, s.len, "hello world", 11);
    CHECK(asc_http_header(&p, buf, "Server", &s));
    CHECK_MEM(s.ptr, s.len, "Tengine", 7);
    CHECK(asc_http_header(&p, buf, "Retry-After", &s));
    CHECK_MEM(s.ptr, s.len, "120", 3);
    CHECK(!asc_http_header(&p, buf, "X-Only-Trailer", &s));

    T_CASE("asc_http_header: before completion and NULL arguments");
    {
        const char *r = OKH "Server: x\r\nContent-Length: 2\r\n\r\nok";
        size_t n = strlen(r);
        buf = guard_buf(n);
        memcpy(buf, r, n);
        asc_http_parser_init(&p, n);
        CHECK(!asc_http_header(&p, buf, "Server", &s));
        CHECK_EQ(asc_http_parse(&p, buf, n - 1u, false), ASC_E_NEED_MORE);
        CHECK(!asc_http_header(&p, buf, "Server", &s)); /* head complete, body not */
        CHECK_EQ(asc_http_parse(&p, buf, n, false), ASC_OK);
        CHECK(asc_http_header(&p, buf, "Server", &s));
        CHECK(!asc_http_header(NULL, buf, "Server", &s));
        CHECK(!asc_http_header(&p, NULL, "Server", &s));
        CHECK(!asc_http_header(&p, buf, NULL, &s));
        CHECK(!asc_http_header(&p, buf, "Server", NULL));
        /* after an error nothing is found */
        r = OKH "Server: x\r\nContent-Length: z\r\n\r\n";
        n = strlen(r);
        buf = guard_buf(n);
        memcpy(buf, r, n);
        asc_http_parser_init(&p, n);
        CHECK_EQ(asc_http_parse(&p, buf, n, false), ASC_E_HTTP_MALFORMED);
        CHECK(!asc_http_header(&p, buf, "Server", &s));
    }

    T_CASE("asc_http_header: control bytes");
#if ASC_STRICT_PARSING
    CHECK_EQ(header_of(OKH "Server: a\x01" "b\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), -1);
    CHECK_EQ(header_of(OKH "Server: a\rb\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), -1);
#else
    /* lean does not check values it does not use: the accessor refuses
     * them instead of handing out control bytes */
    CHECK_EQ(header_of(OKH "Server: a\x01" "b\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Server: a\rb\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Server: ab\r\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 0);
    CHECK_EQ(header_of(OKH "Server: a\x7f\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 0);
#endif
    /* HTAB inside a value is not a control byte */
    CHECK_EQ(header_of(OKH "Server: a\tb\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 1);
    CHECK_STR(v, "a\tb");
    /* obs-text is handed out as it is */
    CHECK_EQ(header_of(OKH "Server: caf\xc3\xa9\r\nContent-Length: 0\r\n\r\n", "Server", v, sizeof v), 1);
    CHECK_STR(v, "caf\xc3\xa9");
}

/* TimeLeft of a one-header response: 1 and *ms when found, else 0. */
static int time_left(const char *value, uint32_t *ms)
{
    static char r[256];
    asc_http_parser p;
    uint8_t *buf;
    snprintf(r, sizeof r, OKH "x-ratelimit-user: %s\r\nContent-Length: 0\r\n\r\n", value);
    if (parse_whole(r, &p, &buf) != ASC_OK) {
        return -1;
    }
    return asc_http_ratelimit_wait_ms(&p, buf, ms) ? 1 : 0;
}

static void test_time_left(void)
{
    uint32_t ms = 7;
    T_CASE("TimeLeft");
    CHECK(time_left("TimeLeft:0", &ms) == 1 && ms == 0);
    CHECK(time_left("Limit:1,Remain:0,TimeLeft:2000,Reset:1234", &ms) == 1 && ms == 2000);
    CHECK(time_left(" TIMELEFT : 42 ", &ms) == 1 && ms == 42);
    CHECK(time_left("a:1;TimeLeft:43", &ms) == 1 && ms == 43);
    CHECK(time_left("TimeLeft:99999999999", &ms) == 1 && ms == UINT32_MAX);
    CHECK(time_left("TimeLeft:184467440737095516160", &ms) == 1 && ms == UINT32_MAX);
    CHECK(time_left("TimeLeft:4294967295", &ms) == 1 && ms == UINT32_MAX);
    CHECK(time_left("TimeLeft:4294967294", &ms) == 1 && ms == 4294967294u);
    /* several TimeLeft fields: the longest valid one */
    CHECK(time_left("TimeLeft:x,TimeLeft:5,TimeLeft:3", &ms) == 1 && ms == 5);
    /* the number right after "TimeLeft:" counts, whatever follows */
    CHECK(time_left("TimeLeft:5:6", &ms) == 1 && ms == 5);
    CHECK(time_left("Limit:TimeLeft:8", &ms) == 1 && ms == 8);
    ms = 7;
    CHECK_EQ(time_left("TimeLeft:", &ms), 0);
    CHECK_EQ(time_left("TimeLeft:12a", &ms), 0);
    CHECK_EQ(time_left("TimeLeft:-1", &ms), 0);
    CHECK_EQ(time_left("TimeLeft:1 2", &ms), 0);
    CHECK_EQ(time_left("Limit:1,Remain:0", &ms), 0);
    CHECK_EQ(time_left("TimeLeftX:5", &ms), 0);
    CHECK_EQ(time_left("XTimeLeft:5", &ms), 0);
    CHECK_EQ(time_left("TimeLeft", &ms), 0);
    CHECK_EQ(time_left("TimeLeft,5", &ms), 0);
    CHECK_EQ(time_left("TimeLeft;5", &ms), 0);
    CHECK_EQ(time_left("TimeLeft ; 5", &ms), 0);
    CHECK_EQ(time_left("5", &ms), 0);
    CHECK_EQ(time_left("", &ms), 0);
    CHECK_EQ(ms, 7);
    /* only the three rate-limit headers count */
    {
        asc_http_parser p;
        uint8_t *buf;
        CHECK_EQ(parse_whole(OKH "x-ratelimit-users: TimeLeft:1\r\nx-ratelimit: TimeLeft:2\r\n"
                             "x-ratelimit-user-ap: TimeLeft:3\r\nratelimit-api: TimeLeft:4\r\n"
                             "Content-Length: 0\r\n\r\n", &p, &buf), ASC_OK);
        CHECK(!asc_http_ratelimit_wait_ms(&p, buf, &ms));
        CHECK_EQ(parse_whole(OKH "X-RATELIMIT-API: TimeLeft:4\r\nContent-Length: 0\r\n\r\n", &p, &buf), ASC_OK);
        CHECK(asc_http_ratelimit_wait_ms(&p, buf, &ms));
        CHECK_EQ(ms, 4);
    }
}

static void test_args(void)
{
    asc_http_parser p;
    uint8_t *buf = guard_buf(64);
    T_CASE("arguments");
    asc_http_parser_init(&p, 64);
    CHECK_EQ(asc_http_parse(NULL, buf, 0, false), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_http_parse(&p, NULL, 1, false), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_http_parse(&p, buf, 65, false), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_http_parse(&p, NULL, 0, false), ASC_E_NEED_MORE);
    CHECK_EQ(asc_http_parse(&p, NULL, 0, true), ASC_E_CLOSED);
    asc_http_parser_init(&p, 64);
    memcpy(buf, "HTTP/1.1", 8);
    CHECK_EQ(asc_http_parse(&p, buf, 8, false), ASC_E_NEED_MORE);
    CHECK_EQ(asc_http_parse(&p, buf, 4, false), ASC_E_INVALID_ARG); /* shrank */
    CHECK_EQ(asc_http_parse(&p, buf, 8, false), ASC_E_NEED_MORE);
    /* zero capacity */
    asc_http_parser_init(&p, 0);
    CHECK_EQ(asc_http_parse(&p, buf + 64, 0, false), ASC_E_RESPONSE_TOO_LARGE);
    /* strict: garbage prefix is caught before the line ends; lean: when
     * the line is complete */
    asc_http_parser_init(&p, 64);
    memcpy(buf, "HTTX\n", 5);
    CHECK_EQ(asc_http_parse(&p, buf, 4, false),
             ASC_STRICT_PARSING ? ASC_E_HTTP_MALFORMED : ASC_E_NEED_MORE);
    CHECK_EQ(asc_http_parse(&p, buf, 5, false), ASC_E_HTTP_MALFORMED);
    printf("sizeof(asc_http_parser) = %zu\n", sizeof(asc_http_parser));
}

/* Mutated vectors: whatever the parser answers, feeding at once, byte by
 * byte and split at a random offset must agree (and never touch the guard
 * page or the canary). */
static unsigned long g_rng = 12345u;
static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 1103515245u + 12345u;
    return (unsigned)((g_rng >> 16) % n);
}

static char g_mut[1024];

static void test_mutations(void)
{
    static const char alphabet[] = "\r\n :;,0aF-\t\x01\x80Hx";
    size_t vi, round, i;
    int bad = 0;
    T_CASE("mutations agree across feeds");
    for (vi = 0; vi < NVEC; vi++) {
        size_t n = strlen(k_vecs[vi].raw);
        if (n == 0 || n >= sizeof g_mut) {
            continue;
        }
        for (round = 0; round < 60; round++) {
            outcome a, b, c;
            unsigned nm = 1u + rnd(3), m;
            size_t k;
            memcpy(g_mut, k_vecs[vi].raw, n);
            for (m = 0; m < nm; m++) {
                g_mut[rnd((unsigned)n)] = alphabet[rnd(sizeof alphabet - 1u)];
            }
            feed(g_mut, n, n + 8u, g_cuts, cuts_all(n, g_cuts), 1, &a);
            for (i = 0; i <= n; i++) {
                g_cuts[i] = i;
            }
            feed(g_mut, n, n + 8u, g_cuts, n + 1u, 1, &b);
            k = rnd((unsigned)n + 1u);
            g_cuts[0] = k;
            g_cuts[1] = n;
            feed(g_mut, n, n + 8u, g_cuts, 2, 1, &c);
            if (!same(&a, &b) || !same(&a, &c)) {
                bad++;
            }
        }
    }
    CHECK_EQ(bad, 0);
}

/* One parse of raw[0..n) (+ EOF) by this build's parser and by the other
 * profile's: the lean parser accepts everything the strict one accepts,
 * with the identical result (status, framing, body, Date, TimeLeft, other
 * headers through asc_http_header), and
 * rejects only what the strict one rejects too. */
static int g_lean_only;

static int differ(const char *raw, size_t n)
{
    static uint8_t b1[1100], b2[1100];
    asc_http_parser p1, p2;
    asc_status s1, s2, strict_st, lean_st;
    uint32_t ms1 = 0, ms2 = 0;
    asc_span d1 = { NULL, 0 }, d2 = { NULL, 0 };
    size_t cap = n + 8u;
    if (cap > sizeof b1) {
        return 0;
    }
    memcpy(b1, raw, n);
    memcpy(b2, raw, n);
    asc_http_parser_init(&p1, cap);
    alt_http_parser_init(&p2, cap);
    s1 = asc_http_parse(&p1, b1, n, false);
    if (s1 == ASC_E_NEED_MORE) {
        s1 = asc_http_parse(&p1, b1, n, true);
    }
    s2 = alt_http_parse(&p2, b2, n, false);
    if (s2 == ASC_E_NEED_MORE) {
        s2 = alt_http_parse(&p2, b2, n, true);
    }
    strict_st = ASC_STRICT_PARSING ? s1 : s2;
    lean_st = ASC_STRICT_PARSING ? s2 : s1;
    g_lean_only += lean_st == ASC_OK && strict_st != ASC_OK;
    if (strict_st == ASC_OK) {
        asc_span x1 = asc_http_body(&p1, b1), x2 = alt_http_body(&p2, b2);
        bool h1 = asc_http_date(&p1, b1, &d1), h2 = alt_http_date(&p2, b2, &d2);
        bool r1 = asc_http_ratelimit_wait_ms(&p1, b1, &ms1);
        bool r2 = alt_http_ratelimit_wait_ms(&p2, b2, &ms2);
        static const char *const names[] = { "X-A", "X-Trailer", "Link", "Connection", "Content-Length" };
        size_t k;
        for (k = 0; k < sizeof names / sizeof names[0]; k++) {
            asc_span v1 = { NULL, 0 }, v2 = { NULL, 0 };
            bool f1 = asc_http_header(&p1, b1, names[k], &v1);
            bool f2 = alt_http_header(&p2, b2, names[k], &v2);
            if (f1 != f2 || v1.len != v2.len ||
                (f1 && v1.ptr - (const char *)b1 != v2.ptr - (const char *)b2)) {
                return 1;
            }
        }
        return lean_st != ASC_OK || p1.status != p2.status ||
               p1.keep_alive != p2.keep_alive || p1.end != p2.end ||
               x1.len != x2.len || memcmp(x1.ptr, x2.ptr, x1.len) != 0 ||
               h1 != h2 || d1.len != d2.len ||
               (h1 && d1.ptr - (const char *)b1 != d2.ptr - (const char *)b2) ||
               r1 != r2 || ms1 != ms2;
    }
    return lean_st == ASC_OK && strict_st != ASC_E_HTTP_MALFORMED;
}

static void test_differential(void)
{
    static const char alphabet[] = "\r\n :;,0aF-\t\x01\x7f\x80Hx(";
    size_t vi, round;
    int bad = 0, lean_only = 0;
    T_CASE("lean and strict agree on every input the strict parser accepts");
    for (vi = 0; vi < NVEC; vi++) {
        size_t n = strlen(k_vecs[vi].raw);
        if (n >= sizeof g_mut) {
            continue;
        }
        bad += differ(k_vecs[vi].raw, n);
        for (round = 0; round < 400; round++) {
            unsigned nm = 1u + rnd(3), m;
            memcpy(g_mut, k_vecs[vi].raw, n);
            for (m = 0; m < nm && n > 0; m++) {
                g_mut[rnd((unsigned)n)] = alphabet[rnd(sizeof alphabet - 1u)];
            }
            bad += differ(g_mut, n);
        }
    }
    CHECK_EQ(bad, 0);
    lean_only = g_lean_only;
    CHECK(lean_only > 0); /* the mutations did reach the lean-only cases */
}

/* Header names and value words are matched as text: each (either case)
 * is recognised; common header names and tokens, every one-byte change of
 * a word, a word cut short or lengthened are not. */
typedef struct known_word {
    const char *text;
    enum used_header header; /* HDR_UNUSED: a value word */
} known_word;

/* What the parser makes of s[0..n) where it expects w. */
static int recognised(const known_word *w, const uint8_t *s, size_t n)
{
    if (w->header != HDR_UNUSED) {
        return used_header_of(s, n) == w->header;
    }
    return ascii_equal_nocase(s, n, w->text);
}

static void test_word_match(void)
{
    static const known_word words[] = {
        { "content-length", HDR_CONTENT_LENGTH }, { "connection", HDR_CONNECTION },
        { "transfer-encoding", HDR_TRANSFER_ENCODING }, { "date", HDR_DATE },
        { "x-ratelimit-user-api", HDR_RATELIMIT }, { "x-ratelimit-user", HDR_RATELIMIT },
        { "x-ratelimit-api", HDR_RATELIMIT },
        { "chunked", HDR_UNUSED }, { "close", HDR_UNUSED }, { "timeleft", HDR_UNUSED }
    };
    static const char *const other[] = {
        "accept", "accept-ranges", "access-control-allow-origin",
        "age", "allow", "alt-svc", "cache-control", "content-encoding",
        "content-location", "content-md5", "content-range", "content-type",
        "etag", "expires", "keep-alive", "last-modified", "link", "location",
        "proxy-connection", "retry-after", "server", "set-cookie", "te",
        "trailer", "upgrade", "vary", "via", "x-acs-request-id",
        "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
        "x-ratelimit-user-api-limit", "x-ratelimit", "x-ratelimit-",
        "content-length ", " content-length", "content", "", "gzip",
        "identity", "limit", "remain", "reset", "time", "left", "time-left",
        "0", "1", "2000", "gmt"
    };
    size_t i, j, k;
    T_CASE("header words as text");
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        const known_word *w = &words[i];
        uint8_t b[32];
        size_t n = strlen(w->text);
        memcpy(b, w->text, n);
        CHECK(recognised(w, b, n));
        for (j = 0; j < n; j++) { /* upper case */
            b[j] = (uint8_t)(b[j] >= 'a' && b[j] <= 'z' ? b[j] - 32 : b[j]);
        }
        CHECK(recognised(w, b, n));
        memcpy(b, w->text, n);
        for (j = 0; j < n; j++) {
            unsigned c, bad = 0;
            for (c = 0; c < 256u; c++) {
                /* every other byte at j, but the word's own letter in
                 * either case */
                unsigned lower = c >= 'A' && c <= 'Z' ? c + 32u : c;
                b[j] = (uint8_t)c;
                if (lower != (uint8_t)w->text[j] && recognised(w, b, n)) {
                    bad++;
                }
            }
            CHECK_EQ(bad, 0);
            b[j] = (uint8_t)w->text[j];
        }
        CHECK(!recognised(w, b, n - 1u));
        b[n] = 's';
        CHECK(!recognised(w, b, n + 1u));
        for (k = 0; k < sizeof other / sizeof other[0]; k++) {
            CHECK(!recognised(w, (const uint8_t *)other[k], strlen(other[k])));
        }
    }
}

int main(void)
{
    guard_setup();
    test_vectors();
    test_every_cap();
    test_early_too_large();
    test_header_limits();
    test_lookup();
    test_header();
    test_word_match();
    test_time_left();
    test_args();
    test_mutations();
    test_differential();
    return TEST_REPORT();
}
