/*
 * test_spec_http.c - rules of the response parser (include/asc_http.h),
 * each on both sides (issue 24):
 *  H1 a header line may hold HTAB, SP, VCHAR and obs-text (0x80..0xFF);
 *     any other control byte (0x00..0x1F but HTAB, and DEL) makes the
 *     answer malformed: 0x1F and 0x7F refused, 0x20, 0x7E, 0x80 taken
 *     (strict: in every line; lean: in the headers the parser uses);
 *  H2 numbers are read in full size_t: a Content-Length or chunk size up
 *     to SIZE_MAX - 1 is a length, too large for the buffer
 *     (ASC_E_RESPONSE_TOO_LARGE, no syntax error); SIZE_MAX itself and
 *     anything beyond (overflow) is malformed.
 *  H3 (strict) a header name is a token: every tchar of RFC 9110 5.6.2
 *     (the 15 symbols, digits, both cases of every letter, 'a' to 'z'
 *     inclusive) is taken; a byte outside tchar ('"', '(', ',', '/', '@',
 *     '[', '{', 0x80) makes the answer malformed.
 *  H4 asc_http_header finds a header by its name without regard to ASCII
 *     case, every letter A..Z included, and only by the whole name.
 *  H5 1xx answers are interim, up to 199: the next answer is the final
 *     one; 200 is final.
 *  H6 the status line counts against ASC_MAX_RESPONSE_HEADER_BYTES like
 *     any header line: a status line that long is HEADERS_TOO_LARGE.
 */
#include <stdint.h>
#include <stdio.h>
#include "harness.h"
#include "asc.h"
#include "asc_http.h"

static uint8_t buf[512];

static asc_status parse(const char *text)
{
    asc_http_parser p;
    size_t n = strlen(text);
    memcpy(buf, text, n);
    asc_http_parser_init(&p, sizeof buf);
    return asc_http_parse(&p, buf, n, false);
}

static asc_status with_header(const char *name_value)
{
    char t[256];
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\n%s\r\nContent-Length: 0\r\n\r\n", name_value);
    return parse(t);
}

static void test_control_bytes(void)
{
    T_CASE("H1: SP, VCHAR, HTAB and obs-text in a header line");
    CHECK_EQ(with_header("X-A: a b~c\td"), ASC_OK);
    CHECK_EQ(with_header("X-A: a\x80\xff"), ASC_OK);
    CHECK_EQ(with_header("Server: a\x80 b~"), ASC_OK);
    T_CASE("H1: 0x1F and DEL are control bytes: malformed in a header the parser uses");
    CHECK_EQ(with_header("Connection: close\x1f"), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(with_header("Connection: close\x7f"), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(with_header("Connection: \x01" "close"), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(with_header("Connection: keep-alive, close\x20"), ASC_OK);
#if ASC_STRICT_PARSING
    T_CASE("H1 (strict): in every header line");
    CHECK_EQ(with_header("X-A: a\x1f" "b"), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(with_header("X-A: a\x7f" "b"), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(with_header("Server: a\x1f" "b"), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(with_header("X-A: a\x01" "b"), ASC_E_HTTP_MALFORMED);
#endif
}

/* SIZE_MAX + k (k 0..4) in decimal: SIZE_MAX ends in 5 on 32 and 64 bits. */
static void size_max_plus(char *out, size_t cap, unsigned k)
{
    size_t n;
    (void)snprintf(out, cap, "%zu", (size_t)SIZE_MAX);
    n = strlen(out);
    out[n - 1u] = (char)('5' + k);
}

static void test_big_numbers(void)
{
    char num[32], t[256];
    size_t i;
    T_CASE("H2: Content-Length SIZE_MAX - 5 and SIZE_MAX - 1 are lengths");
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
                   (size_t)SIZE_MAX - 5u);
    CHECK_EQ(parse(t), ASC_E_RESPONSE_TOO_LARGE);
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
                   (size_t)SIZE_MAX - 1u);
    CHECK_EQ(parse(t), ASC_E_RESPONSE_TOO_LARGE);
    T_CASE("H2: Content-Length SIZE_MAX, SIZE_MAX + 1, + 4: malformed");
    for (i = 0; i <= 4u; i += 1u) {
        if (i == 2u || i == 3u) {
            continue;
        }
        size_max_plus(num, sizeof num, (unsigned)i);
        (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nContent-Length: %s\r\n\r\n", num);
        CHECK_EQ(parse(t), ASC_E_HTTP_MALFORMED);
    }
    T_CASE("H2: chunk size SIZE_MAX - 1 is a size, SIZE_MAX and beyond malformed");
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n",
                   (size_t)SIZE_MAX - 1u);
    CHECK_EQ(parse(t), ASC_E_RESPONSE_TOO_LARGE);
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n",
                   (size_t)SIZE_MAX - 0x10u);
    CHECK_EQ(parse(t), ASC_E_RESPONSE_TOO_LARGE);
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n",
                   (size_t)SIZE_MAX);
    CHECK_EQ(parse(t), ASC_E_HTTP_MALFORMED);
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1%zx\r\n",
                   (size_t)0u);
    CHECK_EQ(parse(t), ASC_E_NEED_MORE); /* "10": 16 bytes */
    (void)snprintf(t, sizeof t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1%0*zx\r\n",
                   (int)(2u * sizeof(size_t)), (size_t)0u);
    CHECK_EQ(parse(t), ASC_E_HTTP_MALFORMED); /* 2^(bits of size_t): overflow */
}

static void test_token_names(void)
{
#if ASC_STRICT_PARSING
    static const char *const refused[] = { "\"", "(", ",", "/", "@", "[", "{", "\x80" };
    char line[64];
    size_t i;
    T_CASE("H3 (strict): every tchar in a header name is taken");
    CHECK_EQ(with_header("!#$%&'*+-.^_`|~: v"), ASC_OK);
    CHECK_EQ(with_header("0123456789: v"), ASC_OK);
    CHECK_EQ(with_header("abcdefghijklmnopqrstuvwxyz: v"), ASC_OK);
    CHECK_EQ(with_header("ABCDEFGHIJKLMNOPQRSTUVWXYZ: v"), ASC_OK);
    CHECK_EQ(with_header("z: v"), ASC_OK);
    CHECK_EQ(with_header("Z~: v"), ASC_OK);
    T_CASE("H3 (strict): a byte outside tchar in a name is malformed");
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        (void)snprintf(line, sizeof line, "X%sY: v", refused[i]);
        CHECK_EQ(with_header(line), ASC_E_HTTP_MALFORMED);
    }
#endif
}

