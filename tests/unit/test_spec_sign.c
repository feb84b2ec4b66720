/*
 * test_spec_sign.c - input rules of the request builder and the V1 signer
 * (include/asc_request.h), each on both sides (issue 24):
 *  S1 a header value (user agent, security token, nonce) may hold any byte
 *     but controls: 0x20..0x7E and 0x80..0xFF are sent, 0x7F and 0x1F are
 *     ASC_E_INVALID_HEADER_VALUE; action and version are A-Z a-z 0-9 - _ . ~
 *     only, so 0x80 there is refused too;
 *  S2 a security token of one byte is a token: sent as
 *     x-acs-security-token and signed, with x-acs-accesskey-id and the
 *     provider header static_sts; none (length 0): neither token nor
 *     accesskey-id header, provider static_ak;
 *  S4 parameter names are bytes, percent-encoded: a name of one NUL byte
 *     is sent as %00 like any other;
 *  S5 the host header holds a host of ASC_MAX_HOST_LEN bytes and a port
 *     (":65535"): that long is taken, one byte more refused; a request with
 *     n_params 1 and no params is ASC_E_INVALID_ARG;
 *  S3 asc_v1_signature writes 28 characters and a NUL: cap 29 is enough,
 *     28 is ASC_E_INVALID_ARG; params may be NULL only when n_params is 0;
 *     it signs up to ASC_MAX_PARAMS + 9 parameters (the caller's and the
 *     nine common ones), one more is ASC_E_INVALID_ARG; on a failure out
 *     is the empty string; the key is the secret and "&" (RFC 2104: a
 *     secret of 63 bytes makes a key of one block, used as it is; 64 bytes
 *     one byte more, hashed first);
 *  S6 parameters are sent sorted by raw bytes, shorter first on a tie: names
 *     of one byte, a name and the same name with one byte more, names that
 *     differ by one in their last byte are all kept, each once;
 *  S7 parameters in the body are not in the query: the request line is
 *     "POST / HTTP/1.1" (V3), and V1's query holds only the common ones;
 *  S8 V1 sends the plain headers and x-acs-action, x-acs-version (and the
 *     provider header): no x-acs-date, nonce, content hash, accesskey-id or
 *     token header; its common parameters are sent even when one byte long;
 *  S9 every input span with a length but a NULL pointer (AccessKeyId,
 *     secret, token, host, user agent, nonce, action, version) is
 *     ASC_E_INVALID_ARG; so is buf NULL with cap 1 (cap 0: a size query,
 *     ASC_E_BUFFER_TOO_SMALL with *out_needed);
 *  S10 ASC_MAX_PARAMS parameters are built, one more is ASC_E_INVALID_ARG;
 *     V1 GET with ASC_MAX_PARAMS parameters (the most a sorted walk sees:
 *     the common parameters and the caller's) sends each common parameter
 *     once, no SecurityToken without a token, "Signature" once and last.
 */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "asc.h"
#include "asc_request.h"

static uint8_t out[4096];
static size_t out_len;

static asc_status build(const char *user_agent, const char *token, const char *action)
{
    asc_credentials creds = { ASC_SPAN_LIT("LTAI5tExample"), ASC_SPAN_LIT("secret"), { NULL, 0u } };
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT("2021-09-01"),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 1u };
    asc_sign_opts so;
    size_t needed = 0u;
    memset(&so, 0, sizeof so);
    rq.params = &p;
    rq.action = asc_span_from_str(action);
    creds.security_token = asc_span_from_str(token);
    so.sig = ASC_SIG_V3;
    so.credentials_provider_header = true;
    so.host = asc_span_from_str("appstream.aliyuncs.com");
    so.user_agent = asc_span_from_str(user_agent);
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    out_len = 0u;
    memset(out, 0, sizeof out);
    return asc_build_request(&creds, &so, &rq, out, sizeof out - 1u, &out_len, &needed, NULL);
}

static int sent(const char *text)
{
    return strstr((const char *)out, text) != NULL;
}

#if ASC_ENABLE_V1 && ASC_ENABLE_QUERY
/* How many times text occurs in the request (S10). */
static unsigned times_sent(const char *text)
{
    unsigned n = 0u;
    const char *p = (const char *)out;
    while ((p = strstr(p, text)) != NULL) {
        n++;
        p++;
    }
    return n;
}
#endif

