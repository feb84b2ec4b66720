/*
 * tls.c - TLS client over an asc_port (mbedTLS 3.6 or 2.28), and the
 * asc_conn shape. The only file that includes the mbedTLS SSL API.
 *
 * Why it looks the way it does:
 *  - mbedTLS's BIO callbacks carry no timeout, so each public call sets
 *    t->deadline from port->mono_ms and the callbacks give the port what is
 *    left. When time runs out a callback returns WANT_READ/WANT_WRITE (the
 *    resumable codes, so a partly received record is kept) and records the
 *    timeout in t->io_state, which is how we tell a timeout from an error.
 *  - Resumption is detected without private fields (portable across 2.28
 *    and 3.6): the verify callback runs only when the server sends its
 *    certificate, i.e. on a full handshake.
 *  - TLS 1.3 tickets arrive after the handshake, inside application data;
 *    3.6 reports them from mbedtls_ssl_read once enabled, and we save the
 *    session at that point. TLS 1.2 sessions are saved right after the
 *    handshake.
 *  - PSK-only resumption (opt-in, asc_tls_set_psk_only_resumption): the
 *    TLS 1.3 key exchange modes live in the shared config, so each connect
 *    sets the ones it offers (tls_set_kex_modes): psk_ke alone, without a
 *    key share, to resume a ticket; otherwise the ephemeral modes (plus
 *    psk_ke while opted in, so the tickets received allow it).
 */
#include "asc_tls.h"

#include <string.h>

#include "mbedtls/version.h"
#include "mbedtls/base64.h"
#define ASC_MBEDTLS_REQUIRE_TLS 1
#include "mbedtls_requirements.h"
#include "mbedtls/x509.h"
#include "mbedtls/pem.h"
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include "mbedtls/memory_buffer_alloc.h"
#endif
#if MBEDTLS_VERSION_MAJOR >= 3
#define ASC_MBEDTLS3 1
#if defined(MBEDTLS_PSA_CRYPTO_C)
#include "psa/crypto.h"
#endif
#else
#define ASC_MBEDTLS3 0
#endif

/* ASC_MBEDTLS_PATCHED=1 says the mbedTLS 3.6 we are built against carries
 * port/mbedtls/patches/ (mk/mbedtls.mk sets it for MBEDTLS=36). A
 * platform's own, unpatched 3.6 (ESP-IDF, Zephyr, MBEDTLS=36plain) gets
 * the configuration around the two upstream behaviours the patches fix;
 * port/mbedtls/patches/README.md says what such a platform loses. */
#if ASC_MBEDTLS3 && defined(MBEDTLS_SSL_PROTO_TLS1_3) && !defined(ASC_MBEDTLS_PATCHED)
#define ASC_TLS_UNPATCHED_13 1
#else
#define ASC_TLS_UNPATCHED_13 0
#endif

enum { IO_OK = 0, IO_TIMEOUT = 1, IO_CLOSED = 2, IO_ERR = 3 };

/* Time allowed for close_notify when closing. */
#ifndef ASC_TLS_CLOSE_TIMEOUT_MS
#define ASC_TLS_CLOSE_TIMEOUT_MS 200u
#endif
/* Largest DER certificate of a PEM bundle without a terminating NUL
 * (decoded one at a time on the stack). */
#ifndef ASC_TLS_PEM_DER_MAX
#define ASC_TLS_PEM_DER_MAX 2560u
#endif

#if ASC_MBEDTLS3 && defined(MBEDTLS_SSL_PROTO_TLS1_3) && \
    defined(MBEDTLS_SSL_SESSION_TICKETS) && \
    defined(MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED)
#define ASC_TLS_PSK_ONLY 1
#else
#define ASC_TLS_PSK_ONLY 0
#endif

#if ASC_TLS_UNPATCHED_13
/* Unpatched 3.6 refuses a TLS 1.2 ServerKeyExchange signed with
 * rsa_pss_rsae_* although it offers those code points (TLS 1.3 needs them
 * for RSA certificates). Offering RSA PKCS#1 v1.5 first makes TLS 1.2
 * servers that follow the client's order (OpenSSL's default) sign with
 * it; TLS 1.3 servers still find rsa_pss_rsae_* for CertificateVerify. */
static const uint16_t asc_tls_sig_algs_unpatched[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
    MBEDTLS_TLS1_3_SIG_NONE,
};
#endif
/* The host-name buffer of asc_tls must hold what mbedTLS accepts. */
typedef char asc_tls_host_fits[(ASC_TLS_HOST_MAX >= MBEDTLS_SSL_MAX_HOST_NAME_LEN) ? 1 : -1];

/* Cipher suites: ECDHE + AEAD only (and TLS 1.3's three). */
static const int asc_tls_suites[] = {
#if ASC_MBEDTLS3 && defined(MBEDTLS_SSL_PROTO_TLS1_3)
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256,
    MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
    MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
#endif
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    0
};

