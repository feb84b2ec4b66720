/*
 * The small helpers as specified in src/util.h (issue 24):
 *  - the ASCII classes: each of the 128 bytes against the definitions
 *    written in util.h (not against the table), and no byte >= 0x80 is
 *    unreserved (percent-encoded);
 *  - asc_span_from_str(NULL) is empty;
 *  - asc_out_dec: 0 and SIZE_MAX (the longest decimal);
 *  - asc_out: nothing written past cap, the length counts on and saturates;
 *  - percent-encoding reaches the sink in large pieces (the chunk), not a
 *    write per byte;
 *  U1 an escape (3 bytes, or 5 encoded twice) after any number of plain
 *     bytes, 0 to 100, is written whole and in place: the chunk boundary
 *     falls before, inside and after it.
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "../../src/util.h"

static int in_class(unsigned k, unsigned c)
{
    return c < 128u && (((unsigned)asc_ascii_class[k][c >> 3] >> (c & 7u)) & 1u) != 0u;
}

static int is_alnum(unsigned c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static void test_classes(void)
{
    unsigned c;
    unsigned bad_safe = 0, bad_host = 0, bad_unres = 0;
    T_CASE("ASCII classes: every byte against util.h's definitions");
    for (c = 0; c < 128u; c++) {
        int safe = c >= 0x20u && c <= 0x7eu;
        int host = c >= 0x21u && c <= 0x7eu && strchr("#,/;?@\\", (int)c) == NULL;
        int unres = is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
        bad_safe += (unsigned)(in_class(ASC_CLASS_SAFE, c) != safe);
        bad_host += (unsigned)(in_class(ASC_CLASS_HOST, c) != host);
        bad_unres += (unsigned)(in_class(ASC_CLASS_UNRESERVED, c) != unres);
        if (in_class(ASC_CLASS_SAFE, c) != safe || in_class(ASC_CLASS_HOST, c) != host ||
            in_class(ASC_CLASS_UNRESERVED, c) != unres) {
            fprintf(stderr, "    byte 0x%02x: safe %d host %d unreserved %d\n", c,
                    in_class(ASC_CLASS_SAFE, c), in_class(ASC_CLASS_HOST, c),
                    in_class(ASC_CLASS_UNRESERVED, c));
        }
    }
    CHECK_EQ(bad_safe, 0);
    CHECK_EQ(bad_host, 0);
    CHECK_EQ(bad_unres, 0);
}

static uint8_t buf[256];

static void put_encoded(const uint8_t *in, size_t n, unsigned enc)
{
    asc_out o;
    asc_out_init(&o, buf, sizeof buf);
    o.enc = enc;
    asc_out_put(&o, in, n);
    buf[o.len < sizeof buf ? o.len : sizeof buf - 1u] = 0u;
}

static void test_encoding_edges(void)
{
    static const uint8_t edges[] = { 0x7e, 0x7f, 0x80, 0xff, 0x00, 0x2d, 0x2f, 0x30 };
    T_CASE("percent-encoding at the edges of ASCII: ~ kept; DEL, 0x80, 0xff, NUL encoded");
    put_encoded(edges, sizeof edges, 1u);
    CHECK_STR((char *)buf, "~%7F%80%FF%00-%2F0");
    T_CASE("percent-encoding twice: % itself becomes %25");
    put_encoded(edges + 1, 3, 2u);
    CHECK_STR((char *)buf, "%257F%2580%25FF");
}

static void test_escape_at_every_offset(void)
{
    static uint8_t in[104];
    static char want[120];
    size_t k, bad = 0u;
    unsigned enc;
    T_CASE("U1: an escape after 0..100 plain bytes, encoded once and twice");
    for (enc = 1u; enc <= 2u; enc++) {
        for (k = 0; k <= 100u; k++) {
            memset(in, 'a', k);
            in[k] = '/';
            in[k + 1u] = 'b';
            memset(want, 'a', k);
            memcpy(want + k, enc == 1u ? "%2Fb" : "%252Fb", enc == 1u ? 5u : 7u);
            put_encoded(in, k + 2u, enc);
            bad += (size_t)(strcmp((const char *)buf, want) != 0);
        }
    }
    CHECK_EQ(bad, 0u);
}

static void test_span_and_dec(void)
{
    asc_out o;
    T_CASE("asc_span_from_str(NULL) is empty");
    CHECK_EQ(asc_span_from_str(NULL).len, 0);
    CHECK_EQ(asc_span_from_str("").len, 0);
    CHECK_EQ(asc_span_from_str("ab").len, 2);
    T_CASE("asc_out_dec: 0 and SIZE_MAX");
    asc_out_init(&o, buf, sizeof buf);
    asc_out_dec(&o, 0u);
    CHECK_MEM(buf, o.len, "0", 1u);
    asc_out_init(&o, buf, sizeof buf);
    asc_out_dec(&o, SIZE_MAX);
    buf[o.len] = 0u;
    if (SIZE_MAX == 18446744073709551615u) {
        CHECK_STR((char *)buf, "18446744073709551615");
    } else {
        CHECK_STR((char *)buf, "4294967295");
    }
}

static void test_out_bounds(void)
{
    uint8_t small[8];
    asc_out o;
    T_CASE("asc_out: bytes up to cap, the length counts on");
    memset(small, 0xee, sizeof small);
    asc_out_init(&o, small, 4u);
    asc_out_put(&o, "abc", 3u);
    asc_out_put(&o, "def", 3u);
    CHECK_EQ(o.len, 6);
    CHECK_MEM(small, 4u, "abcd", 4u);
    CHECK_EQ(small[4], 0xee);
    T_CASE("asc_out: exactly cap fits");
    asc_out_init(&o, small, 4u);
    asc_out_put(&o, "wxyz", 4u);
    CHECK_EQ(o.len, 4);
    CHECK_MEM(small, 4u, "wxyz", 4u);
    CHECK_EQ(small[4], 0xee);
    T_CASE("asc_out: the length saturates at SIZE_MAX");
    asc_out_init(&o, NULL, 0u);
    o.len = SIZE_MAX - 2u;
    asc_out_put(&o, "ab", 2u);
    CHECK(o.len == SIZE_MAX);
    asc_out_put(&o, "c", 1u);
    CHECK(o.len == SIZE_MAX);
    asc_out_init(&o, NULL, 0u);
    o.len = SIZE_MAX - 3u;
    asc_out_put(&o, "ab", 2u);
    CHECK(o.len == SIZE_MAX - 1u);
}

#if ASC_ENABLE_TOOLS
static unsigned writes;
static size_t written;
static void count_writes(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    (void)ctx;
    (void)kind;
    (void)p;
    writes++;
    written += n;
}

static void test_chunked_writes(void)
{
    static uint8_t in[100];
    asc_trace tr = { count_writes, NULL };
    asc_out o;
    T_CASE("percent-encoding reaches the sink in pieces of tens of bytes");
    memset(in, 'a', sizeof in);
    asc_out_init(&o, NULL, 0u);
    o.trace = &tr;
    o.enc = 1u;
    writes = 0;
    written = 0;
    asc_out_put(&o, in, sizeof in);
    CHECK_EQ(written, 100);
    CHECK(writes >= 2u && writes <= 3u);
    memset(in, '/', sizeof in); /* 3 bytes each; twice-encoded 5 each */
    writes = 0;
    written = 0;
    o.enc = 2u;
    asc_out_put(&o, in, sizeof in);
    CHECK_EQ(written, 500);
    CHECK(writes >= 10u && writes <= 12u);
}
#endif

int main(void)
{
    test_classes();
    test_encoding_edges();
    test_escape_at_every_offset();
    test_span_and_dec();
    test_out_bounds();
#if ASC_ENABLE_TOOLS
    test_chunked_writes();
#endif
    return TEST_REPORT();
}
