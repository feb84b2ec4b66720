/*
 * The client's side of a credentials provider (asc_credentials.h): when to
 * ask, what to accept, and wiping. The client signs from c->cfg.creds; with
 * a provider those spans point into the provider's store, and are empty
 * while nothing usable is held.
 */
#include <string.h>
#include "asc_client.h"
#include "credentials.h"
#include "util.h"

#if ASC_ENABLE_CREDENTIALS_PROVIDER

/* The service's answers that blame the STS token or its absence (API
 * reference, gateway errors). Compared as text: the result keeps the Code
 * the service sent. */
static const char *const k_token_codes[] = {
    "MissingSecurityToken",
    "InvalidSecurityToken.Expired",
    "InvalidSecurityToken.Malformed",
    "InvalidSecurityToken.MismatchWithAccessKey",
};

bool asc_creds_provider_ok(const asc_credentials_provider *p)
{
    return p->fetch != NULL && p->store != NULL;
}

void asc_client_forget_credentials(asc_client *c)
{
    asc_credentials_store *s;
    if (c == NULL || c->cfg.credentials_provider == NULL) {
        return; /* fixed credentials are the caller's */
    }
    s = c->cfg.credentials_provider->store;
    asc_wipe(s, sizeof *s);
    memset(&c->cfg.creds, 0, sizeof c->cfg.creds);
}

static bool length_fits(size_t len, size_t cap)
{
    return len > 0u && len <= cap;
}

/* What the provider wrote is something to sign with. */
static bool store_usable(const asc_credentials_store *s)
{
#if ASC_ENABLE_PSA_KEYS
    if (s->psa_key_id != 0u) { /* the key stands for the secret: not both */
        return length_fits(s->access_key_id_len, sizeof s->access_key_id) &&
               s->access_key_secret_len == 0u &&
               s->security_token_len <= sizeof s->security_token;
    }
#endif
    return length_fits(s->access_key_id_len, sizeof s->access_key_id) &&
           length_fits(s->access_key_secret_len, sizeof s->access_key_secret) &&
           s->security_token_len <= sizeof s->security_token;
}

asc_status asc_creds_fetch(asc_client *c)
{
    const asc_credentials_provider *p = c->cfg.credentials_provider;
    asc_credentials_store *s = p->store;

    asc_client_forget_credentials(c);
    if (p->fetch(p->ctx, s) != ASC_OK || !store_usable(s)) {
        asc_client_forget_credentials(c);
        return ASC_E_CREDENTIALS;
    }
    c->cfg.creds.access_key_id.ptr = s->access_key_id;
    c->cfg.creds.access_key_id.len = s->access_key_id_len;
    c->cfg.creds.access_key_secret.ptr = s->access_key_secret;
    c->cfg.creds.access_key_secret.len = s->access_key_secret_len;
    c->cfg.creds.security_token.ptr = s->security_token;
    c->cfg.creds.security_token.len = s->security_token_len;
#if ASC_ENABLE_PSA_KEYS
    c->cfg.creds.psa_key_id = s->psa_key_id;
#endif
    return ASC_OK;
}

/* The held credentials stop working within margin seconds of now. */
static bool expiring(const asc_credentials_store *s, int64_t now, uint32_t margin)
{
    return s->expires_utc > 0 && now >= s->expires_utc - (int64_t)margin;
}

asc_status asc_creds_before_attempt(asc_client *c, int64_t now, bool now_known,
                                    bool *asked)
{
    const asc_credentials_provider *p = c->cfg.credentials_provider;
    bool held;
    if (p == NULL) {
        return ASC_OK;
    }
    held = c->cfg.creds.access_key_id.len > 0u;
    if (held && (*asked || !now_known ||
                 !expiring(p->store, now, c->cfg.credentials_refresh_margin_s))) {
        return ASC_OK;
    }
    *asked = true;
    return asc_creds_fetch(c);
}

bool asc_creds_rejected(const asc_client *c, const asc_result *r)
{
    size_t i;
    if (c->cfg.credentials_provider == NULL) {
        return false;
    }
    for (i = 0u; i < sizeof k_token_codes / sizeof k_token_codes[0]; i++) {
        if (strcmp(r->code, k_token_codes[i]) == 0) {
            return true;
        }
    }
    return false;
}
#endif /* ASC_ENABLE_CREDENTIALS_PROVIDER */
