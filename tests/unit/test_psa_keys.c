/*
 * ASC_ENABLE_PSA_KEYS: credentials that name a PSA Crypto key instead of
 * carrying the secret (include/asc_credentials.h). Built against a library
 * compiled with the knob (Makefile: $(BUILD)/obj/psa/).
 *
 *  (a) every signing vector (tests/vectors, official SDK output), V3 and
 *      V1, signed with an imported key: the HMAC over the SDK's string to
 *      sign equals the SDK's signature, and a whole request built with the
 *      key equals, byte for byte, the one built with the secret's bytes;
 *  (b) the memory scan: a secret made at run time is imported as a
 *      PERSISTENT key (file ITS in a directory this test creates and
 *      removes), the test wipes its own copy, signs a request, and then no
 *      writable mapping of the process holds the secret, secret "&" or the
 *      HMAC opad block; a self-check finds a copy kept on purpose;
 *  (c) a key id that names no key, a key of the wrong algorithm or usage,
 *      and a key id given with secret bytes get their documented statuses
 *      with nothing built and, through the client, nothing sent.
 * With mbedTLS 2.28 (no PSA keys) the test says it is skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_tls.h"

#if !ASC_ENABLE_PSA_KEYS
int main(void)
{
    printf("test_psa_keys: skipped: ASC_ENABLE_PSA_KEYS needs mbedTLS 3.x with PSA Crypto "
           "(this configuration builds against mbedTLS 2.28)\n");
    return TEST_REPORT();
}
#else

#include <psa/crypto.h>
#include "../../src/hash.h"
#include "../../src/util.h"
#include "fake_port.h"
#include "vectors.h"

static asc_span sp(const char *p, size_t n)
{
    asc_span s;
    s.ptr = p;
    s.len = n;
    return s;
}

/* ---- keys ---------------------------------------------------------------- */

/* Import key bytes as the header says (V3: HMAC-SHA256 on the secret; V1:
 * HMAC-SHA1 on secret "&"); persistent_id 0: volatile. Returns the id, or
 * 0 on failure. */
static uint32_t import_key(psa_algorithm_t hash, psa_key_usage_t usage, const void *key,
                           size_t len, uint32_t persistent_id)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    mbedtls_svc_key_id_t id = MBEDTLS_SVC_KEY_ID_INIT;
    psa_status_t st;
    psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
    psa_set_key_algorithm(&a, PSA_ALG_HMAC(hash));
    psa_set_key_usage_flags(&a, usage);
    if (persistent_id != 0u) {
        psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_PERSISTENT);
        psa_set_key_id(&a, mbedtls_svc_key_id_make(0, persistent_id));
    }
    st = psa_import_key(&a, (const uint8_t *)key, len, &id);
    psa_reset_key_attributes(&a);
    if (st != PSA_SUCCESS) {
        fprintf(stderr, "psa_import_key: %d\n", (int)st);
        return 0u;
    }
    return MBEDTLS_SVC_KEY_ID_GET_KEY_ID(id);
}

static void destroy_key(uint32_t id)
{
    CHECK_EQ(psa_destroy_key(mbedtls_svc_key_id_make(0, id)), PSA_SUCCESS);
}

/* The V1 key: secret followed by "&" (into buf; returns its length). */
static size_t v1_key(const char *secret, size_t n, char *buf, size_t cap)
{
    if (n + 1u > cap) {
        return 0u;
    }
    memcpy(buf, secret, n);
    buf[n] = '&';
    return n + 1u;
}

/* ---- (a) the vectors ----------------------------------------------------- */

static void base64(const uint8_t *in, size_t n, char *out)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, k = 0;
    for (i = 0; i < n; i += 3u) {
        uint32_t g = (uint32_t)in[i] << 16;
        g |= i + 1u < n ? (uint32_t)in[i + 1u] << 8 : 0u;
        g |= i + 2u < n ? (uint32_t)in[i + 2u] : 0u;
        out[k++] = abc[(g >> 18) & 63u];
        out[k++] = abc[(g >> 12) & 63u];
        out[k++] = i + 1u < n ? abc[(g >> 6) & 63u] : '=';
        out[k++] = i + 2u < n ? abc[g & 63u] : '=';
    }
    out[k] = '\0';
}

