/*
 * arch/cc.h - lwIP's compiler/platform header for the MPS2-AN386 firmware
 * (arm-none-eabi-gcc, newlib). lwIP's defaults cover the types and the
 * byte order (little endian); this file adds its randomness, and
 * diagnostics/assertions without printf.
 */
#ifndef BOARD_ARCH_CC_H
#define BOARD_ARCH_CC_H

#include <stdint.h>

/* From the board DRBG (entropy.h); lwIP uses it for the first local port
 * and DNS ids, lwipopts.h for TCP initial sequence numbers. */
uint32_t board_lwip_rand(void);
#define LWIP_RAND() board_lwip_rand()

void board_panic(const char *what) __attribute__((noreturn));
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) board_panic(x)

#endif /* BOARD_ARCH_CC_H */
