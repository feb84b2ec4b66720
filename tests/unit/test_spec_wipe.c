/*
 * Secret wiping as a specification (issue 24): what must be gone once a
 * call returns.
 *  - asc_wipe zeroes exactly the bytes it is given;
 *  - HMAC: neither key block (key ^ ipad, key ^ opad) nor the inner digest
 *    is left in the stack the call used, and the caller-owned context is
 *    left without them;
 *  - signing: the raw digest the signature was made from is not left in
 *    the stack (with and without a trace: then the last digest is the
 *    trace's SHA-256 of the signature text);
 *  - proxy: the base64 state holding the password's last bytes is wiped.
 * The stack the call used is read back right after it returns: the region
 * below the caller's frame is scrubbed to zero first, the call runs, then a
 * snapshot of the same region is taken (before anything else can reuse it)
 * and searched for the secret bytes, computed afterwards.
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_proxy.h"
#include "../../src/hash.h"
#include "../../src/util.h"

#if defined(__GNUC__) || defined(__clang__)
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define NO_ASAN
#endif

#define PROBE 16384u
static uint8_t snap[PROBE];

static NO_ASAN ASC_NOINLINE void stack_scrub(void)
{
    volatile uint8_t a[PROBE];
    size_t i;
    for (i = 0; i < PROBE; i++) {
        a[i] = 0u;
    }
    (void)a[0];
}

/* The PROBE bytes below this frame: where the previous callee's frames were. */
static NO_ASAN ASC_NOINLINE void stack_snapshot(void)
{
    volatile uint8_t mark = 0u;
    const volatile uint8_t *p = (const volatile uint8_t *)((uintptr_t)&mark - PROBE);
    size_t i;
    for (i = 0; i < PROBE; i++) {
        snap[i] = p[i];
    }
    (void)mark;
}

static int holds(const uint8_t *hay, size_t hl, const uint8_t *needle, size_t nl)
{
    size_t i;
    for (i = 0; i + nl <= hl; i++) {
        if (memcmp(hay + i, needle, nl) == 0) {
            return 1;
        }
    }
    return 0;
}

static int snap_holds(const uint8_t *needle, size_t nl)
{
    return holds(snap, sizeof snap, needle, nl);
}

static void test_wipe_primitive(void)
{
    uint8_t b[40];
    size_t i;
    int inside_zero = 1, outside_kept = 1;
    T_CASE("asc_wipe zeroes exactly [p, p + n)");
    memset(b, 0xa5, sizeof b);
    asc_wipe(b + 4, 32);
    for (i = 0; i < sizeof b; i++) {
        if (i >= 4 && i < 36) {
            inside_zero = inside_zero && b[i] == 0u;
        } else {
            outside_kept = outside_kept && b[i] == 0xa5u;
        }
    }
    CHECK(inside_zero);
    CHECK(outside_kept);
    T_CASE("asc_wipe: NULL or nothing is a no-op");
    asc_wipe(NULL, 16);
    asc_wipe(b, 0);
    CHECK_EQ(b[0], 0xa5);
}

static volatile uint8_t sink_byte;
static ASC_NOINLINE void sink(const uint8_t *p)
{
    sink_byte = p[0];
}
/* called through a volatile pointer: the compiler cannot see what it reads */
static void (*volatile const sink_fn)(const uint8_t *p) = sink;

/* Leaves p on its stack, not wiped; not a leaf (calls sink through sink_fn), so its frame
 * is below the stack pointer as the library's functions' frames are. */
static ASC_NOINLINE void leave_pattern(const uint8_t *p, size_t n)
{
    uint8_t local[64];
    memcpy(local, p, n < sizeof local ? n : sizeof local);
    sink_fn(local);
}

static const char hmac_key[] = "hmac-secret-key-\x8e\x91\x42!"; /* 20 bytes */
static const char hmac_msg[] = "the string to sign";