#if !ASC_MBEDTLS3
/* mbedTLS 2.28 (Debian's build) enables every curve and SHA-224/SHA-1 and
 * would offer them all; these lists match what our 3.6 build offers:
 * key exchange on x25519, P-256, P-384; signatures with SHA-256 and up. */
static const mbedtls_ecp_group_id asc_tls_curves[] = {
    MBEDTLS_ECP_DP_CURVE25519,
    MBEDTLS_ECP_DP_SECP256R1,
    MBEDTLS_ECP_DP_SECP384R1,
    MBEDTLS_ECP_DP_NONE
};
static const int asc_tls_sig_hashes[] = {
    MBEDTLS_MD_SHA512,
    MBEDTLS_MD_SHA384,
    MBEDTLS_MD_SHA256,
    MBEDTLS_MD_NONE
};
/* Certificates: the same hashes and curves, RSA keys of 2048 bits or more. */
static const mbedtls_x509_crt_profile asc_tls_cert_profile = {
    MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256) | MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA384) |
        MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA512),
    MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_RSA) | MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_ECKEY) |
        MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_ECDSA) | MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_RSASSA_PSS),
    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP256R1) |
        MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP384R1),
    2048
};
#endif

/* ---- helpers ----------------------------------------------------------- */

static void tls_set_deadline(asc_tls *t, uint32_t timeout_ms)
{
    uint64_t now = t->port->mono_ms(t->port->ctx);
    t->deadline = now + timeout_ms; /* no wrap: 64-bit ms */
    t->io_state = IO_OK;
}

static uint32_t tls_left(const asc_tls *t)
{
    uint64_t now = t->port->mono_ms(t->port->ctx);
    uint64_t left = t->deadline > now ? t->deadline - now : 0;
    return left > UINT32_MAX ? UINT32_MAX : (uint32_t)left;
}

static int tls_rng(void *p, unsigned char *out, size_t len)
{
    const asc_tls *t = (const asc_tls *)p;
    if (t->port->random(t->port->ctx, out, len) != ASC_OK) {
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    }
    return 0;
}

#if ASC_MBEDTLS3
/* 1 when the leaf certificate lists t's IP literal as an iPAddress SAN. */
static int tls_leaf_has_ip_san(const asc_tls *t, const mbedtls_x509_crt *leaf)
{
    const mbedtls_x509_sequence *san;
    for (san = &leaf->subject_alt_names; san != NULL; san = san->next) {
        unsigned san_type = (unsigned)san->buf.tag & (unsigned)MBEDTLS_ASN1_TAG_VALUE_MASK;
        if (san_type == (unsigned)MBEDTLS_X509_SAN_IP_ADDRESS &&
            san->buf.len == t->ip_len && san->buf.p != NULL &&
            memcmp(san->buf.p, t->ip, t->ip_len) == 0) {
            return 1;
        }
    }
    return 0;
}
#endif

/* Runs once per certificate of the chain, only on a full handshake. The
 * policy stays mbedTLS's; we note that it ran (resumption detection),
 * check an IP-literal host against the leaf's iPAddress SANs (mbedTLS does
 * not, since no host name is set for it: no SNI), and keep every flag for
 * asc_tls_last_reason(). */
/* cppcheck-suppress constParameter ; mbedTLS's callback type (written on 3.6) */
static int tls_verify_cb(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    asc_tls *t = (asc_tls *)p;
    t->cert_checked = 1;
#if ASC_MBEDTLS3
    if (depth == 0 && t->ip_len != 0u && !tls_leaf_has_ip_san(t, crt)) {
        *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    }
#else
    (void)crt;
    (void)depth;
#endif
    t->cert_flags |= *flags;
    return 0;
}

/* BIO send: try at least once, keep trying until the deadline. */
static int tls_bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    asc_tls *t = (asc_tls *)ctx;
    uint32_t left;
    if (len > (size_t)INT32_MAX) {
        len = (size_t)INT32_MAX;
    }
    do {
        int32_t n;
        left = tls_left(t);
        n = t->port->send(t->port->ctx, buf, len, left);
        if (n > 0) {
            return (int)n;
        }
        if (n < 0) {
            t->io_state = (n == ASC_PORT_ERR_CLOSED) ? IO_CLOSED : IO_ERR;
            return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
        }
    } while (left > 0);
    t->io_state = IO_TIMEOUT;
    return MBEDTLS_ERR_SSL_WANT_WRITE;
}

/* BIO recv: 0 tells mbedTLS "EOF". */
static int tls_bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    asc_tls *t = (asc_tls *)ctx;
    uint32_t left;
    if (len > (size_t)INT32_MAX) {
        len = (size_t)INT32_MAX;
    }
    do {
        int32_t n;
        left = tls_left(t);
        n = t->port->recv(t->port->ctx, buf, len, left);
        if (n > 0) {
            return (int)n;
        }
        if (n == ASC_PORT_ERR_CLOSED) {
            t->io_state = IO_CLOSED;
            return 0;
        }
        if (n < 0) {
            t->io_state = IO_ERR;
            return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
        }
    } while (left > 0);
    t->io_state = IO_TIMEOUT;
    return MBEDTLS_ERR_SSL_WANT_READ;
}

