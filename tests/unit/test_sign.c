/*
 * Request builder: input validation (header injection, missing fields,
 * duplicates), every buffer size from 0 to the needed size against a guard
 * page, timestamps without gmtime, HTTP dates.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "harness.h"
#include "asc.h"

#define LAST_SIG (ASC_ENABLE_V1 ? ASC_SIG_V1 : ASC_SIG_V3)

static asc_param params[2];
static asc_credentials cr;
static asc_sign_opts so;
static asc_rpc_request rq;

static void reset(asc_sig_version v)
{
    params[0].name = asc_span_from_str("ImageId");
    params[0].value = asc_span_from_str("img-\t\xe9\x95\x9c 1000");
    params[1].name = asc_span_from_str("RegionId");
    params[1].value = asc_span_from_str("cn-shanghai");
    memset(&cr, 0, sizeof cr);
    memset(&so, 0, sizeof so);
    cr.access_key_id = asc_span_from_str("LTAI-test");
    cr.access_key_secret = asc_span_from_str("secret");
    cr.security_token = asc_span_from_str("CAIS+tok/en=");
    so.sig = v;
    so.host = asc_span_from_str("appstream-center.cn-shanghai.aliyuncs.com");
    so.user_agent = asc_span_from_str("asc-test/1");
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    so.credentials_provider_header = true;
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str("2021-09-01");
    rq.method = ASC_METHOD_POST;
    rq.params_in = ASC_PARAMS_IN_BODY;
    rq.params = params;
    rq.n_params = 2;
}

static uint8_t big[8192];

static int contains(const uint8_t *h, size_t hl, const char *n)
{
    size_t i, nl = strlen(n);
    for (i = 0; i + nl <= hl; i++) {
        if (memcmp(h + i, n, nl) == 0) {
            return 1;
        }
    }
    return 0;
}

static asc_status build(size_t *len, size_t *needed)
{
    return asc_build_request(&cr, &so, &rq, big, sizeof big, len, needed, NULL);
}

static void test_injection(void)
{
    static const char *bad[] = { "a\r\nX-Evil: 1", "a\nb", "a\rb", "a\x01", "a\x7f" };
    size_t i, len, needed;
    asc_sig_version v;
    for (v = ASC_SIG_V3; v <= LAST_SIG; v++) {
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            T_CASE(bad[i]);
            reset(v);
            cr.access_key_id = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            CHECK_EQ(len, 0);
            reset(v);
            cr.security_token = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            reset(v);
            so.host = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            reset(v);
            so.user_agent = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            reset(v);
            so.nonce = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            reset(v);
            rq.action = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            reset(v);
            rq.version = asc_span_from_str(bad[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
        }
        /* The AccessKeyId is written bare into Authorization
         * ("Credential=ID,SignedHeaders=..."): a "," would add fields.
         * Only A-Z a-z 0-9 - _ . ~ pass, refused before any byte is
         * written. */
        T_CASE("access key id outside the unreserved bytes");
        {
            static const char *const bad_id[] = {
                "LTAI,SignedHeaders=host", "LTAI;x", "LTAI x", "LTAI=x",
                "LTAI/x", "LTAI\"x", "LTAI\xe9", ","
            };
            for (i = 0; i < sizeof bad_id / sizeof bad_id[0]; i++) {
                reset(v);
                cr.access_key_id = asc_span_from_str(bad_id[i]);
                memset(big, 0xA5, sizeof big);
                len = needed = 1u;
                CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
                CHECK_EQ(len, 0);
                CHECK_EQ(needed, 0);
                CHECK_EQ(big[0], 0xA5);
            }
            reset(v);
            cr.access_key_id = asc_span_from_str("STS.NUx-_~9");
            CHECK_EQ(build(&len, &needed), ASC_OK);
            CHECK(contains(big, len, "STS.NUx-_~9"));
        }
        T_CASE("host with space or path");
        reset(v);
        so.host = asc_span_from_str("evil.com/x");
        CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
        so.host = asc_span_from_str("a b");
        CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
        /* Parameter values may hold any byte: they are percent-encoded. */
        T_CASE("control bytes in values are encoded");
        reset(v);
        params[0].value = asc_span_from_str("a\r\nb\x01");
        CHECK_EQ(build(&len, &needed), ASC_OK);
        CHECK(contains(big, len, "a%0D%0Ab%01"));
    }
}

