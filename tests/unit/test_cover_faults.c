/*
 * test_cover_faults.c - the mbedTLS failure paths of src/tls.c and of the
 * signer, by link-time fault injection: this binary is linked with
 * -Wl,--wrap=NAME for the functions below (Makefile, FAULT_WRAPS), so the
 * library's calls to NAME land in __wrap_NAME here. A wrapper with nothing
 * scripted calls the real function (__real_NAME); a scripted one returns
 * the failure the real library would return. No TLS peer exists: the
 * handshake and record I/O are scripted the same way, over the fake port.
 * The libc calls of the POSIX port fail the same way (socket, poll, send,
 * recv, getrandom), on a loopback connection the test makes itself.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#if defined(__linux__)
#include <sys/random.h>
#endif
#include "harness.h"
#include "loopback.h"
#include "../../port/posix/asc_port_posix.h"
#include "fake_port.h"
#include "asc.h"
#include "asc_request.h"
#include "asc_tls.h"

#include <mbedtls/version.h>
#include <mbedtls/ssl.h>
#include <mbedtls/sha256.h>
#if MBEDTLS_VERSION_MAJOR >= 3
#include <psa/crypto.h>
#endif

/* ---- the wrappers ---------------------------------------------------------- */

/* What each wrapped function does next: 0 calls the real one; otherwise
 * the value to return (the script lists the returns of successive calls
 * for the record I/O functions). */
static struct {
    int psa_init;
    int config_defaults;
    int ssl_setup;
    int set_hostname;
    bool handshake_ok;      /* the handshake "succeeds" (after handshake_first) */
    int handshake_first;    /* != 0: the first scripted handshake call returns it */
    int io_script[4];       /* successive returns of mbedtls_ssl_write/read */
    int io_next;
    int sha256_update;      /* fail the sha256_update call number n (1-based) */
    int sha256_calls;
    int sha256_finish;      /* fail the sha256_finish call number n (1-based) */
    int finish_calls;
    int socket_errno;       /* socket() fails with this errno */
    int poll_errno;         /* poll() fails with this errno */
    bool poll_ready;        /* poll() says "ready" without asking */
    int io_errno[2];        /* successive send()/recv() calls fail with these */
    int io_errno_next;
    int random_errno[2];    /* successive getrandom() calls fail with these */
    int random_next;
    int libc_faults;        /* scripted libc failures that happened */
} fault;

static void fault_reset(void)
{
    memset(&fault, 0, sizeof fault);
}

/* The next scripted I/O return (0 once the script is exhausted). */
static int next_io(void)
{
    if (fault.io_next < (int)(sizeof fault.io_script / sizeof fault.io_script[0])) {
        return fault.io_script[fault.io_next++];
    }
    return 0;
}

#if MBEDTLS_VERSION_MAJOR >= 3
psa_status_t __real_psa_crypto_init(void);
psa_status_t __wrap_psa_crypto_init(void);
psa_status_t __wrap_psa_crypto_init(void)
{
    return fault.psa_init != 0 ? (psa_status_t)fault.psa_init : __real_psa_crypto_init();
}
#endif

int __real_mbedtls_ssl_config_defaults(mbedtls_ssl_config *conf, int endpoint, int transport,
                                       int preset);
int __wrap_mbedtls_ssl_config_defaults(mbedtls_ssl_config *conf, int endpoint, int transport,
                                       int preset);
int __wrap_mbedtls_ssl_config_defaults(mbedtls_ssl_config *conf, int endpoint, int transport,
                                       int preset)
{
    int ret = __real_mbedtls_ssl_config_defaults(conf, endpoint, transport, preset);
    return fault.config_defaults != 0 ? fault.config_defaults : ret;
}

int __real_mbedtls_ssl_setup(mbedtls_ssl_context *ssl, const mbedtls_ssl_config *conf);
int __wrap_mbedtls_ssl_setup(mbedtls_ssl_context *ssl, const mbedtls_ssl_config *conf);
int __wrap_mbedtls_ssl_setup(mbedtls_ssl_context *ssl, const mbedtls_ssl_config *conf)
{
    int ret = __real_mbedtls_ssl_setup(ssl, conf);
    return fault.ssl_setup != 0 ? fault.ssl_setup : ret;
}

int __real_mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname);
int __wrap_mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname);
int __wrap_mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname)
{
    int ret = __real_mbedtls_ssl_set_hostname(ssl, hostname);
    return fault.set_hostname != 0 ? fault.set_hostname : ret;
}