static void tls_save_session(asc_tls *t)
{
    mbedtls_ssl_session_free(&t->saved);
    mbedtls_ssl_session_init(&t->saved);
    t->have_saved = (uint8_t)(mbedtls_ssl_get_session(&t->ssl, &t->saved) == 0);
    /* A TLS 1.3 ticket received while psk_ke was offered allows it (mbedTLS
     * flags a ticket with the modes configured when it arrives). */
#if ASC_TLS_PSK_ONLY
    t->saved_psk_ke = (uint8_t)(t->have_saved && t->psk_only &&
                                mbedtls_ssl_get_version_number(&t->ssl) ==
                                    MBEDTLS_SSL_VERSION_TLS1_3);
#else
    t->saved_psk_ke = 0;
#endif
}

/* The TLS 1.3 key exchange modes the next ClientHello offers: psk_ke alone
 * (no key share, so no ephemeral key at all) to resume a ticket PSK-only;
 * else (EC)DHE and psk_dhe_ke, and psk_ke next to them while the
 * application opted in. */
static void tls_set_kex_modes(asc_tls *t, int psk_only_offer)
{
#if ASC_TLS_PSK_ONLY
    int modes = MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ALL;
    if (psk_only_offer) {
        modes = MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK;
    } else if (t->psk_only) {
        modes = MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_ALL;
    }
    mbedtls_ssl_conf_tls13_key_exchange_modes(&t->conf, modes);
#else
    (void)t;
    (void)psk_only_offer;
#endif
}

/* Certificate-class failures: every MBEDTLS_ERR_X509_* (-0x2080 ..
 * -0x2FFF: verification, dates, names, unparseable server certificate)
 * except running out of memory, plus 3.x's BAD_CERTIFICATE (unusable key
 * type or usage). */
static int tls_is_cert_error(int ret)
{
    if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED) {
        return 0;
    }
#if defined(MBEDTLS_ERR_SSL_BAD_CERTIFICATE)
    if (ret == MBEDTLS_ERR_SSL_BAD_CERTIFICATE) {
        return 1;
    }
#endif
    return ret <= -0x2080 && ret > -0x3000;
}

/* The main reason behind a set of X.509 verification flags. When several
 * are set (an expired certificate from an unknown CA) the trust problem is
 * named first, then dates, then the name. */
static asc_tls_reason tls_reason_from_flags(uint32_t flags)
{
    if ((flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) != 0u) {
        return ASC_TLS_REASON_CERT_UNTRUSTED;
    }
    if ((flags & MBEDTLS_X509_BADCERT_EXPIRED) != 0u) {
        return ASC_TLS_REASON_CERT_EXPIRED;
    }
    if ((flags & MBEDTLS_X509_BADCERT_FUTURE) != 0u) {
        return ASC_TLS_REASON_CERT_NOT_YET_VALID;
    }
    if ((flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) != 0u) {
        return ASC_TLS_REASON_CERT_NAME_MISMATCH;
    }
    if ((flags & (MBEDTLS_X509_BADCERT_BAD_MD | MBEDTLS_X509_BADCERT_BAD_PK |
                  MBEDTLS_X509_BADCERT_BAD_KEY)) != 0u) {
        return ASC_TLS_REASON_CERT_WEAK;
    }
    if ((flags & (MBEDTLS_X509_BADCERT_KEY_USAGE | MBEDTLS_X509_BADCERT_EXT_KEY_USAGE |
                  MBEDTLS_X509_BADCERT_NS_CERT_TYPE)) != 0u) {
        return ASC_TLS_REASON_CERT_USAGE;
    }
    return ASC_TLS_REASON_CERT_OTHER;
}

/* mbedTLS's answers to a record, or a handshake message reassembled from
 * several records, that does not fit the input buffer
 * (MBEDTLS_SSL_IN_CONTENT_LEN): mbedtls_ssl_fetch_input refuses to read
 * past the buffer (BAD_INPUT_DATA: our own arguments are checked before
 * any mbedTLS call, so that is the only source left during a handshake or
 * a read), and a decrypted record longer than the buffer's content part is
 * "bad message length" (INVALID_RECORD). */
static int tls_is_too_large(int ret)
{
    return ret == MBEDTLS_ERR_SSL_BAD_INPUT_DATA || ret == MBEDTLS_ERR_SSL_INVALID_RECORD;
}

