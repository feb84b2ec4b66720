/*
 * test_spec_credentials.c - what the client accepts from a credentials
 * provider and when it asks (include/asc_credentials.h), each rule on both
 * sides (issue 24), over the scripted port (tests/fake_port.c):
 *  K1 access_key_id and access_key_secret: 1..their maximum bytes are
 *     signed with, 0 or one more than the maximum is ASC_E_CREDENTIALS
 *     before anything is sent; security_token: 0..its maximum, one more is
 *     refused;
 *  K2 expires_utc 0 or negative: the credentials do not expire (asked
 *     once for good); any positive value is an expiry time (1 is long
 *     past: asked again before every call);
 *  K3 credentials are held as soon as the id has one byte: a one-byte id
 *     without expiry is asked for once.
 */
#include <stdint.h>
#include <stdio.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "fake_port.h"

#if ASC_ENABLE_CREDENTIALS_PROVIDER
static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[8192];
static asc_result res;
static asc_credentials_store store;
static asc_credentials_provider provider;

#define OK_RESP \
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 83\r\n\r\n" \
    "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"OK-1\"}"

/* What the provider hands out (lengths of 'A'/'s'/'t' runs) and its count. */
static struct {
    size_t id_len, secret_len, token_len;
    int64_t expires;
    int asked;
} give;

static asc_status fetch(void *ctx, asc_credentials_store *s)
{
    (void)ctx;
    give.asked++;
    memset(s->access_key_id, 'A', sizeof s->access_key_id);
    memset(s->access_key_secret, 's', sizeof s->access_key_secret);
    memset(s->security_token, 't', sizeof s->security_token);
    s->access_key_id_len = give.id_len;
    s->access_key_secret_len = give.secret_len;
    s->security_token_len = give.token_len;
    s->expires_utc = give.expires;
    return ASC_OK;
}

static void setup(size_t id_len, size_t secret_len, size_t token_len, int64_t expires)
{
    memset(&give, 0, sizeof give);
    give.id_len = id_len;
    give.secret_len = secret_len;
    give.token_len = token_len;
    give.expires = expires;
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.insecure_plaintext_http = true;
    provider.fetch = fetch;
    provider.ctx = NULL;
    provider.store = &store;
    cfg.credentials_provider = &provider;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
}

static asc_status call_once(void)
{
    (void)fake_add(&fp, OK_RESP, sizeof OK_RESP - 1u);
    return asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static void test_lengths(void)
{
    T_CASE("K1: one-byte id and secret are signed with");
    setup(1u, 1u, 0u, 0);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(fp.requests, 1);
    T_CASE("K1: id, secret and token of their maximum length are signed with");
    setup(ASC_ACCESS_KEY_ID_MAX, ASC_ACCESS_KEY_SECRET_MAX, ASC_SECURITY_TOKEN_MAX, 0);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(fp.requests, 1);
    T_CASE("K1: one byte more, or an empty id or secret: refused, nothing sent");
    setup(ASC_ACCESS_KEY_ID_MAX + 1u, 8u, 0u, 0);
    CHECK_EQ(call_once(), ASC_E_CREDENTIALS);
    setup(8u, ASC_ACCESS_KEY_SECRET_MAX + 1u, 0u, 0);
    CHECK_EQ(call_once(), ASC_E_CREDENTIALS);
    setup(8u, 8u, ASC_SECURITY_TOKEN_MAX + 1u, 0);
    CHECK_EQ(call_once(), ASC_E_CREDENTIALS);
    setup(0u, 8u, 0u, 0);
    CHECK_EQ(call_once(), ASC_E_CREDENTIALS);
    setup(8u, 0u, 0u, 0);
    CHECK_EQ(call_once(), ASC_E_CREDENTIALS);
    CHECK_EQ(fp.requests, 0);
}

static void test_expiry(void)
{
    T_CASE("K2: expires_utc 0 or negative: asked once for good");
    setup(8u, 8u, 0u, 0);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(give.asked, 1);
    setup(8u, 8u, 0u, -1);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(give.asked, 1);
    T_CASE("K2: expires_utc 1 (1970): an expiry long past, asked before each call");
    setup(8u, 8u, 0u, 1);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(give.asked, 2);
    T_CASE("K3: a one-byte id without expiry is held: asked once");
    setup(1u, 8u, 0u, 0);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(call_once(), ASC_OK);
    CHECK_EQ(give.asked, 1);
}
#endif

int main(void)
{
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    test_lengths();
    test_expiry();
#else
    puts("(no credentials provider in this build)");
#endif
    return TEST_REPORT();
}