/* The signature text (V3 hex, V1 base64) the PSA path gives over text. */
static asc_status psa_signature(asc_md_kind kind, uint32_t key, const char *text, size_t n,
                                char *out)
{
    asc_hmac h;
    uint8_t d[ASC_SHA256_LEN];
    asc_status st;
    asc_hmac_start_key(&h, kind, key);
    asc_md_update(&h.inner, text, n);
    st = asc_hmac_finish(&h, d);
    if (kind == ASC_MD_SHA1) {
        base64(d, ASC_SHA1_LEN, out);
    } else {
        asc_hex_lower(d, ASC_SHA256_LEN, out);
        out[2u * ASC_SHA256_LEN] = '\0';
    }
    return st;
}

static uint8_t req_secret[65536], req_key[65536];

static void case_inputs(const tv_case *c, asc_sig_version sig, asc_param *params,
                        asc_credentials *cr, asc_sign_opts *so, asc_rpc_request *rq)
{
    unsigned long i;
    memset(cr, 0, sizeof *cr);
    memset(so, 0, sizeof *so);
    memset(rq, 0, sizeof *rq);
    cr->access_key_id = sp(c->id, c->id_l);
    cr->access_key_secret = sp(c->secret, c->secret_l);
    cr->security_token = sp(c->token, c->token_l);
    so->sig = sig;
    so->host = sp(c->host, c->host_l);
    so->timestamp = c->ts;
    so->nonce = sp(c->nonce, c->nonce_l);
    so->credentials_provider_header = sig == ASC_SIG_V3 && c->provider != 0;
    rq->action = sp(c->action, c->action_l);
    rq->version = sp(c->apiver, c->apiver_l);
    rq->method = c->get ? ASC_METHOD_GET : ASC_METHOD_POST;
    rq->params_in = c->in_query ? ASC_PARAMS_IN_QUERY : ASC_PARAMS_IN_BODY;
    for (i = 0; i < c->n_params; i++) {
        params[i].name = sp(c->params[i].n, c->params[i].nl);
        params[i].value = sp(c->params[i].v, c->params[i].vl);
    }
    rq->params = params;
    rq->n_params = (size_t)c->n_params;
}

/* The request built with key equals the one built with the secret bytes. */
static void same_request(const tv_case *c, asc_sig_version sig, uint32_t key)
{
    asc_param params[64];
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    size_t n1 = 0, n2 = 0;
    asc_status st1, st2;

    case_inputs(c, sig, params, &cr, &so, &rq);
    st1 = asc_build_request(&cr, &so, &rq, req_secret, sizeof req_secret, &n1, NULL, NULL);
    cr.access_key_secret = sp(NULL, 0u);
    cr.psa_key_id = key;
    st2 = asc_build_request(&cr, &so, &rq, req_key, sizeof req_key, &n2, NULL, NULL);
    CHECK_EQ(st2, st1); /* ASC_OK, or ASC_E_INVALID_ARG for GET without ASC_ENABLE_QUERY */
    CHECK_MEM(req_key, n2, req_secret, n1);
    if (st1 == ASC_OK) {
        CHECK(n1 > 100u);
    }
}

static size_t v1_requests, v3_requests;