static asc_status tls_map_handshake(asc_tls *t, int ret)
{
    if (t->io_state == IO_TIMEOUT) {
        return ASC_E_TIMEOUT;
    }
    if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED || tls_is_cert_error(ret)) {
        uint32_t flags = t->cert_flags;
        uint32_t result = mbedtls_ssl_get_verify_result(&t->ssl);
        if (result != 0xFFFFFFFFu) { /* also the key-usage checks after the chain */
            flags |= result;
        }
        t->reason = tls_reason_from_flags(flags);
        return ASC_E_TLS_CERT;
    }
    if (t->io_state == IO_OK && tls_is_too_large(ret)) {
        t->reason = ASC_TLS_REASON_RECORD_TOO_LARGE;
        return ASC_E_TLS;
    }
    if (t->io_state == IO_ERR) {
        return ASC_E_IO;
    }
    if (t->io_state == IO_CLOSED || ret == MBEDTLS_ERR_SSL_CONN_EOF) {
        return ASC_E_CLOSED;
    }
    return ASC_E_TLS;
}

static int tls_port_ok(const asc_port *p)
{
    return p != NULL && p->connect != NULL && p->send != NULL &&
           p->recv != NULL && p->close != NULL && p->mono_ms != NULL &&
           p->random != NULL;
}

/* Bounded search for needle in hay[0..hay_len). */
static const uint8_t *tls_find(const uint8_t *hay, size_t hay_len,
                               const char *needle)
{
    size_t n = strlen(needle);
    size_t i;
    if (hay_len < n) {
        return NULL;
    }
    for (i = 0; i + n <= hay_len; i++) {
        if (memcmp(hay + i, needle, n) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

/* Outcome of parsing trust anchors: at least one certificate parsed (those
 * in algorithms our build lacks are skipped, as a system bundle holds
 * some), none parsed, or the arena ran out (nothing is skipped silently
 * for lack of memory). */
enum { CA_PARSED = 0, CA_NONE = 1, CA_NO_MEMORY = 2 };

static int tls_is_alloc_error(int ret)
{
    return ret == MBEDTLS_ERR_X509_ALLOC_FAILED || ret == MBEDTLS_ERR_PEM_ALLOC_FAILED;
}

/* PEM without a terminating NUL (mbedtls_x509_crt_parse needs one): decode
 * each CERTIFICATE block into a stack buffer and parse the DER. */
static int tls_parse_pem_unterminated(mbedtls_x509_crt *ca, const uint8_t *pem,
                                      size_t len)
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----";
    static const char end[] = "-----END CERTIFICATE-----";
    const uint8_t *p = pem;
    const uint8_t *lim = pem + len;
    int parsed = 0;

    for (;;) {
        uint8_t der[ASC_TLS_PEM_DER_MAX];
        size_t der_len = 0;
        const uint8_t *b = tls_find(p, (size_t)(lim - p), begin);
        const uint8_t *e;
        int ret;
        if (b == NULL) {
            break;
        }
        b += sizeof begin - 1;
        e = tls_find(b, (size_t)(lim - b), end);
        if (e == NULL) {
            break; /* a truncated last block */
        }
        p = e + sizeof end - 1;
        /* Drop the line break(s) right after the BEGIN line and before END:
         * mbedtls_base64_decode accepts interior CRLF/LF only. */
        while (b < e && (*b == '\r' || *b == '\n')) {
            b++;
        }
        if (mbedtls_base64_decode(der, sizeof der, &der_len, b, (size_t)(e - b)) != 0) {
            continue; /* not base64, or larger than ASC_TLS_PEM_DER_MAX */
        }
        ret = mbedtls_x509_crt_parse_der(ca, der, der_len);
        if (tls_is_alloc_error(ret)) {
            return CA_NO_MEMORY;
        }
        parsed += ret == 0;
    }
    return parsed > 0 ? CA_PARSED : CA_NONE;
}

static int tls_parse_ca(mbedtls_x509_crt *ca, const uint8_t *buf, size_t len)
{
    int ret;
    if (buf[len - 1] == '\0') {
        /* >= 0: that many certificates failed, at least one parsed */
        ret = mbedtls_x509_crt_parse(ca, buf, len);
    } else if (buf[0] == 0x30) { /* DER SEQUENCE */
        ret = mbedtls_x509_crt_parse_der(ca, buf, len);
    } else {
        return tls_parse_pem_unterminated(ca, buf, len);
    }
    if (tls_is_alloc_error(ret)) {
        return CA_NO_MEMORY;
    }
    return ret >= 0 ? CA_PARSED : CA_NONE;
}

/* ---- public API -------------------------------------------------------- */

asc_status asc_tls_init(asc_tls *t, const asc_port *port, const uint8_t *ca,
                        size_t ca_len)
{
    int ret;
    if (t == NULL) {
        return ASC_E_INVALID_ARG;
    }
    memset(t, 0, sizeof *t);
    if (!tls_port_ok(port) || ca == NULL || ca_len == 0 ||
        ca_len > (size_t)INT32_MAX) {
        return ASC_E_INVALID_ARG;
    }
    t->port = port;
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_x509_crt_init(&t->ca);
    mbedtls_ssl_session_init(&t->saved);
    t->inited = 1; /* from here on asc_tls_free releases what exists */

#if ASC_MBEDTLS3 && defined(MBEDTLS_PSA_CRYPTO_C)
    /* TLS 1.3 (and 3.6's TLS 1.2 hashing) use PSA; idempotent. */
    if (psa_crypto_init() != PSA_SUCCESS) {
        asc_tls_free(t);
        return ASC_E_TLS;
    }
#endif
    ret = tls_parse_ca(&t->ca, ca, ca_len);
    if (ret != CA_PARSED) {
        asc_tls_free(t);
        return ret == CA_NO_MEMORY ? ASC_E_TLS : ASC_E_TLS_CERT;
    }
    ret = mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT,
                                      MBEDTLS_SSL_TRANSPORT_STREAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        asc_tls_free(t);
        return ASC_E_TLS;
    }
    mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&t->conf, &t->ca, NULL);
    mbedtls_ssl_conf_rng(&t->conf, tls_rng, t);
    mbedtls_ssl_conf_verify(&t->conf, tls_verify_cb, t);
    mbedtls_ssl_conf_ciphersuites(&t->conf, asc_tls_suites);
#if ASC_MBEDTLS3
    mbedtls_ssl_conf_min_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
#endif
#if ASC_TLS_UNPATCHED_13
    mbedtls_ssl_conf_sig_algs(&t->conf, asc_tls_sig_algs_unpatched);
#endif
#if defined(MBEDTLS_SSL_MAX_FRAGMENT_LENGTH) && defined(MBEDTLS_SSL_IN_CONTENT_LEN) && \
    !ASC_TLS_UNPATCHED_13
    /* The receive buffer is smaller than TLS's 16 KiB records: ask the
     * server for records that fit (RFC 6066; with our mbedTLS patch also
     * honoured under TLS 1.3). Unpatched 3.6 does not record the extension
     * as sent, and a TLS 1.3 server that echoes it (OpenSSL) makes the
     * handshake fail: there, only record_size_limit (TLS 1.3) is asked. */
#if MBEDTLS_SSL_IN_CONTENT_LEN < 1024
    (void)mbedtls_ssl_conf_max_frag_len(&t->conf, MBEDTLS_SSL_MAX_FRAG_LEN_512);
#elif MBEDTLS_SSL_IN_CONTENT_LEN < 2048
    (void)mbedtls_ssl_conf_max_frag_len(&t->conf, MBEDTLS_SSL_MAX_FRAG_LEN_1024);
#elif MBEDTLS_SSL_IN_CONTENT_LEN < 4096
    (void)mbedtls_ssl_conf_max_frag_len(&t->conf, MBEDTLS_SSL_MAX_FRAG_LEN_2048);
#elif MBEDTLS_SSL_IN_CONTENT_LEN < 16384
    (void)mbedtls_ssl_conf_max_frag_len(&t->conf, MBEDTLS_SSL_MAX_FRAG_LEN_4096);
#endif
#endif
#if !ASC_MBEDTLS3
    mbedtls_ssl_conf_curves(&t->conf, asc_tls_curves);
    mbedtls_ssl_conf_sig_hashes(&t->conf, asc_tls_sig_hashes);
    mbedtls_ssl_conf_cert_profile(&t->conf, &asc_tls_cert_profile);
#endif
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
    mbedtls_ssl_conf_session_tickets(&t->conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#endif
#if defined(MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED) && \
    defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_SESSION_TICKETS)
    /* 3.6.1+ drops TLS 1.3 tickets unless asked to report them. */
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        &t->conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
    tls_set_kex_modes(t, 0);
    return ASC_OK;
}

