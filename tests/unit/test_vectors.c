/*
 * Every case of tests/vectors/signing-vectors.json (official Node.js SDK
 * output) through our signer: canonical string, string to sign, signature.
 */
#include <ctype.h>
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "../../src/hash.h"
#include "../../src/util.h"
#include "vectors.h"

#define TRACE_CAP 16384
typedef struct {
    char buf[4][TRACE_CAP];
    size_t len[4];
} trace_store;

#if ASC_ENABLE_TOOLS
static void trace_fn(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    trace_store *t = (trace_store *)ctx;
    size_t k = (size_t)kind;
    if (t->len[k] + n <= TRACE_CAP) {
        memcpy(t->buf[k] + t->len[k], p, n);
    }
    t->len[k] += n;
}
#endif

static asc_span sp(const char *p, size_t n)
{
    asc_span s;
    s.ptr = p;
    s.len = n;
    return s;
}

static size_t to_params(const tv_param *tp, unsigned long n, asc_param *out)
{
    unsigned long i;
    for (i = 0; i < n; i++) {
        out[i].name = sp(tp[i].n, tp[i].nl);
        out[i].value = sp(tp[i].v, tp[i].vl);
    }
    return (size_t)n;
}

static uint8_t req[65536];
static trace_store tr;
static char scratch[TRACE_CAP];

/* Find "name: value\r\n" in the request headers; returns value span. */
static asc_span find_header(const uint8_t *r, size_t n, const char *name)
{
    size_t i, nl = strlen(name);
    asc_span none = { NULL, 0u };
    for (i = 0; i + nl + 2u < n; i++) {
        if ((i == 0 || r[i - 1] == '\n') && memcmp(r + i, name, nl) == 0 &&
            r[i + nl] == ':' && r[i + nl + 1] == ' ') {
            size_t j = i + nl + 2u, s = j;
            while (j < n && r[j] != '\r') {
                j++;
            }
            return sp((const char *)r + s, j - s);
        }
        if (r[i] == '\r' && i + 3u < n && r[i + 1] == '\n' && r[i + 2] == '\r') {
            break;
        }
    }
    return none;
}

static asc_span body_of(const uint8_t *r, size_t n)
{
    size_t i;
    for (i = 0; i + 3u < n; i++) {
        if (memcmp(r + i, "\r\n\r\n", 4) == 0) {
            return sp((const char *)r + i + 4u, n - i - 4u);
        }
    }
    return sp(NULL, 0u);
}

static int rfc3986_form(asc_span b)
{
    size_t i;
    for (i = 0; i < b.len; i++) {
        uint8_t c = (uint8_t)b.ptr[i];
        if (c == '%') {
            if (i + 2u >= b.len || !strchr("0123456789ABCDEF", b.ptr[i + 1]) ||
                !strchr("0123456789ABCDEF", b.ptr[i + 2])) {
                return 0;
            }
            i += 2u;
        } else if (!(c < 128u && (isalnum(c) || strchr("-_.~=&", c) != NULL))) {
            return 0;
        }
    }
    return 1;
}

/* Credentials, options and call of a vector case, as our builder takes them. */
static void case_inputs(const tv_case *c, asc_sig_version sig, asc_param *params,
                        asc_credentials *cr, asc_sign_opts *so, asc_rpc_request *rq)
{
    memset(cr, 0, sizeof *cr);
    memset(so, 0, sizeof *so);
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
    rq->params = params;
    rq->n_params = to_params(c->params, c->n_params, params);
}

/* Without ASC_ENABLE_QUERY, GET and query requests are refused. */
static int refused_without_query(const tv_case *c, asc_sig_version sig)
{
#if !ASC_ENABLE_QUERY
    asc_param params[64];
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    size_t len = 1, needed = 1;
    if (c->get || c->in_query) {
        case_inputs(c, sig, params, &cr, &so, &rq);
        CHECK_EQ(asc_build_request(&cr, &so, &rq, req, sizeof req, &len, &needed, NULL),
                 ASC_E_INVALID_ARG);
        CHECK_EQ(len, 0);
        CHECK_EQ(needed, 0);
        return 1;
    }
#else
    (void)c;
    (void)sig;
#endif
    return 0;
}

/* The SDK's canonical request with its body hash replaced by ours (the same
 * text when the bodies agree) into scratch; returns its length. */
static size_t our_canonical(const tv_case *c, const char *our_hash)
{
    size_t i, k = 0;
    for (i = 0; i < c->canonical_l; i++) {
        if (i + 64u <= c->canonical_l && memcmp(c->canonical + i, c->body_hash, 64) == 0) {
            memcpy(scratch + k, our_hash, 64);
            k += 64u;
            i += 63u;
        } else {
            scratch[k++] = c->canonical[i];
        }
    }
    return k;
}