static void check_vectors(void)
{
    size_t i;
    char key1[256], got[2u * ASC_SHA256_LEN + 1u];
    for (i = 0; i < sizeof tv_cases / sizeof tv_cases[0]; i++) {
        const tv_case *c = &tv_cases[i];
        uint32_t key;
        T_CASE(c->name);
        if (c->v1) {
#if ASC_ENABLE_V1
            size_t n = v1_key(c->secret, c->secret_l, key1, sizeof key1);
            key = import_key(PSA_ALG_SHA_1, PSA_KEY_USAGE_SIGN_MESSAGE, key1, n, 0u);
            CHECK(n > 0u && key != 0u);
            CHECK_EQ(psa_signature(ASC_MD_SHA1, key, c->sts, c->sts_l, got), ASC_OK);
            CHECK_MEM(got, strlen(got), c->sig, c->sig_l);
            if (c->format_upper) { /* the builder sends Format=JSON */
                same_request(c, ASC_SIG_V1, key);
                v1_requests++;
            }
            destroy_key(key);
#endif
        } else {
            key = import_key(PSA_ALG_SHA_256, PSA_KEY_USAGE_SIGN_MESSAGE, c->secret,
                             c->secret_l, 0u);
            CHECK(key != 0u);
            CHECK_EQ(psa_signature(ASC_MD_SHA256, key, c->sts, c->sts_l, got), ASC_OK);
            CHECK_MEM(got, strlen(got), c->sig, c->sig_l);
            same_request(c, ASC_SIG_V3, key);
            v3_requests++;
            destroy_key(key);
        }
    }
    for (i = 0; i < sizeof tv_docs / sizeof tv_docs[0]; i++) {
        const tv_doc *e = &tv_docs[i];
        uint32_t key;
        size_t n = e->v3 ? e->secret_l : v1_key(e->secret, e->secret_l, key1, sizeof key1);
        T_CASE(e->name);
        if (e->sts == NULL || (!e->v3 && !ASC_ENABLE_V1)) {
            continue;
        }
        key = import_key(e->v3 ? PSA_ALG_SHA_256 : PSA_ALG_SHA_1, PSA_KEY_USAGE_SIGN_MESSAGE,
                         e->v3 ? e->secret : key1, n, 0u);
        CHECK(key != 0u);
        CHECK_EQ(psa_signature(e->v3 ? ASC_MD_SHA256 : ASC_MD_SHA1, key, e->sts, e->sts_l, got),
                 ASC_OK);
        CHECK_MEM(got, strlen(got), e->sig, e->sig_l);
        destroy_key(key);
    }
    printf("vectors: %zu cases + %zu documentation examples signed with PSA keys; "
           "whole requests compared: %zu V3, %zu V1\n",
           sizeof tv_cases / sizeof tv_cases[0], sizeof tv_docs / sizeof tv_docs[0],
           v3_requests, v1_requests);
    CHECK(v3_requests > 10u);
#if ASC_ENABLE_V1
    CHECK(v1_requests > 0u);
#endif
}

/* ---- (c) keys that cannot sign ------------------------------------------- */

static const tv_case *first_case(int v1)
{
    size_t i;
    for (i = 0; i < sizeof tv_cases / sizeof tv_cases[0]; i++) {
        if (tv_cases[i].v1 == v1 && !tv_cases[i].get && !tv_cases[i].in_query &&
            (!v1 || tv_cases[i].format_upper)) {
            return &tv_cases[i];
        }
    }
    return NULL;
}

/* asc_build_request with key id key (and secret bytes when with_secret):
 * want its status, and nothing built. */
static void refused(asc_sig_version sig, uint32_t key, bool with_secret, asc_status want)
{
    const tv_case *c = first_case(sig == ASC_SIG_V1);
    asc_param params[64];
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    size_t len = 1, needed = 1;
    if (c == NULL) {
        CHECK(false);
        return;
    }
    case_inputs(c, sig, params, &cr, &so, &rq);
    if (!with_secret) {
        cr.access_key_secret = sp(NULL, 0u);
    }
    cr.psa_key_id = key;
    memset(req_key, 0, 64);
    CHECK_EQ(asc_build_request(&cr, &so, &rq, req_key, sizeof req_key, &len, &needed, NULL),
             want);
    CHECK_EQ(len, 0);
    CHECK(req_key[0] == 0u); /* not a byte written */
}

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\"," \
                "\"RequestId\":\"R-OK\"}"
