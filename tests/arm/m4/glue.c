/*
 * tests/arm/m4/glue.c - what the unit tests need from an OS, on bare-metal
 * Cortex-M4 (QEMU mps2-an386):
 *  - mmap/munmap from a static page-aligned pool (a stack: tests unmap in
 *    reverse order or not at all), mprotect(PROT_NONE) as an MPU guard
 *    region (no access, background map for everything else), sysconf page
 *    size 4096;
 *  - mbedtls_hardware_poll (entropy source the bare-metal mbedTLS config
 *    asks for) and mbedtls_ms_time. TEST ONLY: the "entropy" is a counter
 *    mixed with xorshift, not random; a product takes both from its TRNG
 *    and timer.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <time.h>

#define PAGE 4096u
#define POOL (320u * 1024u)

static uint8_t pool[POOL] __attribute__((aligned(PAGE)));
static size_t pool_used;

/* ARMv7-M MPU (PMSAv7) and System Control Block registers */
#define MPU_TYPE (*(volatile uint32_t *)0xE000ED90u)
#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94u)
#define MPU_RNR (*(volatile uint32_t *)0xE000ED98u)
#define MPU_RBAR (*(volatile uint32_t *)0xE000ED9Cu)
#define MPU_RASR (*(volatile uint32_t *)0xE000EDA0u)
#define GUARD_REGION 0u

static void dsb_isb(void)
{
    __asm volatile("dsb\n\tisb" ::: "memory");
}

static void guard_off(void)
{
    MPU_RNR = GUARD_REGION;
    MPU_RASR = 0u;
    dsb_isb();
}

static void guard_on(uintptr_t base)
{
    MPU_CTRL = 0u;
    MPU_RNR = GUARD_REGION;
    MPU_RBAR = (uint32_t)base;
    /* XN, AP=000 (no access), SIZE=11 (2^12 = 4 KiB), ENABLE */
    MPU_RASR = (1u << 28) | (11u << 1) | 1u;
    MPU_CTRL = (1u << 2) | 1u; /* PRIVDEFENA | ENABLE */
    dsb_isb();
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    size_t n = (len + PAGE - 1u) & ~(size_t)(PAGE - 1u);
    void *p;
    (void)addr; (void)prot; (void)flags; (void)fd; (void)off;
    if (len == 0u || n > POOL - pool_used) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    p = pool + pool_used;
    pool_used += n;
    memset(p, 0, n);
    return p;
}

int mprotect(void *addr, size_t len, int prot)
{
    uintptr_t a = (uintptr_t)addr;
    if ((a & (PAGE - 1u)) != 0u || len != PAGE || (MPU_TYPE & 0xff00u) == 0u) {
        errno = EINVAL;
        return -1;
    }
    if (prot == PROT_NONE) {
        guard_on(a);
    } else {
        guard_off();
    }
    return 0;
}

int munmap(void *addr, size_t len)
{
    size_t n = (len + PAGE - 1u) & ~(size_t)(PAGE - 1u);
    guard_off();
    if ((uint8_t *)addr + n == pool + pool_used) {
        pool_used -= n;
    }
    return 0;
}

long sysconf(int name)
{
    if (name == _SC_PAGESIZE) {
        return (long)PAGE;
    }
    errno = EINVAL;
    return -1;
}

/* ---- mbedTLS platform hooks (bare-metal config) ------------------------ */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len,
                          size_t *olen);
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len,
                          size_t *olen)
{
    static uint32_t x = 0x2545F491u;
    size_t i;
    (void)data;
    for (i = 0; i < len; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        output[i] = (unsigned char)x;
    }
    *olen = len;
    return 0;
}

long long mbedtls_ms_time(void);
long long mbedtls_ms_time(void)
{
    return (long long)clock() * 1000 / CLOCKS_PER_SEC;
}
