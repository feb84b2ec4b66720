/*
 * asc_tls.h - TLS client (mbedTLS) over any asc_port, and the small
 * connection shape (asc_conn) the HTTP layer uses for TLS or plain TCP.
 *
 * Memory: everything lives in the caller-placed asc_tls struct, except what
 * mbedTLS allocates internally (record buffers, parsed certificates,
 * handshake state, session ticket). With MBEDTLS=36 (our build of 3.6 LTS)
 * those allocations come from ONE static arena the application hands over
 * once with asc_tls_arena_init() before any other asc_tls call; nothing
 * touches the heap. The arena bookkeeping is mbedTLS's own process-wide
 * state, so all asc_tls objects of a process share the arena; size it for
 * the number of connections open at once. Measured on x86-64 (test_tls):
 * one full TLS 1.3 handshake + request ~22 KiB peak, a resumption ~23 KiB,
 * TLS 1.2 ~21 KiB; the suite proves 24 KiB is enough for all of them
 * (PSA state, CA, saved session included). See asc_tls_arena_peak().
 * With MBEDTLS=228 (Debian's 2.28 system library) mbedTLS uses the libc
 * heap inside its shared library and the arena functions are unsupported.
 *
 * The allocator is the application's choice: asc never installs one by
 * itself. asc_tls_arena_init() is the explicit request, and it makes the
 * arena mbedTLS's allocator for the whole process (mbedTLS has one), so
 * every other mbedTLS user (Wi-Fi, OTA, the platform's TLS) then draws
 * from it too. On a platform that owns mbedTLS (ESP-IDF, Zephyr) do not
 * call it: asc uses whatever allocator the platform configured, and the
 * peaks above tell how much of it one connection takes (16 KiB records
 * cost ~25 KiB more). port/mbedtls/README.md: sharing one mbedTLS, a
 * static arena without taking the platform's heap away, the minimal
 * configuration, and what an unpatched mbedTLS 3.6 loses.
 *
 * Security policy (not configurable): server certificate verification is
 * always REQUIRED (chain to the given CA(s), validity dates against the C
 * library clock, host name against SAN/CN); TLS 1.2 is the minimum, TLS 1.3
 * is offered when the mbedTLS build has it (3.6 build: yes; 2.28: no).
 *
 * Records and certificate chains (MBEDTLS=36): the input buffer bounds both
 * the largest record and the largest handshake message, i.e. the server's
 * certificate chain (about the sum of its DER certificates; mbedTLS 3.6
 * reassembles a message split over records, but only inside this buffer).
 * Two profiles (port/mbedtls/asc_mbedtls_config.h, make TLS_PROFILE=):
 *  - host (CLI, POSIX examples, host tests; ASC_MBEDTLS_HOST): 16384 bytes,
 *    the TLS maximum: any server, chains up to ~16 KiB.
 *  - firmware (Cortex-M, FULL=0): 4096 bytes; the client asks for
 *    max_fragment_length 4096 (TLS 1.2) / record_size_limit (TLS 1.3). A
 *    chain over ~4 KiB (a leaf with many SANs + intermediate reaches it),
 *    or a server ignoring both extensions, fails with ASC_E_TLS and
 *    asc_tls_last_reason() == ASC_TLS_REASON_RECORD_TOO_LARGE.
 * Raise the limit with -DASC_TLS_IN_CONTENT_LEN=N (up to 16384) for mbedTLS
 * and our sources alike; each byte costs one byte of arena per open
 * connection. Sending is 4 KiB records in both profiles.
 * Arena (x86-64, measured by test_tls and `make bench`): firmware profile
 * ~22 KiB peak per connection (24 KiB proven enough); host profile ~12 KiB
 * more (36 KiB proven enough). A CA bundle adds its parsed size: about
 * 3.4 KiB of arena per certificate (Debian's 144-certificate bundle, 220 KB
 * of PEM: 496,040 bytes; the CLI sizes its arena from the file for that).
 * With MBEDTLS=228 (Debian's build): 16 KiB records, heap, no arena.
 *
 * Algorithms: TLS 1.2 ECDHE with AES-GCM / ChaCha20-Poly1305; groups x25519,
 * P-256, P-384; signatures with SHA-256 or stronger; RSA keys >= 2048 bits.
 * The 2.28 build sets the same groups, hashes and certificate profile
 * explicitly (its defaults would also offer secp192r1, secp224r1, ...).
 *
 * Blocking: every call blocks at most for its timeout_ms (measured with the
 * port's mono_ms). Threading: one asc_tls is used from one thread at a time;
 * the arena allocator is process-wide and not locked, so TLS objects of
 * different threads need MBEDTLS_THREADING_C (not in our config).
 * asc_tls is ~2 KiB; it holds pointers to itself (mbedTLS callbacks), so
 * it must not be moved or copied after asc_tls_init.
 *
 * Example:
 *     static uint8_t arena[24 * 1024];
 *     static asc_tls tls;              // large: place statically
 *     asc_tls_arena_init(arena, sizeof arena);
 *     if (asc_tls_init(&tls, &port, ca_pem, ca_pem_len + 1) == ASC_OK &&
 *         asc_tls_connect(&tls, "appstream.example.com", 443, 10000) == ASC_OK) {
 *         asc_tls_send(&tls, req, req_len, 5000);
 *         n = asc_tls_recv(&tls, buf, sizeof buf, 5000);
 *         asc_tls_close(&tls);         // keeps the session for resumption
 *     }
 *     asc_tls_free(&tls);
 */