static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;

/* Through the client: the call ends with want and nothing was sent. */
static void client_refused(asc_sig_version sig, uint32_t key, asc_status want)
{
    static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
    fake_port_init(&fp, &port);
    (void)fake_add(&fp, ok, sizeof ok - 1u);
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.psa_key_id = key;
    cfg.sig = sig;
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("img-1"), &res), want);
    CHECK_EQ(fp.sends, 0);
    CHECK_EQ(fp.sent_len[0], 0);
}

#if ASC_ENABLE_CREDENTIALS_PROVIDER
/* A provider hands over a key id (and, for the refusal, a secret too). */
typedef struct key_source {
    uint32_t key;
    bool with_secret;
    int asked;
} key_source;
static asc_credentials_store store;

static asc_status fetch_key(void *ctx, asc_credentials_store *s)
{
    key_source *src = (key_source *)ctx;
    src->asked++;
    memcpy(s->access_key_id, "testid", 6);
    s->access_key_id_len = 6;
    s->psa_key_id = src->key;
    if (src->with_secret) {
        memcpy(s->access_key_secret, "testsecret", 10);
        s->access_key_secret_len = 10;
    }
    return ASC_OK;
}

static void provider_call(uint32_t key, bool with_secret, asc_status want, bool sent)
{
    key_source src = { 0u, false, 0 };
    asc_credentials_provider prov;
    src.key = key;
    src.with_secret = with_secret;
    prov.fetch = fetch_key;
    prov.ctx = &src;
    prov.store = &store;
    fake_port_init(&fp, &port);
    {
        static char ok[256];
        int n = snprintf(ok, sizeof ok, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                         strlen(OK_BODY), OK_BODY);
        (void)fake_add(&fp, ok, (size_t)n);
    }
    asc_client_config_defaults(&cfg);
    cfg.credentials_provider = &prov;
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("img-1"), &res), want);
    CHECK_EQ(src.asked, 1);
    CHECK_EQ(fp.sent_len[0] > 100u, sent);
    asc_client_forget_credentials(&cl);
    CHECK_EQ(store.psa_key_id, 0u); /* wiped with the rest of the store */
}

static void check_provider(uint32_t key)
{
    T_CASE("provider: a store with a key id signs with the key");
    provider_call(key, false, ASC_OK, true);
    T_CASE("provider: a key id that names no key: ASC_E_CRYPTO, nothing sent");
    provider_call(0x3FFFFF00u, false, ASC_E_CRYPTO, false);
    T_CASE("provider: a key id and a secret: ASC_E_CREDENTIALS, nothing sent");
    provider_call(key, true, ASC_E_CREDENTIALS, false);
}
#endif

