/*
 * test_spec_tls.c - src/tls.c's own rules, stated one by one and each
 * shown on both sides (issue 24). The TLS library is the fault-injection
 * boundary: this binary is linked with -Wl,--wrap=NAME for the mbedTLS
 * calls below (Makefile, SPEC_TLS_WRAPS), so src/tls.c's calls reach the
 * __wrap_NAME here, which scripts what mbedTLS answers (a handshake's
 * result, the verification flags, a session to save) and records what
 * tls.c asked (the host name for SNI, a session offered). The transport is
 * a scripted asc_port; no peer and no real handshake exist (test_tls runs
 * the same code against openssl s_server).
 *
 * Rules pinned down:
 *  R1 certificate-class failures: every mbedTLS code from -0x2080 to
 *     -0x2FFF (MBEDTLS_ERR_X509_*, combined low-level codes included),
 *     CERT_VERIFY_FAILED and 3.x's SSL_BAD_CERTIFICATE give ASC_E_TLS_CERT;
 *     -0x207F and -0x3000 (just outside) and X509_ALLOC_FAILED (out of
 *     memory, not the certificate's fault) give ASC_E_TLS.
 *  R2 the reason named for a set of verification flags: untrusted first,
 *     then expired, not yet valid, name mismatch, weak, usage, other; the
 *     flags are those of the verify callback and the final verify result;
 *     mbedTLS's "no result" (0xFFFFFFFF) adds none.
 *  R3 a record or handshake message too large for the input buffer (BAD_
 *     INPUT_DATA / INVALID_RECORD while the transport is fine) is ASC_E_TLS
 *     with RECORD_TOO_LARGE; a transport failure is reported as the
 *     transport's (ASC_E_IO, ASC_E_CLOSED, ASC_E_TIMEOUT) whatever mbedTLS
 *     answers; CONN_EOF is ASC_E_CLOSED.
 *  R4 the transport callbacks give the port the length mbedTLS asked for
 *     (clamped to INT32_MAX) and map its answers: bytes, closed, error,
 *     nothing before the deadline; asc_tls_send/recv report them as
 *     ASC_PORT_ERR_CLOSED / ASC_PORT_ERR_IO / 0.
 *  R5 an IP literal (3.x) is not sent as SNI (RFC 6066 3) and must be an
 *     iPAddress SAN of the leaf (a DNS SAN spelling the address does not
 *     count); intermediate certificates are not checked for it; a host
 *     name is sent as SNI and left to mbedTLS. The verify callback leaves
 *     the verdict to mbedTLS (returns 0) and keeps every flag it saw.
 *  R6 a saved session is offered only to the host:port it came from.
 *  R7 a handshake is "resumed" exactly when no certificate was verified;
 *     each connection attempt starts with no reason and no flags.
 *  R8 closing a connection sends close_notify, one that never got past the
 *     handshake does not; asc_tls_free gives the arena back all it took;
 *     closing or freeing NULL or a never-initialised asc_tls does nothing;
 *     asc_conn without TLS needs a port with the function used.
 *  R9 PSK-only resumption (opted in, 3.6 with TLS 1.3): psk_ke alone is
 *     offered only for a TLS 1.3 ticket received while opted in, to its own
 *     host:port; a refusal (TLS failure, closed, reset) makes the full
 *     handshake at once in the same call and psk_ke alone is not offered
 *     again (until it is enabled again); a timeout is no refusal;
 *     asc_tls_start never offers psk_ke alone.
 *  R10 arguments: asc_tls_connect/start take a host of up to
 *     MBEDTLS_SSL_MAX_HOST_NAME_LEN bytes, refuse one more, an empty or
 *     NULL host, an uninitialised t, and (start) a t already started; the
 *     accessors answer NULL with "nothing".
 *  R11 trust anchors: running out of memory while parsing them is
 *     ASC_E_TLS (never a silently shortened bundle), in each of the three
 *     shapes (PEM with NUL, DER, PEM without NUL); an unparsable one is
 *     ASC_E_TLS_CERT; a PEM certificate over ASC_TLS_PEM_DER_MAX (2560)
 *     bytes of DER is taken with a terminating NUL, skipped without.
 *  R12 the arena (3.6 build): NULL or under 1024 bytes refused, 1024
 *     taken; asc_tls_arena_peak counts the bytes handed out plus the
 *     allocator's header for each block (the header measured here from two
 *     consecutive blocks' addresses), out_cur_bytes may be NULL,
 *     out_peak_bytes may not; after reset_peak the next allocation sets
 *     the peak again.
 */
#include <stdbool.h>
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_tls.h"

#include <mbedtls/version.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/pem.h>
#include <mbedtls/platform.h>

/* ---- certificates (throw-away, self-signed P-256; only their SANs matter) */

/* SAN: IP 127.0.0.1, IP ::1, DNS example.com */
static const char crt_ip_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBszCCAVmgAwIBAgIUEI+yd4+sZtThtmKLMWdh+bEt5AgwCgYIKoZIzj0EAwIw\n"
    "FjEUMBIGA1UEAwwLYXNjIHNwZWMgaXAwHhcNMjYxMjA3MTc0ODE5WhcNMzYxMjA0\n"
    "MTc0ODE5WjAWMRQwEgYDVQQDDAthc2Mgc3BlYyBpcDBZMBMGByqGSM49AgEGCCqG\n"
    "SM49AwEHA0IABHuxAUuJLqaSe+30E1eqX8Lbj9Z8oHCHAzwiS+3qoxLiBBG1AB44\n"
    "PSu3fJhwamGgDylJ2RKGEvZ6NxNeMqF/mUajgYQwgYEwHQYDVR0OBBYEFF+WXRZ6\n"
    "o8lcpn803pdunexXs4ctMB8GA1UdIwQYMBaAFF+WXRZ6o8lcpn803pdunexXs4ct\n"
    "MA8GA1UdEwEB/wQFMAMBAf8wLgYDVR0RBCcwJYcEfwAAAYcQAAAAAAAAAAAAAAAA\n"
    "AAAAAYILZXhhbXBsZS5jb20wCgYIKoZIzj0EAwIDSAAwRQIhAKgxQ/yLFvF80j/V\n"
    "Zb4V2GM0rFFCfo9jDntD74fJYA5oAiAfN2WV0j4GOtZxpEF6L/7CUrUlf728sKz9\n"
    "XwI2pGyOig==\n"
    "-----END CERTIFICATE-----\n";
/* SAN: IP 10.0.0.1, DNS "127.0.0.1" (the address as text: no iPAddress) */
static const char crt_other_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBqDCCAU+gAwIBAgIUOAVMAnM80jVgNDC6r8ZTTf4wPmIwCgYIKoZIzj0EAwIw\n"
    "HDEaMBgGA1UEAwwRYXNjIHNwZWMgb3RoZXIgaXAwHhcNMjYxMjA3MTc0ODE5WhcN\n"
    "MzYxMjA0MTc0ODE5WjAcMRowGAYDVQQDDBFhc2Mgc3BlYyBvdGhlciBpcDBZMBMG\n"
    "ByqGSM49AgEGCCqGSM49AwEHA0IABHuxAUuJLqaSe+30E1eqX8Lbj9Z8oHCHAzwi\n"
    "S+3qoxLiBBG1AB44PSu3fJhwamGgDylJ2RKGEvZ6NxNeMqF/mUajbzBtMB0GA1Ud\n"
    "DgQWBBRfll0WeqPJXKZ/NN6Xbp3sV7OHLTAfBgNVHSMEGDAWgBRfll0WeqPJXKZ/\n"
    "NN6Xbp3sV7OHLTAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGHBAoAAAGCCTEy\n"
    "Ny4wLjAuMTAKBggqhkjOPQQDAgNHADBEAiAztQICk3qAMylbtR+M5tDuZN7zrjWN\n"
    "B2rapL4mbuweBwIgImlb7s6YeW+b6gYfzkCHgIkeT9YGQ0/8UVE1rxbQgEA=\n"
    "-----END CERTIFICATE-----\n";

