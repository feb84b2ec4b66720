/*
 * test_cover_security.c - security properties of the library:
 *
 *  1. TLS cannot be switched off by accident: the only way to run without
 *     TLS is asc_client_config.insecure_plaintext_http; a NULL TLS context
 *     without it is refused, and the flag never bypasses a TLS context that
 *     was given. (No verify-none API exists: tests/security/check_tls_policy.sh
 *     checks the headers and src/tls.c statically.)
 *  2. The AccessKey secret does not survive a call: after asc_build_request
 *     and asc_delete_image (V3 and V1) neither the work buffer, the client,
 *     the result nor the stack below the caller holds the secret, nor the
 *     HMAC key blocks derived from it (secret ^ 0x36 = ipad, ^ 0x5c = opad).
 *     The stack region the call will use is zeroed first, then scanned
 *     in place after the call returns, by code that calls nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_request.h"
#include "fake_port.h"

#if defined(__clang__) || defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define NOINLINE
#define NO_ASAN
#endif

#define SECRET "Zq7SecretKey-9f1e0c3b7a55d2e8b4"
#define SCAN_BYTES (256u * 1024u)
#define PAT_LEN 12u

static uint8_t pats[3][PAT_LEN];
static volatile uintptr_t g_lo; /* address only: the frame is gone */

static void make_patterns(void)
{
    size_t i;
    for (i = 0; i < PAT_LEN; i++) {
        pats[0][i] = (uint8_t)SECRET[i];
        pats[1][i] = (uint8_t)(SECRET[i] ^ 0x36);
        pats[2][i] = (uint8_t)(SECRET[i] ^ 0x5c);
    }
}

/* Offset of the first pattern hit in [p, p+n), or -1. Calls nothing. */
static NO_ASAN long find_any(const volatile uint8_t *p, size_t n, int *which)
{
    size_t i, k;
    int w;
    for (i = 0; i + PAT_LEN <= n; i++) {
        for (w = 0; w < 3; w++) {
            for (k = 0; k < PAT_LEN && p[i + k] == pats[w][k]; k++) {
            }
            if (k == PAT_LEN) {
                *which = w;
                return (long)i;
            }
        }
    }
    return -1;
}

/* Zero (and map) the stack just below the caller's frame. */
static NOINLINE NO_ASAN void paint(void)
{
    volatile uint8_t a[SCAN_BYTES];
    size_t i;
    for (i = 0; i < SCAN_BYTES; i++) {
        a[i] = 0;
    }
    g_lo = (uintptr_t)a;
}

typedef void (*call_fn)(void);

/* For the self-test: leaves an HMAC-ipad-like block on the stack. */
static NOINLINE void leave_secret(void)
{
    volatile uint8_t k[64];
    size_t i;
    for (i = 0; i < sizeof k; i++) {
        k[i] = (uint8_t)((i < sizeof SECRET - 1u ? (uint8_t)SECRET[i] : 0u) ^ 0x36u);
    }
}

/* Run fn, then scan the stack it used. The scan loop is inlined here so no
 * frame of ours overwrites what fn left behind. */
static NOINLINE NO_ASAN long run_and_scan(call_fn fn, int *which)
{
    volatile uint8_t marker = 1;
    const volatile uint8_t *lo, *hi = &marker;
    size_t i, k, n;
    int w;
    paint();
    fn();
    lo = (const volatile uint8_t *)g_lo;
    n = (size_t)(hi - lo);
    for (i = 0; i + PAT_LEN <= n; i++) {
        for (w = 0; w < 3; w++) {
            for (k = 0; k < PAT_LEN && lo[i + k] == pats[w][k]; k++) {
            }
            if (k == PAT_LEN) {
                *which = w;
                return (long)i - (long)n; /* negative: bytes below the caller */
            }
        }
    }
    return 0;
}

static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;
static asc_status g_st;
static uint8_t reqbuf[4096];
static asc_sig_version g_sig;

static const char ok_resp[] =
    "HTTP/1.1 200 OK\r\nContent-Length: 57\r\n\r\n"
    "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"RequestId\":\"r\"}";

static void call_delete(void)
{
    g_st = asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static void call_build(void)
{
    asc_credentials cr;
    asc_sign_opts so;
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };
    asc_rpc_request rq;
    size_t len = 0;
    memset(&cr, 0, sizeof cr);
    cr.access_key_id = asc_span_from_str("LTAI5tId");
    cr.access_key_secret = asc_span_from_str(SECRET);
    memset(&so, 0, sizeof so);
    so.sig = g_sig;
    so.host = asc_span_from_str("appstream-center.cn-shanghai.aliyuncs.com");
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    memset(&rq, 0, sizeof rq);
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str("2021-09-01");
    rq.params = &p;
    rq.n_params = 1;
    g_st = asc_build_request(&cr, &so, &rq, reqbuf, sizeof reqbuf, &len, NULL, NULL);
}