static void check_refusals(void)
{
    const tv_case *v3 = first_case(0);
    uint32_t sha256_key, verify_only;
    if (v3 == NULL) {
        CHECK(false);
        return;
    }
    sha256_key = import_key(PSA_ALG_SHA_256, PSA_KEY_USAGE_SIGN_MESSAGE, v3->secret,
                            v3->secret_l, 0u);
    verify_only = import_key(PSA_ALG_SHA_256, PSA_KEY_USAGE_VERIFY_MESSAGE, v3->secret,
                             v3->secret_l, 0u);
    CHECK(sha256_key != 0u && verify_only != 0u);

    T_CASE("a key id that names no key: ASC_E_CRYPTO, nothing built");
    refused(ASC_SIG_V3, 0x3FFFFF00u, false, ASC_E_CRYPTO);
    T_CASE("a key without the sign usage: ASC_E_CRYPTO");
    refused(ASC_SIG_V3, verify_only, false, ASC_E_CRYPTO);
    T_CASE("a key id and secret bytes: ASC_E_INVALID_ARG");
    refused(ASC_SIG_V3, sha256_key, true, ASC_E_INVALID_ARG);
#if ASC_ENABLE_V1
    {
        char k1[256];
        size_t n = v1_key(v3->secret, v3->secret_l, k1, sizeof k1);
        uint32_t sha1_key = import_key(PSA_ALG_SHA_1, PSA_KEY_USAGE_SIGN_MESSAGE, k1, n, 0u);
        CHECK(sha1_key != 0u);
        T_CASE("a V3 key (HMAC-SHA256) used for V1: ASC_E_CRYPTO");
        refused(ASC_SIG_V1, sha256_key, false, ASC_E_CRYPTO);
        T_CASE("a V1 key (HMAC-SHA1) used for V3: ASC_E_CRYPTO");
        refused(ASC_SIG_V3, sha1_key, false, ASC_E_CRYPTO);
        T_CASE("client: a V3 key used for V1: ASC_E_CRYPTO, nothing sent");
        client_refused(ASC_SIG_V1, sha256_key, ASC_E_CRYPTO);
        destroy_key(sha1_key);
    }
#endif
    T_CASE("client: no such key: ASC_E_CRYPTO, nothing sent");
    client_refused(ASC_SIG_V3, 0x3FFFFF00u, ASC_E_CRYPTO);
    T_CASE("client: a key without the sign usage: ASC_E_CRYPTO, nothing sent");
    client_refused(ASC_SIG_V3, verify_only, ASC_E_CRYPTO);

    T_CASE("client: the good key signs; a key id with a secret is refused at init");
    fake_port_init(&fp, &port);
    {
        static char ok[256];
        int n = snprintf(ok, sizeof ok, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                         strlen(OK_BODY), OK_BODY);
        (void)fake_add(&fp, ok, (size_t)n);
    }
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.psa_key_id = sha256_key;
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("img-1"), &res), ASC_OK);
    CHECK(fp.sent_len[0] > 100u);
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_ACCESS_KEY_SECRET);

#if ASC_ENABLE_CREDENTIALS_PROVIDER
    check_provider(sha256_key);
#endif
    destroy_key(sha256_key);
    destroy_key(verify_only);
}

/* ---- (b) the memory scan ------------------------------------------------- */

#if defined(MBEDTLS_PSA_CRYPTO_STORAGE_C)
/* The needles are kept XORed with MASK: the scan must not find its own
 * copy of what it looks for. */
#define MASK 0xA5u
#define SECRET_LEN 30u
#define N_NEEDLES 3
typedef struct needle {
    const char *what;
    uint8_t masked[64];
    size_t len;
    size_t found; /* copies seen by the last scan */
} needle;
static needle needles[N_NEEDLES];
static uint8_t chunk[1u << 16];

static void set_needle(needle *n, const char *what, const uint8_t *p, size_t len)
{
    size_t i;
    n->what = what;
    n->len = len;
    for (i = 0; i < len; i++) {
        n->masked[i] = (uint8_t)(p[i] ^ MASK);
    }
}

/* Count the needles in b[0..n) (a copy straddling two chunks is found
 * because chunks overlap by 63 bytes; one inside the overlap counts twice).
 * memchr finds the candidates: most memory (zero pages, ASan's shadow) has
 * none, which keeps the scan fast under qemu-arm too. */
static void search(const uint8_t *b, size_t n)
{
    int j;
    for (j = 0; j < N_NEEDLES; j++) {
        needle *nd = &needles[j];
        const uint8_t *p = b, *end = b + n;
        if (nd->len == 0u) {
            continue;
        }
        while (p < end && (p = memchr(p, nd->masked[0] ^ MASK, (size_t)(end - p))) != NULL) {
            size_t k = 1;
            if ((size_t)(end - p) < nd->len) {
                break;
            }
            while (k < nd->len && p[k] == (uint8_t)(nd->masked[k] ^ MASK)) {
                k++;
            }
            if (k == nd->len) {
                nd->found++;
            }
            p++;
        }
    }
}