int __real_mbedtls_ssl_handshake(mbedtls_ssl_context *ssl);
int __wrap_mbedtls_ssl_handshake(mbedtls_ssl_context *ssl);
int __wrap_mbedtls_ssl_handshake(mbedtls_ssl_context *ssl)
{
    if (fault.handshake_first != 0) {
        int ret = fault.handshake_first;
        fault.handshake_first = 0;
        return ret;
    }
    return fault.handshake_ok ? 0 : __real_mbedtls_ssl_handshake(ssl);
}

/* Record I/O after a scripted handshake: no session keys exist, so the
 * real functions are never called; > 0 returns are byte counts. */
int __wrap_mbedtls_ssl_write(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len);
int __wrap_mbedtls_ssl_write(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len)
{
    (void)ssl;
    (void)buf;
    (void)len;
    return next_io();
}

int __wrap_mbedtls_ssl_read(mbedtls_ssl_context *ssl, unsigned char *buf, size_t len);
int __wrap_mbedtls_ssl_read(mbedtls_ssl_context *ssl, unsigned char *buf, size_t len)
{
    int ret = next_io();
    (void)ssl;
    if (ret > 0) {
        memset(buf, 'x', (size_t)ret < len ? (size_t)ret : len);
    }
    return ret;
}

/* The close_notify of a scripted connection has no keys to send with. */
int __wrap_mbedtls_ssl_close_notify(mbedtls_ssl_context *ssl);
int __wrap_mbedtls_ssl_close_notify(mbedtls_ssl_context *ssl)
{
    (void)ssl;
    return 0;
}

/* The hash functions hash_mbedtls.c calls (2.28 spells them _ret). */
#if MBEDTLS_VERSION_MAJOR >= 3
#define SHA256_UPDATE_WRAP __wrap_mbedtls_sha256_update
#define SHA256_UPDATE_REAL __real_mbedtls_sha256_update
#define SHA256_FINISH_WRAP __wrap_mbedtls_sha256_finish
#define SHA256_FINISH_REAL __real_mbedtls_sha256_finish
#else
#define SHA256_UPDATE_WRAP __wrap_mbedtls_sha256_update_ret
#define SHA256_UPDATE_REAL __real_mbedtls_sha256_update_ret
#define SHA256_FINISH_WRAP __wrap_mbedtls_sha256_finish_ret
#define SHA256_FINISH_REAL __real_mbedtls_sha256_finish_ret
#endif

int SHA256_UPDATE_REAL(mbedtls_sha256_context *ctx, const unsigned char *input, size_t ilen);
int SHA256_UPDATE_WRAP(mbedtls_sha256_context *ctx, const unsigned char *input, size_t ilen);
int SHA256_UPDATE_WRAP(mbedtls_sha256_context *ctx, const unsigned char *input, size_t ilen)
{
    fault.sha256_calls++;
    if (fault.sha256_update != 0 && fault.sha256_calls == fault.sha256_update) {
        return MBEDTLS_ERR_SHA256_BAD_INPUT_DATA;
    }
    return SHA256_UPDATE_REAL(ctx, input, ilen);
}

int SHA256_FINISH_REAL(mbedtls_sha256_context *ctx, unsigned char *output);
int SHA256_FINISH_WRAP(mbedtls_sha256_context *ctx, unsigned char *output);
int SHA256_FINISH_WRAP(mbedtls_sha256_context *ctx, unsigned char *output)
{
    fault.finish_calls++;
    if (fault.sha256_finish != 0 && fault.finish_calls == fault.sha256_finish) {
        return MBEDTLS_ERR_SHA256_BAD_INPUT_DATA;
    }
    return SHA256_FINISH_REAL(ctx, output);
}

/* libc, as the POSIX port calls it. */
int __real_socket(int domain, int type, int protocol);
int __wrap_socket(int domain, int type, int protocol);
int __wrap_socket(int domain, int type, int protocol)
{
    if (fault.socket_errno != 0) {
        fault.libc_faults++;
        errno = fault.socket_errno;
        return -1;
    }
    return __real_socket(domain, type, protocol);
}

int __real_poll(struct pollfd *fds, nfds_t nfds, int timeout);
int __wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout);
int __wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    if (fault.poll_errno != 0) {
        fault.libc_faults++;
        errno = fault.poll_errno;
        return -1;
    }
    if (fault.poll_ready) {
        fds[0].revents = fds[0].events;
        return 1;
    }
    return __real_poll(fds, nfds, timeout);
}