/* SAN: 58 long DNS names, 3253 bytes of DER: over ASC_TLS_PEM_DER_MAX (2560) */
static const char *const crt_big_lines[] = {
    "-----BEGIN CERTIFICATE-----\n",
    "MIIMsTCCDFigAwIBAgIURqzF9oyLazFVvGGSAplLy9fU2CUwCgYIKoZIzj0EAwIw\n",
    "FzEVMBMGA1UEAwwMYXNjIHNwZWMgYmlnMB4XDTI2MTIwNzE4MTIzOFoXDTM2MTIw\n",
    "NDE4MTIzOFowFzEVMBMGA1UEAwwMYXNjIHNwZWMgYmlnMFkwEwYHKoZIzj0CAQYI\n",
    "KoZIzj0DAQcDQgAEe7EBS4kuppJ77fQTV6pfwtuP1nygcIcDPCJL7eqjEuIEEbUA\n",
    "Hjg9K7d8mHBqYaAPKUnZEoYS9no3E14yoX+ZRqOCC4Awggt8MB0GA1UdDgQWBBRf\n",
    "ll0WeqPJXKZ/NN6Xbp3sV7OHLTAfBgNVHSMEGDAWgBRfll0WeqPJXKZ/NN6Xbp3s\n",
    "V7OHLTAPBgNVHRMBAf8EBTADAQH/MIILJwYDVR0RBIILHjCCCxqCL2hvc3QwMC5h\n",
    "LXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0MDEu\n",
    "YS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDAy\n",
    "LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3Qw\n",
    "My5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0\n",
    "MDQuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9z\n",
    "dDA1LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hv\n",
    "c3QwNi5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9o\n",
    "b3N0MDcuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIv\n",
    "aG9zdDA4LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22C\n",
    "L2hvc3QwOS5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29t\n",
    "gi9ob3N0MTAuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNv\n",
    "bYIvaG9zdDExLmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5j\n",
    "b22CL2hvc3QxMi5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUu\n",
    "Y29tgi9ob3N0MTMuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxl\n",
    "LmNvbYIvaG9zdDE0LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBs\n",
    "ZS5jb22CL2hvc3QxNS5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1w\n",
    "bGUuY29tgi9ob3N0MTYuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFt\n",
    "cGxlLmNvbYIvaG9zdDE3LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhh\n",
    "bXBsZS5jb22CL2hvc3QxOC5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4\n",
    "YW1wbGUuY29tgi9ob3N0MTkuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5l\n",
    "eGFtcGxlLmNvbYIvaG9zdDIwLmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUu\n",
    "ZXhhbXBsZS5jb22CL2hvc3QyMS5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1l\n",
    "LmV4YW1wbGUuY29tgi9ob3N0MjIuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFt\n",
    "ZS5leGFtcGxlLmNvbYIvaG9zdDIzLmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5h\n",
    "bWUuZXhhbXBsZS5jb22CL2hvc3QyNC5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1u\n",
    "YW1lLmV4YW1wbGUuY29tgi9ob3N0MjUuYS1yYXRoZXItbG9uZy1zdWJkb21haW4t\n",
    "bmFtZS5leGFtcGxlLmNvbYIvaG9zdDI2LmEtcmF0aGVyLWxvbmctc3ViZG9tYWlu\n",
    "LW5hbWUuZXhhbXBsZS5jb22CL2hvc3QyNy5hLXJhdGhlci1sb25nLXN1YmRvbWFp\n",
    "bi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0MjguYS1yYXRoZXItbG9uZy1zdWJkb21h\n",
    "aW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDI5LmEtcmF0aGVyLWxvbmctc3ViZG9t\n",
    "YWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3QzMC5hLXJhdGhlci1sb25nLXN1YmRv\n",
    "bWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0MzEuYS1yYXRoZXItbG9uZy1zdWJk\n",
    "b21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDMyLmEtcmF0aGVyLWxvbmctc3Vi\n",
    "ZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3QzMy5hLXJhdGhlci1sb25nLXN1\n",
    "YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0MzQuYS1yYXRoZXItbG9uZy1z\n",
    "dWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDM1LmEtcmF0aGVyLWxvbmct\n",
    "c3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3QzNi5hLXJhdGhlci1sb25n\n",
    "LXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0MzcuYS1yYXRoZXItbG9u\n",
    "Zy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDM4LmEtcmF0aGVyLWxv\n",
    "bmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3QzOS5hLXJhdGhlci1s\n",
    "b25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0NDAuYS1yYXRoZXIt\n",
    "bG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDQxLmEtcmF0aGVy\n",
    "LWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3Q0Mi5hLXJhdGhl\n",
    "ci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0NDMuYS1yYXRo\n",
    "ZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDQ0LmEtcmF0\n",
    "aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3Q0NS5hLXJh\n",
    "dGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0NDYuYS1y\n",
    "YXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDQ3LmEt\n",
    "cmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3Q0OC5h\n",
    "LXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0NDku\n",
    "YS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9zdDUw\n",
    "LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hvc3Q1\n",
    "MS5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9ob3N0\n",
    "NTIuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIvaG9z\n",
    "dDUzLmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22CL2hv\n",
    "c3Q1NC5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29tgi9o\n",
    "b3N0NTUuYS1yYXRoZXItbG9uZy1zdWJkb21haW4tbmFtZS5leGFtcGxlLmNvbYIv\n",
    "aG9zdDU2LmEtcmF0aGVyLWxvbmctc3ViZG9tYWluLW5hbWUuZXhhbXBsZS5jb22C\n",
    "L2hvc3Q1Ny5hLXJhdGhlci1sb25nLXN1YmRvbWFpbi1uYW1lLmV4YW1wbGUuY29t\n",
    "MAoGCCqGSM49BAMCA0cAMEQCIAbNPEuRVvfuNjmJ+E+GyEpeb8bhsaX+ksrAU1EC\n",
    "itGMAiBIIt+kEk2wt+XR8jUl8ymNzN0ZiZGBcDMZgEfSMFEveg==\n",
    "-----END CERTIFICATE-----\n"
};
/* crt_big_lines joined (one literal would pass C99's 4095-byte limit) */
static char crt_big_pem[4608];

static void join_big_pem(void)
{
    size_t i, n = 0;
    for (i = 0; i < sizeof crt_big_lines / sizeof crt_big_lines[0]; i++) {
        size_t k = strlen(crt_big_lines[i]);
        memcpy(crt_big_pem + n, crt_big_lines[i], k);
        n += k;
    }
    crt_big_pem[n] = '\0';
}

/* ---- the scripted mbedTLS calls --------------------------------------------- */

typedef int (*vrfy_fn)(void *, mbedtls_x509_crt *, int, uint32_t *);

static struct {
    int hs[4];              /* successive handshake returns; then 0 (done) */
    int hs_next;
    bool hs_recv;           /* the handshake first reads through the BIO */
    mbedtls_x509_crt *hs_crt; /* the handshake verifies this leaf (full) */
    uint32_t hs_flags;      /* with these flags from mbedTLS's own checks */
    uint32_t verify_result; /* mbedtls_ssl_get_verify_result */
    vrfy_fn vrfy;           /* what tls.c registered */
    void *vrfy_p;
    mbedtls_ssl_send_t *send;
    mbedtls_ssl_recv_t *recv;
    void *bio;
    int hostname_calls;
    bool hostname_null;
    char hostname[64];
    int version;            /* != 0: the version the handshake negotiates */
    int modes;              /* last TLS 1.3 key exchange modes configured */
    int hs_modes[8];        /* the modes in force at each handshake */
    int hs_calls;
    bool get_session_ok;    /* mbedtls_ssl_get_session succeeds */
    int sessions_saved;
    int sessions_offered;
    int parse_fail;         /* != 0: mbedtls_x509_crt_parse(_der) returns it */
    int close_notifies;
} m;

