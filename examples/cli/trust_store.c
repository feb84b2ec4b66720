/*
 * examples/cli/trust_store.c - see trust_store.h.
 */
#include "trust_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Arena for the MBEDTLS=36 build: one connection in the host profile with
 * PSA's state and a saved session (36 KiB proven by test_tls; the rest is
 * room for RSA-4096 chains), plus the parsed bundle. mbedTLS keeps each
 * certificate's DER, its parsed names and extensions (many small blocks,
 * each with a 64-byte header) and its public key: measured with Debian's
 * bundle (219,597 bytes of PEM, 144 certificates) the CA chain takes
 * 496,040 bytes of arena, ~2.3 bytes per byte of PEM, ~3.4 KiB per
 * certificate (`asc --verbose` prints the figures). 3 bytes per byte of
 * PEM leaves room for bundles of larger keys. */
#define CLI_ARENA_BASE (128u * 1024u)
#define CLI_ARENA_PER_FILE_BYTE 3u

static const char *const system_bundles[] = {
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/ssl/cert.pem",
};

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return errno != ENOENT && errno != ENOTDIR;
    }
    fclose(f);
    return 1;
}

/* Which file, and why: --ca-file, SSL_CERT_FILE, then the system bundles. */
static int choose_file(cli_trust_store *ts, const char *ca_file)
{
    const char *env = getenv("SSL_CERT_FILE");
    size_t i;
    if (ca_file != NULL) {
        ts->path = ca_file;
        ts->source = "--ca-file";
        return 1;
    }
    if (env != NULL && env[0] != '\0') {
        ts->path = env;
        ts->source = "SSL_CERT_FILE";
        return 1;
    }
    for (i = 0; i < sizeof system_bundles / sizeof system_bundles[0]; i++) {
        if (file_exists(system_bundles[i])) {
            ts->path = system_bundles[i];
            ts->source = "system bundle";
            return 1;
        }
    }
    ts->path = system_bundles[0];
    ts->source = "system bundle";
    return 0;
}

/* The whole file plus a terminating NUL (mbedTLS's PEM parser wants it), in
 * a heap buffer of exactly that size. */
static cli_trust_status read_whole(cli_trust_store *ts, uint8_t **out)
{
    FILE *f = fopen(ts->path, "rb");
    struct stat sb;
    uint8_t *buf;
    size_t size, got;
    *out = NULL;
    if (f == NULL) {
        ts->err = errno;
        return CLI_TRUST_UNREADABLE;
    }
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        ts->err = S_ISDIR(sb.st_mode) ? EISDIR : errno != 0 ? errno : EINVAL;
        fclose(f);
        return CLI_TRUST_UNREADABLE; /* a directory, a pipe, ... */
    }
    if ((unsigned long long)sb.st_size > CLI_TRUST_MAX_BYTES) {
        ts->file_bytes = (size_t)-1;
        fclose(f);
        return CLI_TRUST_TOO_LARGE;
    }
    size = (size_t)sb.st_size;
    ts->file_bytes = size;
    if (size > CLI_TRUST_MAX_BYTES) {
        fclose(f);
        return CLI_TRUST_TOO_LARGE;
    }
    if (size == 0) {
        fclose(f);
        return CLI_TRUST_EMPTY;
    }
    buf = malloc(size + 1u);
    if (buf == NULL) {
        fclose(f);
        return CLI_TRUST_NO_MEMORY;
    }
    got = fread(buf, 1, size, f);
    if (got != size || ferror(f)) {
        ts->err = ferror(f) ? errno : EIO;
        fclose(f);
        free(buf);
        return CLI_TRUST_UNREADABLE;
    }
    fclose(f);
    buf[got] = '\0';
    *out = buf;
    return CLI_TRUST_OK;
}