#ifndef ASC_TLS_H
#define ASC_TLS_H

#include <stddef.h>
#include <stdint.h>
#include "asc_port.h"
#include "asc_status.h"

#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Longest host name asc_tls_connect accepts (mbedTLS's limit). */
#define ASC_TLS_HOST_MAX 255

/**
 * Why the last connection of an asc_tls failed, beyond its status: see
 * asc_tls_last_reason(). Values are stable (appended, never renumbered).
 */
typedef enum asc_tls_reason {
    ASC_TLS_REASON_NONE = 0,              /**< nothing recorded (success, or
                                               a failure of another kind) */
    /* with ASC_E_TLS_CERT from asc_tls_connect: */
    ASC_TLS_REASON_CERT_EXPIRED = 1,      /**< a certificate of the chain
                                               expired (BADCERT_EXPIRED) */
    ASC_TLS_REASON_CERT_NOT_YET_VALID = 2, /**< valid only from a later date
                                               (BADCERT_FUTURE); also a
                                               device clock set in the past */
    ASC_TLS_REASON_CERT_NAME_MISMATCH = 3, /**< the host name (or IP
                                               literal) is not among the
                                               leaf's names (CN_MISMATCH) */
    ASC_TLS_REASON_CERT_UNTRUSTED = 4,    /**< the chain does not lead to a
                                               trust anchor given to
                                               asc_tls_init: unknown root,
                                               self-signed, or an
                                               intermediate the server did
                                               not send (NOT_TRUSTED) */
    ASC_TLS_REASON_CERT_WEAK = 5,         /**< key too small, curve or
                                               signature hash not allowed
                                               (BAD_KEY, BAD_PK, BAD_MD) */
    ASC_TLS_REASON_CERT_USAGE = 6,        /**< key usage / extended key
                                               usage do not allow a TLS
                                               server */
    ASC_TLS_REASON_CERT_OTHER = 7,        /**< any other verification or
                                               certificate-format failure */
    /* with ASC_E_TLS from asc_tls_connect, or ASC_PORT_ERR_IO from
     * asc_tls_recv: */
    ASC_TLS_REASON_RECORD_TOO_LARGE = 8,  /**< the server sent a record, or
                                               a handshake message (usually
                                               its certificate chain), larger
                                               than the input buffer
                                               asc_tls_in_record_max() */
    /* with ASC_PORT_ERR_IO from asc_tls_recv: */
    ASC_TLS_REASON_NO_CLOSE_NOTIFY = 9    /**< TCP FIN without TLS
                                               close_notify: what came
                                               before may be truncated */
} asc_tls_reason;