/* Name the peer for the handshake. A host name is sent as SNI and checked
 * against the certificate by mbedTLS. An IP literal (3.6 build) is not sent
 * (RFC 6066 3: "Literal IPv4 and IPv6 addresses are not permitted") and
 * mbedTLS is told to skip its name check; tls_verify_cb checks the
 * address against the leaf's iPAddress SANs instead. 2.28 has no
 * iPAddress SAN support at all: there the literal goes through
 * mbedtls_ssl_set_hostname like a name (sent as SNI, compared with
 * DNS SANs / CN as text). */
static int tls_set_peer_name(asc_tls *t, const char *host)
{
#if ASC_MBEDTLS3
    uint32_t ip[4]; /* 16 bytes, aligned as the parser asks */
    size_t ip_len = mbedtls_x509_crt_parse_cn_inet_pton(host, ip);
    if (ip_len == 4u || ip_len == 16u) {
        memcpy(t->ip, ip, ip_len);
        t->ip_len = (uint8_t)ip_len;
        return mbedtls_ssl_set_hostname(&t->ssl, NULL);
    }
#endif
    t->ip_len = 0;
    return mbedtls_ssl_set_hostname(&t->ssl, host);
}

/* The saved session belongs to t->host:t->host_port (the last connection).
 * Offer it only to exactly that peer: resuming skips the certificate and
 * name check, so a session from one host must never reach another. */
