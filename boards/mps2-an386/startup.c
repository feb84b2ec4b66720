/*
 * startup.c - vector table and reset of the MPS2-AN386 board. QEMU loads
 * the ELF in place (code in SSRAM1 at 0, data in SSRAM2 at 0x20000000), so
 * reset only clears .bss, paints the stack (board_stack_high_water) and
 * enables the configurable faults; main's return value becomes QEMU's exit
 * status (semihosting). A fault prints the fault registers and exits 71.
 */
#include <stdint.h>

#include "board.h"
#include "semihost.h"

extern uint32_t __bss_start__, __bss_end__, __stack_bottom, __stack_top;
int main(void);
void Reset_Handler(void);
void Fault_Handler(void);
void Default_Handler(void);

#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)
#define SCB_CFSR  (*(volatile uint32_t *)0xE000ED28u)
#define SCB_HFSR  (*(volatile uint32_t *)0xE000ED2Cu)
#define SCB_BFAR  (*(volatile uint32_t *)0xE000ED38u)
#define SHCSR_FAULTS ((1u << 16) | (1u << 17) | (1u << 18)) /* Mem, Bus, Usage */
#define STACK_PAINT 0xC0FFEE11u  /* board.c looks for it */

/* Paint the stack below the current frame (64 bytes of margin for this
 * function's own frame). */
static void paint_stack(void)
{
    uint32_t *p = &__stack_bottom;
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    while ((uintptr_t)p < sp - 64u) {
        *p++ = STACK_PAINT;
    }
}

void Reset_Handler(void)
{
    uint32_t *p;
    for (p = &__bss_start__; p < &__bss_end__; p++) {
        *p = 0u;
    }
    paint_stack();
    SCB_SHCSR |= SHCSR_FAULTS;
    semihost_exit((uint32_t)main() & 0xFFu);
}

void Fault_Handler(void)
{
    console_text("FAULT: CFSR=");
    console_hex(SCB_CFSR);
    console_text(" HFSR=");
    console_hex(SCB_HFSR);
    console_text(" BFAR=");
    console_hex(SCB_BFAR);
    console_end();
    semihost_exit(71u);
}

void board_panic(const char *what)
{
    console_text("PANIC: ");
    console_text(what);
    console_end();
    semihost_exit(70u);
}

void Default_Handler(void)
{
    console_text("unexpected interrupt");
    console_end();
    semihost_exit(71u);
}

/* Handlers the application may define (weak: unexpected otherwise). */
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));
void ETH_IRQHandler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*vector)(void);
#define IRQ_VECTORS 32u /* external lines 0..31 (the LAN9118 is 13) */

__attribute__((section(".vectors"), used))
static const vector vectors[16u + IRQ_VECTORS] = {
    (vector)(uintptr_t)&__stack_top, /* initial SP */
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0, 0, 0, 0,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,
    Default_Handler, /* PendSV */
    SysTick_Handler,
    /* external interrupts */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, /* 0-3 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, /* 4-7 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, /* 8-11 */
    Default_Handler, ETH_IRQHandler,  Default_Handler, Default_Handler, /* 12-15 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, /* 16-19 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, /* 20-23 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, /* 24-27 */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler  /* 28-31 */
};
/* The LAN9118 line sits at entry 16 + 13. */
typedef char eth_vector_is_irq_13[(BOARD_LAN9118_IRQ == 13u) ? 1 : -1];

/* newlib's exit path references these (crti.o is not linked). */
void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}