/* The next scripted send()/recv() errno (0: call the real one). */
static int next_io_errno(void)
{
    if (fault.io_errno_next < 2 && fault.io_errno[fault.io_errno_next] != 0) {
        fault.libc_faults++;
        return fault.io_errno[fault.io_errno_next++];
    }
    return 0;
}

ssize_t __real_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags)
{
    int e = next_io_errno();
    if (e != 0) {
        errno = e;
        return -1;
    }
    return __real_send(fd, buf, len, flags);
}

ssize_t __real_recv(int fd, void *buf, size_t len, int flags);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags)
{
    int e = next_io_errno();
    if (e != 0) {
        errno = e;
        return -1;
    }
    return __real_recv(fd, buf, len, flags);
}

#if defined(__linux__)
ssize_t __real_getrandom(void *buf, size_t len, unsigned int flags);
ssize_t __wrap_getrandom(void *buf, size_t len, unsigned int flags);
ssize_t __wrap_getrandom(void *buf, size_t len, unsigned int flags)
{
    if (fault.random_next < 2 && fault.random_errno[fault.random_next] != 0) {
        fault.libc_faults++;
        errno = fault.random_errno[fault.random_next++];
        return -1;
    }
    return __real_getrandom(buf, len, flags);
}
#endif

/* ---- TLS ---------------------------------------------------------------------- */

/* A throw-away self-signed P-256 CA (parsed only; see test_cover_tls.c). */
static const char ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBjTCCATOgAwIBAgIUHzURuiOq7vLKXY7l2wPoodkazBYwCgYIKoZIzj0EAwIw\n"
    "HDEaMBgGA1UEAwwRYXNjIGNvdmVyIHRlc3QgQ0EwHhcNMjYxMTI4MTc1ODQzWhcN\n"
    "MzYxMTI1MTc1ODQzWjAcMRowGAYDVQQDDBFhc2MgY292ZXIgdGVzdCBDQTBZMBMG\n"
    "ByqGSM49AgEGCCqGSM49AwEHA0IABLRHkJXROvZxc6PO0AC1TtnOs1HZTHKSdNci\n"
    "Nx409VIizm4e5cf3MoxoLURfhe5kXUaOyY5aT8/kG4ffY3i6ikOjUzBRMB0GA1Ud\n"
    "DgQWBBTfWhJp8Ul/OONdahq2Jta2e2bDMTAfBgNVHSMEGDAWgBTfWhJp8Ul/OONd\n"
    "ahq2Jta2e2bDMTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIGd1\n"
    "VwA6IWK9aP4/5iHTbspaGAVSjfTuct7dpFRcQuNjAiEAnJeh4VNHXGBqzC0C1NpV\n"
    "5PUC0FhXM60XiE8UPk0GqTY=\n"
    "-----END CERTIFICATE-----\n";

static uint8_t arena[96 * 1024];
static asc_tls tls;
static fake_port fp;
static asc_port port;

static asc_status tls_init(void)
{
    fake_port_init(&fp, &port);
    return asc_tls_init(&tls, &port, (const uint8_t *)ca_pem, sizeof ca_pem);
}

/* asc_tls_init, then asc_tls_connect with a scripted handshake. */
static asc_status tls_connected(void)
{
    asc_status st = tls_init();
    if (st != ASC_OK) {
        return st;
    }
    fault.handshake_ok = true;
    return asc_tls_connect(&tls, "example.com", 443u, 1000u);
}

static void test_tls_setup_failures(void)
{
#if MBEDTLS_VERSION_MAJOR >= 3 && defined(MBEDTLS_PSA_CRYPTO_C)
    T_CASE("tls init: PSA crypto does not start");
    fault_reset();
    fault.psa_init = PSA_ERROR_INSUFFICIENT_MEMORY;
    CHECK_EQ(tls_init(), ASC_E_TLS);
#endif

    T_CASE("tls init: the configuration defaults fail");
    fault_reset();
    fault.config_defaults = MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    CHECK_EQ(tls_init(), ASC_E_TLS);

    T_CASE("tls connect: ssl_setup or set_hostname fails");
    fault_reset();
    CHECK_EQ(tls_init(), ASC_OK);
    fault.ssl_setup = MBEDTLS_ERR_SSL_ALLOC_FAILED;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS);
    fault.ssl_setup = 0;
    fault.set_hostname = MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    CHECK_EQ(asc_tls_connect(&tls, "example.com", 443u, 1000u), ASC_E_TLS);
    asc_tls_free(&tls);
}

