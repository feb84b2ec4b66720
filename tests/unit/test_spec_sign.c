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
 *     28 is ASC_E_INVALID_ARG; params may be NULL only when n_params is 0.
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

int main(void)
{
    test_header_bytes();
    test_token();
    test_v1_signature();
    test_nul_name();
    test_host_length();
    return TEST_REPORT();
}