/** TLS client state. Public so the caller can place it (static storage
 *  recommended: ~2.5 KiB). Treat every field as private. */
typedef struct asc_tls {
    mbedtls_ssl_context ssl;     /* one connection's state                 */
    mbedtls_ssl_config conf;     /* client config shared by reconnects      */
    mbedtls_x509_crt ca;         /* trust anchors                           */
    mbedtls_ssl_session saved;   /* last session, for resumption            */
    const asc_port *port;        /* transport, clock and randomness         */
    uint64_t deadline;           /* mono_ms deadline of the current call    */
    int io_state;                /* last transport outcome (internal)       */
    int last_ret;                /* last mbedTLS error code (diagnostics)   */
    uint8_t inited;              /* asc_tls_init succeeded                  */
    uint8_t ssl_ready;           /* ssl holds a set-up connection           */
    uint8_t connected;           /* handshake done, not closed              */
    uint8_t have_saved;          /* saved holds a resumable session         */
    uint8_t resumed;             /* last handshake was abbreviated          */
    uint8_t cert_checked;        /* a certificate chain was verified        */
    uint32_t handshakes;         /* full + resumed handshakes completed     */
    uint32_t resumptions;        /* of which resumed                        */
    uint32_t psk_only_resumptions; /* of which psk_ke (no (EC)DHE)          */
    uint8_t psk_only;            /* asc_tls_set_psk_only_resumption(t, 1)   */
    uint8_t psk_only_refused;    /* the server refused psk_ke: not offered  */
    uint8_t saved_psk_ke;        /* saved is a TLS 1.3 ticket allowing it   */
    uint32_t cert_flags;         /* X.509 flags of the last chain checked   */
    asc_tls_reason reason;       /* see asc_tls_last_reason()               */
    uint16_t host_port;          /* port of the last connection             */
    uint8_t ip_len;              /* host is an IP literal: 4 or 16, else 0  */
    uint8_t ip[16];              /* that address, network order             */
    char host[ASC_TLS_HOST_MAX + 1]; /* host of the last connection; the
                                        saved session belongs to it        */
} asc_tls;

/**
 * Initialise t: parse the trust anchors, set up the client configuration.
 * ca: PEM (one or more certificates; ca_len may or may not count a
 * terminating NUL - both are accepted) or DER (one certificate). The bytes
 * are copied (parsed) and need not outlive the call. port must outlive t.
 * A bundle is taken when at least one certificate parses: certificates this
 * build cannot use (an algorithm or key it lacks; without a NUL, one over
 * ASC_TLS_PEM_DER_MAX bytes of DER) are skipped, as in a system CA bundle;
 * they are simply not trust anchors. Each parsed certificate costs ~3.4
 * KiB of arena (DER copy, parsed names, key; a system bundle: ~500 KiB).
 * On 3.6 this also runs psa_crypto_init() (idempotent; needs the arena).
 * Returns ASC_OK; ASC_E_INVALID_ARG (NULL t/port/ca, ca_len 0 or too
 * large, port lacking send/recv/connect/close/mono_ms/random);
 * ASC_E_TLS_CERT (the CA bytes hold no usable certificate);
 * ASC_E_TLS (mbedTLS setup failed: arena exhausted, also while parsing the
 * CA bytes - never a silently shortened bundle - or PSA init).
 * On failure t is left freed (asc_tls_free is still safe). Calling it again
 * on an initialised t without asc_tls_free first leaks arena memory.
 */
ASC_NODISCARD asc_status asc_tls_init(asc_tls *t, const asc_port *port,
                                      const uint8_t *ca, size_t ca_len);