static void test_tls_record_io(void)
{
    uint8_t buf[32];

    T_CASE("tls connect: the handshake wants to read first; a ticket first");
    fault_reset();
    fault.handshake_first = MBEDTLS_ERR_SSL_WANT_READ;
    CHECK_EQ(tls_connected(), ASC_OK);
    asc_tls_free(&tls);
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    fault_reset();
    fault.handshake_first = MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET;
    CHECK_EQ(tls_connected(), ASC_OK);
    asc_tls_free(&tls);
#endif

    T_CASE("tls send: nothing to send; want-write/read then written; a fatal error");
    fault_reset();
    CHECK_EQ(tls_connected(), ASC_OK);
    CHECK_EQ(asc_tls_send(&tls, buf, 0u, 1000u), 0);
    fault.io_script[0] = MBEDTLS_ERR_SSL_WANT_WRITE;
    fault.io_script[1] = 5;
    CHECK_EQ(asc_tls_send(&tls, buf, 5u, 1000u), 5);
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_WANT_READ;
    CHECK_EQ(asc_tls_send(&tls, buf, 5u, 1000u), 5);
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    CHECK_EQ(asc_tls_send(&tls, buf, 5u, 1000u), ASC_PORT_ERR_IO);

    T_CASE("tls recv: want-read then data; ticket then data; ends; fatal");
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_WANT_READ;
    fault.io_script[1] = 3;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), 3);
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_WANT_WRITE; /* TLS 1.3 key update */
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), 3);
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET;
    fault.io_script[1] = 4;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), 4);
#endif
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY; /* the orderly end */
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), ASC_PORT_ERR_CLOSED);
    /* TCP FIN without close_notify (0 or CONN_EOF): possibly truncated */
    fault.io_next = 0;
    fault.io_script[0] = 0;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_NO_CLOSE_NOTIFY);
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_CONN_EOF;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), ASC_PORT_ERR_IO);
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_INVALID_MAC;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), ASC_PORT_ERR_IO);
    CHECK(asc_tls_last_reason(&tls) != ASC_TLS_REASON_RECORD_TOO_LARGE);
    /* a record larger than the input buffer: mbedTLS says invalid record
     * or bad input data */
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_INVALID_RECORD;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_RECORD_TOO_LARGE);
    fault.io_next = 0;
    fault.io_script[0] = MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    CHECK_EQ(asc_tls_recv(&tls, buf, sizeof buf, 1000u), ASC_PORT_ERR_IO);
    CHECK_EQ(asc_tls_last_reason(&tls), ASC_TLS_REASON_RECORD_TOO_LARGE);
    asc_tls_close(&tls);
    asc_tls_free(&tls);
}

/* ---- the signer -------------------------------------------------------------------- */

/* A secret longer than the hash block: HMAC hashes it first (RFC 2104). */
static const char long_secret[] =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef-longer";

static asc_status build_with(asc_sig_version sig, asc_span secret)
{
    static uint8_t out[2048];
    asc_credentials creds = { ASC_SPAN_LIT("LTAI5tExample"), { NULL, 0u }, { NULL, 0u } };
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT("2021-09-01"),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 1u };
    asc_sign_opts so;
    size_t len = 0u, needed = 0u;
    memset(&so, 0, sizeof so);
    creds.access_key_secret = secret;
    rq.params = &p;
    so.sig = sig;
    so.host = asc_span_from_str("appstream.aliyuncs.com");
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    return asc_build_request(&creds, &so, &rq, out, sizeof out, &len, &needed, NULL);
}

static asc_status build(asc_sig_version sig)
{
    return build_with(sig, asc_span_from_str("secret"));
}

