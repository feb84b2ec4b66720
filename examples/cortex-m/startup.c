/*
 * examples/cortex-m/startup.c - vector table and reset for a generic
 * Cortex-M4 part (flash at 0x08000000, SRAM at 0x20000000): copy .data,
 * clear .bss, run main. SysTick (1 kHz) is the firmware's millisecond clock.
 */
#include <stdint.h>

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void SysTick_Handler(void);

void Reset_Handler(void)
{
    uint32_t *src = &_sidata, *dst;
    for (dst = &_sdata; dst < &_edata;) {
        *dst++ = *src++;
    }
    for (dst = &_sbss; dst < &_ebss;) {
        *dst++ = 0u;
    }
    /* SysTick: 1 ms at a 16 MHz core clock (adjust to the board). */
    *(volatile uint32_t *)0xE000E014u = 16000u - 1u;
    *(volatile uint32_t *)0xE000E018u = 0u;
    *(volatile uint32_t *)0xE000E010u = 7u;
    (void)main();
    for (;;) {
    }
}

void Default_Handler(void)
{
    for (;;) {
    }
}

typedef void (*vector)(void);
__attribute__((section(".isr_vector"), used)) static const vector vectors[16] = {
    (vector)(uintptr_t)&_estack, Reset_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, 0, 0, 0, 0, Default_Handler, Default_Handler, 0,
    Default_Handler, SysTick_Handler
};

/* newlib (nano) pulls these in for time() and exit paths; nothing here
 * needs an OS. Certificate dates use time(): wire _gettimeofday to the
 * RTC in a product (here: no RTC, time() fails and mbedTLS then rejects
 * the date check - see the README of the port you use). */
void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}