int __real_mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, const unsigned char *buf, size_t len);
int __wrap_mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, const unsigned char *buf, size_t len);
int __wrap_mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, const unsigned char *buf, size_t len)
{
    return m.parse_fail != 0 ? m.parse_fail : __real_mbedtls_x509_crt_parse(chain, buf, len);
}
int __real_mbedtls_x509_crt_parse_der(mbedtls_x509_crt *chain, const unsigned char *buf,
                                      size_t len);
int __wrap_mbedtls_x509_crt_parse_der(mbedtls_x509_crt *chain, const unsigned char *buf,
                                      size_t len);
int __wrap_mbedtls_x509_crt_parse_der(mbedtls_x509_crt *chain, const unsigned char *buf,
                                      size_t len)
{
    return m.parse_fail != 0 ? m.parse_fail : __real_mbedtls_x509_crt_parse_der(chain, buf, len);
}

int __real_mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname);
int __wrap_mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname);
int __wrap_mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname)
{
    m.hostname_calls++;
    m.hostname_null = hostname == NULL;
    m.hostname[0] = '\0';
    if (hostname != NULL) {
        (void)snprintf(m.hostname, sizeof m.hostname, "%s", hostname);
    }
    return __real_mbedtls_ssl_set_hostname(ssl, hostname);
}

void __real_mbedtls_ssl_conf_verify(mbedtls_ssl_config *conf, vrfy_fn f, void *p);
void __wrap_mbedtls_ssl_conf_verify(mbedtls_ssl_config *conf, vrfy_fn f, void *p);
void __wrap_mbedtls_ssl_conf_verify(mbedtls_ssl_config *conf, vrfy_fn f, void *p)
{
    m.vrfy = f;
    m.vrfy_p = p;
    __real_mbedtls_ssl_conf_verify(conf, f, p);
}

void __real_mbedtls_ssl_set_bio(mbedtls_ssl_context *ssl, void *p_bio, mbedtls_ssl_send_t *f_send,
                                mbedtls_ssl_recv_t *f_recv,
                                mbedtls_ssl_recv_timeout_t *f_recv_timeout);
void __wrap_mbedtls_ssl_set_bio(mbedtls_ssl_context *ssl, void *p_bio, mbedtls_ssl_send_t *f_send,
                                mbedtls_ssl_recv_t *f_recv,
                                mbedtls_ssl_recv_timeout_t *f_recv_timeout);
void __wrap_mbedtls_ssl_set_bio(mbedtls_ssl_context *ssl, void *p_bio, mbedtls_ssl_send_t *f_send,
                                mbedtls_ssl_recv_t *f_recv,
                                mbedtls_ssl_recv_timeout_t *f_recv_timeout)
{
    m.send = f_send;
    m.recv = f_recv;
    m.bio = p_bio;
    __real_mbedtls_ssl_set_bio(ssl, p_bio, f_send, f_recv, f_recv_timeout);
}

/* A scripted handshake: optionally one read through the BIO (the
 * transport's outcome is recorded by tls.c), optionally the verification
 * of a leaf (a full handshake), then the scripted return. */
int __wrap_mbedtls_ssl_handshake(mbedtls_ssl_context *ssl);
int __wrap_mbedtls_ssl_handshake(mbedtls_ssl_context *ssl)
{
    if (m.hs_calls < 8) {
        m.hs_modes[m.hs_calls] = m.modes;
    }
    m.hs_calls++;
#if MBEDTLS_VERSION_MAJOR >= 3
    if (m.version != 0) {
        ssl->MBEDTLS_PRIVATE(tls_version) = (mbedtls_ssl_protocol_version)m.version;
    }
#else
    (void)ssl;
#endif
    if (m.hs_recv) {
        unsigned char b[16];
        m.hs_recv = false;
        (void)m.recv(m.bio, b, sizeof b);
    }
    if (m.hs_crt != NULL) {
        uint32_t flags = m.hs_flags;
        (void)m.vrfy(m.vrfy_p, m.hs_crt, 0, &flags);
        m.hs_crt = NULL;
    }
    if (m.hs_next < 4 && m.hs[m.hs_next] != 0) {
        return m.hs[m.hs_next++];
    }
    return 0;
}

#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
void __real_mbedtls_ssl_conf_tls13_key_exchange_modes(mbedtls_ssl_config *conf, const int modes);
void __wrap_mbedtls_ssl_conf_tls13_key_exchange_modes(mbedtls_ssl_config *conf, const int modes);
void __wrap_mbedtls_ssl_conf_tls13_key_exchange_modes(mbedtls_ssl_config *conf, const int modes)
{
    m.modes = modes;
    __real_mbedtls_ssl_conf_tls13_key_exchange_modes(conf, modes);
}
#endif

uint32_t __wrap_mbedtls_ssl_get_verify_result(const mbedtls_ssl_context *ssl);
uint32_t __wrap_mbedtls_ssl_get_verify_result(const mbedtls_ssl_context *ssl)
{
    (void)ssl;
    return m.verify_result;
}

/* No real session exists after a scripted handshake: "saving" one leaves
 * the (initialised, empty) session as it is, and offering one is counted. */
