/*
 * entropy_semihost.c - TEST ONLY entropy source: reads the HOST's
 * /dev/urandom through semihosting (SYS_OPEN / SYS_READ). It exists so the
 * emulated board, which has no TRNG, can run real TLS in the tests. It is
 * NOT an entropy source for a device: anyone who can talk to the
 * debugger (or who controls the emulator's host) chooses these bytes, and
 * a device without a debugger attached faults on the first semihosting
 * call. A product links its TRNG driver as board_entropy_source instead.
 *
 * The semihosting command line may name another host file with
 * seed=PATH; the tests use a path that does not exist to show that the
 * firmware then refuses to start TLS.
 */
#include "entropy.h"

#include <string.h>

#include "semihost.h"

#define DEFAULT_SOURCE "/dev/urandom"

/* seed=PATH from the command line, else DEFAULT_SOURCE. */
static void source_path(char *path, size_t len)
{
    static char cmdline[1024]; /* as main.c's */
    const char *p;
    size_t n = 0;
    strncpy(path, DEFAULT_SOURCE, len - 1u);
    path[len - 1u] = '\0';
    if (semihost_cmdline(cmdline, sizeof cmdline) != 0) {
        return;
    }
    for (p = cmdline; (p = strstr(p, "seed=")) != NULL; p += 5) {
        if (p == cmdline || p[-1] == ' ') {
            p += 5;
            while (p[n] != '\0' && p[n] != ' ' && n < len - 1u) {
                n++;
            }
            memcpy(path, p, n);
            path[n] = '\0';
            return;
        }
    }
}

int board_entropy_source(uint8_t *buf, size_t len)
{
    char path[128];
    int h, ok;
    int32_t got;
    source_path(path, sizeof path);
    h = semihost_open_read(path);
    if (h < 0) {
        return -1;
    }
    got = semihost_read(h, buf, len);
    ok = got >= 0 && (size_t)got == len;
    semihost_close(h);
    return ok ? 0 : -1;
}
