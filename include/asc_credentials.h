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
 *
 * Keys that never sit in RAM (ASC_ENABLE_PSA_KEYS, a knob of its own, with
 * or without a provider; mbedTLS 3.x with MBEDTLS_PSA_CRYPTO_C):
 * asc_credentials.psa_key_id (fixed credentials, asc_types.h) or
 * asc_credentials_store.psa_key_id (a provider's) names a PSA Crypto key
 * that stands for the secret; access_key_secret is then empty. The signer
 * computes the HMAC with psa_mac_sign_setup / psa_mac_update /
 * psa_mac_sign_finish on that key, streaming the same bytes as with a
 * secret. One key serves one signature version; import it as:
 *
 *   - V3 (ACS3-HMAC-SHA256): type PSA_KEY_TYPE_HMAC, algorithm
 *     PSA_ALG_HMAC(PSA_ALG_SHA_256), usage PSA_KEY_USAGE_SIGN_MESSAGE,
 *     data = the AccessKey secret's bytes;
 *   - V1 (HMAC-SHA1): type PSA_KEY_TYPE_HMAC, algorithm
 *     PSA_ALG_HMAC(PSA_ALG_SHA_1), usage PSA_KEY_USAGE_SIGN_MESSAGE,
 *     data = the secret's bytes followed by "&".
 *
 * A key id that names no key, or a key of another type, algorithm or usage
 * (a V3 key used for V1, say), makes asc_build_request and the client's
 * calls return ASC_E_CRYPTO before anything is sent. Giving both a key id
 * and secret bytes is refused (ASC_E_INVALID_ARG; asc_client_init:
 * ASC_ARG_ACCESS_KEY_SECRET; a provider: ASC_E_CREDENTIALS).
 *
 *     psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
 *     psa_key_id_t key;
 *     psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
 *     psa_set_key_algorithm(&a, PSA_ALG_HMAC(PSA_ALG_SHA_256));
 *     psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE);
 *     psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_PERSISTENT);
 *     psa_set_key_id(&a, 0x00A5C001);          // your id, 1..0x3FFFFFFF
 *     psa_import_key(&a, secret, secret_len, &key);  // once, at provisioning
 *     // wipe secret; then, in every later run of the program:
 *     cfg.creds.access_key_id = ...;
 *     cfg.creds.psa_key_id = 0x00A5C001;  // access_key_secret left empty
 *
 * What stays in RAM (checked against the mbedTLS 3.6 sources):
 *   - A VOLATILE key (PSA_KEY_LIFETIME_VOLATILE, the default) lives in
 *     mbedTLS's key slot, in RAM (our builds: the mbedTLS arena), until
 *     psa_destroy_key(): it keeps the secret out of the application's
 *     buffers and out of asc, not out of memory.
 *   - A PERSISTENT key lives in PSA storage: a board's secure storage / ITS,
 *     or on a host mbedTLS's file ITS (MBEDTLS_PSA_CRYPTO_STORAGE_C +
 *     MBEDTLS_PSA_ITS_FILE_C; files named after the id in the current
 *     directory, or under PSA_ITS_STORAGE_PREFIX; opened unbuffered, so
 *     stdio holds no copy). psa_mac_sign_setup loads it into a slot (the
 *     storage buffer is wiped and freed: psa_load_persistent_key); the
 *     signer calls psa_purge_key() right after the setup, which wipes the
 *     slot (psa_wipe_key_slot), because the operation holds the key only as
 *     HMAC pads from then on (key ^ ipad absorbed into its hash state,
 *     key ^ opad kept; the setup's ipad buffer is wiped:
 *     psa_hmac_setup_internal); psa_mac_sign_finish wipes the pads. So the
 *     key, plain or padded, is in RAM only while one signature is computed.
 *     psa_import_key leaves the imported key loaded: call psa_purge_key()
 *     after it (the first signature would purge it too). The price: every
 *     signature (every attempt) reads the key from storage once; on a host
 *     with the file ITS a DeleteImage request took about 95 us to build
 *     instead of 18 us (x86-64, measured while other builds ran).
 *   - A key in a secure element or behind an opaque driver never reaches
 *     RAM at all; asc does not care which kind it is given.
 * tests/unit/test_psa_keys.c imports a persistent key from a run-time
 * buffer, wipes the buffer, signs, and scans every writable mapping of the
 * process for the secret (and for secret "&" and the opad block): none.
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
    size_t access_key_secret_len;     /**< 1..ASC_ACCESS_KEY_SECRET_MAX (0 with psa_key_id) */
    char security_token[ASC_SECURITY_TOKEN_MAX];
    size_t security_token_len;        /**< 0: no token (a plain AccessKey) */
    /** When the credentials stop working, UTC seconds since 1970 (an STS
     *  answer's Expiration); 0 or negative: they do not expire. */
    int64_t expires_utc;
#if ASC_ENABLE_PSA_KEYS
    /** A psa_key_id_t naming the key to sign with (below), with
     *  access_key_secret_len 0; 0: sign with access_key_secret. The
     *  client wipes the store, not the key: destroying or replacing keys
     *  is the provider's business. Only with ASC_ENABLE_PSA_KEYS. */
    uint32_t psa_key_id;
#endif
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