cli_trust_status cli_trust_store_open(cli_trust_store *ts, const char *ca_file,
                                      asc_tls *tls, const asc_port *port)
{
    uint8_t *pem = NULL;
    cli_trust_status st;
    asc_status ast;
    size_t len;

    memset(ts, 0, sizeof *ts);
    if (!choose_file(ts, ca_file)) {
        return CLI_TRUST_NOT_FOUND;
    }
    st = read_whole(ts, &pem);
    if (st != CLI_TRUST_OK) {
        return st;
    }
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    ts->arena_bytes = CLI_ARENA_BASE + CLI_ARENA_PER_FILE_BYTE * ts->file_bytes;
    ts->arena = malloc(ts->arena_bytes);
    if (ts->arena == NULL || asc_tls_arena_init(ts->arena, ts->arena_bytes) != ASC_OK) {
        free(pem);
        return CLI_TRUST_NO_MEMORY;
    }
#endif
    /* PEM: the terminating NUL counted; DER: the exact length. */
    len = ts->file_bytes;
    if (strstr((const char *)pem, "-----BEGIN") != NULL) {
        len++;
    }
    ast = asc_tls_init(tls, port, pem, len);
    free(pem); /* parsed into the arena: the text is no longer needed */
    switch (ast) {
    case ASC_OK:
        if (asc_tls_arena_peak(&ts->peak_bytes, &ts->parsed_bytes) != ASC_OK) {
            ts->parsed_bytes = ts->peak_bytes = 0; /* no arena (MBEDTLS=228) / counters */
        }
        return CLI_TRUST_OK;
    case ASC_E_TLS_CERT:
        return CLI_TRUST_NO_CERT;
    case ASC_E_TLS:
        return CLI_TRUST_NO_MEMORY; /* asc_tls.h: arena exhausted or PSA init */
    default:
        return CLI_TRUST_TLS_SETUP;
    }
}

const char *cli_trust_store_message(const cli_trust_store *ts, cli_trust_status st)
{
    static char msg[512];
    const char *p = ts->path != NULL ? ts->path : "(none)";
    const char *src = ts->source != NULL ? ts->source : "";
    switch (st) {
    case CLI_TRUST_OK:
        (void)snprintf(msg, sizeof msg, "CA file %s (%s, %lu bytes; TLS arena %lu bytes: %lu in "
                       "use after parsing, peak %lu)", p, src, (unsigned long)ts->file_bytes,
                       (unsigned long)ts->arena_bytes, (unsigned long)ts->parsed_bytes,
                       (unsigned long)ts->peak_bytes);
        break;
    case CLI_TRUST_NOT_FOUND:
        (void)snprintf(msg, sizeof msg,
                       "no CA file: no --ca-file, no SSL_CERT_FILE and no system bundle "
                       "(looked for %s and 4 other usual paths)", p);
        break;
    case CLI_TRUST_UNREADABLE:
        (void)snprintf(msg, sizeof msg, "cannot read CA file %s (%s): %s", p, src,
                       strerror(ts->err != 0 ? ts->err : EIO));
        break;
    case CLI_TRUST_TOO_LARGE:
        (void)snprintf(msg, sizeof msg, "CA file %s (%s) is too large: over %lu bytes", p, src,
                       (unsigned long)CLI_TRUST_MAX_BYTES);
        break;
    case CLI_TRUST_EMPTY:
        (void)snprintf(msg, sizeof msg, "CA file %s (%s) is empty", p, src);
        break;
    case CLI_TRUST_NO_CERT:
        (void)snprintf(msg, sizeof msg,
                       "CA file %s (%s): no certificate could be parsed (PEM or DER X.509 "
                       "expected)", p, src);
        break;
    case CLI_TRUST_NO_MEMORY:
        (void)snprintf(msg, sizeof msg,
                       "CA file %s (%s, %lu bytes): out of memory for its certificates "
                       "(TLS arena %lu bytes)", p, src, (unsigned long)ts->file_bytes,
                       (unsigned long)ts->arena_bytes);
        break;
    default:
        (void)snprintf(msg, sizeof msg, "CA file %s (%s): TLS setup failed", p, src);
        break;
    }
    return msg;
}