static void test_sign_hash_failures(void)
{
    int n;
    T_CASE("signing: no failure, the request is built");
    fault_reset();
    CHECK_EQ(build(ASC_SIG_V3), ASC_OK);

    /* Every SHA-256 update and finish of a V3 signature fails in turn:
     * the body hash, the canonical request, the HMAC's inner and outer
     * hash, the long-key path not taken. Each gives ASC_E_CRYPTO, never a
     * request signed with a wrong digest. */
    T_CASE("signing: each SHA-256 update that fails gives ASC_E_CRYPTO");
    for (n = 1; n <= 6; n++) {
        fault_reset();
        fault.sha256_update = n;
        CHECK_EQ(build(ASC_SIG_V3), ASC_E_CRYPTO);
    }
    T_CASE("signing: each SHA-256 finish that fails gives ASC_E_CRYPTO");
    for (n = 1; n <= 4; n++) {
        fault_reset();
        fault.sha256_finish = n;
        CHECK_EQ(build(ASC_SIG_V3), ASC_E_CRYPTO);
    }
    /* finish calls: the body (1), the canonical request (2), then the
     * long key's own hash (3) */
    T_CASE("signing: hashing a long key fails");
    fault_reset();
    CHECK_EQ(build_with(ASC_SIG_V3, asc_span_from_str(long_secret)), ASC_OK);
    CHECK_EQ(fault.finish_calls, 5);
    fault_reset();
    fault.sha256_finish = 3;
    CHECK_EQ(build_with(ASC_SIG_V3, asc_span_from_str(long_secret)), ASC_E_CRYPTO);
#if ASC_ENABLE_V1
    T_CASE("signing V1: the body hash fails");
    fault_reset();
    fault.sha256_update = 1;
    CHECK_EQ(build(ASC_SIG_V1), ASC_E_CRYPTO);
#endif
}

/* ---- the POSIX port ------------------------------------------------------------ */

static void test_posix_libc_failures(void)
{
    asc_port pp;
    asc_port_posix px;
    uint16_t lport = 0;
    int lfd, peer;
    uint8_t b[8] = { 0 };

    asc_port_posix_init(&pp, &px);
    T_CASE("posix connect: no socket");
    fault_reset();
    fault.socket_errno = EMFILE;
    CHECK_EQ(pp.connect(&px, "127.0.0.1", 9u, 1000u), ASC_E_IO);
    CHECK_EQ(fault.libc_faults, 1);

    fault_reset();
    lfd = listen_on(&lport, 1);
    CHECK(lfd >= 0);
    CHECK_EQ(pp.connect(&px, "127.0.0.1", lport, 2000u), ASC_OK);
    peer = accept(lfd, NULL, NULL);
    CHECK(peer >= 0);

    T_CASE("posix send/recv: poll fails");
    fault.poll_errno = EBADF;
    CHECK_EQ(pp.send(&px, b, sizeof b, 1000u), ASC_PORT_ERR_IO);
    CHECK_EQ(pp.recv(&px, b, sizeof b, 1000u), ASC_PORT_ERR_IO);
    CHECK_EQ(fault.libc_faults, 2);

    T_CASE("posix send: would block, then sent; would block at the deadline");
    fault_reset();
    fault.poll_ready = true;
    fault.io_errno[0] = EAGAIN;
    CHECK_EQ(pp.send(&px, b, sizeof b, 1000u), (int32_t)sizeof b);
    fault.io_errno_next = 0;
    CHECK_EQ(pp.send(&px, b, sizeof b, 0u), 0);
    CHECK_EQ(fault.libc_faults, 2);

    T_CASE("posix recv: interrupted, then data; would block at the deadline");
    fault_reset();
    fault.poll_ready = true;
    fault.io_errno[0] = EINTR;
    CHECK_EQ(write(peer, "answer!!", 8u), 8); /* (write: send is wrapped) */
    CHECK_EQ(pp.recv(&px, b, sizeof b, 1000u), 8);
    fault.io_errno_next = 0;
    CHECK_EQ(pp.recv(&px, b, sizeof b, 0u), 0);
    CHECK_EQ(fault.libc_faults, 2);
    fault_reset();
    pp.close(&px);
    (void)close(peer);
    (void)close(lfd);

#if defined(__linux__)
    T_CASE("posix random: interrupted then filled; failing");
    fault_reset();
    fault.random_errno[0] = EINTR;
    CHECK_EQ(pp.random(&px, b, sizeof b), ASC_OK);
    fault_reset();
    fault.random_errno[0] = ENOSYS;
    CHECK_EQ(pp.random(&px, b, sizeof b), ASC_E_PORT);
    CHECK_EQ(fault.libc_faults, 1);
#endif
}

int main(void)
{
    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        puts("(no arena: mbedTLS 2.28 uses its own heap)");
    }
    test_tls_setup_failures();
    test_tls_record_io();
    test_sign_hash_failures();
    test_posix_libc_failures();
    return TEST_REPORT();
}