/* Every writable mapping of /proc/self/maps, read through /proc/self/mem
 * (an unreadable page ends that mapping's read, it does not fault). The
 * scan's own chunk buffer is skipped (it holds what was read). Mappings
 * larger than 1 GiB are reserved address space (ASan's shadow), not data:
 * skipped and counted. Returns the bytes read. */
static size_t scan_memory(size_t *skipped_huge)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    int mem = open("/proc/self/mem", O_RDONLY);
    char line[512];
    size_t total = 0;
    int j;
    for (j = 0; j < N_NEEDLES; j++) {
        needles[j].found = 0;
    }
    *skipped_huge = 0;
    if (maps == NULL || mem < 0) {
        CHECK(false);
        if (maps != NULL) {
            fclose(maps);
        }
        if (mem >= 0) {
            close(mem);
        }
        return 0;
    }
    while (fgets(line, sizeof line, maps) != NULL) {
        unsigned long lo, hi;
        char perms[8];
        uintptr_t a;
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3 || perms[1] != 'w' ||
            perms[0] != 'r' || strstr(line, "[vvar") != NULL) {
            continue;
        }
        if (hi - lo > (1ul << 30)) {
            (*skipped_huge)++;
            continue;
        }
        for (a = lo; a < hi;) {
            size_t want = hi - a < sizeof chunk ? hi - a : sizeof chunk;
            ssize_t got;
            if (a + want > (uintptr_t)chunk && a < (uintptr_t)chunk + sizeof chunk) {
                /* the chunk buffer: skip it */
                a = (uintptr_t)chunk + sizeof chunk;
                continue;
            }
            got = pread(mem, chunk, want, (off_t)a);
            if (got <= 0) {
                break;
            }
            search(chunk, (size_t)got);
            total += (size_t)got;
            if ((size_t)got < want || a + (size_t)got >= hi) {
                a += (size_t)got;
                continue;
            }
            a += (size_t)got - 63u; /* overlap: copies across the boundary */
        }
    }
    fclose(maps);
    close(mem);
    memset(chunk, 0, sizeof chunk);
    return total;
}

static bool random_secret(char *s, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    uint8_t r[SECRET_LEN];
    size_t i;
    int fd = open("/dev/urandom", O_RDONLY);
    bool ok = fd >= 0 && n <= sizeof r && read(fd, r, n) == (ssize_t)n;
    if (fd >= 0) {
        close(fd);
    }
    for (i = 0; ok && i < n; i++) {
        s[i] = abc[r[i] % (sizeof abc - 1u)];
    }
    asc_wipe(r, sizeof r);
    return ok;
}

/* The request a secret gives, built in a child process (the parent never
 * runs the secret-byte signer), into out; returns its length (0: failed). */
static size_t request_from_child(const char *secret, asc_sig_version sig, const tv_case *c,
                                 uint8_t *out, size_t cap)
{
    int fds[2];
    pid_t pid;
    size_t total = 0;
    int status = 0;
    if (pipe(fds) != 0) {
        return 0;
    }
    pid = fork();
    if (pid == 0) {
        asc_param params[64];
        asc_credentials cr;
        asc_sign_opts so;
        asc_rpc_request rq;
        size_t n = 0;
        close(fds[0]);
        case_inputs(c, sig, params, &cr, &so, &rq);
        cr.access_key_secret = sp(secret, SECRET_LEN);
        if (asc_build_request(&cr, &so, &rq, req_secret, sizeof req_secret, &n, NULL, NULL) ==
            ASC_OK) {
            ssize_t w = write(fds[1], req_secret, n);
            (void)w;
        }
        _exit(0);
    }
    close(fds[1]);
    while (pid > 0 && total < cap) {
        ssize_t r = read(fds[0], out + total, cap - total);
        if (r <= 0) {
            break;
        }
        total += (size_t)r;
    }
    close(fds[0]);
    if (pid > 0) {
        (void)waitpid(pid, &status, 0);
    }
    return total;
}