int __wrap_mbedtls_ssl_get_session(const mbedtls_ssl_context *ssl, mbedtls_ssl_session *session);
int __wrap_mbedtls_ssl_get_session(const mbedtls_ssl_context *ssl, mbedtls_ssl_session *session)
{
    (void)ssl;
    (void)session;
    if (!m.get_session_ok) {
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    m.sessions_saved++;
    return 0;
}
int __wrap_mbedtls_ssl_set_session(mbedtls_ssl_context *ssl, const mbedtls_ssl_session *session);
int __wrap_mbedtls_ssl_set_session(mbedtls_ssl_context *ssl, const mbedtls_ssl_session *session)
{
    (void)ssl;
    (void)session;
    m.sessions_offered++;
    return 0;
}

/* Record I/O goes through the BIO as mbedTLS's would: bytes through, a
 * BIO EOF (0) is CONN_EOF, the BIO's error codes as they are. */
int __wrap_mbedtls_ssl_write(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len);
int __wrap_mbedtls_ssl_write(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len)
{
    (void)ssl;
    return m.send(m.bio, buf, len);
}
int __wrap_mbedtls_ssl_read(mbedtls_ssl_context *ssl, unsigned char *buf, size_t len);
int __wrap_mbedtls_ssl_read(mbedtls_ssl_context *ssl, unsigned char *buf, size_t len)
{
    int r;
    (void)ssl;
    r = m.recv(m.bio, buf, len);
    return r == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : r;
}
int __wrap_mbedtls_ssl_close_notify(mbedtls_ssl_context *ssl);
int __wrap_mbedtls_ssl_close_notify(mbedtls_ssl_context *ssl)
{
    (void)ssl;
    m.close_notifies++;
    return 0;
}

/* ---- a scripted port -------------------------------------------------------- */


typedef struct sport {
    int32_t io[4];      /* successive send/recv returns (the last repeats) */
    int n_io, next_io;
    size_t last_len;    /* length the last send/recv was given */
    uint32_t last_timeout;
    int io_calls;
    uint64_t mono;
    int connects, closes;
} sport;

static sport sp;

static int32_t sp_io(void *c, uint8_t *b, size_t n, uint32_t to)
{
    sport *s = (sport *)c;
    int32_t r;
    s->io_calls++;
    s->last_len = n;
    s->last_timeout = to;
    if (s->n_io == 0) {
        r = (int32_t)(n < 64u ? n : 64u);
    } else {
        r = s->io[s->next_io];
        if (s->next_io + 1 < s->n_io) {
            s->next_io++;
        }
    }
    if (r == 0) {
        s->mono += (uint64_t)to + 1u; /* nothing within the timeout */
    }
    if (r > 0 && b != NULL) {
        memset(b, 'x', (size_t)r < n ? (size_t)r : n);
    }
    return r;
}
static asc_status sp_connect(void *c, const char *h, uint16_t p, uint32_t to)
{
    (void)h; (void)p; (void)to;
    ((sport *)c)->connects++;
    return ASC_OK;
}
static int32_t sp_send(void *c, const uint8_t *b, size_t n, uint32_t to)
{
    (void)b;
    return sp_io(c, NULL, n, to);
}
static int32_t sp_recv(void *c, uint8_t *b, size_t n, uint32_t to)
{
    return sp_io(c, b, n, to);
}
static void sp_close(void *c) { ((sport *)c)->closes++; }
static int64_t sp_utc(void *c) { (void)c; return 1767225600; }
static uint64_t sp_mono(void *c) { return ((sport *)c)->mono; }
static asc_status sp_random(void *c, uint8_t *b, size_t n)
{
    (void)c;
    memset(b, 0x42, n);
    return ASC_OK;
}
static void sp_sleep(void *c, uint32_t ms) { ((sport *)c)->mono += ms; }

static asc_port port;
static uint8_t arena[96 * 1024];
static asc_tls tls;
static mbedtls_x509_crt crt_ip, crt_other;

static void sp_script(int n, int32_t a, int32_t b)
{
    sp.n_io = n;
    sp.next_io = 0;
    sp.io[0] = a;
    sp.io[1] = b;
}

/* A fresh asc_tls over a fresh scripted port and mbedTLS. */
static void fresh(void)
{
    asc_tls_free(&tls);
    memset(&sp, 0, sizeof sp);
    sp.mono = 1000u;
    port.ctx = &sp;
    port.connect = sp_connect;
    port.send = sp_send;
    port.recv = sp_recv;
    port.close = sp_close;
    port.utc_now = sp_utc;
    port.mono_ms = sp_mono;
    port.random = sp_random;
    port.sleep_ms = sp_sleep;
    memset(&m, 0, sizeof m);
    CHECK_EQ(asc_tls_init(&tls, &port, (const uint8_t *)crt_ip_pem, sizeof crt_ip_pem), ASC_OK);
}

/* A connection to example.com:443 whose handshake returns ret. */
static asc_status handshake_fails_with(int ret)
{
    fresh();
    m.hs[0] = ret;
    return asc_tls_connect(&tls, "example.com", 443u, 1000u);
}

/* ---- R1 ------------------------------------------------------------------------ */

static void test_cert_error_range(void)
{
    T_CASE("R1: codes inside -0x2080..-0x2FFF are certificate failures");
    CHECK_EQ(handshake_fails_with(-0x2080), ASC_E_TLS_CERT); /* X509_FEATURE_UNAVAILABLE */
    CHECK_EQ(handshake_fails_with(-0x2FFF), ASC_E_TLS_CERT);
    CHECK_EQ(handshake_fails_with(MBEDTLS_ERR_X509_INVALID_FORMAT), ASC_E_TLS_CERT);
    CHECK_EQ(handshake_fails_with(MBEDTLS_ERR_X509_INVALID_FORMAT - 0x62), ASC_E_TLS_CERT);
    CHECK_EQ(handshake_fails_with(MBEDTLS_ERR_X509_CERT_VERIFY_FAILED), ASC_E_TLS_CERT);
#if defined(MBEDTLS_ERR_SSL_BAD_CERTIFICATE)
    CHECK_EQ(handshake_fails_with(MBEDTLS_ERR_SSL_BAD_CERTIFICATE), ASC_E_TLS_CERT);
#endif
    T_CASE("R1: just outside the range, and out of memory, are TLS failures");
    CHECK_EQ(handshake_fails_with(-0x207F), ASC_E_TLS);
    CHECK_EQ(handshake_fails_with(-0x3000), ASC_E_TLS); /* X509_FATAL_ERROR */
    CHECK_EQ(handshake_fails_with(MBEDTLS_ERR_X509_ALLOC_FAILED), ASC_E_TLS);
    CHECK_EQ(handshake_fails_with(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE), ASC_E_TLS);
    CHECK_EQ(tls.last_ret, MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE);
    CHECK_EQ(sp.closes >= 1, 1); /* a failed handshake closes the connection */
    asc_tls_free(&tls);
}

/* ---- R2 ------------------------------------------------------------------------ */

static asc_tls_reason reason_for(uint32_t result)
{
    fresh();
    m.verify_result = result;
    m.hs[0] = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS_CERT);
    return asc_tls_last_reason(&tls);
}

static void test_reasons(void)
{
    const uint32_t weak = MBEDTLS_X509_BADCERT_BAD_MD | MBEDTLS_X509_BADCERT_BAD_PK |
                          MBEDTLS_X509_BADCERT_BAD_KEY;
    const uint32_t usage = MBEDTLS_X509_BADCERT_KEY_USAGE |
                           MBEDTLS_X509_BADCERT_EXT_KEY_USAGE |
                           MBEDTLS_X509_BADCERT_NS_CERT_TYPE;
    T_CASE("R2: each flag alone names its reason");
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_NOT_TRUSTED), ASC_TLS_REASON_CERT_UNTRUSTED);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_EXPIRED), ASC_TLS_REASON_CERT_EXPIRED);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_FUTURE), ASC_TLS_REASON_CERT_NOT_YET_VALID);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_CN_MISMATCH), ASC_TLS_REASON_CERT_NAME_MISMATCH);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_BAD_MD), ASC_TLS_REASON_CERT_WEAK);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_BAD_PK), ASC_TLS_REASON_CERT_WEAK);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_BAD_KEY), ASC_TLS_REASON_CERT_WEAK);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_KEY_USAGE), ASC_TLS_REASON_CERT_USAGE);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_EXT_KEY_USAGE), ASC_TLS_REASON_CERT_USAGE);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_NS_CERT_TYPE), ASC_TLS_REASON_CERT_USAGE);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_REVOKED), ASC_TLS_REASON_CERT_OTHER);
    CHECK_EQ(reason_for(0u), ASC_TLS_REASON_CERT_OTHER);
    T_CASE("R2: with several flags, the earlier reason in the order wins");
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_EXPIRED |
                        MBEDTLS_X509_BADCERT_FUTURE | MBEDTLS_X509_BADCERT_CN_MISMATCH |
                        weak | usage),
             ASC_TLS_REASON_CERT_UNTRUSTED);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE |
                        MBEDTLS_X509_BADCERT_CN_MISMATCH | weak | usage),
             ASC_TLS_REASON_CERT_EXPIRED);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_FUTURE | MBEDTLS_X509_BADCERT_CN_MISMATCH |
                        weak | usage),
             ASC_TLS_REASON_CERT_NOT_YET_VALID);
    CHECK_EQ(reason_for(MBEDTLS_X509_BADCERT_CN_MISMATCH | weak | usage),
             ASC_TLS_REASON_CERT_NAME_MISMATCH);
    CHECK_EQ(reason_for(weak | usage), ASC_TLS_REASON_CERT_WEAK);
    CHECK_EQ(reason_for(usage | MBEDTLS_X509_BADCERT_REVOKED), ASC_TLS_REASON_CERT_USAGE);
    T_CASE("R2: mbedTLS's \"no verify result\" adds no flag");
    CHECK_EQ(reason_for(0xFFFFFFFFu), ASC_TLS_REASON_CERT_OTHER);
    T_CASE("R2: the callback's flags and the final result are both counted");
    fresh();
    m.hs_crt = &crt_ip;
    m.hs_flags = MBEDTLS_X509_BADCERT_EXPIRED;
    m.verify_result = MBEDTLS_X509_BADCERT_KEY_USAGE; /* checked after the chain */
    m.hs[0] = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS_CERT);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_CERT_EXPIRED);
    CHECK_EQ(asc_tls_cert_flags(&tls), MBEDTLS_X509_BADCERT_EXPIRED);
    fresh();
    m.hs_crt = &crt_ip;
    m.hs_flags = 0u;
    m.verify_result = MBEDTLS_X509_BADCERT_KEY_USAGE;
    m.hs[0] = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS_CERT);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_CERT_USAGE);
    asc_tls_free(&tls);
}