static void setup(asc_sig_version sig)
{
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("LTAI5tId");
    cfg.creds.access_key_secret = asc_span_from_str(SECRET);
    cfg.sig = sig;
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
}

static void expect_clean(const char *what, const void *p, size_t n)
{
    int w = -1;
    long at = find_any((const volatile uint8_t *)p, n, &w);
    if (at >= 0) {
        fprintf(stderr, "    %s: %s found at offset %ld\n", what,
                w == 0 ? "secret" : (w == 1 ? "secret^0x36 (HMAC ipad)" : "secret^0x5c (HMAC opad)"), at);
    }
    CHECK(at < 0);
}

/* Under valgrind reading below the stack pointer is (rightly) an error:
 * there the stack scan is skipped and only the call runs. */
static int under_valgrind(void)
{
    const char *p = getenv("LD_PRELOAD");
    return p != NULL && strstr(p, "vgpreload") != NULL;
}

static void expect_stack_clean(const char *what, call_fn fn)
{
    int w = -1;
    long at;
    if (under_valgrind()) {
        fn();
        return;
    }
    at = run_and_scan(fn, &w);
    if (at != 0) {
        fprintf(stderr, "    %s: %s left on the stack %ld bytes below the caller\n", what,
                w == 0 ? "secret" : (w == 1 ? "secret^0x36 (HMAC ipad)" : "secret^0x5c (HMAC opad)"), -at);
    }
    CHECK(at == 0);
}

static void test_tls_not_optional(void)
{
    struct asc_tls *given = (struct asc_tls *)(void *)reqbuf; /* never used here */
    T_CASE("no TLS only when asked for");
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("id");
    cfg.creds.access_key_secret = asc_span_from_str(SECRET);
    CHECK(!cfg.insecure_plaintext_http); /* the default is TLS */
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(fp.connects, 0);
    /* the flag does not bypass a TLS context that was given */
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, given, work, sizeof work), ASC_OK);
    CHECK(cl.conn.tls == given);
    CHECK_EQ(cl.cfg.port, 443);
}

static void test_no_secret_left(void)
{
    T_CASE("secret absent after asc_build_request (V3)");
    make_patterns();
    /* self-tests of the scanners: they do find what is there */
    {
        int w = -1;
        CHECK_EQ(find_any((const volatile uint8_t *)SECRET, sizeof SECRET, &w), 0);
        if (!under_valgrind()) {
            CHECK(run_and_scan(leave_secret, &w) < 0);
            CHECK_EQ(w, 1);
        }
    }
    g_sig = ASC_SIG_V3;
    expect_stack_clean("asc_build_request V3", call_build);
    CHECK_EQ(g_st, ASC_OK);
    expect_clean("request buffer V3", reqbuf, sizeof reqbuf);
#if ASC_ENABLE_V1
    T_CASE("secret absent after asc_build_request (V1)");
    g_sig = ASC_SIG_V1;
    expect_stack_clean("asc_build_request V1", call_build);
    CHECK_EQ(g_st, ASC_OK);
    expect_clean("request buffer V1", reqbuf, sizeof reqbuf);
#endif

    T_CASE("secret absent after asc_delete_image (V3)");
    setup(ASC_SIG_V3);
    fake_add(&fp, ok_resp, sizeof ok_resp - 1u);
    expect_stack_clean("asc_delete_image V3", call_delete);
    CHECK_EQ(g_st, ASC_OK);
    expect_clean("work buffer V3", work, sizeof work);
    expect_clean("client V3", &cl, sizeof cl);
    expect_clean("result V3", &res, sizeof res);
    expect_clean("bytes sent V3", fp.sent, sizeof fp.sent);
#if ASC_ENABLE_V1
    T_CASE("secret absent after asc_delete_image (V1)");
    setup(ASC_SIG_V1);
    fake_add(&fp, ok_resp, sizeof ok_resp - 1u);
    expect_stack_clean("asc_delete_image V1", call_delete);
    CHECK_EQ(g_st, ASC_OK);
    expect_clean("work buffer V1", work, sizeof work);
    expect_clean("client V1", &cl, sizeof cl);
    expect_clean("bytes sent V1", fp.sent, sizeof fp.sent);
#endif
}

int main(void)
{
    test_tls_not_optional();
    test_no_secret_left();
    return TEST_REPORT();
}