/**
 * Open a TCP connection through the port and run the TLS handshake within
 * timeout_ms, verifying the certificate against host:
 *  - a host name is sent as SNI and must match a DNS SAN (or the CN when
 *    the certificate has no SAN), wildcards as mbedTLS allows;
 *  - an IP literal ("192.0.2.1", "2001:db8::1") is NOT sent as SNI (RFC
 *    6066 forbids it) and must equal an iPAddress SAN of the leaf (MBEDTLS=36
 *    build). The 2.28 build cannot read iPAddress SANs: there an IP literal
 *    is handled like a name (sent as SNI, compared as text with DNS SANs/CN).
 * Session resumption: the session kept from the previous connection of t is
 * offered (TLS 1.2 ticket / session id, TLS 1.3 ticket PSK) ONLY when host
 * (byte for byte) and port equal that connection's; otherwise it is
 * dropped and the handshake is a full one, so a session never skips the
 * certificate check of a different peer. The offered session is consumed:
 * a new one is kept after the handshake (TLS 1.2) or when the server sends
 * a ticket during asc_tls_recv (TLS 1.3), so a failed attempt makes the
 * next connect a full handshake; see asc_tls_resumed(). A connection still
 * open is closed first.
 * Returns ASC_OK; ASC_E_INVALID_ARG (t not initialised, NULL/empty host,
 * host longer than ASC_TLS_HOST_MAX; nothing sent); ASC_E_DNS,
 * ASC_E_CONNECT (from the port); ASC_E_TIMEOUT (connect or handshake ran
 * out of time); ASC_E_TLS_CERT (certificate chain, date or host name did
 * not verify: asc_tls_last_reason() says which); ASC_E_TLS (any other
 * handshake failure: protocol version, cipher suites, alert, arena
 * exhausted, or a certificate chain larger than the input buffer, reason
 * ASC_TLS_REASON_RECORD_TOO_LARGE); ASC_E_IO / ASC_E_CLOSED (the peer
 * reset / closed during the handshake). On failure the port connection is
 * closed.
 */
ASC_NODISCARD asc_status asc_tls_connect(asc_tls *t, const char *host,
                                         uint16_t port, uint32_t timeout_ms);

/**
 * Like asc_tls_connect, over a connection of the port that the caller has
 * already opened to reach host (the client's proxy tunnel, asc_proxy.h):
 * the handshake alone, with SNI = host and host-name verification against
 * host, within timeout_ms; port is host's port (the TLS peer's, not the
 * proxy's). t must have no connection of its own open (after
 * asc_tls_close, a failed connect, or never connected). A saved session
 * is offered as by asc_tls_connect, but never with psk_ke alone
 * (asc_tls_set_psk_only_resumption): a refusal could not be retried on a
 * connection the caller opened.
 * Returns ASC_OK; ASC_E_INVALID_ARG (t not initialised or with an open
 * connection, NULL/empty host); then as asc_tls_connect. On failure the
 * port connection is closed.
 */
ASC_NODISCARD asc_status asc_tls_start(asc_tls *t, const char *host,
                                       uint16_t port, uint32_t timeout_ms);

/** 1 when the last successful asc_tls_connect or asc_tls_start resumed
 *  a session (no certificate exchanged), 0 otherwise (or t NULL). */
int asc_tls_resumed(const asc_tls *t);

/**
 * Why the last connection failed, when the status alone does not say:
 * after asc_tls_connect returned ASC_E_TLS_CERT (always one of the CERT_
 * reasons) or ASC_E_TLS (RECORD_TOO_LARGE, or NONE for other handshake
 * failures), and after asc_tls_recv returned ASC_PORT_ERR_IO
 * (RECORD_TOO_LARGE, NO_CLOSE_NOTIFY, or NONE). Reset by each
 * asc_tls_connect and asc_tls_start; kept by asc_tls_close (read it before asc_tls_free).
 * Through asc_client, read it from the asc_tls given to asc_client_init
 * after a call failed with ASC_E_TLS_CERT, ASC_E_TLS or ASC_E_IO.
 * When a chain has several problems, the trust problem is named first,
 * then dates, then the name: see asc_tls_cert_flags() for all of them.
 * Returns ASC_TLS_REASON_NONE for NULL t.
 */