/* ---- R3 ------------------------------------------------------------------------ */

/* The handshake reads once (the port answers port_ret) and then mbedTLS
 * returns ret. */
static asc_status handshake_after_read(int32_t port_ret, int ret)
{
    fresh();
    sp_script(1, port_ret, 0);
    m.hs_recv = true;
    m.hs[0] = ret;
    return asc_tls_connect(&tls, "example.com", 443u, 1000u);
}

static void test_too_large_and_transport(void)
{
    T_CASE("R3: too large for the input buffer, the transport being fine");
    CHECK_EQ(handshake_after_read(5, MBEDTLS_ERR_SSL_BAD_INPUT_DATA), ASC_E_TLS);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_RECORD_TOO_LARGE);
    CHECK_EQ(handshake_after_read(5, MBEDTLS_ERR_SSL_INVALID_RECORD), ASC_E_TLS);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_RECORD_TOO_LARGE);
    CHECK_EQ(handshake_after_read(5, MBEDTLS_ERR_SSL_INVALID_MAC), ASC_E_TLS);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_NONE);
    T_CASE("R3: a transport failure is the transport's, whatever mbedTLS says");
    CHECK_EQ(handshake_after_read(ASC_PORT_ERR_IO, MBEDTLS_ERR_SSL_BAD_INPUT_DATA), ASC_E_IO);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_NONE);
    CHECK_EQ(handshake_after_read(ASC_PORT_ERR_CLOSED, MBEDTLS_ERR_SSL_INVALID_RECORD),
             ASC_E_CLOSED);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_NONE);
    CHECK_EQ(handshake_after_read(ASC_PORT_ERR_IO, MBEDTLS_ERR_SSL_INTERNAL_ERROR), ASC_E_IO);
    CHECK_EQ(handshake_after_read(ASC_PORT_ERR_CLOSED, MBEDTLS_ERR_SSL_CONN_EOF), ASC_E_CLOSED);
    CHECK_EQ(handshake_after_read(0, MBEDTLS_ERR_SSL_WANT_READ), ASC_E_TIMEOUT);
    CHECK_EQ(handshake_after_read(0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA), ASC_E_TIMEOUT);
    T_CASE("R3: CONN_EOF with the transport fine is a closed connection");
    CHECK_EQ(handshake_after_read(5, MBEDTLS_ERR_SSL_CONN_EOF), ASC_E_CLOSED);
    T_CASE("R3: the handshake goes on after want-read/write while time is left");
    fresh();
    m.hs[0] = MBEDTLS_ERR_SSL_WANT_READ;
    m.hs[1] = MBEDTLS_ERR_SSL_WANT_WRITE;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hs_next, 2);
    asc_tls_free(&tls);
}

/* ---- R4 ------------------------------------------------------------------------ */

static void test_bio(void)
{
    uint8_t buf[64];
    T_CASE("R4: the BIO gives the port mbedTLS's length, clamped to INT32_MAX");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    sp_script(1, 7, 0);
    CHECK_EQ(m.recv(m.bio, buf, 40u), 7);
    CHECK_EQ(sp.last_len, 40u);
    CHECK_EQ(m.send(m.bio, buf, 33u), 7);
    CHECK_EQ(sp.last_len, 33u);
    CHECK_EQ(m.recv(m.bio, buf, (size_t)INT32_MAX), 7);
    CHECK_EQ(sp.last_len, (size_t)INT32_MAX);
    CHECK_EQ(m.send(m.bio, buf, (size_t)INT32_MAX), 7);
    CHECK_EQ(sp.last_len, (size_t)INT32_MAX);
#if SIZE_MAX > INT32_MAX
    CHECK_EQ(m.recv(m.bio, buf, (size_t)INT32_MAX + 1u), 7);
    CHECK_EQ(sp.last_len, (size_t)INT32_MAX);
    CHECK_EQ(m.send(m.bio, buf, (size_t)INT32_MAX + 1u), 7);
    CHECK_EQ(sp.last_len, (size_t)INT32_MAX);
#endif
    sp_script(1, 1, 0); /* a single byte is data too */
    CHECK_EQ(m.recv(m.bio, buf, 8u), 1);
    CHECK_EQ(m.send(m.bio, buf, 8u), 1);
    T_CASE("R4: the BIO maps the port's answers");
    sp_script(1, ASC_PORT_ERR_CLOSED, 0);
    CHECK_EQ(m.recv(m.bio, buf, 8u), 0); /* EOF to mbedTLS */
    CHECK_EQ(m.send(m.bio, buf, 8u), MBEDTLS_ERR_SSL_INTERNAL_ERROR);
    sp_script(1, ASC_PORT_ERR_IO, 0);
    CHECK_EQ(m.recv(m.bio, buf, 8u), MBEDTLS_ERR_SSL_INTERNAL_ERROR);
    CHECK_EQ(m.send(m.bio, buf, 8u), MBEDTLS_ERR_SSL_INTERNAL_ERROR);
    T_CASE("R4: nothing before the deadline: want-read/write, after trying again");
    sp.io_calls = 0;
    sp_script(2, 0, 0);
    CHECK_EQ(m.recv(m.bio, buf, 8u), MBEDTLS_ERR_SSL_WANT_READ);
    CHECK_EQ(sp.last_timeout, 0u); /* the last try had no time left */
    CHECK_EQ(sp.io_calls, 2);
    sp.io_calls = 0;
    CHECK_EQ(m.send(m.bio, buf, 8u), MBEDTLS_ERR_SSL_WANT_WRITE);
    CHECK_EQ(sp.io_calls, 1); /* the deadline had passed: one try */

    T_CASE("R4: asc_tls_send/recv report the transport's outcome");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    sp_script(1, 9, 0);
    CHECK_EQ(asc_tls_send(&tls, buf, sizeof buf, 500u), 9);
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 500u), 9);
    CHECK_EQ(sp.last_len, sizeof buf);
    sp_script(1, 1, 0);
    CHECK_EQ(asc_tls_send(&tls, buf, sizeof buf, 500u), 1);
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 500u), 1);
    sp_script(1, ASC_PORT_ERR_CLOSED, 0);
    CHECK_EQ(asc_tls_send(&tls, buf, sizeof buf, 500u), ASC_PORT_ERR_CLOSED);
    sp_script(1, ASC_PORT_ERR_IO, 0);
    CHECK_EQ(asc_tls_send(&tls, buf, sizeof buf, 500u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 500u), ASC_PORT_ERR_IO);
    sp_script(1, 0, 0);
    CHECK_EQ(asc_tls_send(&tls, buf, sizeof buf, 500u), 0);
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 500u), 0);
    T_CASE("R4: a try that got nothing is repeated until the deadline (1 ms left)");
    sp_script(1, 0, 0);
    sp.io_calls = 0;
    CHECK_EQ(asc_tls_send(&tls, buf, sizeof buf, 1u), 0);
    CHECK_EQ(sp.io_calls, 2); /* with 1 ms, then with 0 ms left */
    CHECK_EQ(sp.last_timeout, 0u);
    sp.io_calls = 0;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1u), 0);
    CHECK_EQ(sp.io_calls, 2);
    CHECK_EQ(sp.last_timeout, 0u);
    T_CASE("R4: a zero-length send/recv touches nothing and returns 0");
    sp.io_calls = 0;
    CHECK_EQ(asc_tls_send(&tls, buf, 0u, 500u), 0);
    CHECK_EQ(asc_tls_recv(&tls, buf, 0u, 500u), 0);
    CHECK_EQ(sp.io_calls, 0);
    T_CASE("R4: a TCP close without close_notify is an error (maybe truncated)");
    sp_script(1, ASC_PORT_ERR_CLOSED, 0);
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 500u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_NO_CLOSE_NOTIFY);
    asc_tls_free(&tls);
}

/* ---- R5 ------------------------------------------------------------------------ */

/* The verify callback tls.c registered, on crt at depth with flags in:
 * returns the flags out. */
