/*
 * asc_port_lwip_common.h - private to the two lwIP flavours: what they share
 * (the 64-bit monotonic clock over sys_now(), forwarding to the app hooks).
 * Include only inside a flavour's own #if block, after lwip/sys.h.
 */
#ifndef ASC_PORT_LWIP_COMMON_H
#define ASC_PORT_LWIP_COMMON_H

#include "asc_port_lwip.h"

/* sys_now() is 32-bit milliseconds and wraps every ~49.7 days: extend it. */
static uint64_t lwip_mono_extend(uint32_t *last, uint32_t *high)
{
    uint32_t now = sys_now();
    if (now < *last) {
        (*high)++;
    }
    *last = now;
    return ((uint64_t)*high << 32) | now;
}

static int64_t lwip_hooks_utc(const asc_port_lwip_hooks *h)
{
    if (h->utc_now == NULL) {
        return -1;
    }
    return h->utc_now(h->app);
}

static asc_status lwip_hooks_random(const asc_port_lwip_hooks *h, uint8_t *buf,
                                    size_t len)
{
    if (h->random == NULL || (buf == NULL && len != 0)) {
        return ASC_E_PORT;
    }
    return h->random(h->app, buf, len) == ASC_OK ? ASC_OK : ASC_E_PORT;
}

#endif
