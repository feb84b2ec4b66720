/*
 * board.c - clock, sleep, interrupts, stack painting and the instruction
 * count of the MPS2-AN386 board (see board.h).
 */
#include "board.h"

#include "semihost.h"

/* ARMv7-M system registers (Architecture Reference Manual, B3). */
#define SYST_CSR   (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR   (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR   (*(volatile uint32_t *)0xE000E018u)
#define NVIC_ISER  ((volatile uint32_t *)0xE000E100u)
#define NVIC_ICER  ((volatile uint32_t *)0xE000E180u)
#define NVIC_ICPR  ((volatile uint32_t *)0xE000E280u)
#define SYST_CSR_ENABLE    (1u << 0)
#define SYST_CSR_TICKINT   (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2) /* the core clock */

/* LAN9118 FREE_RUN: a 25 MHz up-counter (datasheet: FREE_RUN register). */
#define LAN9118_FREE_RUN (*(volatile uint32_t *)(BOARD_LAN9118_BASE + 0x9Cu))

static volatile uint32_t tick_ms;   /* SysTick interrupt */
static uint32_t ms_last, ms_high;   /* 64-bit extension (main loop) */

static uint32_t free_run_last, free_run_high; /* 64-bit extension */
static uint64_t idle_ticks;
static uint32_t sleeps;

void SysTick_Handler(void);
void SysTick_Handler(void)
{
    tick_ms++;
}

void board_clock_init(void)
{
    SYST_CSR = 0u;
    SYST_RVR = BOARD_CORE_HZ / 1000u - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    free_run_last = LAN9118_FREE_RUN;
}

uint64_t board_ms(void)
{
    uint32_t now = tick_ms;
    if (now < ms_last) {
        ms_high++;
    }
    ms_last = now;
    return ((uint64_t)ms_high << 32) | now;
}

static uint64_t free_run64(void)
{
    uint32_t now = LAN9118_FREE_RUN;
    if (now < free_run_last) {
        free_run_high++; /* wraps every 171 s at 25 MHz */
    }
    free_run_last = now;
    return ((uint64_t)free_run_high << 32) | now;
}

static void irq_off(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static void irq_on(void) { __asm__ volatile("cpsie i" ::: "memory"); }

void board_sleep(uint64_t until, int (*has_work)(void *arg), void *arg)
{
    for (;;) {
        uint64_t t0, t1;
        irq_off();
        if ((has_work != NULL && has_work(arg)) || board_ms() >= until) {
            irq_on();
            return;
        }
        /* With PRIMASK set, a pending interrupt still ends WFI; its
         * handler runs after irq_on(), outside the idle span. */
        t0 = free_run64();
        __asm__ volatile("wfi" ::: "memory");
        t1 = free_run64();
        idle_ticks += t1 - t0;
        sleeps++;
        irq_on();
    }
}

void board_busy_ticks(uint64_t *out_busy, uint32_t *out_sleeps)
{
    uint64_t now = free_run64();
    *out_busy = now - idle_ticks;
    *out_sleeps = sleeps;
}

void board_irq_enable(uint32_t irq)
{
    NVIC_ICPR[irq / 32u] = 1u << (irq % 32u); /* drop a stale pending bit */
    NVIC_ISER[irq / 32u] = 1u << (irq % 32u);
}

void board_irq_disable(uint32_t irq)
{
    NVIC_ICER[irq / 32u] = 1u << (irq % 32u);
}

/* ---- stack high water ------------------------------------------------------ */

extern uint32_t __stack_bottom, __stack_top; /* linker script */
#define STACK_PAINT 0xC0FFEE11u

uint32_t board_stack_size(void)
{
    return (uint32_t)((uintptr_t)&__stack_top - (uintptr_t)&__stack_bottom);
}

uint32_t board_stack_high_water(void)
{
    const uint32_t *p = &__stack_bottom;
    while (p < &__stack_top && *p == STACK_PAINT) {
        p++;
    }
    return (uint32_t)((uintptr_t)&__stack_top - (uintptr_t)p);
}