static uint32_t verify(mbedtls_x509_crt *crt, int depth, uint32_t in, int *ret)
{
    uint32_t flags = in;
    *ret = m.vrfy(m.vrfy_p, crt, depth, &flags);
    return flags;
}

static void test_peer_name(void)
{
    int ret = -1;
    T_CASE("R5: a host name is sent as SNI and checked by mbedTLS");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hostname_calls, 1);
    CHECK_STR(m.hostname, "example.com");
    CHECK_EQ(verify(&crt_other, 0, 0u, &ret), 0u); /* no IP check for a name */
    CHECK_EQ(ret, 0);
    T_CASE("R5: text that only looks like an address is a name");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "127.0.0.1.example", 443u, 1000u), ASC_OK);
    CHECK_STR(m.hostname, "127.0.0.1.example");
    CHECK_EQ(m.hostname_null, 0);
#if MBEDTLS_VERSION_MAJOR >= 3
    T_CASE("R5: an IPv4 or IPv6 literal is not sent as SNI");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "127.0.0.1", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hostname_null, 1);
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "::1", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hostname_null, 1);
    T_CASE("R5: the literal must be an iPAddress SAN of the leaf");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "127.0.0.1", 443u, 1000u), ASC_OK);
    CHECK_EQ(verify(&crt_ip, 0, 0u, &ret), 0u);
    CHECK_EQ(ret, 0);
    CHECK_EQ(verify(&crt_other, 0, 0u, &ret), MBEDTLS_X509_BADCERT_CN_MISMATCH);
    CHECK_EQ(ret, 0); /* the verdict stays mbedTLS's */
    T_CASE("R5: an intermediate certificate is not checked for the address");
    CHECK_EQ(verify(&crt_other, 1, 0u, &ret), 0u);
    T_CASE("R5: the callback keeps mbedTLS's flags and records them all");
    CHECK_EQ(verify(&crt_ip, 0, MBEDTLS_X509_BADCERT_EXPIRED, &ret),
             MBEDTLS_X509_BADCERT_EXPIRED);
    CHECK_EQ(ret, 0);
    CHECK_EQ(asc_tls_cert_flags(&tls),
             MBEDTLS_X509_BADCERT_CN_MISMATCH | MBEDTLS_X509_BADCERT_EXPIRED);
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "::1", 443u, 1000u), ASC_OK);
    CHECK_EQ(verify(&crt_ip, 0, 0u, &ret), 0u);
    CHECK_EQ(verify(&crt_other, 0, 0u, &ret), MBEDTLS_X509_BADCERT_CN_MISMATCH);
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "10.0.0.2", 443u, 1000u), ASC_OK);
    CHECK_EQ(verify(&crt_other, 0, 0u, &ret), MBEDTLS_X509_BADCERT_CN_MISMATCH);
    T_CASE("R5: after an IP literal, a host name is sent as SNI again");
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_STR(m.hostname, "example.com");
    CHECK_EQ(verify(&crt_other, 0, 0u, &ret), 0u);
#else
    T_CASE("R5 (2.28, no iPAddress SAN support): a literal goes as a name");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "127.0.0.1", 443u, 1000u), ASC_OK);
    CHECK_STR(m.hostname, "127.0.0.1");
    CHECK_EQ(verify(&crt_other, 0, MBEDTLS_X509_BADCERT_EXPIRED, &ret),
             MBEDTLS_X509_BADCERT_EXPIRED);
    CHECK_EQ(ret, 0);
    CHECK_EQ(asc_tls_cert_flags(&tls), MBEDTLS_X509_BADCERT_EXPIRED);
#endif
    asc_tls_free(&tls);
}

/* ---- R6 ------------------------------------------------------------------------ */

/* A connection whose handshake ends with a session saved (a TLS 1.3
 * ticket where the library has one; a TLS 1.2 session after the handshake
 * otherwise). */
static asc_status connect_saving(const char *host, uint16_t p)
{
    m.get_session_ok = true;
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    m.hs[0] = MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET;
    m.hs_next = 0;
#endif
    return asc_tls_connect(&tls, host, p, 1000u);
}

static void test_session_binding(void)
{
    T_CASE("R6: a saved session is offered again to the same host:port");
    fresh();
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    CHECK(m.sessions_saved >= 1);
    CHECK_EQ(m.sessions_offered, 0);
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 1);
    T_CASE("R6: never to another host, nor another port of the same host");
    fresh();
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    CHECK_EQ(connect_saving("example.org", 443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 0);
    CHECK_EQ(connect_saving("example.org", 8443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 0);
    CHECK_EQ(connect_saving("example.com", 8443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 0);
    CHECK_EQ(connect_saving("example.com", 8443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 1);
    T_CASE("R6: the same host after a longer one (its name a suffix of it)");
    fresh();
    CHECK_EQ(connect_saving("www.example.com", 443u), ASC_OK);
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 0);
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 1);
#if MBEDTLS_VERSION_MAJOR >= 3
    T_CASE("R6: TLS 1.2 saves the session after the handshake, TLS 1.3 needs a ticket");
    fresh();
    m.get_session_ok = true;
    m.version = MBEDTLS_SSL_VERSION_TLS1_2;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.sessions_saved, 1);
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 1);
    fresh();
    m.get_session_ok = true;
    m.version = MBEDTLS_SSL_VERSION_TLS1_3;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.sessions_saved, 0);
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 0);
#endif
    T_CASE("R6: a session mbedTLS could not hand out is not offered");
    fresh();
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    m.get_session_ok = false;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK); /* offers, saves none */
    CHECK_EQ(m.sessions_offered, 1);
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.sessions_offered, 1);
    asc_tls_free(&tls);
}

/* ---- R7 ------------------------------------------------------------------------ */

static void test_outcome(void)
{
    T_CASE("R7: a handshake that verified a certificate is a full one");
    fresh();
    m.hs_crt = &crt_ip;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(asc_tls_resumed(&tls), 0);
    CHECK_EQ(tls.handshakes, 1u);
    CHECK_EQ(tls.resumptions, 0u);
    T_CASE("R7: one without a certificate was resumed");
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(asc_tls_resumed(&tls), 1);
    CHECK_EQ(tls.handshakes, 2u);
    CHECK_EQ(tls.resumptions, 1u);
    T_CASE("R7: each attempt starts with no reason and no flags");
    fresh();
    m.hs_crt = &crt_ip;
    m.hs_flags = MBEDTLS_X509_BADCERT_EXPIRED;
    m.hs[0] = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS_CERT);
    CHECK_EQ(asc_tls_cert_flags(&tls), MBEDTLS_X509_BADCERT_EXPIRED);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_CERT_EXPIRED);
    m.hs_crt = &crt_ip;
    m.hs_flags = 0u;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(asc_tls_cert_flags(&tls), 0u);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_NONE);
    CHECK_EQ(asc_tls_resumed(&tls), 0);
    asc_tls_free(&tls);
}

/* ---- R8 ------------------------------------------------------------------------ */

static void test_null_and_plain(void)
{
    asc_tls never;
    asc_conn c;
    asc_port noconnect;
    uint8_t b[4] = { 0 };
    T_CASE("R8: close_notify on a connection, not after a failed handshake");
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    asc_tls_close(&tls);
    CHECK_EQ(m.close_notifies, 1);
    m.hs[0] = MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE;
    m.hs_next = 0;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS);
    asc_tls_close(&tls);
    CHECK_EQ(m.close_notifies, 1);
    asc_tls_free(&tls);
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C) && defined(MBEDTLS_MEMORY_DEBUG)
    T_CASE("R8: asc_tls_free gives back every arena byte init and connect took");
    {
        size_t pk = 0u, before = 0u, after = 1u;
        CHECK_EQ(asc_tls_arena_peak(&pk, &before), ASC_OK);
        fresh();
        CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
        asc_tls_free(&tls);
        CHECK_EQ(asc_tls_arena_peak(&pk, &after), ASC_OK);
        CHECK_EQ(after, before);
    }