static void test_header_bytes(void)
{
    T_CASE("S1: bytes from 0x80 are allowed in a header value");
    CHECK_EQ(build("agent/\x80\xff", "", "DeleteImage"), ASC_OK);
    CHECK(sent("user-agent: agent/\x80\xff\r\n"));
    CHECK_EQ(build("agent/~ !", "", "DeleteImage"), ASC_OK);
    T_CASE("S1: DEL and other control bytes are not");
    CHECK_EQ(build("agent/\x7f", "", "DeleteImage"), ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(build("agent/\x1f", "", "DeleteImage"), ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(out_len, 0u);
    T_CASE("S1: the action is unreserved characters only");
    CHECK_EQ(build("agent", "", "Delete\x80Image"), ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(build("agent", "", "Delete~Image"), ASC_OK);
}

static void test_token(void)
{
    T_CASE("S2: a one-byte security token is sent and signed");
    CHECK_EQ(build("agent", "t", "DeleteImage"), ASC_OK);
    CHECK(sent("\r\nx-acs-security-token: t\r\n"));
    CHECK(sent(";x-acs-security-token;")); /* in SignedHeaders */
    CHECK(sent("\r\nx-acs-accesskey-id: LTAI5tExample\r\n"));
    CHECK(sent("\r\nx-acs-credentials-provider: static_sts\r\n"));
    T_CASE("S2: no token, no header");
    CHECK_EQ(build("agent", "", "DeleteImage"), ASC_OK);
    CHECK(!sent("x-acs-security-token"));
    CHECK(!sent("x-acs-accesskey-id"));
    CHECK(sent("\r\nx-acs-credentials-provider: static_ak\r\n"));
}

static void test_v1_signature(void)
{
#if ASC_ENABLE_V1 && ASC_ENABLE_TOOLS
    char sig[64];
    asc_param p = { ASC_SPAN_LIT("Action"), ASC_SPAN_LIT("DeleteImage") };
    T_CASE("S3: 28 characters and a NUL: cap 29 is enough, 28 is not");
    memset(sig, 'x', sizeof sig);
    CHECK_EQ(asc_v1_signature(asc_span_from_str("secret"), ASC_METHOD_POST, &p, 1u, sig, 29u,
                              NULL), ASC_OK);
    CHECK_EQ(strlen(sig), 28u);
    CHECK_EQ(asc_v1_signature(asc_span_from_str("secret"), ASC_METHOD_POST, &p, 1u, sig, 28u,
                              NULL), ASC_E_INVALID_ARG);
    T_CASE("S3: NULL params only with n_params 0");
    CHECK_EQ(asc_v1_signature(asc_span_from_str("secret"), ASC_METHOD_GET, NULL, 1u, sig,
                              sizeof sig, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_v1_signature(asc_span_from_str("secret"), ASC_METHOD_GET, NULL, 0u, sig,
                              sizeof sig, NULL), ASC_OK);
    CHECK_EQ(strlen(sig), 28u);
#endif
}

static void test_nul_name(void)
{
    asc_credentials creds = { ASC_SPAN_LIT("LTAI5tExample"), ASC_SPAN_LIT("secret"), { NULL, 0u } };
    asc_param p[2] = { { { "\0", 1u }, ASC_SPAN_LIT("v0") }, { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") } };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT("2021-09-01"),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 2u };
    asc_sign_opts so;
    size_t needed = 0u;
    T_CASE("S4: a parameter named by one NUL byte is sent as %00");
    memset(&so, 0, sizeof so);
    rq.params = p;
    so.sig = ASC_SIG_V3;
    so.host = asc_span_from_str("appstream.aliyuncs.com");
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    memset(out, 0, sizeof out);
    CHECK_EQ(asc_build_request(&creds, &so, &rq, out, sizeof out - 1u, &out_len, &needed, NULL),
             ASC_OK);
    CHECK(sent("%00=v0"));
    CHECK(sent("ImageId=img-1"));
}

static asc_status build_host(const char *host, size_t n_params, const asc_param *params)
{
    asc_credentials creds = { ASC_SPAN_LIT("LTAI5tExample"), ASC_SPAN_LIT("secret"), { NULL, 0u } };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT("2021-09-01"),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 0u };
    asc_sign_opts so;
    size_t needed = 0u;
    memset(&so, 0, sizeof so);
    rq.params = params;
    rq.n_params = n_params;
    so.sig = ASC_SIG_V3;
    so.host = asc_span_from_str(host);
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    return asc_build_request(&creds, &so, &rq, out, sizeof out - 1u, &out_len, &needed, NULL);
}

static void test_host_length(void)
{
    static char host[ASC_MAX_HOST_LEN + 16];
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };
    T_CASE("S5: the longest host with a port is taken, one byte more is not");
    memset(host, 'a', ASC_MAX_HOST_LEN);
    memcpy(host + ASC_MAX_HOST_LEN, ":65535", 7u);
    CHECK_EQ(build_host(host, 1u, &p), ASC_OK);
    memcpy(host + ASC_MAX_HOST_LEN, "a:65535", 8u);
    CHECK_EQ(build_host(host, 1u, &p), ASC_E_INVALID_HEADER_VALUE);
    T_CASE("S5: n_params 1 without params is refused, 0 without params is fine");
    CHECK_EQ(build_host("appstream.aliyuncs.com", 1u, NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(build_host("appstream.aliyuncs.com", 0u, NULL), ASC_OK);
}

/* A request with every input set (V3, POST, parameters in the body); the
 * cases change what they test and call run(). */
static asc_credentials r_creds;
static asc_sign_opts r_so;
static asc_rpc_request r_rq;
static asc_param r_p[ASC_MAX_PARAMS + 10];
static char r_names[ASC_MAX_PARAMS + 10][8];
static size_t r_needed;

static void defaults(void)
{
    memset(&r_creds, 0, sizeof r_creds);
    memset(&r_so, 0, sizeof r_so);
    memset(&r_rq, 0, sizeof r_rq);
    r_creds.access_key_id = asc_span_from_str("LTAI5tExample");
    r_creds.access_key_secret = asc_span_from_str("secret");
    r_so.sig = ASC_SIG_V3;
    r_so.host = asc_span_from_str("appstream.aliyuncs.com");
    r_so.user_agent = asc_span_from_str("agent");
    r_so.timestamp = 1767225600;
    r_so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    r_rq.action = asc_span_from_str("DeleteImage");
    r_rq.version = asc_span_from_str("2021-09-01");
    r_rq.method = ASC_METHOD_POST;
    r_rq.params_in = ASC_PARAMS_IN_BODY;
    r_p[0].name = asc_span_from_str("ImageId");
    r_p[0].value = asc_span_from_str("img-1");
    r_rq.params = r_p;
    r_rq.n_params = 1u;
}

static asc_status run(void)
{
    out_len = 0u;
    r_needed = 0u;
    memset(out, 0, sizeof out);
    return asc_build_request(&r_creds, &r_so, &r_rq, out, sizeof out - 1u, &out_len, &r_needed,
                             NULL);
}

/* The body: what follows the blank line. */
static const char *body(void)
{
    const char *b = strstr((const char *)out, "\r\n\r\n");
    return b != NULL ? b + 4 : "";
}

static void test_sorted_names(void)
{
    static const char *const names[] = { "b", "ImageIds", "a", "ImageId", "ImageIe" };
    size_t i;
    T_CASE("S6: one-byte names, a name and its one-byte extension, last bytes one apart");
    defaults();
    for (i = 0; i < 5u; i++) {
        r_p[i].name = asc_span_from_str(names[i]);
        r_p[i].value = asc_span_from_str("v");
    }
    r_rq.n_params = 5u;
    CHECK_EQ(run(), ASC_OK);
    CHECK_STR(body(), "ImageId=v&ImageIds=v&ImageIe=v&a=v&b=v");
}

static void test_body_not_in_query(void)
{
    T_CASE("S7: V3, parameters in the body: nothing after the path");
    defaults();
    CHECK_EQ(run(), ASC_OK);
    CHECK_MEM(out, 17u, "POST / HTTP/1.1\r\n", 17u);
    CHECK_STR(body(), "ImageId=img-1");
#if ASC_ENABLE_V1
    T_CASE("S7: V1, parameters in the body: the query has the common ones only");
    defaults();
    r_so.sig = ASC_SIG_V1;
    CHECK_EQ(run(), ASC_OK);
    CHECK_MEM(out, 20u, "POST /?AccessKeyId=L", 20u);
    CHECK(!sent("ImageId=img-1&"));
    CHECK(!sent("ImageId=img-1 "));
    CHECK_STR(body(), "ImageId=img-1");
#endif
}

static void test_v1_headers(void)
{
#if ASC_ENABLE_V1
    T_CASE("S8: V1 sends the plain headers, action and version, no V3 signing headers");
    defaults();
    r_so.sig = ASC_SIG_V1;
    r_so.credentials_provider_header = true;
    r_creds.security_token = asc_span_from_str("t");
    CHECK_EQ(run(), ASC_OK);
    CHECK(sent("\r\nhost: appstream.aliyuncs.com\r\n"));
    CHECK(sent("\r\nx-acs-action: DeleteImage\r\n"));
    CHECK(sent("\r\nx-acs-version: 2021-09-01\r\n"));
    CHECK(sent("\r\nx-acs-credentials-provider: static_sts\r\n"));
    CHECK(sent("\r\ncontent-type: application/x-www-form-urlencoded\r\n"));
    CHECK(sent("\r\ncontent-length: 13\r\n"));
    CHECK(!sent("x-acs-date"));
    CHECK(!sent("x-acs-signature-nonce"));
    CHECK(!sent("x-acs-content-sha256"));
    CHECK(!sent("x-acs-accesskey-id"));
    CHECK(!sent("x-acs-security-token"));
    CHECK(!sent("Authorization"));
    T_CASE("S8: V1 common parameters of one byte are sent");
    defaults();
    r_so.sig = ASC_SIG_V1;
    r_creds.access_key_id = asc_span_from_str("k");
    r_creds.security_token = asc_span_from_str("t");
    r_so.nonce = asc_span_from_str("n");
    r_rq.action = asc_span_from_str("A");
    r_rq.version = asc_span_from_str("1");
    CHECK_EQ(run(), ASC_OK);
    CHECK(sent("POST /?AccessKeyId=k&Action=A&Format=JSON&SecurityToken=t"
               "&SignatureMethod=HMAC-SHA1&SignatureNonce=n&SignatureVersion=1.0"
               "&Timestamp=2026-01-01T00%3A00%3A00Z&Version=1&Signature="));
#endif
}

static void test_null_with_length(void)
{
    asc_span bad = { NULL, 1u };
    int which;
    T_CASE("S9: a NULL pointer with a length of 1 is refused in every input");
    for (which = 0; which < 8; which++) {
        defaults();
        switch (which) {
        case 0: r_creds.access_key_id = bad; break;
        case 1: r_creds.access_key_secret = bad; break;
        case 2: r_creds.security_token = bad; break;
        case 3: r_so.host = bad; break;
        case 4: r_so.user_agent = bad; break;
        case 5: r_so.nonce = bad; break;
        case 6: r_rq.action = bad; break;
        default: r_rq.version = bad; break;
        }
        CHECK_EQ(run(), ASC_E_INVALID_ARG);
        CHECK_EQ(out_len, 0u);
    }
    T_CASE("S9: buf NULL with cap 1 is refused, with cap 0 it asks for the size");
    defaults();
    out_len = 1u;
    CHECK_EQ(asc_build_request(&r_creds, &r_so, &r_rq, NULL, 1u, &out_len, &r_needed, NULL),
             ASC_E_INVALID_ARG);
    CHECK_EQ(r_needed, 0u);
    CHECK_EQ(asc_build_request(&r_creds, &r_so, &r_rq, NULL, 0u, &out_len, &r_needed, NULL),
             ASC_E_BUFFER_TOO_SMALL);
    CHECK_EQ(run(), ASC_OK);
    CHECK_EQ(r_needed, out_len);
}

static void fill_params(size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        r_names[i][0] = 'p';
        r_names[i][1] = (char)('0' + (int)(i / 100u % 10u));
        r_names[i][2] = (char)('0' + (int)(i / 10u % 10u));
        r_names[i][3] = (char)('0' + (int)(i % 10u));
        r_names[i][4] = '\0';
        r_p[i].name = asc_span_from_str(r_names[i]);
        r_p[i].value = asc_span_from_str("v");
    }
}

static void test_max_params(void)
{
    T_CASE("S10: ASC_MAX_PARAMS parameters are built, one more is refused");
    defaults();
    fill_params(ASC_MAX_PARAMS + 1u);
    r_rq.n_params = ASC_MAX_PARAMS;
    CHECK_EQ(run(), ASC_OK);
    CHECK(sent("&p000=v") || sent("\r\n\r\np000=v"));
    r_rq.n_params = ASC_MAX_PARAMS + 1u;
    CHECK_EQ(run(), ASC_E_INVALID_ARG);
    CHECK_EQ(out_len, 0u);
#if ASC_ENABLE_V1 && ASC_ENABLE_QUERY
    T_CASE("S10: V1 GET, ASC_MAX_PARAMS parameters: common ones once, Signature once and last");
    defaults();
    fill_params(ASC_MAX_PARAMS);
    r_so.sig = ASC_SIG_V1;
    r_rq.method = ASC_METHOD_GET;
    r_rq.params_in = ASC_PARAMS_IN_QUERY;
    r_rq.n_params = ASC_MAX_PARAMS;
    CHECK_EQ(run(), ASC_OK);
    CHECK_EQ(times_sent("AccessKeyId="), 1u);
    CHECK_EQ(times_sent("Timestamp="), 1u);
    CHECK_EQ(times_sent("Signature="), 1u);
    CHECK(!sent("SecurityToken"));
    CHECK(sent("&p031=v&Signature="));
    CHECK(sent("GET /?AccessKeyId=LTAI5tExample&Action=DeleteImage&Format=JSON&"));
#endif
}

static void test_v1_signature_limits(void)
{
#if ASC_ENABLE_V1 && ASC_ENABLE_TOOLS
    static char secret[65];
    char sig[64];
    asc_param p = { ASC_SPAN_LIT("Action"), ASC_SPAN_LIT("DeleteImage") };
    asc_span sec = asc_span_from_str("secret");
    T_CASE("S3: ASC_MAX_PARAMS + 9 parameters are signed, one more is refused");
    defaults();
    fill_params(ASC_MAX_PARAMS + 10u);
    CHECK_EQ(asc_v1_signature(sec, ASC_METHOD_POST, r_p, ASC_MAX_PARAMS + 9u, sig, sizeof sig,
                              NULL), ASC_OK);
    CHECK_EQ(strlen(sig), 28u);
    CHECK_EQ(asc_v1_signature(sec, ASC_METHOD_POST, r_p, ASC_MAX_PARAMS + 10u, sig, sizeof sig,
                              NULL), ASC_E_INVALID_ARG);
    T_CASE("S3: on a failure out is the empty string");
    memset(sig, 'x', sizeof sig);
    r_p[1].name = r_p[0].name; /* a duplicate: found while signing */
    CHECK_EQ(asc_v1_signature(sec, ASC_METHOD_POST, r_p, 2u, sig, sizeof sig, NULL),
             ASC_E_DUPLICATE_PARAM);
    CHECK_STR(sig, "");
    T_CASE("S3: a key of exactly one block (63-byte secret) and one byte more (64)");
    memset(secret, 's', sizeof secret);
    sec.ptr = secret;
    sec.len = 63u;
    CHECK_EQ(asc_v1_signature(sec, ASC_METHOD_POST, &p, 1u, sig, sizeof sig, NULL), ASC_OK);
    CHECK_STR(sig, "rqz/XR2xGA0DEplGSY4VwUlEAUs=");
    sec.len = 64u;
    CHECK_EQ(asc_v1_signature(sec, ASC_METHOD_POST, &p, 1u, sig, sizeof sig, NULL), ASC_OK);
    CHECK_STR(sig, "QjxoWpEo4NahJAkptOtuNDmG5Sc=");
#endif
}

int main(void)
{
    test_header_bytes();
    test_token();
    test_v1_signature();
    test_nul_name();
    test_host_length();
    test_sorted_names();
    test_body_not_in_query();
    test_v1_headers();
    test_null_with_length();
    test_max_params();
    test_v1_signature_limits();
    return TEST_REPORT();
}
