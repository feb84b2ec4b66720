/*
 * examples/cli/trust_store.h - the CLI's trust anchors, found like curl and
 * the official SDKs find them, and the TLS arena sized for them.
 *
 * Which file: --ca-file F if given; else $SSL_CERT_FILE if set and not
 * empty; else the first system bundle that exists of
 *   /etc/ssl/certs/ca-certificates.crt                (Debian, Ubuntu, Arch)
 *   /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem (RHEL/Fedora 7+)
 *   /etc/pki/tls/certs/ca-bundle.crt                  (RHEL/Fedora, older)
 *   /etc/ssl/ca-bundle.pem                            (openSUSE)
 *   /etc/ssl/cert.pem                                 (Alpine, BSDs)
 * A file named by --ca-file or SSL_CERT_FILE is used or refused, never
 * silently replaced by another one.
 *
 * The CLI is a host program: unlike the library it takes its CA buffer and
 * its TLS arena from the heap, sized from the file (a system bundle is
 * 200+ KB and parses into about as much arena), so any bundle up to
 * CLI_TRUST_MAX_BYTES works. The arena stays until the process exits
 * (mbedTLS's PSA state lives in it). Certificates mbedTLS cannot use (an algorithm
 * outside our build) are skipped; at least one must parse.
 */
#ifndef ASC_CLI_TRUST_STORE_H
#define ASC_CLI_TRUST_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "asc_port.h"
#include "asc_tls.h"

/** Refuse CA files larger than this (a sanity bound, far above any bundle). */
#define CLI_TRUST_MAX_BYTES (64u * 1024u * 1024u)

typedef enum cli_trust_status {
    CLI_TRUST_OK = 0,
    CLI_TRUST_NOT_FOUND,   /* no --ca-file, no SSL_CERT_FILE, no system bundle */
    CLI_TRUST_UNREADABLE,  /* cannot open or read the file (errno kept)        */
    CLI_TRUST_TOO_LARGE,   /* larger than CLI_TRUST_MAX_BYTES                  */
    CLI_TRUST_EMPTY,       /* zero bytes                                       */
    CLI_TRUST_NO_CERT,     /* not one certificate parsed                       */
    CLI_TRUST_NO_MEMORY,   /* heap, or the TLS arena sized for the file, ran out */
    CLI_TRUST_TLS_SETUP    /* asc_tls_init failed otherwise                    */
} cli_trust_status;

typedef struct cli_trust_store {
    const char *path;    /* the file chosen                                */
    const char *source;  /* "--ca-file", "SSL_CERT_FILE" or "system bundle" */
    size_t file_bytes;   /* its size                                       */
    int err;             /* errno of CLI_TRUST_UNREADABLE                  */
    uint8_t *arena;      /* heap: the TLS arena (MBEDTLS=36 build)          */
    size_t arena_bytes;
    size_t parsed_bytes; /* arena in use after asc_tls_init (0: unknown)   */
    size_t peak_bytes;   /* arena peak during asc_tls_init (0: unknown)    */
} cli_trust_store;

/**
 * Choose the trust file (ca_file: the --ca-file value or NULL), set up the
 * TLS arena sized for it, and asc_tls_init(tls, port, ...) with it. The file
 * buffer is released before returning (mbedTLS keeps its parsed copy).
 */
cli_trust_status cli_trust_store_open(cli_trust_store *ts, const char *ca_file,
                                      asc_tls *tls, const asc_port *port);

/** One line explaining st for ts (static storage until the next call). */
const char *cli_trust_store_message(const cli_trust_store *ts, cli_trust_status st);

#endif /* ASC_CLI_TRUST_STORE_H */