static void key_block(uint8_t *blk, uint8_t pad)
{
    size_t i, kl = sizeof hmac_key - 1u;
    for (i = 0; i < ASC_HASH_BLOCK; i++) {
        blk[i] = (uint8_t)((i < kl ? (uint8_t)hmac_key[i] : 0u) ^ pad);
    }
}

static void test_hmac(void)
{
    static asc_hmac h;
    uint8_t mac[ASC_SHA256_LEN], blk[ASC_HASH_BLOCK], inner[ASC_SHA256_LEN];
    asc_md m;

    T_CASE("HMAC start: no key block left in its stack");
    memset(&h, 0, sizeof h);
    stack_scrub();
    asc_hmac_start(&h, ASC_MD_SHA256, asc_span_from_str(hmac_key), asc_span_from_str(""));
    stack_snapshot();
    key_block(blk, 0x5cu);
    CHECK(!snap_holds(blk, sizeof blk));
    key_block(blk, 0x36u);
    CHECK(!snap_holds(blk, sizeof blk));

    T_CASE("HMAC finish: no inner digest left in its stack nor in the context");
    asc_md_update(&h.inner, hmac_msg, sizeof hmac_msg - 1u);
    stack_scrub();
    CHECK_EQ(asc_hmac_finish(&h, mac), ASC_OK);
    stack_snapshot();
    /* the inner digest: SHA-256(key ^ ipad || message) */
    asc_md_start(&m, ASC_MD_SHA256);
    asc_md_update(&m, blk, sizeof blk);
    asc_md_update(&m, hmac_msg, sizeof hmac_msg - 1u);
    CHECK_EQ(asc_md_finish(&m, inner), ASC_OK);
    CHECK(!snap_holds(inner, sizeof inner));
    CHECK(!holds((const uint8_t *)&h, sizeof h, inner, sizeof inner));
    CHECK(!holds((const uint8_t *)&h, sizeof h, blk, sizeof blk));
    key_block(blk, 0x5cu);
    CHECK(!holds((const uint8_t *)&h, sizeof h, blk, sizeof blk));
    /* the search can see them: the snapshot holds what a call leaves */
    T_CASE("the stack snapshot sees bytes left behind");
    {
        static const uint8_t probe_pattern[8] = { 0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67 };
        static uint8_t found_ok;
        stack_scrub();
        /* a callee that leaves the pattern on its stack, not wiped */
        leave_pattern(probe_pattern, sizeof probe_pattern);
        stack_snapshot();
        found_ok = (uint8_t)snap_holds(probe_pattern, sizeof probe_pattern);
        CHECK(found_ok);
    }
}

/* ---- signing ---------------------------------------------------------------- */

static uint8_t req[8192];
static char trace_sig[128];
static size_t trace_sig_len;

static void on_trace(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    (void)ctx;
    if (kind == ASC_TRACE_SIGNATURE && trace_sig_len + n <= sizeof trace_sig) {
        memcpy(trace_sig + trace_sig_len, p, n);
        trace_sig_len += n;
    }
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The raw 32 bytes behind "Signature=<64 hex>" in the request. */
static int signature_bytes(const uint8_t *r, size_t len, uint8_t *raw)
{
    static const char tag[] = "Signature=";
    size_t i, k;
    for (i = 0; i + sizeof tag - 1u + 64u <= len; i++) {
        if (memcmp(r + i, tag, sizeof tag - 1u) == 0) {
            const char *h = (const char *)r + i + sizeof tag - 1u;
            for (k = 0; k < 32u; k++) {
                int hi = hexval(h[2u * k]), lo = hexval(h[2u * k + 1u]);
                if (hi < 0 || lo < 0) {
                    return 0;
                }
                raw[k] = (uint8_t)(hi << 4 | lo);
            }
            return 1;
        }
    }
    return 0;
}

static asc_status sign(const asc_trace *trace, size_t *len)
{
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };
    size_t needed;
    memset(&cr, 0, sizeof cr);
    memset(&so, 0, sizeof so);
    memset(&rq, 0, sizeof rq);
    cr.access_key_id = asc_span_from_str("LTAI-test");
    cr.access_key_secret = asc_span_from_str("spec-secret");
    so.sig = ASC_SIG_V3;
    so.host = asc_span_from_str("appstream-center.cn-shanghai.aliyuncs.com");
    so.user_agent = asc_span_from_str("asc-test/1");
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str("2021-09-01");
    rq.method = ASC_METHOD_POST;
    rq.params_in = ASC_PARAMS_IN_BODY;
    rq.params = &p;
    rq.n_params = 1;
    return asc_build_request(&cr, &so, &rq, req, sizeof req, len, &needed, trace);
}