static void test_header_lookup(void)
{
    static const char text[] =
        "HTTP/1.1 200 OK\r\nX-ABCDEFGHIJKLMNOPQRSTUVWXYZ: upper\r\n"
        "x-zone: lower\r\nContent-Length: 0\r\n\r\n";
    asc_http_parser p;
    asc_span v;
    T_CASE("H4: asc_http_header compares names without case, A..Z included");
    memcpy(buf, text, sizeof text - 1u);
    asc_http_parser_init(&p, sizeof buf);
    CHECK_EQ(asc_http_parse(&p, buf, sizeof text - 1u, false), ASC_OK);
    CHECK(asc_http_header(&p, buf, "x-abcdefghijklmnopqrstuvwxyz", &v));
    CHECK(v.len == 5u && memcmp(v.ptr, "upper", 5) == 0);
    CHECK(asc_http_header(&p, buf, "X-ZONE", &v));
    CHECK(v.len == 5u && memcmp(v.ptr, "lower", 5) == 0);
    CHECK(asc_http_header(&p, buf, "X-Zone", &v));
    T_CASE("H4: only the whole name");
    CHECK(!asc_http_header(&p, buf, "X-Zon", &v));
    CHECK(!asc_http_header(&p, buf, "X-Zones", &v));
    CHECK(!asc_http_header(&p, buf, "X-Yone", &v));
}

static void test_interim(void)
{
    asc_http_parser p;
    static const char text[] =
        "HTTP/1.1 199 Odd\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    T_CASE("H5: 199 is interim, the 200 after it is the answer");
    memcpy(buf, text, sizeof text - 1u);
    asc_http_parser_init(&p, sizeof buf);
    CHECK_EQ(asc_http_parse(&p, buf, sizeof text - 1u, false), ASC_OK);
    CHECK_EQ(p.status, 200u);
    CHECK_EQ(p.body_len, 2u);
}

static void test_long_status_line(void)
{
    static uint8_t big[ASC_MAX_RESPONSE_HEADER_BYTES + 64];
    static const char start[] = "HTTP/1.1 200 ";
    asc_http_parser p;
    size_t n = ASC_MAX_RESPONSE_HEADER_BYTES + 8u;
    T_CASE("H6: a status line as long as the header limit is too large");
    memset(big, 'x', n);
    memcpy(big, start, sizeof start - 1u);
    big[n - 2u] = '\r';
    big[n - 1u] = '\n';
    asc_http_parser_init(&p, sizeof big);
    CHECK_EQ(asc_http_parse(&p, big, n, false), ASC_E_HTTP_HEADERS_TOO_LARGE);
    T_CASE("H6: ... also before its end has arrived");
    asc_http_parser_init(&p, sizeof big);
    CHECK_EQ(asc_http_parse(&p, big, n - 2u, false), ASC_E_HTTP_HEADERS_TOO_LARGE);
    asc_http_parser_init(&p, sizeof big);
    CHECK_EQ(asc_http_parse(&p, big, ASC_MAX_RESPONSE_HEADER_BYTES - 1u, false), ASC_E_NEED_MORE);
}

int main(void)
{
    test_control_bytes();
    test_big_numbers();
    test_token_names();
    test_header_lookup();
    test_interim();
    test_long_status_line();
    return TEST_REPORT();
}
