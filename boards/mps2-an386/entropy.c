/*
 * entropy.c - the board DRBG and mbedTLS's hardware entropy hook (see
 * entropy.h). mbedTLS's CTR_DRBG is used as is: NIST SP 800-90A, AES-256,
 * reseeded from the application's source every
 * MBEDTLS_CTR_DRBG_RESEED_INTERVAL requests.
 */
#include "entropy.h"

#include <string.h>

#include "board.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"

static mbedtls_ctr_drbg_context drbg;
static int seeded;

/* Personalisation: distinguishes this DRBG's use; not secret. */
static const unsigned char personalisation[] = "asc mps2-an386 board drbg";

static int drbg_entropy(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    return board_entropy_source(out, len) == 0 ? 0 : MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
}

int board_entropy_init(void)
{
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, drbg_entropy, NULL, personalisation,
                              sizeof personalisation - 1u) != 0) {
        mbedtls_ctr_drbg_free(&drbg);
        seeded = 0;
        return -1;
    }
    seeded = 1;
    return 0;
}

int board_entropy_ready(void)
{
    return seeded;
}

asc_status board_random(void *app, uint8_t *buf, size_t len)
{
    (void)app;
    if (!seeded || (buf == NULL && len != 0u)) {
        return ASC_E_PORT;
    }
    while (len > 0u) {
        size_t n = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ? len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        if (mbedtls_ctr_drbg_random(&drbg, buf, n) != 0) {
            return ASC_E_PORT;
        }
        buf += n;
        len -= n;
    }
    return ASC_OK;
}

uint32_t board_lwip_rand(void)
{
    uint32_t r = 0;
    /* lwIP has no error path here; the firmware never starts lwIP before
     * the DRBG is seeded (main.c), so this cannot fail in practice. */
    if (board_random(NULL, (uint8_t *)&r, sizeof r) != ASC_OK) {
        board_panic("lwIP asked for randomness before the DRBG was seeded");
    }
    return r;
}

/* mbedTLS (MBEDTLS_ENTROPY_HARDWARE_ALT): the PSA core's entropy. Straight
 * from the application's source, never from our DRBG; refused until the
 * board was seeded once, so a firmware whose source fails cannot get as
 * far as a TLS handshake. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    *olen = 0;
    if (!seeded || board_entropy_source(output, len) != 0) {
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    *olen = len;
    return 0;
}