static void tls_offer_saved_session(asc_tls *t, const char *host, uint16_t port)
{
    if (!t->have_saved) {
        return;
    }
    if (port == t->host_port && strcmp(host, t->host) == 0) {
        /* A session the library cannot use is simply not offered. The
         * context now holds its own copy: release ours (with its copy of the
         * peer certificate) so the arena does not carry two during the
         * handshake; a fresh one is saved after the handshake (TLS 1.2) or
         * from the next NewSessionTicket (TLS 1.3, tickets are single-use
         * anyway). */
        (void)mbedtls_ssl_set_session(&t->ssl, &t->saved);
    }
    mbedtls_ssl_session_free(&t->saved);
    mbedtls_ssl_session_init(&t->saved);
    t->have_saved = 0;
}

/* What the last connection attempt reports, cleared for a new one. */
static void tls_reset_outcome(asc_tls *t)
{
    t->resumed = 0;
    t->reason = ASC_TLS_REASON_NONE;
    t->cert_flags = 0;
}

/* The handshake with host:port over the port's open connection, within
 * t->deadline (psk_only_offer: offer the saved ticket with psk_ke alone);
 * on failure the port connection is closed. */
static asc_status tls_handshake(asc_tls *t, const char *host, uint16_t port,
                                int psk_only_offer)
{
    asc_status st;
    size_t host_len = strlen(host); /* the callers checked it */
    int ret;

    mbedtls_ssl_init(&t->ssl);
    t->ssl_ready = 1;
    tls_set_kex_modes(t, psk_only_offer);
    if (mbedtls_ssl_setup(&t->ssl, &t->conf) != 0 ||
        tls_set_peer_name(t, host) != 0) {
        asc_tls_close(t);
        return ASC_E_TLS;
    }
    tls_offer_saved_session(t, host, port);
    /* From here on sessions saved belong to this peer. */
    memcpy(t->host, host, host_len + 1u);
    t->host_port = port;
    mbedtls_ssl_set_bio(&t->ssl, t, tls_bio_send, tls_bio_recv, NULL);
    t->cert_checked = 0;
    for (;;) {
        ret = mbedtls_ssl_handshake(&t->ssl);
        if (ret == 0) {
            break;
        }
        if ((ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) &&
            t->io_state != IO_TIMEOUT) {
            continue;
        }
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
            tls_save_session(t);
            continue;
        }
#endif
        t->last_ret = ret;
        st = tls_map_handshake(t, ret);
        asc_tls_close(t);
        tls_set_kex_modes(t, 0);
        return st;
    }
    tls_set_kex_modes(t, 0); /* tickets arriving later allow the usual modes */
    t->connected = 1;
    t->handshakes++;
    t->resumed = (uint8_t)!t->cert_checked;
    if (t->resumed) {
        t->resumptions++;
    }
#if ASC_MBEDTLS3
    if (mbedtls_ssl_get_version_number(&t->ssl) == MBEDTLS_SSL_VERSION_TLS1_2) {
        tls_save_session(t);
    }
#else
    tls_save_session(t);
#endif
    return ASC_OK;
}

/* One TCP connection and handshake (asc_tls_connect's contract);
 * psk_only_offer: offer the saved ticket with psk_ke alone. */
static asc_status tls_connect_once(asc_tls *t, const char *host, uint16_t port,
                                   uint32_t timeout_ms, int psk_only_offer)
{
    asc_status st;

    asc_tls_close(t);
    tls_reset_outcome(t);
    tls_set_deadline(t, timeout_ms);
    st = t->port->connect(t->port->ctx, host, port, timeout_ms);
    if (st != ASC_OK) {
        return st;
    }
    return tls_handshake(t, host, port, psk_only_offer);
}

asc_status asc_tls_start(asc_tls *t, const char *host, uint16_t port,
                         uint32_t timeout_ms)
{
    if (t == NULL || !t->inited || host == NULL || host[0] == '\0' ||
        strlen(host) > MBEDTLS_SSL_MAX_HOST_NAME_LEN || t->ssl_ready) {
        return ASC_E_INVALID_ARG;
    }
    tls_reset_outcome(t);
    tls_set_deadline(t, timeout_ms);
    /* Never psk_ke alone here: a refusal could not be retried on this
     * connection (asc_tls_connect reconnects for that). */
    return tls_handshake(t, host, port, 0);
}

asc_status asc_tls_connect(asc_tls *t, const char *host, uint16_t port,
                           uint32_t timeout_ms)
{
    asc_status st;
    int psk_only_offer;

    if (t == NULL || !t->inited || host == NULL || host[0] == '\0' ||
        strlen(host) > MBEDTLS_SSL_MAX_HOST_NAME_LEN) {
        return ASC_E_INVALID_ARG;
    }
    /* The saved ticket is offered only to its own host:port
     * (tls_offer_saved_session), so psk_ke alone only there. */
    psk_only_offer = t->psk_only && !t->psk_only_refused && t->have_saved &&
                     t->saved_psk_ke && port == t->host_port && strcmp(host, t->host) == 0;
    st = tls_connect_once(t, host, port, timeout_ms, psk_only_offer);
    if (psk_only_offer && st == ASC_OK) {
        t->psk_only_resumptions++; /* no certificate, no key share: psk_ke */
    } else if (psk_only_offer && (st == ASC_E_TLS || st == ASC_E_CLOSED ||
                                  st == ASC_E_IO)) {
        /* Without a key share the server could neither insist on (EC)DHE
         * nor fall back to a full handshake: it refused. Remember, and make
         * the full handshake now, in the time left. */
        t->psk_only_refused = 1;
        st = tls_connect_once(t, host, port, tls_left(t), 0);
    }
    return st;
}

