/*
 * semihost.c - the semihosting calls the board uses (ARM "Semihosting for
 * AArch32 and AArch64", version 2: operation number in r0, argument or
 * argument block address in r1, result in r0; on M-profile the trap is
 * `bkpt 0xAB`).
 */
#include "semihost.h"

#include <string.h>

/* Operation numbers (ARM semihosting specification). */
#define SYS_OPEN          0x01u
#define SYS_CLOSE         0x02u
#define SYS_WRITE0        0x04u
#define SYS_READ          0x06u
#define SYS_GET_CMDLINE   0x15u
#define SYS_EXIT_EXTENDED 0x20u
/* SYS_EXIT reason "application exited normally"; with SYS_EXIT_EXTENDED
 * the second word is the exit status. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
/* SYS_OPEN mode 1 = "rb" (fopen mode table of the specification). */
#define OPEN_MODE_READ_BINARY 1u

static uint32_t semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semihost_write(const char *s)
{
    (void)semihost_call(SYS_WRITE0, s);
}

int semihost_cmdline(char *buf, size_t len)
{
    uint32_t block[2];
    if (buf == NULL || len < 2u) {
        return -1;
    }
    block[0] = (uint32_t)(uintptr_t)buf;
    block[1] = (uint32_t)(len - 1u); /* in: size, out: length written */
    if (semihost_call(SYS_GET_CMDLINE, block) != 0u) {
        return -1;
    }
    buf[block[1] < len ? block[1] : len - 1u] = '\0';
    return 0;
}

int semihost_open_read(const char *path)
{
    uint32_t block[3];
    uint32_t h;
    block[0] = (uint32_t)(uintptr_t)path;
    block[1] = OPEN_MODE_READ_BINARY;
    block[2] = (uint32_t)strlen(path);
    h = semihost_call(SYS_OPEN, block);
    return h == 0xFFFFFFFFu || h > 0x7FFFFFFFu ? -1 : (int)h;
}

int32_t semihost_read(int handle, uint8_t *buf, size_t len)
{
    uint32_t block[3];
    uint32_t not_read;
    if (handle < 0 || len > 0x7FFFFFFFu) {
        return -1;
    }
    block[0] = (uint32_t)handle;
    block[1] = (uint32_t)(uintptr_t)buf;
    block[2] = (uint32_t)len;
    /* SYS_READ answers the number of bytes NOT read. */
    not_read = semihost_call(SYS_READ, block);
    if (not_read > len) {
        return -1;
    }
    return (int32_t)(len - not_read);
}

void semihost_close(int handle)
{
    uint32_t block[1];
    if (handle >= 0) {
        block[0] = (uint32_t)handle;
        (void)semihost_call(SYS_CLOSE, block);
    }
}

void semihost_exit(uint32_t code)
{
    uint32_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = code;
    for (;;) {
        (void)semihost_call(SYS_EXIT_EXTENDED, block);
    }
}

/* ---- console ------------------------------------------------------------ */

static char line[192];
static size_t line_len;

static void console_put(char c)
{
    if (line_len < sizeof line - 2u) { /* room for '\n' and NUL */
        line[line_len++] = c;
    }
}

void console_text(const char *s)
{
    while (s != NULL && *s != '\0') {
        console_put(*s++);
    }
}

void console_dec(uint64_t v)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0u) {
        console_put(digits[--n]);
    }
}

void console_sdec(int64_t v)
{
    if (v < 0) {
        console_put('-');
        console_dec((uint64_t)0 - (uint64_t)v);
    } else {
        console_dec((uint64_t)v);
    }
}

void console_hex(uint32_t v)
{
    static const char hex[] = "0123456789abcdef";
    int shift;
    console_text("0x");
    for (shift = 28; shift >= 0; shift -= 4) {
        console_put(hex[(v >> (unsigned)shift) & 0xFu]);
    }
}

void console_end(void)
{
    line[line_len++] = '\n';
    line[line_len] = '\0';
    semihost_write(line);
    line_len = 0;
}