asc_tls_reason asc_tls_last_reason(const asc_tls *t);

/** Short English text of a reason (static storage, never NULL), e.g.
 *  "certificate expired". */
const char *asc_tls_reason_str(asc_tls_reason reason);

/** mbedTLS's MBEDTLS_X509_BADCERT_* flags of the last certificate chain
 *  verified by asc_tls_connect (0: none, or nothing verified; 0 for NULL). */
uint32_t asc_tls_cert_flags(const asc_tls *t);

/** The input buffer of this build in bytes (MBEDTLS_SSL_IN_CONTENT_LEN):
 *  the largest record and the largest handshake message (certificate chain)
 *  accepted. 16384 in the host profile, 4096 in the firmware profile. */
size_t asc_tls_in_record_max(void);

/**
 * TLS 1.3 resumption without an ephemeral key exchange (psk_ke), OFF by
 * default. Enabled (enable != 0): full handshakes offer psk_ke next to
 * psk_dhe_ke, and when the session kept from the previous connection is a
 * TLS 1.3 ticket, asc_tls_connect offers that ticket with psk_ke ALONE and
 * no key share: no elliptic-curve operation at all (x86-64, callgrind,
 * `make bench`: see README "Handshake cost"). A server must allow it
 * (OpenSSL: SSL_OP_ALLOW_NO_DHE_KEX; nginx and most front ends do not).
 * When the server refuses, asc_tls_connect at once makes a full handshake
 * on a new TCP connection (one extra round trip, within timeout_ms),
 * remembers the refusal for t (until this function is called again) and
 * resumes with psk_dhe_ke from then on. TLS 1.2 resumption is unchanged
 * (it has no ephemeral exchange). t->psk_only_resumptions counts the
 * connections resumed with psk_ke.
 *
 * What it trades: forward secrecy of the resumed connections. Their keys
 * derive only from the ticket's resumption secret (from the connection that
 * received the ticket); whoever obtains that secret later - from the
 * device's kept session, or from the server's ticket-encryption key, which
 * front ends keep for hours and share between machines - can decrypt every
 * recorded psk_ke connection of the chain. With psk_dhe_ke (the default)
 * each connection adds a fresh X25519 exchange, so recorded traffic stays
 * safe. The default is off because the library's default is the stronger
 * property and the public front ends we know refuse psk_ke anyway; a
 * battery device that wakes for one call against a server configured for
 * it can opt in.
 * Returns ASC_OK; ASC_E_INVALID_ARG (t NULL or not initialised, or a build
 * without TLS 1.3 psk_ke: MBEDTLS=228).
 */
ASC_NODISCARD asc_status asc_tls_set_psk_only_resumption(asc_tls *t, int enable);

/**
 * Send up to len bytes as TLS application data. Same contract as
 * asc_port send: returns the count accepted (> 0), 0 when nothing could be
 * sent within timeout_ms (call again with the SAME bytes, or close),
 * ASC_PORT_ERR_CLOSED when the peer closed, ASC_PORT_ERR_IO on any other
 * error (including not connected, NULL arguments). len is clamped to
 * INT32_MAX; one call sends at most one record (4096 bytes in our build).
 */
int32_t asc_tls_send(asc_tls *t, const uint8_t *buf, size_t len,
                     uint32_t timeout_ms);

