/*
 * cli_trace.h - the tool's --verbose trace, fed by the library's trace hook
 * (asc_client_config.trace, asc_build_request's trace argument): for every
 * attempt the canonical request, the string to sign and the signature that
 * signed the request actually sent, that request, and the answer's status
 * line and headers. The last attempt's canonical request and string to
 * sign are kept, to compare with the server's after SignatureDoesNotMatch.
 *
 * Output (stderr), as curl -v does it:
 *   * ...   what the tool knows (attempt, canonical request, string to sign)
 *   > ...   the request sent
 *   < ...   the answer's status line and headers
 * Secret values (AccessKeyId, security token, signature) are shown as ****
 * unless show_secrets; service text is escaped (cli_text.h).
 */
#ifndef CLI_TRACE_H
#define CLI_TRACE_H

#include <stddef.h>
#include <stdio.h>
#include "asc_request.h"

typedef struct cli_text_buf {
    char *p;
    size_t cap;
    size_t len;
    int cut;       /* more came than cap holds */
} cli_text_buf;

typedef struct cli_trace {
    FILE *out;          /* where the trace goes (stderr) */
    int verbose;        /* print the trace (else only keep the last attempt) */
    int show_secrets;
    int new_attempt;    /* the next signing piece starts a new attempt */
    unsigned requests;  /* requests seen (ASC_TRACE_REQUEST) */
    cli_text_buf canonical, string_to_sign, signature;
} cli_trace;

/* Prepare t over the module's static buffers (one trace per process). */
void cli_trace_init(cli_trace *t, FILE *out, int verbose, int show_secrets);

/* The asc_trace callback; ctx is a cli_trace. */
void cli_trace_fn(void *ctx, asc_trace_kind kind, const char *p, size_t n);

/* After SignatureDoesNotMatch: message is the service's whole Message (it
 * ends "server string to sign is:<text>", V3 possibly followed by
 * " canonical request is:<text>"). Prints ours next to the server's and
 * marks the first difference; says so when they are equal (then the secret
 * differs). */
void cli_trace_signature_mismatch(const cli_trace *t, const char *message, size_t n);

/* Zero the kept texts (they hold the token and the key id). */
void cli_trace_wipe(cli_trace *t);

#endif
