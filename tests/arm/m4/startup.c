/*
 * tests/arm/m4/startup.c - reset and fault handlers for the unit tests on
 * QEMU mps2-an386 (Cortex-M4). The ELF is loaded by QEMU as is (.data in
 * place), so reset only clears .bss, enables the MemManage fault (the MPU
 * guard page of glue.c), starts newlib's semihosting stdio (rdimon) and
 * runs main; its return value goes to exit(), i.e. to QEMU's exit status.
 * A fault prints what happened through semihosting and exits 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern uint32_t __bss_start__, __bss_end__, __stack_top;
extern void initialise_monitor_handles(void);
int main(void);
void reset_handler(void);
void fault_handler(void);

#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)
#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28u)
#define SCB_MMFAR (*(volatile uint32_t *)0xE000ED34u)
#define SCB_BFAR (*(volatile uint32_t *)0xE000ED38u)

void reset_handler(void)
{
    uint32_t *p;
    for (p = &__bss_start__; p < &__bss_end__; p++) {
        *p = 0u;
    }
    SCB_SHCSR |= (1u << 16) | (1u << 17) | (1u << 18); /* Mem, Bus, Usage */
    initialise_monitor_handles();
    exit(main());
}

void fault_handler(void)
{
    uint32_t cfsr = SCB_CFSR;
    fprintf(stderr, "FAULT: CFSR=0x%08lx MMFAR=0x%08lx BFAR=0x%08lx%s\n",
            (unsigned long)cfsr, (unsigned long)SCB_MMFAR, (unsigned long)SCB_BFAR,
            (cfsr & 0x80u) ? " (MPU guard page: access past a test buffer)" : "");
    fflush(stderr);
    _Exit(1);
}

typedef void (*vector)(void);
__attribute__((section(".vectors"), used)) static const vector vectors[16] = {
    (vector)(uintptr_t)&__stack_top, reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
    0, 0, 0, 0,
    fault_handler, /* SVC */
    fault_handler, /* DebugMon */
    0,
    fault_handler, /* PendSV */
    fault_handler  /* SysTick */
};

/* newlib's exit() runs __libc_fini_array, which wants these (crti.o is not
 * linked: -nostartfiles). */
void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}