/* Spaces and tabs at either end of a header value: trimmed in the full
 * profile (the request equals the one without them), refused in the lean
 * one. Inside a value a space is fine in both, a tab in neither. */
static void test_value_ends(void)
{
    static const char *const ends[] = { " v", "v ", "\tv", "v\t", " ", "\t \t" };
    static uint8_t want[sizeof big];
    size_t i, k, len, needed, wlen;
    asc_sig_version v;
    for (v = ASC_SIG_V3; v <= LAST_SIG; v++) {
        T_CASE(v == ASC_SIG_V3 ? "value ends v3" : "value ends v1");
        for (k = 0; k < 5u; k++) {
            asc_span *f[5];
            char val[8];
            reset(v);
            f[0] = &cr.access_key_id;
            f[1] = &cr.security_token;
            f[2] = &so.host;
            f[3] = &so.user_agent;
            f[4] = &so.nonce;
            *f[k] = asc_span_from_str("v");
            CHECK_EQ(build(&wlen, &needed), ASC_OK);
            memcpy(want, big, wlen);
            for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
                bool blank = strchr(ends[i], 'v') == NULL;
                asc_status st;
                snprintf(val, sizeof val, "%s", ends[i]);
                *f[k] = asc_span_from_str(val);
                st = build(&len, &needed);
                if (!ASC_ENABLE_TRIM) {
                    CHECK_EQ(st, ASC_E_INVALID_HEADER_VALUE);
                } else if (blank) {
                    /* optional token / user agent: blank is none */
                    CHECK_EQ(st, k == 1u || k == 3u ? ASC_OK : ASC_E_INVALID_ARG);
                } else {
                    CHECK_EQ(st, ASC_OK);
                    CHECK_MEM(big, len, want, wlen);
                }
            }
            *f[k] = asc_span_from_str("v\tv");
            CHECK_EQ(build(&len, &needed), ASC_E_INVALID_HEADER_VALUE);
            *f[k] = asc_span_from_str("v v");
            /* host: no spaces; AccessKeyId: unreserved bytes only */
            CHECK_EQ(build(&len, &needed),
                     k == 0u || k == 2u ? ASC_E_INVALID_HEADER_VALUE : ASC_OK);
        }
    }
}

static void test_invalid(void)
{
    size_t len, needed;
    asc_param dup[2];
    T_CASE("invalid arguments");
    reset(ASC_SIG_V3);
    CHECK_EQ(asc_build_request(NULL, &so, &rq, big, sizeof big, &len, &needed, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_build_request(&cr, NULL, &rq, big, sizeof big, &len, &needed, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_build_request(&cr, &so, NULL, big, sizeof big, &len, &needed, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_build_request(&cr, &so, &rq, big, sizeof big, NULL, &needed, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_build_request(&cr, &so, &rq, NULL, 10, &len, &needed, NULL), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); cr.access_key_id = asc_span_from_str(""); CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); cr.access_key_secret = asc_span_from_str(""); CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); so.host = asc_span_from_str(""); CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); so.nonce = asc_span_from_str(""); CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); rq.action = asc_span_from_str(""); CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); so.timestamp = -1; CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); rq.method = ASC_METHOD_GET; CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); rq.n_params = ASC_MAX_PARAMS + 1u; CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); rq.params = NULL; CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); so.sig = (asc_sig_version)7; CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    reset(ASC_SIG_V3); params[1].name = asc_span_from_str(""); CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
    T_CASE("duplicates");
    reset(ASC_SIG_V3);
    dup[0] = params[0];
    dup[1] = params[0];
    rq.params = dup;
    CHECK_EQ(build(&len, &needed), ASC_E_DUPLICATE_PARAM);
#if !ASC_ENABLE_V1
    T_CASE("V1 compiled out");
    reset(ASC_SIG_V1);
    CHECK_EQ(build(&len, &needed), ASC_E_INVALID_ARG);