#endif
    T_CASE("R8: close/free of NULL or of an asc_tls never initialised");
    memset(&never, 0, sizeof never);
    asc_tls_close(NULL);
    asc_tls_free(NULL);
    asc_tls_close(&never); /* its port is NULL: must not be called */
    CHECK_EQ(never.inited, 0);
    fresh();
    asc_tls_free(&tls);
    CHECK_EQ(sp.closes, 1); /* freeing an initialised one closes its port once */
    asc_tls_close(&tls);    /* freed: nothing more */
    CHECK_EQ(sp.closes, 1);
    T_CASE("R8: asc_conn without TLS needs a port with the function used");
    memset(&c, 0, sizeof c);
    CHECK_EQ(asc_conn_open(&c, "example.com", 80u, 100u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_conn_send(&c, b, sizeof b, 100u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_conn_recv(&c, b, sizeof b, 100u), ASC_PORT_ERR_IO);
    asc_conn_close(&c);
    noconnect = port;
    noconnect.connect = NULL;
    noconnect.send = NULL;
    noconnect.recv = NULL;
    noconnect.close = NULL;
    c.port = &noconnect;
    CHECK_EQ(asc_conn_open(&c, "example.com", 80u, 100u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_conn_send(&c, b, sizeof b, 100u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_conn_recv(&c, b, sizeof b, 100u), ASC_PORT_ERR_IO);
    asc_conn_close(&c);
    CHECK_EQ(asc_conn_open(NULL, "example.com", 80u, 100u), ASC_E_INVALID_ARG);
    c.port = &port;
    CHECK_EQ(asc_conn_open(&c, NULL, 80u, 100u), ASC_E_INVALID_ARG);
    sp.connects = 0;
    CHECK_EQ(asc_conn_open(&c, "example.com", 80u, 100u), ASC_OK);
    CHECK_EQ(sp.connects, 1);
    sp_script(1, 3, 0);
    CHECK_EQ(asc_conn_send(&c, b, sizeof b, 100u), 3);
    CHECK_EQ(asc_conn_recv(&c, b, sizeof b, 100u), 3);
    CHECK_EQ(asc_conn_send(&c, NULL, sizeof b, 100u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_conn_recv(&c, NULL, sizeof b, 100u), ASC_PORT_ERR_IO);
    sp.closes = 0;
    asc_conn_close(&c);
    CHECK_EQ(sp.closes, 1);
}

/* ---- R9 ------------------------------------------------------------------------ */

#if MBEDTLS_VERSION_MAJOR >= 3 && defined(MBEDTLS_SSL_PROTO_TLS1_3) && \
    defined(MBEDTLS_SSL_SESSION_TICKETS) && \
    defined(MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED)
#define PSK_ALONE MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK

/* Opted in, one TLS 1.3 connection to example.com:443 that received a
 * ticket (version: the one negotiated). */
static void ticket_from(int version)
{
    fresh();
    CHECK_EQ(asc_tls_set_psk_only_resumption(&tls, 1), ASC_OK);
    m.version = version;
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    sp.connects = 0;
    m.hs_calls = 0;
    m.hs_next = 0;
    m.hs[0] = 0;
}

static void test_psk_only(void)
{
    T_CASE("R9: a TLS 1.3 ticket received while opted in: psk_ke alone next");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    CHECK_EQ(m.hs_modes[0], MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_ALL);
    m.hs_calls = 0;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hs_modes[0], PSK_ALONE);
    CHECK_EQ(tls.psk_only_resumptions, 1u);
    CHECK_EQ(m.modes, MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_ALL); /* later tickets */
    T_CASE("R9: not to another host or port");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 8443u, 1000u), ASC_OK);
    CHECK(m.hs_modes[0] != PSK_ALONE);
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    CHECK_EQ(asc_tls_connect(&tls, "example.org", 443u, 1000u), ASC_OK);
    CHECK(m.hs_modes[0] != PSK_ALONE);
    CHECK_EQ(tls.psk_only_resumptions, 0u);
    T_CASE("R9: not for a TLS 1.2 session, nor without opting in");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_2);
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK(m.hs_modes[0] != PSK_ALONE);
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    CHECK_EQ(asc_tls_set_psk_only_resumption(&tls, 0), ASC_OK);
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hs_modes[0], MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ALL);
    T_CASE("R9: a refusal: the full handshake at once, psk_ke alone not again");
    {
        static const int refusals[3][2] = {
            { 5, MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE },          /* ASC_E_TLS */
            { ASC_PORT_ERR_CLOSED, MBEDTLS_ERR_SSL_CONN_EOF }, /* ASC_E_CLOSED */
            { ASC_PORT_ERR_IO, MBEDTLS_ERR_SSL_INTERNAL_ERROR }, /* ASC_E_IO */
        };
        int i;
        for (i = 0; i < 3; i++) {
            ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
            sp_script(1, refusals[i][0], 0);
            m.hs_recv = true;
            m.hs[0] = refusals[i][1];
            CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
            CHECK_EQ(sp.connects, 2);
            CHECK_EQ(m.hs_calls, 2);
            CHECK_EQ(m.hs_modes[0], PSK_ALONE);
            CHECK(m.hs_modes[1] != PSK_ALONE);
            CHECK_EQ(tls.psk_only_resumptions, 0u);
            CHECK_EQ(tls.psk_only_refused, 1);
            /* a fresh ticket from the full handshake: still not psk_ke alone */
            CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
            m.hs_calls = 0;
            m.hs[0] = 0;
            CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
            CHECK(m.hs_modes[0] != PSK_ALONE);
        }
    }
    T_CASE("R9: enabling again forgets the refusal");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    sp_script(1, 5, 0);
    m.hs_recv = true;
    m.hs[0] = MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(tls.psk_only_refused, 1);
    CHECK_EQ(asc_tls_set_psk_only_resumption(&tls, 1), ASC_OK);
    CHECK_EQ(tls.psk_only_refused, 0);
    CHECK_EQ(connect_saving("example.com", 443u), ASC_OK);
    m.hs_calls = 0;
    m.hs[0] = 0;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(m.hs_modes[0], PSK_ALONE);
    T_CASE("R9: asc_tls_start (inside a proxy tunnel) never offers psk_ke alone");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    asc_tls_close(&tls);
    CHECK_EQ(asc_tls_start(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK(m.hs_modes[0] != PSK_ALONE);
    T_CASE("R9: a timeout is no refusal: no second handshake");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    sp_script(1, 0, 0);
    m.hs_recv = true;
    m.hs[0] = MBEDTLS_ERR_SSL_WANT_READ;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TIMEOUT);
    CHECK_EQ(sp.connects, 1);
    CHECK_EQ(tls.psk_only_refused, 0);
    T_CASE("R9: a certificate failure is no refusal either");
    ticket_from(MBEDTLS_SSL_VERSION_TLS1_3);
    m.hs[0] = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS_CERT);
    CHECK_EQ(sp.connects, 1);
    CHECK_EQ(tls.psk_only_refused, 0);
    asc_tls_free(&tls);
}
#endif

/* ---- R10 ----------------------------------------------------------------------- */

