/*
 * asc_credentials.h - (ASC_ENABLE_CREDENTIALS_PROVIDER builds; on with
 * ASC_FULL) credentials that change over the client's life: a
 * provider function the application supplies, asked by the client when it
 * needs credentials (short-lived STS credentials from a fleet backend, a
 * credentials URI, a secure element, ...).
 *
 * Without a provider the client signs with the fixed cfg.creds, exactly as
 * before. With one, cfg.creds is ignored and the client asks the provider:
 *
 *  - before an attempt, when it holds no credentials, or when the ones it
 *    holds expire within cfg.credentials_refresh_margin_s (default 180 s)
 *    of the time the request is signed with. At most once per call: a
 *    provider that hands back credentials already inside the margin is not
 *    asked again by the same call (they are used as they are);
 *  - once more, and the request re-signed and sent again at once (not
 *    counted against max_attempts), when the service answers one of the
 *    STS token codes MissingSecurityToken, InvalidSecurityToken.Expired,
 *    InvalidSecurityToken.Malformed, InvalidSecurityToken.MismatchWithAccessKey.
 *    At most once per call: a second such answer ends the call with
 *    ASC_E_SERVICE.
 *
 * So one call asks the provider at most twice; there is no refresh loop and
 * no background activity. A provider that fails (returns anything but
 * ASC_OK, or fills the store with an empty id or secret or lengths beyond
 * its arrays) ends the call with ASC_E_CREDENTIALS; the next call asks
 * again.
 *
 * Expiry is judged on the time the request is signed with (the port's UTC
 * clock plus the offset learned from the service, see asc_client.h). When
 * that time is unknown (no real-time clock and nothing learned yet) only
 * missing credentials and the service's token answers make the client ask.
 *
 * Memory: the application places one asc_credentials_store (static, or
 * anywhere that outlives the client) and points the provider at it; the
 * provider writes the credentials there and the client signs from it. No
 * copy is made. Wiping: the client zeroes the whole store before every ask
 * (the old secret and token are gone before the new ones arrive) and again
 * when the provider fails; asc_client_forget_credentials() zeroes it on
 * demand (say, before the device sleeps); the next call then asks again.
 * Whatever copies the provider made on its side are its own to wipe.
 *
 * Threading and time: the provider runs inside the call that needs it, in
 * the caller's thread. Its time counts against cfg.deadline_ms (the waits
 * that follow are cut to what is left), but the client cannot interrupt it:
 * bound its own network waits.
 *
 * Example (STS credentials from the fleet's backend):
 *
 *     static asc_credentials_store store;
 *     static asc_status fetch(void *ctx, asc_credentials_store *s)
 *     {
 *         // ask the backend; copy its answer into s->access_key_id, ...;
 *         // set the three lengths and s->expires_utc; ASC_OK or a failure
 *     }
 *     static const asc_credentials_provider provider = { fetch, NULL, &store };
 *     ...
 *     cfg.credentials_provider = &provider;
 */
#ifndef ASC_CREDENTIALS_H
#define ASC_CREDENTIALS_H

#include <stddef.h>
#include <stdint.h>
#include "asc_config.h"
#include "asc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Credentials as a provider hands them over (arrays sized by the knobs of
 *  asc_config.h). The texts need no NUL; their lengths say how long they
 *  are. The same byte rules as for asc_credentials apply (checked when the
 *  request is built: ASC_E_INVALID_HEADER_VALUE). */
typedef struct asc_credentials_store {
    char access_key_id[ASC_ACCESS_KEY_ID_MAX];
    size_t access_key_id_len;         /**< required, 1..ASC_ACCESS_KEY_ID_MAX */
    char access_key_secret[ASC_ACCESS_KEY_SECRET_MAX];
    size_t access_key_secret_len;     /**< required, 1..ASC_ACCESS_KEY_SECRET_MAX */
    char security_token[ASC_SECURITY_TOKEN_MAX];
    size_t security_token_len;        /**< 0: no token (a plain AccessKey) */
    /** When the credentials stop working, UTC seconds since 1970 (an STS
     *  answer's Expiration); 0 or negative: they do not expire. */
    int64_t expires_utc;
} asc_credentials_store;

/** The application's credentials source. Referenced by the client (keep it
 *  and the store alive as long as the client). */
typedef struct asc_credentials_provider {
    /** Fill *store, which the client has just zeroed. Return ASC_OK, or any
     *  other status when no credentials can be had: the call then returns
     *  ASC_E_CREDENTIALS (the provider's own status is not kept: record why
     *  in ctx if the application wants to tell). Must not call the client. */
    asc_status (*fetch)(void *ctx, asc_credentials_store *store);
    /** Passed to fetch unchanged. */
    void *ctx;
    /** Where the credentials live (caller-owned, never NULL). */
    asc_credentials_store *store;
} asc_credentials_provider;

#ifdef __cplusplus
}
#endif
#endif /* ASC_CREDENTIALS_H */