#else
    reset(ASC_SIG_V1);
    params[1].name = asc_span_from_str("Timestamp");
    CHECK_EQ(build(&len, &needed), ASC_E_DUPLICATE_PARAM);
    reset(ASC_SIG_V1);
    params[1].name = asc_span_from_str("Signature");
    CHECK_EQ(build(&len, &needed), ASC_E_DUPLICATE_PARAM);
    {
        /* every common name is taken (SecurityToken only with a token);
         * V3 has no common parameters */
        static const char *const taken[] = {
            "AccessKeyId", "Action", "Format", "SecurityToken", "SignatureMethod",
            "SignatureNonce", "SignatureVersion", "Timestamp", "Version", "Signature"
        };
        static const char *const free_[] = { "Signatur", "Signaturf", "A", "Versions", "Z" };
        size_t i;
        T_CASE("V1 common names");
        for (i = 0; i < sizeof taken / sizeof taken[0]; i++) {
            reset(ASC_SIG_V1);
            params[0].name = asc_span_from_str(taken[i]);
            CHECK_EQ(build(&len, &needed), ASC_E_DUPLICATE_PARAM);
            cr.security_token = asc_span_from_str("");
            CHECK_EQ(build(&len, &needed), i == 3u ? ASC_OK : ASC_E_DUPLICATE_PARAM);
            reset(ASC_SIG_V3);
            params[0].name = asc_span_from_str(taken[i]);
            CHECK_EQ(build(&len, &needed), ASC_OK);
        }
        for (i = 0; i < sizeof free_ / sizeof free_[0]; i++) {
            reset(ASC_SIG_V1);
            params[1].name = asc_span_from_str(free_[i]);
            CHECK_EQ(build(&len, &needed), ASC_OK);
        }
    }
#endif
    T_CASE("empty ImageId is a valid request (the service answers)");
    reset(ASC_SIG_V3);
    params[0].value = asc_span_from_str("");
    CHECK_EQ(build(&len, &needed), ASC_OK);
}

/* Every capacity from 0 to needed, with the buffer ending at a PROT_NONE
 * page: a single byte written past the end faults. */
