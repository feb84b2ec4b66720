/*
 * sockets_task.c - wiring the lwIP SOCKETS flavour (NO_SYS=0, an RTOS).
 * Compiled (not linked) by `make test-lwip` so this text stays true.
 * The board_* functions are yours.
 */
#include <string.h>

#include "lwip/tcpip.h"

#include "asc.h"
#include "asc_client.h"
#include "asc_port_lwip.h"
#include "asc_tls.h"

extern int board_trng_read(uint8_t *buf, size_t len); /* 0 = ok */
extern int64_t board_rtc_utc(void);                    /* < 0: not set yet */
extern const char ca_pem[];                            /* NUL-terminated PEM */
extern const char access_key_id[], access_key_secret[];

static asc_status app_random(void *app, uint8_t *buf, size_t len)
{
    (void)app;
    return board_trng_read(buf, len) == 0 ? ASC_OK : ASC_E_PORT;
}

static int64_t app_utc(void *app)
{
    (void)app;
    return board_rtc_utc();
}

/* Everything static: no heap anywhere. */
static uint8_t tls_arena[ASC_TLS_ARENA_BYTES]; /* 24 KiB, make soak */
static uint8_t work[4096];
static asc_tls tls;
static asc_client client;
static asc_port_lwip_sock port_ctx;
static asc_port port;

/* Once, in an application task, after tcpip_init() and with the netif up. */
asc_status app_asc_setup(void)
{
    asc_port_lwip_hooks hooks = {0};
    asc_client_config cfg;
    asc_status st;

    hooks.random = app_random;
    hooks.utc_now = app_utc;      /* or NULL: time is learned from Date */
    asc_port_lwip_sock_init(&port, &port_ctx, &hooks);

    st = asc_tls_arena_init(tls_arena, sizeof tls_arena);
    if (st == ASC_OK) {
        st = asc_tls_init(&tls, &port, (const uint8_t *)ca_pem, strlen(ca_pem) + 1);
    }
    asc_client_config_defaults(&cfg); /* appstream-center.cn-shanghai.aliyuncs.com:443 */
    cfg.creds.access_key_id = asc_span_from_str(access_key_id);
    cfg.creds.access_key_secret = asc_span_from_str(access_key_secret);
    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    }
    return st;
}

/* Any time later, from the same task: blocks for at most cfg.deadline_ms. */
asc_status app_delete_image(const char *image_id, asc_result *res)
{
    return asc_delete_image(&client, asc_span_from_str(image_id), res);
}