asc_status asc_tls_set_psk_only_resumption(asc_tls *t, int enable)
{
    if (t == NULL || !t->inited || !ASC_TLS_PSK_ONLY) {
        return ASC_E_INVALID_ARG;
    }
    t->psk_only = (uint8_t)(enable != 0);
    t->psk_only_refused = 0;
    tls_set_kex_modes(t, 0);
    return ASC_OK;
}

int asc_tls_resumed(const asc_tls *t)
{
    return t != NULL && t->resumed;
}

asc_tls_reason asc_tls_last_reason(const asc_tls *t)
{
    return t != NULL ? t->reason : ASC_TLS_REASON_NONE;
}

uint32_t asc_tls_cert_flags(const asc_tls *t)
{
    return t != NULL ? t->cert_flags : 0u;
}

size_t asc_tls_in_record_max(void)
{
    return (size_t)MBEDTLS_SSL_IN_CONTENT_LEN;
}

const char *asc_tls_reason_str(asc_tls_reason reason)
{
    switch (reason) {
    case ASC_TLS_REASON_NONE:
        return "no recorded reason";
    case ASC_TLS_REASON_CERT_EXPIRED:
        return "certificate expired";
    case ASC_TLS_REASON_CERT_NOT_YET_VALID:
        return "certificate not yet valid";
    case ASC_TLS_REASON_CERT_NAME_MISMATCH:
        return "certificate does not match the host name";
    case ASC_TLS_REASON_CERT_UNTRUSTED:
        return "certificate issuer unknown or untrusted (unknown root or missing intermediate)";
    case ASC_TLS_REASON_CERT_WEAK:
        return "certificate uses a weak key, curve or hash";
    case ASC_TLS_REASON_CERT_USAGE:
        return "certificate not valid for a TLS server (key usage)";
    case ASC_TLS_REASON_CERT_OTHER:
        return "certificate rejected (other verification failure)";
    case ASC_TLS_REASON_RECORD_TOO_LARGE:
        return "handshake message or record larger than the TLS input buffer";
    case ASC_TLS_REASON_NO_CLOSE_NOTIFY:
        return "peer closed the connection without TLS close_notify (data may be truncated)";
    default:
        return "unknown reason";
    }
}

/* Shared start of asc_tls_send/recv: argument checks, the INT32_MAX clamp
 * and the deadline. Returns 1 to go on, else the value to return. */
static int32_t tls_io_begin(asc_tls *t, const uint8_t *buf, size_t *len,
                            uint32_t timeout_ms)
{
    if (t == NULL || buf == NULL || !t->connected) {
        return ASC_PORT_ERR_IO;
    }
    if (*len == 0) {
        return 0;
    }
    if (*len > (size_t)INT32_MAX) {
        *len = (size_t)INT32_MAX;
    }
    tls_set_deadline(t, timeout_ms);
    return 1;
}

int32_t asc_tls_send(asc_tls *t, const uint8_t *buf, size_t len,
                     uint32_t timeout_ms)
{
    int32_t early = tls_io_begin(t, buf, &len, timeout_ms);
    if (early <= 0) {
        return early;
    }
    for (;;) {
        int ret = mbedtls_ssl_write(&t->ssl, buf, len);
        if (ret > 0) {
            return (int32_t)ret;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_WRITE || ret == MBEDTLS_ERR_SSL_WANT_READ) {
            if (t->io_state == IO_TIMEOUT) {
                return 0;
            }
            continue;
        }
        return t->io_state == IO_CLOSED ? ASC_PORT_ERR_CLOSED : ASC_PORT_ERR_IO;
    }
}

int32_t asc_tls_recv(asc_tls *t, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    int32_t early = tls_io_begin(t, buf, &len, timeout_ms);
    if (early <= 0) {
        return early;
    }
    for (;;) {
        int ret = mbedtls_ssl_read(&t->ssl, buf, len);
        if (ret > 0) {
            return (int32_t)ret;
        }
        if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            return ASC_PORT_ERR_CLOSED; /* the peer's orderly end */
        }
        if (ret == 0 || ret == MBEDTLS_ERR_SSL_CONN_EOF) {
            /* TCP FIN without close_notify: whoever closed, the data may
             * be cut short (RFC 8446 6.1), so this is no orderly end - a
             * body delimited by the close must not end here as complete. */
            t->reason = ASC_TLS_REASON_NO_CLOSE_NOTIFY;
            return ASC_PORT_ERR_IO;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            if (t->io_state == IO_TIMEOUT) {
                return 0;
            }
            continue;
        }
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
            tls_save_session(t);
            continue;
        }