static void test_sizes(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    size_t page = (size_t)pg, region = 4u * page;
    uint8_t *m = mmap(NULL, region + page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    asc_sig_version v;
    CHECK(m != MAP_FAILED);
    if (m == MAP_FAILED) {
        return;
    }
    CHECK_EQ(mprotect(m + region, page, PROT_NONE), 0);
    for (v = ASC_SIG_V3; v <= LAST_SIG; v++) {
        size_t len, needed, want, cap;
        int sts;
        for (sts = 0; sts < 2; sts++) {
            T_CASE(v == ASC_SIG_V3 ? "sizes v3" : "sizes v1");
            reset(v);
            if (!sts) {
                cr.security_token = asc_span_from_str("");
            }
            CHECK_EQ(build(&want, &needed), ASC_OK);
            CHECK_EQ(want, needed);
            CHECK(want < region);
            for (cap = 0; cap < want; cap++) {
                uint8_t *b = m + region - cap;
                asc_status st = asc_build_request(&cr, &so, &rq, cap ? b : NULL, cap,
                                                  &len, &needed, NULL);
                if (st != ASC_E_BUFFER_TOO_SMALL || needed != want || len != 0u) {
                    CHECK_EQ(st, ASC_E_BUFFER_TOO_SMALL);
                    CHECK_EQ(needed, want);
                    break;
                }
            }
            CHECK_EQ(cap, want);
            {
                uint8_t *b = m + region - want;
                CHECK_EQ(asc_build_request(&cr, &so, &rq, b, want, &len, &needed, NULL), ASC_OK);
                CHECK_EQ(len, want);
                CHECK_MEM(b, len, big, want);
            }
        }
    }
    munmap(m, region + page);
}

static void test_time(void)
{
    static const struct { int64_t t; const char *s; } tv[] = {
        { 0, "1970-01-01T00:00:00Z" },
        { 951782400, "2000-02-29T00:00:00Z" },
        { 1456231584, "2016-02-23T12:46:24Z" },
        { 1767225599, "2025-12-31T23:59:59Z" },
        { 1767225600, "2026-01-01T00:00:00Z" },
        { 4107542400, "2100-03-01T00:00:00Z" },
        { 253402300799, "9999-12-31T23:59:59Z" },
    };
    char out[32];
    size_t i;
#if ASC_ENABLE_CLOCK_SYNC
    int64_t e;
#endif
    T_CASE("timestamps");
    for (i = 0; i < sizeof tv / sizeof tv[0]; i++) {
        CHECK_EQ(asc_format_timestamp(tv[i].t, out, sizeof out), ASC_OK);
        CHECK_STR(out, tv[i].s);
    }
    CHECK_EQ(asc_format_timestamp(-1, out, sizeof out), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_format_timestamp(253402300800, out, sizeof out), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_format_timestamp(0, out, 20), ASC_E_INVALID_ARG);
#if ASC_ENABLE_CLOCK_SYNC
    /* every day over 5 years round-trips through the HTTP date parser */
    for (e = 1700000000; e < 1700000000 + 5 * 366 * 86400; e += 86400 + 3601) {
        char d[40];
        static const char *wd[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
        static const char *mn[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                    "Aug", "Sep", "Oct", "Nov", "Dec" };
        int64_t got = 0;
        int mon;
        CHECK_EQ(asc_format_timestamp(e, out, sizeof out), ASC_OK);
        mon = (out[5] - '0') * 10 + (out[6] - '0');
        snprintf(d, sizeof d, "%s, %.2s %s %.4s %.8s GMT", wd[(e / 86400) % 7],
                 out + 8, mn[mon - 1], out, out + 11);
        if (asc_parse_http_date(asc_span_from_str(d), &got) != ASC_OK || got != e) {
            CHECK_EQ(got, e);
            break;
        }
    }
    T_CASE("http dates");
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 06 Nov 1994 08:49:37 GMT"), &e), ASC_OK);
    CHECK_EQ(e, 784111777);
#if ASC_STRICT_PARSING
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 06 Nov 1994 08:49:37 UTC"), &e), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 31 Feb 1994 08:49:37 GMT"), &e), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Wed, 29 Feb 2023 08:49:37 GMT"), &e), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Tue, 29 Feb 2100 08:49:37 GMT"), &e), ASC_E_INVALID_ARG);
#else
    /* lean: "GMT" unchecked, a day past the month's end rolls over */
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 06 Nov 1994 08:49:37 UTC"), &e), ASC_OK);
    CHECK_EQ(e, 784111777);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 31 Feb 1994 08:49:37 GMT"), &e), ASC_OK);
    CHECK_EQ(e, 762684577); /* 1994-03-03 */
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Wed, 29 Feb 2023 08:49:37 GMT"), &e), ASC_OK);
    CHECK_EQ(e, 1677660577); /* 2023-03-01 */
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Tue, 29 Feb 2100 08:49:37 GMT"), &e), ASC_OK);
    CHECK_EQ(e, 4107574177); /* 2100-03-01 */
#endif
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sunday, 06-Nov-94 08:49:37 GMT"), &e), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Tue, 29 Feb 2000 00:00:00 GMT"), &e), ASC_OK);
    CHECK_EQ(e, 951782400);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Fri, 31 Dec 9999 23:59:59 GMT"), &e), ASC_OK);
    CHECK_EQ(e, 253402300799);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 06 Nov 1994 24:49:37 GMT"), &e), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 06 Foo 1994 08:49:37 GMT"), &e), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_parse_http_date(asc_span_from_str("Sun, 0x Nov 1994 08:49:37 GMT"), &e), ASC_E_INVALID_ARG);
#endif
}

static void test_status_str(void)
{
    int s;
    T_CASE("status strings");
    for (s = 0; s < ASC_STATUS_COUNT_; s++) {
#if ASC_ENABLE_STATUS_TEXT
        CHECK(strcmp(asc_status_str((asc_status)s), "unknown status") != 0);
        CHECK(strlen(asc_status_str((asc_status)s)) > 1u);
#else
        char want[8];
        (void)snprintf(want, sizeof want, "%d", s);
        CHECK_STR(asc_status_str((asc_status)s), want);
#endif
    }
    CHECK_STR(asc_status_str(ASC_OK), ASC_ENABLE_STATUS_TEXT ? "ok" : "0");
    CHECK_STR(asc_status_str((asc_status)ASC_STATUS_COUNT_), "unknown status");
    CHECK_STR(asc_status_str((asc_status)999), "unknown status");
}

int main(void)
{
    test_injection();
    test_invalid();
    test_value_ends();
    test_sizes();
    test_time();
    test_status_str();
    return TEST_REPORT();
}