/**
 * Receive up to len bytes of application data. Same contract as asc_port
 * recv: count (> 0), 0 when nothing arrived within timeout_ms,
 * ASC_PORT_ERR_CLOSED only on the peer's close_notify (an orderly end: a
 * body delimited by the connection's close is complete), ASC_PORT_ERR_IO on
 * error: bad record MAC, reset, not connected, NULL arguments, a record
 * larger than the input buffer (reason ASC_TLS_REASON_RECORD_TOO_LARGE),
 * and a TCP close WITHOUT close_notify (reason
 * ASC_TLS_REASON_NO_CLOSE_NOTIFY: the data may have been cut short by
 * anyone on the path, so the HTTP layer reports ASC_E_IO instead of
 * completing a close-delimited body; Content-Length and chunked bodies
 * detect the cut themselves).
 * A TLS 1.3 NewSessionTicket arriving here is stored for resumption.
 */
int32_t asc_tls_recv(asc_tls *t, uint8_t *buf, size_t len, uint32_t timeout_ms);

/** Send close_notify (best effort, short timeout) and close the port
 *  connection. Keeps the configuration, trust anchors and the saved session
 *  so asc_tls_connect can resume. Releases the connection's arena memory.
 *  Safe on a closed or NULL t. */
void asc_tls_close(asc_tls *t);

/** Close, then free everything (saved session, CA, config) and wipe t.
 *  Safe on NULL, on a zeroed struct, and twice. */
void asc_tls_free(asc_tls *t);

/**
 * Give mbedTLS its allocation arena (MBEDTLS=36 build). Call once, before
 * asc_tls_init, with a buffer that lives as long as any TLS object (static
 * storage). Wraps mbedtls_memory_buffer_alloc_init.
 * Process-wide: from then on every mbedTLS allocation of the process, not
 * only asc's, comes from buf. Optional: without it mbedTLS allocates as
 * its configuration says (the platform's heap).
 * Returns ASC_OK; ASC_E_INVALID_ARG for NULL buf, len < 1024, or a build
 * without MBEDTLS_MEMORY_BUFFER_ALLOC_C (MBEDTLS=228, MBEDTLS=36plain).
 */
ASC_NODISCARD asc_status asc_tls_arena_init(uint8_t *buf, size_t len);

/**
 * Arena statistics since asc_tls_arena_init or the last
 * asc_tls_arena_reset_peak: *out_peak_bytes = highest sum of bytes handed
 * out at once plus the allocator's per-block headers for the highest block
 * count (an upper bound of the arena actually needed, fragmentation aside);
 * *out_cur_bytes (may be NULL) = bytes handed out now.
 * Returns ASC_OK, ASC_E_INVALID_ARG (NULL out_peak_bytes, or a build
 * without MBEDTLS_MEMORY_DEBUG, e.g. MBEDTLS=228).
 */
ASC_NODISCARD asc_status asc_tls_arena_peak(size_t *out_peak_bytes,
                                            size_t *out_cur_bytes);

/** Restart peak tracking (no-op where unsupported). */
void asc_tls_arena_reset_peak(void);

/* ---- internal connection shape (HTTP layer) ---------------------------- */

/* asc_conn (one connection: TLS over a port, or the port alone) is defined
 * in asc_port.h so asc_client.h can embed one without mbedTLS headers. */

/** Connect: port->connect, or asc_tls_connect. Same statuses as those. */
ASC_NODISCARD asc_status asc_conn_open(asc_conn *c, const char *host,
                                       uint16_t port, uint32_t timeout_ms);
/** Same contract as asc_port send/recv (see above); ASC_PORT_ERR_IO when
 *  c or its port is NULL. */
int32_t asc_conn_send(asc_conn *c, const uint8_t *buf, size_t len,
                      uint32_t timeout_ms);
int32_t asc_conn_recv(asc_conn *c, uint8_t *buf, size_t len,
                      uint32_t timeout_ms);
/** Close (TLS: close_notify, session kept). Safe on NULL or closed. */
void asc_conn_close(asc_conn *c);

#ifdef __cplusplus
}
#endif
#endif /* ASC_TLS_H */
