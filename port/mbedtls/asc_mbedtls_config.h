/*
 * asc_mbedtls_config.h - the mbedTLS 3.6 LTS configuration of the asc
 * library (MBEDTLS=36). Selected with
 *   -DMBEDTLS_CONFIG_FILE='"asc_mbedtls_config.h"' -I port/mbedtls
 * both when building mbedTLS itself (mk/mbedtls.mk) and when compiling our
 * sources, so the struct layouts agree.
 *
 * What it enables, and why:
 *  - TLS client only (no server code): TLS 1.2 and TLS 1.3.
 *  - TLS 1.2 key exchange: ECDHE-ECDSA and ECDHE-RSA; AEAD only
 *    (AES-GCM, ChaCha20-Poly1305). TLS 1.3: ephemeral and PSK-ephemeral
 *    (session-ticket resumption), and PSK-only when the application opts
 *    in (asc_tls_set_psk_only_resumption).
 *  - X25519 with Everest (3rdparty/everest, HACL*), P-256/P-384 generic.
 *  - X.509 parsing and verification, PEM + base64 (CA bundles are PEM).
 *  - SHA-1 (legacy signature V1 HMAC-SHA1 and old certificate chains),
 *    SHA-256, SHA-384, SHA-512.
 *  - Session tickets + session-id resumption, SNI, max_fragment_length,
 *    record_size_limit.
 *  - Records: 4096 bytes out; in, 16 KiB on hosts and 4 KiB (plus a
 *    max_fragment_length request) on firmware; see "record sizes" below.
 *  - All mbedTLS allocations go through mbedtls_calloc/mbedtls_free
 *    (MBEDTLS_PLATFORM_MEMORY) into a caller-owned static arena
 *    (MBEDTLS_MEMORY_BUFFER_ALLOC_C; see asc_tls_arena_init()).
 *    The fallback allocator before the arena is set is libc calloc; our
 *    test binaries wrap calloc with an aborting stub, proving it is never
 *    reached.
 *  - MBEDTLS_MEMORY_DEBUG keeps the arena high-water mark (a few counters,
 *    no per-block cost beyond the allocator's own header); define
 *    ASC_MBEDTLS_NO_MEMORY_DEBUG to drop it.
 *  - Entropy: TLS 1.3 needs the PSA crypto core, which seeds its own
 *    CTR_DRBG from MBEDTLS_ENTROPY_C with the platform default source
 *    (getrandom()/ /dev/urandom on Linux). A target without a Unix-like OS
 *    (bare-metal cross build) gets MBEDTLS_NO_PLATFORM_ENTROPY +
 *    MBEDTLS_ENTROPY_HARDWARE_ALT below and must provide
 *    mbedtls_hardware_poll() from its TRNG. The TLS layer's
 *    own f_rng (TLS 1.2 randoms, ECDHE, ECDSA blinding) is the asc_port
 *    random function.
 *  - Certificate dates are checked against the C library time()
 *    (MBEDTLS_HAVE_TIME_DATE).
 *  - RAM trims: ECP window 2, no fixed-point table, few PSA key slots.
 *  - Hosts (an OS with files): PSA persistent key storage in files
 *    (MBEDTLS_PSA_CRYPTO_STORAGE_C, MBEDTLS_PSA_ITS_FILE_C, MBEDTLS_FS_IO),
 *    for ASC_ENABLE_PSA_KEYS; bare-metal builds have none.
 */
#ifndef ASC_MBEDTLS_CONFIG_H
#define ASC_MBEDTLS_CONFIG_H

/* ---- platform ---------------------------------------------------------- */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
#if !defined(ASC_MBEDTLS_NO_MEMORY_DEBUG)
#define MBEDTLS_MEMORY_DEBUG
#endif
/* Arena blocks aligned to 8 bytes (mbedTLS default is 4 / pointer size). */
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 8

/* ---- randomness -------------------------------------------------------- */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#if !defined(unix) && !defined(__unix__) && !defined(__unix) && \
    !defined(__APPLE__) && !defined(_WIN32)
/* No OS entropy source (bare-metal cross builds): the firmware provides
 * int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len,
 * size_t *olen) from its TRNG. */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT
/* No clock_gettime either: the firmware provides
 * mbedtls_ms_time_t mbedtls_ms_time(void) (e.g. from its tick counter). */
#ifndef MBEDTLS_PLATFORM_MS_TIME_ALT
#define MBEDTLS_PLATFORM_MS_TIME_ALT
#endif
#else
/* An OS with files (hosts: the CLI, the tests): persistent PSA keys in
 * mbedTLS's file ITS, one file per key id in the current directory
 * (PSA_ITS_STORAGE_PREFIX), opened unbuffered. ASC_ENABLE_PSA_KEYS signs
 * with such keys (include/asc_credentials.h). A board keeps its persistent
 * keys in its own secure storage: its port provides psa_its_*() and
 * defines MBEDTLS_PSA_CRYPTO_STORAGE_C itself. */
#define MBEDTLS_FS_IO
#define MBEDTLS_PSA_CRYPTO_STORAGE_C
#define MBEDTLS_PSA_ITS_FILE_C
#endif