/* Trace-free (both profiles): the request's body hash header is the SHA-256
 * of its body, and its Authorization header is the SDK's with the signature
 * our HMAC gives over the SDK's canonical request (body hash ours). */
static void check_v3_request(const tv_case *c, const uint8_t *r, size_t len)
{
    asc_span body = body_of(r, len), h = find_header(r, len, "x-acs-content-sha256");
    asc_span a = find_header(r, len, "Authorization");
    uint8_t d[32];
    char hex[64], sts[17 + 64], want[1024];
    size_t k, pre;
    CHECK(rfc3986_form(body));
    CHECK_EQ(asc_sha256(body.ptr, body.len, d), ASC_OK);
    asc_hex_lower(d, 32, hex);
    CHECK_MEM(h.ptr, h.len, hex, 64u);
    k = our_canonical(c, hex);
    CHECK_EQ(asc_sha256(scratch, k, d), ASC_OK);
    memcpy(sts, "ACS3-HMAC-SHA256\n", 17);
    asc_hex_lower(d, 32, sts + 17);
    CHECK_EQ(asc_hmac_oneshot(ASC_MD_SHA256, sp(c->secret, c->secret_l), sts, sizeof sts, d),
             ASC_OK);
    asc_hex_lower(d, 32, hex);
    pre = c->authorization_l - c->sig_l;
    CHECK(pre + 64u <= sizeof want && c->sig_l == 64u &&
          memcmp(c->authorization + pre, c->sig, 64) == 0);
    memcpy(want, c->authorization, pre);
    memcpy(want + pre, hex, 64);
    CHECK_MEM(a.ptr, a.len, want, pre + 64u);
    if (c->body_hash_l == 64u && memcmp(h.ptr, c->body_hash, 64) == 0) {
        CHECK_MEM(a.ptr, a.len, c->authorization, c->authorization_l);
    }
}

static void check_v3(const tv_case *c)
{
    asc_param params[64];
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    size_t len = 0, needed = 0;
    asc_status st;
    uint8_t d[32];
    char hex[64];

    if (refused_without_query(c, ASC_SIG_V3)) {
        return;
    }
    memset(&tr, 0, sizeof tr);
    case_inputs(c, ASC_SIG_V3, params, &cr, &so, &rq);
    st = asc_build_request(&cr, &so, &rq, req, sizeof req, &len, &needed, NULL);
    CHECK_EQ(st, ASC_OK);
    CHECK_EQ(len, needed);
    check_v3_request(c, req, len);
#if ASC_ENABLE_TOOLS
    {
    asc_trace t = { trace_fn, &tr };
    size_t len2 = 0;
    asc_span body;
    st = asc_build_request(&cr, &so, &rq, req, sizeof req, &len2, &needed, &t);
    CHECK_EQ(st, ASC_OK);
    CHECK_EQ(len2, len); /* (same inputs, same request, traced or not) */
    body = body_of(req, len);
    CHECK(rfc3986_form(body));

    if (tr.len[ASC_TRACE_BODY_HASH] == c->body_hash_l &&
        memcmp(tr.buf[ASC_TRACE_BODY_HASH], c->body_hash, c->body_hash_l) == 0) {
        /* Same body bytes as the SDK: everything must match exactly. */
        CHECK_MEM(tr.buf[ASC_TRACE_CANONICAL], tr.len[ASC_TRACE_CANONICAL],
                  c->canonical, c->canonical_l);
        CHECK_MEM(tr.buf[ASC_TRACE_STRING_TO_SIGN], tr.len[ASC_TRACE_STRING_TO_SIGN],
                  c->sts, c->sts_l);
        CHECK_MEM(tr.buf[ASC_TRACE_SIGNATURE], tr.len[ASC_TRACE_SIGNATURE],
                  c->sig, c->sig_l);
        {
            asc_span a = find_header(req, len, "Authorization");
            CHECK_MEM(a.ptr, a.len, c->authorization, c->authorization_l);
        }
        if (c->sdk_body != NULL) {
            CHECK_MEM(body.ptr, body.len, c->sdk_body, c->sdk_body_l);
        }
    } else {
        /* Our RFC 3986 body differs from node's querystring bytes: the
         * canonical request must equal the SDK's with only the body hash
         * replaced, and our hash must be the SHA-256 of our body. */
        size_t i, k = 0;
        CHECK(c->sdk_body != NULL);
        for (i = 0; i < c->canonical_l; i++) {
            if (i + 64u <= c->canonical_l &&
                memcmp(c->canonical + i, c->body_hash, 64) == 0) {
                memcpy(scratch + k, tr.buf[ASC_TRACE_BODY_HASH], 64);
                k += 64u;
                i += 63u;
            } else {
                scratch[k++] = c->canonical[i];
            }
        }
        CHECK_MEM(tr.buf[ASC_TRACE_CANONICAL], tr.len[ASC_TRACE_CANONICAL],
                  scratch, k);
        CHECK_EQ(asc_sha256(body.ptr, body.len, d), ASC_OK);
        asc_hex_lower(d, 32, hex);
        CHECK_MEM(hex, 64u, tr.buf[ASC_TRACE_BODY_HASH], tr.len[ASC_TRACE_BODY_HASH]);
        /* And the SDK's own hash is what we compute over the SDK's bytes. */
        CHECK_EQ(asc_sha256(c->sdk_body, c->sdk_body_l, d), ASC_OK);
        asc_hex_lower(d, 32, hex);
        CHECK_MEM(hex, 64u, c->body_hash, c->body_hash_l);
    }
    }
#endif
    /* Given the SDK's canonical request, our hash and HMAC give its string
     * to sign and signature (covers the cases whose bodies differ). */
    CHECK_EQ(asc_sha256(c->canonical, c->canonical_l, d), ASC_OK);
    asc_hex_lower(d, 32, hex);
    CHECK(c->sts_l == 17u + 64u && memcmp(c->sts + 17, hex, 64) == 0);
    CHECK_EQ(asc_hmac_oneshot(ASC_MD_SHA256, sp(c->secret, c->secret_l), c->sts,
                              c->sts_l, d), ASC_OK);
    asc_hex_lower(d, 32, hex);
    CHECK_MEM(hex, 64u, c->sig, c->sig_l);
}

