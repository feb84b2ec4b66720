/*
 * cli_creds.h - the command-line tool's credentials: the default credential
 * chain of the official @alicloud/credentials package, as far as it goes
 * without a cloud service of its own, served to the library through its
 * credentials provider hook (asc_credentials.h).
 *
 * Sources, in the official order (the first that yields credentials is
 * used for the rest of the process; only it is asked again):
 *   1. environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
 *      ALIBABA_CLOUD_SECURITY_TOKEN (optional)
 *   2. the aliyun CLI's ~/.aliyun/config.json: the profile named by
 *      --profile, else ALIBABA_CLOUD_PROFILE, else the file's "current";
 *      modes AK and StsToken (skipped when ALIBABA_CLOUD_CLI_PROFILE_DISABLED
 *      is "true")
 *   3. ALIBABA_CLOUD_CREDENTIALS_URI: an http:// or https:// URL answering
 *      {"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}; asked
 *      again when the credentials near their Expiration or the service
 *      rejects the token.
 * The official chain's other sources (OIDC, ~/.alibabacloud/credentials,
 * ECS RAM role) are not read. With --profile only source 2 is used.
 *
 * No heap: every buffer is static. Secrets are wiped from our buffers as
 * soon as they are in the library's store, and never printed.
 */
#ifndef CLI_CREDS_H
#define CLI_CREDS_H

#include <stdio.h>
#include "asc_credentials.h"

enum { CLI_SRC_ENV, CLI_SRC_PROFILE, CLI_SRC_URI, CLI_SRC_COUNT_ };

typedef struct cli_creds {
    const char *profile;   /* --profile NAME, or NULL */
    const char *ca_file;   /* trust anchors for an https:// credentials URI
                              (the API's trust store file); NULL: none */
    uint32_t timeout_ms;   /* connect and read timeout of the URI */
    int source;            /* the source in use; -1 before the first success */
    int tried[CLI_SRC_COUNT_];
    char why[CLI_SRC_COUNT_][320]; /* why each source gave nothing */
} cli_creds;

/* Prepare the chain (nothing is read yet). */
void cli_creds_init(cli_creds *cc, const char *profile, const char *ca_file,
                    uint32_t timeout_ms);

/* Choose the source before anything is sent: the environment and the
 * profile are read (and forgotten again), a credentials URI is only checked
 * to be an http(s) URL (it is asked when the client needs credentials).
 * Returns 1 when a source was chosen, 0 when none has credentials
 * (cli_creds_report says why). */
int cli_creds_probe(cli_creds *cc);

/* The provider function (asc_credentials_provider.fetch; ctx a cli_creds). */
asc_status cli_creds_fetch(void *ctx, asc_credentials_store *store);

/* After a failed fetch: which sources were tried and why each gave nothing
 * (one line each on f). */
void cli_creds_report(const cli_creds *cc, FILE *f);

/* "environment", "aliyun CLI profile", "credentials URI". */
const char *cli_creds_source_name(int source);

#endif