/* ---- symmetric ciphers and hashes -------------------------------------- */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA224_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_HKDF_C

/* ---- public key -------------------------------------------------------- */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_MPI_MAX_SIZE 512 /* RSA-4096 */
#define MBEDTLS_MPI_WINDOW_SIZE 2
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
/* X25519 (the group we offer first) with Everest's formally verified HACL*
 * code (3rdparty/everest) instead of the generic Montgomery ladder: both
 * halves of the exchange (key share: our patch of psa_crypto_ecp.c; shared
 * secret: ecdh.c). Measured with `make bench` (callgrind, x86-64); see
 * README "Handshake cost".
 * Defined for mbedTLS's own sources only (mk/mbedtls.mk passes
 * ASC_MBEDTLS_OWN): it changes nothing but mbedtls_ecdh_context, which
 * lives inside mbedTLS's handshake state (arena-allocated, behind a
 * pointer); no structure our sources or applications embed holds one, so
 * they need neither the define nor Everest's headers. */
#if defined(ASC_MBEDTLS_OWN)
#define MBEDTLS_ECDH_VARIANT_EVEREST_ENABLED
#endif
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C

/* ---- PSA core (required by TLS 1.3) ------------------------------------ */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_KEY_SLOT_COUNT 8
/* PSA's arguments live in our own process, never in memory shared with an
 * untrusted party: no copies of caller buffers. Without this, every PSA
 * call with an output buffer allocates a copy of its whole size: the TLS
 * 1.3 key share is exported into the rest of the 4 KiB record buffer, so a
 * resumed handshake asked the arena for 3,970 bytes in one piece, and in a
 * 24 KiB arena every third resumption failed with ALLOC_FAILED (issue 21,
 * `make soak`). */
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS

/* ---- X.509 ------------------------------------------------------------- */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
/* TLS 1.3 offers rsa_pss_rsae_* only with this: without it an RSA server
 * certificate (most public endpoints) fails with no_suitable_sigalg. */
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_BASE64_C

/* ---- TLS client -------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED
/* psk_ke (resumption without an ephemeral exchange): compiled in, offered
 * only when the application asks (asc_tls_set_psk_only_resumption). */
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
/* TLS 1.3 servers learn a limit below 16 KiB from record_size_limit (RFC
 * 8449); TLS 1.2 servers from max_fragment_length (RFC 6066). */
#define MBEDTLS_SSL_RECORD_SIZE_LIMIT
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE /* required by 3.6's TLS 1.3 */

/* ---- record sizes: two profiles ----------------------------------------
 * The input buffer bounds BOTH the largest record we accept AND the largest
 * handshake message (mbedTLS 3.6 reassembles a handshake message split over
 * several records, but only inside this buffer). The server's Certificate
 * message (the whole chain, about the sum of the DER certificates + 3 bytes
 * each) is the largest one, so this is also the chain-size limit.
 *
 *  - host profile (ASC_MBEDTLS_HOST defined; the Makefile's TLS_PROFILE=host,
 *    the default for FULL=1 builds: the CLI, the POSIX examples, the tests):
 *    16384 bytes, the TLS maximum. Works with servers that ignore
 *    max_fragment_length and with any chain a TLS server can send in one
 *    16 KiB-bounded Certificate message. Costs about 12 KiB more arena per
 *    open connection than the firmware profile (the input buffer is
 *    16384 + ~330 bytes of header/MAC room instead of 4096 + ~330).
 *  - firmware profile (default without ASC_MBEDTLS_HOST: Cortex-M, FULL=0):
 *    4096 bytes, and the client asks for max_fragment_length 4096 /
 *    record_size_limit. A chain longer than about 4 KiB, or a server that
 *    ignores both extensions and sends a larger record, fails with ASC_E_TLS
 *    and reason ASC_TLS_REASON_RECORD_TOO_LARGE (asc_tls_last_reason()).
 *  - raise it: define ASC_TLS_IN_CONTENT_LEN (512..16384) when building
 *    mbedTLS AND our sources (e.g. EXTRA_CFLAGS + MBEDTLS_EXTRA_CFLAGS, or
 *    edit here); each byte is one byte of arena per open connection.
 * Outgoing records stay at 4 KiB in both: we send small requests. */
#if !defined(ASC_TLS_IN_CONTENT_LEN)
#if defined(ASC_MBEDTLS_HOST)
#define ASC_TLS_IN_CONTENT_LEN 16384
#else
#define ASC_TLS_IN_CONTENT_LEN 4096
#endif
#endif
#define MBEDTLS_SSL_IN_CONTENT_LEN ASC_TLS_IN_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096

/* ---- not an mbedTLS option --------------------------------------------- */
/* This configuration is only ever built with port/mbedtls/patches/ applied
 * (mk/mbedtls.mk, make install). It tells src/tls.c so; a platform's own
 * mbedTLS configuration does not define it, and tls.c then configures
 * around the unpatched behaviour (port/mbedtls/patches/README.md). */
#define ASC_MBEDTLS_PATCHED 1

#endif /* ASC_MBEDTLS_CONFIG_H */