#if ASC_ENABLE_V1
static size_t v1_checked; /* V1 vectors checked through the builder */

/* Trace-free (both profiles): the request line carries
 * &Signature=enc(the SDK's signature) as its last query parameter. */
static void check_v1_request(const tv_case *c, const uint8_t *r, size_t len)
{
    char want[128];
    size_t i, k = 0, e;
    for (i = 0; i < c->sig_l && k + 3u < sizeof want; i++) {
        uint8_t b = (uint8_t)c->sig[i];
        if (isalnum(b)) {
            want[k++] = (char)b;
        } else {
            k += (size_t)snprintf(want + k, sizeof want - k, "%%%02X", b);
        }
    }
    for (e = 0; e < len && r[e] != '\r'; e++) {
    }
    CHECK(e > 9u && memcmp(r + e - 9u, " HTTP/1.1", 9) == 0);
    CHECK(e >= 20u + k && memcmp(r + e - 9u - k - 11u, "&Signature=", 11) == 0);
    CHECK_MEM(r + e - 9u - k, k, want, k);
    v1_checked++;
}

static void check_v1(const tv_case *c)
{
    asc_param params[64];
#if ASC_ENABLE_TOOLS
    char sig[40];
    asc_trace t = { trace_fn, &tr };
    size_t n = to_params(c->all, c->n_all, params);

    memset(&tr, 0, sizeof tr);
    CHECK_EQ(asc_v1_signature(sp(c->secret, c->secret_l),
                              c->get ? ASC_METHOD_GET : ASC_METHOD_POST,
                              params, n, sig, sizeof sig, &t), ASC_OK);
    CHECK_MEM(tr.buf[ASC_TRACE_CANONICAL], tr.len[ASC_TRACE_CANONICAL],
              c->canonical, c->canonical_l);
    CHECK_MEM(tr.buf[ASC_TRACE_STRING_TO_SIGN], tr.len[ASC_TRACE_STRING_TO_SIGN],
              c->sts, c->sts_l);
    CHECK_MEM(sig, strlen(sig), c->sig, c->sig_l);
#endif

    if (c->format_upper) {
        /* Our builder sends Format=JSON, as pop-core does: full request. */
        asc_credentials cr;
        asc_sign_opts so;
        asc_rpc_request rq;
        size_t len = 0, needed = 0;
        if (refused_without_query(c, ASC_SIG_V1)) {
            return;
        }
        case_inputs(c, ASC_SIG_V1, params, &cr, &so, &rq);
        CHECK_EQ(asc_build_request(&cr, &so, &rq, req, sizeof req, &len, &needed, NULL),
                 ASC_OK);
        check_v1_request(c, req, len);
#if ASC_ENABLE_TOOLS
        memset(&tr, 0, sizeof tr);
        CHECK_EQ(asc_build_request(&cr, &so, &rq, req, sizeof req, &len, &needed, &t),
                 ASC_OK);
        CHECK_MEM(tr.buf[ASC_TRACE_CANONICAL], tr.len[ASC_TRACE_CANONICAL],
                  c->canonical, c->canonical_l);
        CHECK_MEM(tr.buf[ASC_TRACE_STRING_TO_SIGN], tr.len[ASC_TRACE_STRING_TO_SIGN],
                  c->sts, c->sts_l);
        CHECK_MEM(tr.buf[ASC_TRACE_SIGNATURE], tr.len[ASC_TRACE_SIGNATURE],
                  c->sig, c->sig_l);
        if (c->get && c->query != NULL) {
            /* pop-core's GET query is the sorted set plus &Signature=: ours too. */
            CHECK(len > 6u + c->query_l && memcmp(req, "GET /?", 6) == 0 &&
                  memcmp(req + 6, c->query, c->query_l) == 0 &&
                  req[6 + c->query_l] == ' ');
        }
#endif
    }
}

