/* src/credentials.h - how the client uses a credentials provider
 * (asc_credentials.h): internal to src/. */
#ifndef ASC_SRC_CREDENTIALS_H
#define ASC_SRC_CREDENTIALS_H

#include <stdbool.h>
#include <stdint.h>
#include "asc_client.h"

#if ASC_ENABLE_CREDENTIALS_PROVIDER
/* asc_client_init: the provider has a fetch function and a store. */
bool asc_creds_provider_ok(const asc_credentials_provider *p);

/* Before an attempt signed at now (UTC seconds; now_known false when the
 * device has no idea of the time yet): ask the provider when the client
 * holds no credentials, or when they expire within the margin and this call
 * has not asked yet (*asked, the call's flag, is then set). ASC_OK without a
 * provider. ASC_E_CREDENTIALS when the provider fails. */
asc_status asc_creds_before_attempt(asc_client *c, int64_t now, bool now_known,
                                    bool *asked);

/* True when the client has a provider and the answer r says the STS token
 * (or its absence) was the trouble: worth fresh credentials. */
bool asc_creds_rejected(const asc_client *c, const asc_result *r);

/* Ask the provider now (the old credentials are wiped first). ASC_OK, or
 * ASC_E_CREDENTIALS with nothing held. Only with a provider. */
asc_status asc_creds_fetch(asc_client *c);

#else
/* Without the knob the client signs with the fixed cfg.creds: nothing to
 * ask before an attempt, no token answer to act on (these compile away). */
static inline asc_status asc_creds_before_attempt(asc_client *c, int64_t now,
                                                  bool now_known, bool *asked)
{
    (void)c;
    (void)now;
    (void)now_known;
    (void)asked;
    return ASC_OK;
}

static inline bool asc_creds_rejected(const asc_client *c, const asc_result *r)
{
    (void)c;
    (void)r;
    return false;
}

static inline asc_status asc_creds_fetch(asc_client *c)
{
    (void)c;
    return ASC_E_CREDENTIALS; /* never reached: asc_creds_rejected() is false */
}
#endif

#endif
