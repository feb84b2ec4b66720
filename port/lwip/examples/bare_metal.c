/*
 * bare_metal.c - wiring the lwIP RAW flavour (NO_SYS=1, no RTOS, one main
 * loop). Compiled (not linked) by `make test-lwip` so this text stays true.
 * The board_* / ethernetif_* functions are yours (your MAC driver); lwIP
 * with NO_SYS=1 also needs sys_now() from you (a millisecond tick).
 */
#include <string.h>

#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "asc.h"
#include "asc_client.h"
#include "asc_port_lwip.h"
#include "asc_tls.h"

extern err_t ethernetif_init(struct netif *nif);     /* your driver's init */
extern void ethernetif_input_all(struct netif *nif); /* frames -> nif->input */
extern void board_wait_for_irq(uint32_t max_ms);     /* WFI, at most max_ms */
extern int board_trng_read(uint8_t *buf, size_t len);
extern const char ca_pem[];
extern const char access_key_id[], access_key_secret[];

static struct netif eth;

static asc_status app_random(void *app, uint8_t *buf, size_t len)
{
    (void)app;
    return board_trng_read(buf, len) == 0 ? ASC_OK : ASC_E_PORT;
}

/* Called by the port while a library call blocks: one turn of the main
 * loop. Feed received frames, run lwIP's timers; sleep until the next
 * interrupt, but never past max_wait_ms nor past lwIP's next timer. */
static void app_poll(void *app, uint32_t max_wait_ms)
{
    struct netif *nif = (struct netif *)app;
    uint32_t next = sys_timeouts_sleeptime();
    ethernetif_input_all(nif);
    sys_check_timeouts();
    board_wait_for_irq(next < max_wait_ms ? next : max_wait_ms);
}

static uint8_t tls_arena[ASC_TLS_ARENA_BYTES]; /* 24 KiB, make soak */
static uint8_t work[4096];
static asc_tls tls;
static asc_client client;
static asc_port_lwip_raw port_ctx;
static asc_port port;
static asc_result res;

int app_main(void)
{
    ip4_addr_t ip, mask, gw;
    asc_port_lwip_hooks hooks = {0};
    asc_client_config cfg;
    asc_status st;

    lwip_init();
    IP4_ADDR(&ip, 192, 168, 1, 50);
    IP4_ADDR(&mask, 255, 255, 255, 0);
    IP4_ADDR(&gw, 192, 168, 1, 1);
    netif_add(&eth, &ip, &mask, &gw, NULL, ethernetif_init, ethernet_input);
    netif_set_default(&eth);
    netif_set_up(&eth);
    /* + dns_setserver(0, &server) for host names (LWIP_DNS) */

    hooks.app = &eth;
    hooks.poll = app_poll;        /* required by the raw flavour */
    hooks.random = app_random;
    hooks.utc_now = NULL;         /* no RTC: time is learned from Date */
    asc_port_lwip_raw_init(&port, &port_ctx, &hooks);

    st = asc_tls_arena_init(tls_arena, sizeof tls_arena);
    if (st == ASC_OK) {
        st = asc_tls_init(&tls, &port, (const uint8_t *)ca_pem, strlen(ca_pem) + 1);
    }
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str(access_key_id);
    cfg.creds.access_key_secret = asc_span_from_str(access_key_secret);
    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    }
    if (st == ASC_OK) {
        /* Blocks, driving lwIP through app_poll, until the answer. */
        st = asc_delete_image(&client, asc_span_from_str("img-123"), &res);
    }
    asc_client_close(&client);
    return st == ASC_OK ? 0 : 1;
}