#endif

static void check_docs(void)
{
    size_t i;
    for (i = 0; i < sizeof tv_docs / sizeof tv_docs[0]; i++) {
        const tv_doc *e = &tv_docs[i];
        asc_param params[32];
        size_t n = to_params(e->params, e->n_params, params);
        T_CASE(e->name);
        memset(&tr, 0, sizeof tr);
        if (!e->v3) {
#if ASC_ENABLE_V1 && ASC_ENABLE_TOOLS
            char sig[40];
            asc_trace t = { trace_fn, &tr };
            CHECK_EQ(asc_v1_signature(sp(e->secret, e->secret_l),
                                      e->get ? ASC_METHOD_GET : ASC_METHOD_POST,
                                      params, n, sig, sizeof sig, &t), ASC_OK);
            CHECK_MEM(sig, strlen(sig), e->sig, e->sig_l);
            if (e->sts != NULL) {
                CHECK_MEM(tr.buf[ASC_TRACE_STRING_TO_SIGN],
                          tr.len[ASC_TRACE_STRING_TO_SIGN], e->sts, e->sts_l);
            }
#endif
        } else {
            asc_credentials cr;
            asc_sign_opts so;
            asc_rpc_request rq;
#if ASC_ENABLE_TOOLS
            asc_trace t = { trace_fn, &tr };
#else
            asc_trace t = { NULL, NULL };
#endif
            size_t len = 0;
            uint8_t d[32];
            char hex[64];
            memset(&cr, 0, sizeof cr);
            memset(&so, 0, sizeof so);
            cr.access_key_id = sp(e->id, e->id_l);
            cr.access_key_secret = sp(e->secret, e->secret_l);
            so.host = sp(e->host, e->host_l);
            so.timestamp = e->ts;
            so.nonce = sp(e->nonce, e->nonce_l);
            rq.action = sp(e->action, e->action_l);
            rq.version = sp(e->apiver, e->apiver_l);
            rq.method = e->get ? ASC_METHOD_GET : ASC_METHOD_POST;
            rq.params_in = ASC_PARAMS_IN_QUERY;
            rq.params = params;
            rq.n_params = n;
#if !ASC_ENABLE_QUERY
            (void)t;
            (void)d;
            (void)hex;
            CHECK_EQ(asc_build_request(&cr, &so, &rq, req, sizeof req, &len, NULL, &t),
                     ASC_E_INVALID_ARG);
            CHECK_EQ(len, 0);
#else
            CHECK_EQ(asc_build_request(&cr, &so, &rq, req, sizeof req, &len, NULL, &t),
                     ASC_OK);
            CHECK_EQ(asc_sha256(tr.buf[ASC_TRACE_CANONICAL], tr.len[ASC_TRACE_CANONICAL], d),
                     ASC_OK);
            asc_hex_lower(d, 32, hex);
            CHECK_MEM(hex, 64u, e->hashed_canonical, e->hashed_canonical_l);
            CHECK_MEM(tr.buf[ASC_TRACE_SIGNATURE], tr.len[ASC_TRACE_SIGNATURE],
                      e->sig, e->sig_l);
            {
                asc_span a = find_header(req, len, "Authorization");
                CHECK_MEM(a.ptr, a.len, e->authorization, e->authorization_l);
            }
#endif
        }
    }
}

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof tv_cases / sizeof tv_cases[0]; i++) {
        T_CASE(tv_cases[i].name);
        if (tv_cases[i].v1) {
#if ASC_ENABLE_V1
            check_v1(&tv_cases[i]);
#endif
        } else {
            check_v3(&tv_cases[i]);
        }
    }
    check_docs();
#if ASC_ENABLE_V1
    printf("V1 vectors through the builder: %zu\n", v1_checked);
    CHECK(v1_checked > 0u);
#endif
    printf("vectors: %zu cases, %zu documentation examples\n",
           sizeof tv_cases / sizeof tv_cases[0], sizeof tv_docs / sizeof tv_docs[0]);
    return TEST_REPORT();
}
