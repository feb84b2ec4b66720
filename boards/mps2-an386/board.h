/*
 * board.h - Arm MPS2 with the AN386 image (Cortex-M4), as QEMU's
 * `-M mps2-an386` models it: 25 MHz core clock, 4 MiB SSRAM at 0 (code),
 * 4 MiB at 0x20000000 (data, stack), an SMSC LAN9118 Ethernet controller
 * at 0x40200000 on IRQ 13. What this file offers the application: a 1 ms
 * SysTick clock, an interrupt-aware sleep, interrupt lines, the painted
 * stack's high-water mark, and a count of the instructions the core ran
 * (for benchmarks under `qemu -icount`).
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdint.h>

#define BOARD_CORE_HZ       25000000u    /* MPS2 FPGA system clock */
#define BOARD_LAN9118_BASE  0x40200000u
#define BOARD_LAN9118_IRQ   13u          /* external interrupt number */

/** Start SysTick at 1 kHz. Call once, first thing in main. */
void board_clock_init(void);

/** Milliseconds since board_clock_init (64 bits: never wraps). Call from
 *  the main loop only (it extends the 32-bit tick counter). */
uint64_t board_ms(void);

/** Sleep (WFI) until has_work(arg) returns non-zero or `until`
 *  (board_ms) is reached. Every interrupt (the NIC's, SysTick's each
 *  millisecond) wakes the core to check again; the check and the WFI are
 *  race-free (PRIMASK held around them: an interrupt that sets the flag
 *  has_work reads cannot slip in between). */
void board_sleep(uint64_t until, int (*has_work)(void *arg), void *arg);

/** Enable / disable an external interrupt line at the NVIC. */
void board_irq_enable(uint32_t irq);
void board_irq_disable(uint32_t irq);

/**
 * Instruction accounting (benchmarks): the virtual time the core was busy,
 * in 40 ns ticks of the LAN9118 free-running counter (25 MHz), i.e. all
 * time minus the time spent in WFI. Under `qemu -icount shift=0` one
 * instruction advances virtual time by exactly 1 ns, so busy ticks x 40 =
 * instructions executed, within 40 per sleep (the counter's resolution).
 * *out_sleeps: WFI sleeps counted in that span (the error bound / 40).
 */
void board_busy_ticks(uint64_t *out_busy, uint32_t *out_sleeps);

/** Bytes of the stack ever used since reset (the stack is painted with a
 *  pattern at reset; the lowest overwritten word marks the high water). */
uint32_t board_stack_high_water(void);
/** Size of the stack region (linker script). */
uint32_t board_stack_size(void);

/** Print "PANIC: what" and exit the emulator with status 70. */
void board_panic(const char *what) __attribute__((noreturn));

#endif /* BOARD_H */