static void test_arguments(void)
{
    static char host[MBEDTLS_SSL_MAX_HOST_NAME_LEN + 2];
    asc_tls never;
    T_CASE("R10: a host of MBEDTLS_SSL_MAX_HOST_NAME_LEN bytes, not one more");
    memset(host, 'a', sizeof host - 1u);
    host[MBEDTLS_SSL_MAX_HOST_NAME_LEN] = '\0';
    fresh();
    CHECK_EQ(asc_tls_connect(&tls, host, 443u, 1000u), ASC_OK);
    asc_tls_close(&tls);
    CHECK_EQ(asc_tls_start(&tls, host, 443u, 1000u), ASC_OK);
    asc_tls_close(&tls);
    host[MBEDTLS_SSL_MAX_HOST_NAME_LEN] = 'a';
    sp.connects = 0;
    CHECK_EQ(asc_tls_connect(&tls, host, 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_start(&tls, host, 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(sp.connects, 0);
    T_CASE("R10: empty or NULL host, NULL or uninitialised t");
    CHECK_EQ(asc_tls_connect(&tls, "", 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_start(&tls, "", 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_connect(&tls, NULL, 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_start(&tls, NULL, 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_connect(NULL, "example.com", 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_start(NULL, "example.com", 443u, 1000u), ASC_E_INVALID_ARG);
    memset(&never, 0, sizeof never);
    CHECK_EQ(asc_tls_connect(&never, "example.com", 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_start(&never, "example.com", 443u, 1000u), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_set_psk_only_resumption(&never, 1), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_tls_set_psk_only_resumption(NULL, 1), ASC_E_INVALID_ARG);
    CHECK_EQ(sp.connects, 0);
    T_CASE("R10: asc_tls_start on a t already started");
    CHECK_EQ(asc_tls_start(&tls, "example.com", 443u, 1000u), ASC_OK);
    CHECK_EQ(asc_tls_start(&tls, "example.com", 443u, 1000u), ASC_E_INVALID_ARG);
    asc_tls_close(&tls);
    CHECK_EQ(asc_tls_start(&tls, "example.com", 443u, 1000u), ASC_OK);
    T_CASE("R10: the accessors answer NULL with nothing");
    CHECK_EQ(asc_tls_cert_flags(NULL), 0u);
    CHECK_EQ(asc_tls_last_reason(NULL), ASC_TLS_REASON_NONE);
    CHECK_EQ(asc_tls_resumed(NULL), 0);
    asc_tls_free(&tls);
}

/* ---- R11 ----------------------------------------------------------------------- */

static asc_status init_ca(const void *ca, size_t len, int parse_fail)
{
    asc_status st;
    asc_tls_free(&tls);
    m.parse_fail = parse_fail;
    st = asc_tls_init(&tls, &port, (const uint8_t *)ca, len);
    m.parse_fail = 0;
    return st;
}

static void test_trust_anchors(void)
{
    const void *der = crt_ip.raw.p;
    size_t der_len = crt_ip.raw.len;
    fresh();
    T_CASE("R11: each shape parses");
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem, 0), ASC_OK);
    CHECK_EQ(init_ca(der, der_len, 0), ASC_OK);
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem - 1u, 0), ASC_OK);
    T_CASE("R11: out of memory while parsing: ASC_E_TLS, in each shape");
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem, MBEDTLS_ERR_X509_ALLOC_FAILED), ASC_E_TLS);
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem, MBEDTLS_ERR_PEM_ALLOC_FAILED), ASC_E_TLS);
    CHECK_EQ(init_ca(der, der_len, MBEDTLS_ERR_X509_ALLOC_FAILED), ASC_E_TLS);
    CHECK_EQ(init_ca(der, der_len, MBEDTLS_ERR_PEM_ALLOC_FAILED), ASC_E_TLS);
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem - 1u, MBEDTLS_ERR_X509_ALLOC_FAILED), ASC_E_TLS);
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem - 1u, MBEDTLS_ERR_PEM_ALLOC_FAILED), ASC_E_TLS);
    T_CASE("R11: nothing parses: ASC_E_TLS_CERT, in each shape");
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem, MBEDTLS_ERR_X509_INVALID_FORMAT), ASC_E_TLS_CERT);
    CHECK_EQ(init_ca(der, der_len, MBEDTLS_ERR_X509_INVALID_FORMAT), ASC_E_TLS_CERT);
    CHECK_EQ(init_ca(crt_ip_pem, sizeof crt_ip_pem - 1u, MBEDTLS_ERR_X509_INVALID_FORMAT),
             ASC_E_TLS_CERT);
    T_CASE("R11: over ASC_TLS_PEM_DER_MAX bytes of DER: taken with a NUL, not without");
    join_big_pem();
    CHECK(strlen(crt_big_pem) > 4000u);
    CHECK_EQ(init_ca(crt_big_pem, strlen(crt_big_pem) + 1u, 0), ASC_OK);
    CHECK_EQ(init_ca(crt_big_pem, strlen(crt_big_pem), 0), ASC_E_TLS_CERT);
    asc_tls_free(&tls);
}

/* ---- R12 (last: it replaces the arena) ----------------------------------------- */

static void test_arena(void)
{
    static uint8_t arena2[4096];
    size_t cur = 0u;
    T_CASE("R12: NULL or under 1024 bytes: refused");
    CHECK_EQ(asc_tls_arena_init(NULL, 4096u), ASC_E_INVALID_ARG);
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    CHECK_EQ(asc_tls_arena_init(arena2, 1023u), ASC_E_INVALID_ARG);
    T_CASE("R12: 1024 bytes: taken");
    CHECK_EQ(asc_tls_arena_init(arena2, 1024u), ASC_OK);
    CHECK_EQ(asc_tls_arena_init(arena2, sizeof arena2), ASC_OK);
#if defined(MBEDTLS_MEMORY_DEBUG)
    {
        uint8_t *p1 = (uint8_t *)mbedtls_calloc(1u, 64u);
        uint8_t *p2 = (uint8_t *)mbedtls_calloc(1u, 64u);
        size_t hdr, peak = 0u;
        CHECK(p1 != NULL && p2 != NULL && p2 > p1);
        hdr = (size_t)(p2 - p1) - 64u; /* the allocator's header before p2 */
        T_CASE("R12: peak = bytes handed out + one header per block");
        CHECK_EQ(asc_tls_arena_peak(&peak, &cur), ASC_OK);
        CHECK_EQ(peak, 128u + 2u * hdr);
        CHECK_EQ(cur, 128u + 2u * hdr);
        mbedtls_free(p2);
        CHECK_EQ(asc_tls_arena_peak(&peak, NULL), ASC_OK); /* out_cur_bytes may be NULL */
        CHECK_EQ(peak, 128u + 2u * hdr);
        CHECK_EQ(asc_tls_arena_peak(&peak, &cur), ASC_OK);
        CHECK_EQ(cur, 64u + hdr);
        T_CASE("R12: reset_peak: the next allocation sets the peak again");
        asc_tls_arena_reset_peak();
        p2 = (uint8_t *)mbedtls_calloc(1u, 32u);
        CHECK(p2 != NULL);
        CHECK_EQ(asc_tls_arena_peak(&peak, &cur), ASC_OK);
        CHECK_EQ(peak, 96u + 2u * hdr);
        CHECK_EQ(cur, 96u + 2u * hdr);
        mbedtls_free(p2);
        mbedtls_free(p1);
    }
#endif
#else
    CHECK_EQ(asc_tls_arena_init(arena2, sizeof arena2), ASC_E_INVALID_ARG);
#endif
    T_CASE("R12: out_peak_bytes NULL: refused");
    CHECK_EQ(asc_tls_arena_peak(NULL, &cur), ASC_E_INVALID_ARG);
}

int main(void)
{
    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        puts("(no arena: mbedTLS 2.28 uses its own heap)");
    }
    mbedtls_x509_crt_init(&crt_ip);
    mbedtls_x509_crt_init(&crt_other);
    CHECK_EQ(mbedtls_x509_crt_parse(&crt_ip, (const unsigned char *)crt_ip_pem,
                                    sizeof crt_ip_pem), 0);
    CHECK_EQ(mbedtls_x509_crt_parse(&crt_other, (const unsigned char *)crt_other_pem,
                                    sizeof crt_other_pem), 0);
    test_cert_error_range();
    test_reasons();
    test_too_large_and_transport();
    test_bio();
    test_peer_name();
    test_session_binding();
    test_outcome();
    test_null_and_plain();
#if defined(PSK_ALONE)
    test_psk_only();
#endif
    test_arguments();
    test_trust_anchors();
    mbedtls_x509_crt_free(&crt_ip);
    mbedtls_x509_crt_free(&crt_other);
    test_arena();
    return TEST_REPORT();
}