#endif
        t->last_ret = ret;
        if (t->io_state == IO_OK && tls_is_too_large(ret)) {
            t->reason = ASC_TLS_REASON_RECORD_TOO_LARGE;
        }
        return ASC_PORT_ERR_IO;
    }
}

void asc_tls_close(asc_tls *t)
{
    if (t == NULL || !t->inited) {
        return;
    }
    if (t->ssl_ready) {
        if (t->connected) {
            tls_set_deadline(t, ASC_TLS_CLOSE_TIMEOUT_MS);
            (void)mbedtls_ssl_close_notify(&t->ssl); /* best effort */
        }
        mbedtls_ssl_free(&t->ssl);
        t->ssl_ready = 0;
    }
    t->connected = 0;
    t->port->close(t->port->ctx);
}

void asc_tls_free(asc_tls *t)
{
    if (t == NULL) {
        return;
    }
    if (t->inited) {
        asc_tls_close(t);
        mbedtls_ssl_session_free(&t->saved);
        mbedtls_x509_crt_free(&t->ca);
        mbedtls_ssl_config_free(&t->conf);
    }
    memset(t, 0, sizeof *t);
}

/* ---- arena ------------------------------------------------------------- */

asc_status asc_tls_arena_init(uint8_t *buf, size_t len)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    if (buf == NULL || len < 1024u) {
        return ASC_E_INVALID_ARG;
    }
    mbedtls_memory_buffer_alloc_init(buf, len);
    return ASC_OK;
#else
    (void)buf;
    (void)len;
    return ASC_E_INVALID_ARG;
#endif
}

asc_status asc_tls_arena_peak(size_t *out_peak_bytes, size_t *out_cur_bytes)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C) && defined(MBEDTLS_MEMORY_DEBUG)
    /* mbedTLS counts payload bytes; each block also carries a header of
     * eight words (memory_buffer_alloc.c, struct _memory_header). */
    size_t max_used = 0, max_blocks = 0, cur_used = 0, cur_blocks = 0;
    const size_t hdr = 8u * sizeof(size_t);
    if (out_peak_bytes == NULL) {
        return ASC_E_INVALID_ARG;
    }
    mbedtls_memory_buffer_alloc_max_get(&max_used, &max_blocks);
    mbedtls_memory_buffer_alloc_cur_get(&cur_used, &cur_blocks);
    *out_peak_bytes = max_used + max_blocks * hdr;
    if (out_cur_bytes != NULL) {
        *out_cur_bytes = cur_used + cur_blocks * hdr;
    }
    return ASC_OK;
#else
    (void)out_cur_bytes;
    if (out_peak_bytes != NULL) {
        *out_peak_bytes = 0;
    }
    return ASC_E_INVALID_ARG;
#endif
}

void asc_tls_arena_reset_peak(void)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C) && defined(MBEDTLS_MEMORY_DEBUG)
    mbedtls_memory_buffer_alloc_max_reset();
#endif
}

/* ---- asc_conn ---------------------------------------------------------- */

asc_status asc_conn_open(asc_conn *c, const char *host, uint16_t port,
                         uint32_t timeout_ms)
{
    if (c == NULL || host == NULL) {
        return ASC_E_INVALID_ARG;
    }
    if (c->tls != NULL) {
        return asc_tls_connect(c->tls, host, port, timeout_ms);
    }
    if (c->port == NULL || c->port->connect == NULL) {
        return ASC_E_INVALID_ARG;
    }
    return c->port->connect(c->port->ctx, host, port, timeout_ms);
}

int32_t asc_conn_send(asc_conn *c, const uint8_t *buf, size_t len,
                      uint32_t timeout_ms)
{
    if (c == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (c->tls != NULL) {
        return asc_tls_send(c->tls, buf, len, timeout_ms);
    }
    if (c->port == NULL || c->port->send == NULL || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    return c->port->send(c->port->ctx, buf, len, timeout_ms);
}

int32_t asc_conn_recv(asc_conn *c, uint8_t *buf, size_t len,
                      uint32_t timeout_ms)
{
    if (c == NULL) {
        return ASC_PORT_ERR_IO;
    }
    if (c->tls != NULL) {
        return asc_tls_recv(c->tls, buf, len, timeout_ms);
    }
    if (c->port == NULL || c->port->recv == NULL || buf == NULL) {
        return ASC_PORT_ERR_IO;
    }
    return c->port->recv(c->port->ctx, buf, len, timeout_ms);
}

void asc_conn_close(asc_conn *c)
{
    if (c == NULL) {
        return;
    }
    if (c->tls != NULL) {
        asc_tls_close(c->tls);
    } else if (c->port != NULL && c->port->close != NULL) {
        c->port->close(c->port->ctx);
    }
}