#define KEY_ID_V3 0x00A5C001u
#define KEY_ID_V1 0x00A5C002u

/* Sign c with the persistent key and compare with the child's request. */
static void sign_with(const tv_case *c, asc_sig_version sig, uint32_t key, const uint8_t *want,
                      size_t want_len)
{
    asc_param params[64];
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    size_t n = 0;
    case_inputs(c, sig, params, &cr, &so, &rq);
    cr.access_key_secret = sp(NULL, 0u);
    cr.psa_key_id = key;
    CHECK_EQ(asc_build_request(&cr, &so, &rq, req_key, sizeof req_key, &n, NULL, NULL), ASC_OK);
    CHECK(want_len > 100u);
    CHECK_MEM(req_key, n, want, want_len);
}

static void check_memory_scan(void)
{
    static uint8_t want_v3[8192], want_v1[8192];
    char dir[] = "/tmp/asc-psa-its-XXXXXX";
    char cwd[4096];
    char *secret = NULL;
    char k1[SECRET_LEN + 1u], kept[SECRET_LEN];
    uint8_t opad[ASC_HASH_BLOCK];
    const tv_case *c3 = first_case(0), *c1 = first_case(1);
    size_t want_v3_len, want_v1_len = 0, bytes, huge, i;
    uint32_t key3, key1 = 0;
    char secret_buf[SECRET_LEN];

    T_CASE("memory scan: a persistent key, imported from a wiped run-time buffer");
    if (c3 == NULL || getcwd(cwd, sizeof cwd) == NULL || mkdtemp(dir) == NULL ||
        chdir(dir) != 0) {
        CHECK(false);
        return;
    }
    secret = secret_buf;
    CHECK(random_secret(secret, SECRET_LEN));
    set_needle(&needles[0], "the secret", (const uint8_t *)secret, SECRET_LEN);
    (void)v1_key(secret, SECRET_LEN, k1, sizeof k1);
    set_needle(&needles[1], "the secret \"&\"", (const uint8_t *)k1, SECRET_LEN + 1u);
    /* key ^ opad, the block the HMAC keeps for its outer hash */
    memset(opad, 0x5c, sizeof opad);
    for (i = 0; i < SECRET_LEN; i++) {
        opad[i] = (uint8_t)(opad[i] ^ (uint8_t)secret[i]);
    }
    set_needle(&needles[2], "the V3 HMAC opad block", opad, SECRET_LEN);
    asc_wipe(opad, sizeof opad);

    want_v3_len = request_from_child(secret, ASC_SIG_V3, c3, want_v3, sizeof want_v3);
    key3 = import_key(PSA_ALG_SHA_256, PSA_KEY_USAGE_SIGN_MESSAGE, secret, SECRET_LEN, KEY_ID_V3);
    CHECK_EQ(key3, KEY_ID_V3);
#if ASC_ENABLE_V1
    if (c1 != NULL) {
        want_v1_len = request_from_child(secret, ASC_SIG_V1, c1, want_v1, sizeof want_v1);
        key1 = import_key(PSA_ALG_SHA_1, PSA_KEY_USAGE_SIGN_MESSAGE, k1, SECRET_LEN + 1u,
                          KEY_ID_V1);
        CHECK_EQ(key1, KEY_ID_V1);
    }
#else
    (void)c1;
    (void)want_v1;
#endif
    /* the self-check's copy, kept masked until the scan wants it */
    for (i = 0; i < SECRET_LEN; i++) {
        kept[i] = (char)(secret[i] ^ 0x5A);
    }
    asc_wipe(secret_buf, sizeof secret_buf);
    asc_wipe(k1, sizeof k1);
    {
        /* the files exist: the keys live in storage */
        int fd = open("00000000" "00a5c001.psa_its", O_RDONLY);
        CHECK(fd >= 0);
        if (fd >= 0) {
            close(fd);
        }
    }

    sign_with(c3, ASC_SIG_V3, key3, want_v3, want_v3_len);
    if (key1 != 0u) {
        sign_with(c1, ASC_SIG_V1, key1, want_v1, want_v1_len);
    }
    /* a second signature loads the key again from storage */
    sign_with(c3, ASC_SIG_V3, key3, want_v3, want_v3_len);
    /* the signer purged it: not in memory any more */
    CHECK_EQ(psa_purge_key(mbedtls_svc_key_id_make(0, key3)), PSA_ERROR_DOES_NOT_EXIST);

    bytes = scan_memory(&huge);
    printf("memory scan after signing: %zu bytes in writable mappings read, %zu reserved "
           "mappings over 1 GiB skipped; copies: secret %zu, secret& %zu, opad block %zu\n",
           bytes, huge, needles[0].found, needles[1].found, needles[2].found);
    CHECK(bytes > 100000u);
    CHECK_EQ(needles[0].found, 0);
    CHECK_EQ(needles[1].found, 0);
    CHECK_EQ(needles[2].found, 0);

    T_CASE("memory scan self-check: a copy kept on purpose is found");
    for (i = 0; i < SECRET_LEN; i++) {
        kept[i] = (char)(kept[i] ^ 0x5A); /* now the secret itself */
    }
    bytes = scan_memory(&huge);
    printf("memory scan with a kept copy: copies of the secret %zu\n", needles[0].found);
    CHECK(needles[0].found >= 1u);
    asc_wipe(kept, sizeof kept);

    T_CASE("memory scan self-check: a volatile key's slot holds the secret");
    {
        /* the reason for persistent keys: a volatile key stays in RAM */
        char again[SECRET_LEN];
        uint32_t vol;
        for (i = 0; i < SECRET_LEN; i++) {
            again[i] = (char)(needles[0].masked[i] ^ MASK);
        }
        vol = import_key(PSA_ALG_SHA_256, PSA_KEY_USAGE_SIGN_MESSAGE, again, SECRET_LEN, 0u);
        asc_wipe(again, sizeof again);
        sign_with(c3, ASC_SIG_V3, vol, want_v3, want_v3_len);
        (void)scan_memory(&huge);
        printf("memory scan with a volatile key: copies of the secret %zu\n", needles[0].found);
        CHECK(needles[0].found >= 1u);
        destroy_key(vol);
        (void)scan_memory(&huge);
        CHECK_EQ(needles[0].found, 0); /* destroyed: wiped */
    }

    destroy_key(key3);
    if (key1 != 0u) {
        destroy_key(key1);
    }
    CHECK(chdir(cwd) == 0);
    CHECK(rmdir(dir) == 0); /* empty: the key files went with the keys */
    memset(needles, 0, sizeof needles);
}
#endif /* MBEDTLS_PSA_CRYPTO_STORAGE_C */

#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
static uint8_t arena[64u * 1024u];
#endif

int main(void)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    size_t peak = 0;
    /* mbedTLS allocates from this arena (the heap guard aborts otherwise) */
    CHECK_EQ(asc_tls_arena_init(arena, sizeof arena), ASC_OK);
#endif
    CHECK_EQ(psa_crypto_init(), PSA_SUCCESS);
    check_vectors();
    check_refusals();
#if defined(MBEDTLS_PSA_CRYPTO_STORAGE_C)
    check_memory_scan();
#else
    printf("test_psa_keys: memory scan skipped: this mbedTLS configuration has no "
           "persistent key storage (MBEDTLS_PSA_CRYPTO_STORAGE_C), and a volatile key "
           "stays in RAM by design\n");
#endif
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C) && defined(MBEDTLS_MEMORY_DEBUG)
    CHECK_EQ(asc_tls_arena_peak(&peak, NULL), ASC_OK);
    printf("mbedTLS arena peak: %zu bytes\n", peak);
    CHECK(peak > 0u);
#endif
    mbedtls_psa_crypto_free();
    return TEST_REPORT();
}
#endif /* ASC_ENABLE_PSA_KEYS */