/* The sign call and the snapshot in one frame, so the snapshot reads the
 * stack asc_build_request used. */
static NO_ASAN ASC_NOINLINE asc_status sign_and_snapshot(const asc_trace *trace, size_t *len)
{
    asc_status st;
    stack_scrub();
    st = sign(trace, len);
    stack_snapshot();
    return st;
}

static void test_sign(void)
{
    uint8_t raw[ASC_SHA256_LEN], d[ASC_SHA256_LEN];
    size_t len = 0;
    T_CASE("signing: the raw signature digest is not left in the stack");
    CHECK_EQ(sign_and_snapshot(NULL, &len), ASC_OK);
    CHECK(signature_bytes(req, len, raw));
    CHECK(!snap_holds(raw, sizeof raw));
#if ASC_ENABLE_TOOLS
    {
        asc_trace tr;
        asc_md m;
        T_CASE("signing with a trace: the last digest (of the signature text) is not left");
        tr.fn = on_trace;
        tr.ctx = NULL;
        trace_sig_len = 0;
        CHECK_EQ(sign_and_snapshot(&tr, &len), ASC_OK);
        CHECK(trace_sig_len > 0u);
        asc_md_start(&m, ASC_MD_SHA256);
        asc_md_update(&m, trace_sig, trace_sig_len);
        CHECK_EQ(asc_md_finish(&m, d), ASC_OK);
        CHECK(!snap_holds(d, sizeof d));
        CHECK(signature_bytes(req, len, raw));
        CHECK(!snap_holds(raw, sizeof raw));
    }
#else
    (void)d;
    (void)on_trace;
#endif
}

#if ASC_ENABLE_PROXY
static void test_proxy_state(void)
{
    /* password ending in two bytes: the base64 state then holds them
     * (group = b1 << 16 | b2 << 8, count = 2) until it is wiped */
    static const char pw[] = "pass\xa7\xd3";
    asc_proxy_config px;
    static uint8_t buf[512];
    size_t len = 0;
    uint32_t group = (uint32_t)0xa7u << 16 | (uint32_t)0xd3u << 8;
    unsigned count = 2u;
    uint8_t needle[sizeof group + sizeof count];
    asc_status st;
    T_CASE("proxy: the base64 state with the password's last bytes is wiped");
    memset(&px, 0, sizeof px);
    px.host = "proxy.example";
    px.port = 3128;
    px.username = asc_span_from_str("user");
    px.password = asc_span_from_str(pw);
    memcpy(needle, &group, sizeof group);
    memcpy(needle + sizeof group, &count, sizeof count);
    stack_scrub();
    st = asc_proxy_connect_request(&px, "appstream-center.cn-shanghai.aliyuncs.com", 443,
                                   buf, sizeof buf, &len);
    stack_snapshot();
    CHECK_EQ(st, ASC_OK);
    CHECK(!snap_holds(needle, sizeof needle));
}
#endif

int main(void)
{
    test_wipe_primitive();
    test_hmac();
    test_sign();
#if ASC_ENABLE_PROXY
    test_proxy_state();
#endif
    return TEST_REPORT();
}
