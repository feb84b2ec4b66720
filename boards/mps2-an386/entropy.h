/*
 * entropy.h - randomness for the board: TLS (mbedTLS), the library's
 * request nonces and backoff jitter (the asc port's random hook), lwIP's
 * initial ports and sequence numbers.
 *
 * The MPS2 has no TRNG. The APPLICATION supplies the entropy source,
 * board_entropy_source(); this folder deliberately has no default, so a
 * firmware without one does not link. From it:
 *  - board_entropy_init() seeds a CTR_DRBG (mbedTLS, AES-256) that serves
 *    board_random() and board_lwip_rand();
 *  - mbedtls_hardware_poll() (the entropy source mbedTLS's PSA core seeds
 *    its own DRBG from, MBEDTLS_ENTROPY_HARDWARE_ALT in our bare-metal
 *    config) reads board_entropy_source() directly.
 * Until board_entropy_init() succeeded, every one of them fails (TLS setup
 * fails in psa_crypto_init, the port's random returns ASC_E_PORT): the
 * firmware does not run TLS without a seed.
 *
 * The test build links entropy_semihost.c: TEST ONLY, it reads the host's
 * /dev/urandom through semihosting.
 */
#ifndef BOARD_ENTROPY_H
#define BOARD_ENTROPY_H

#include <stddef.h>
#include <stdint.h>

#include "asc_status.h"

/**
 * SUPPLIED BY THE APPLICATION: fill buf with len bytes of full entropy
 * (a hardware TRNG's conditioned output). 0 on success, -1 on failure.
 * May be called at any time from the main loop (seeding, reseeding).
 */
int board_entropy_source(uint8_t *buf, size_t len);

/** Seed the board DRBG from board_entropy_source (48 bytes). 0, or -1
 *  when the source failed: the firmware must not start TLS then. */
int board_entropy_init(void);

/** 1 once board_entropy_init succeeded. */
int board_entropy_ready(void);

/** The asc port's random hook (asc_port_lwip_hooks.random): DRBG output.
 *  ASC_OK, or ASC_E_PORT when not seeded or the DRBG failed. */
asc_status board_random(void *app, uint8_t *buf, size_t len);

/** lwIP's LWIP_RAND() and TCP initial sequence numbers (arch/cc.h). */
uint32_t board_lwip_rand(void);

#endif /* BOARD_ENTROPY_H */
