/*
 * main.c - the MPS2-AN386 firmware: one image that brings up the board's
 * LAN9118 Ethernet, runs lwIP (NO_SYS=1) through the asc library's raw
 * lwIP port, TLS with mbedTLS 3.6 in a static arena, and deletes App
 * Streaming images with the asc library (lean profile + clock sync).
 *
 * Boot: clock -> entropy (refuses to go on without a seed: exit 3) ->
 * lwIP + LAN9118 -> link up -> learn the time from the service's Date
 * (board_time.h) -> asc TLS and client -> the steps -> report -> exit.
 *
 * The test and benchmark scripts (tests/board/) drive it through the
 * semihosting command line (QEMU -append), key=value words:
 *   ip=A.B.C.D mask=A.B.C.D gw=A.B.C.D   the board's static address
 *   ca=FILE          TEST ONLY: trust anchors read from the host file FILE
 *                    (a product compiles its CA in)
 *   time=HOST:PORT   where the Date probe connects (the service)
 *   rx=irq|poll      receive by interrupt (default) or the polled fallback
 *   attempts=N connect=MS io=MS deadline=MS   client settings
 *   step=HOST:PORT,IMAGE,EXPECT,HANDSHAKE[,MAXMS]   a DeleteImage call;
 *        EXPECT ok | already_deleted | code:CODE | transport,
 *        HANDSHAKE full | resumed | reused | any; MAXMS bounds its time
 *   step=close       close the connection (the TLS session is kept)
 *   step=pause:MS    keep the network serviced for MS ms, no call (the test
 *                    pings the board and stops an emulator meanwhile)
 *   step=link:up|down:MS   service the network until lwIP's link state is
 *                    up / down (the PHY, through the driver), at most MS ms
 * Prints one line per step and a summary; exits 0 when every step met its
 * expectation, 1 otherwise, 3 without entropy, 4 when setup failed.
 */
#include <stdint.h>
#include <string.h>

#include "asc.h"
#include "asc_client.h"
#include "asc_port_lwip.h"
#include "asc_tls.h"
#include "board.h"
#include "board_time.h"
#include "entropy.h"
#include "lan9118_netif.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "mbedtls/platform_time.h"
#include "netif/ethernet.h"
#include "semihost.h"

#ifndef BOARD_BUILD_UTC
#error "BOARD_BUILD_UTC (the build time, UTC seconds) is set by mk/board.mk"
#endif

#define MAX_STEPS 16u
#define EXIT_STEPS_FAILED 1
#define EXIT_NO_ENTROPY 3
#define EXIT_SETUP 4

/* ---- memory the library, TLS and lwIP use (all static) ------------------- */
static uint8_t work[4096];
static uint8_t arena[ASC_TLS_ARENA_BYTES] __attribute__((aligned(8))); /* make soak */
static asc_tls tls;
static asc_client client;
static asc_result res;
static asc_port port;
static asc_port_lwip_raw port_ctx;
static struct netif nif;
static lan9118_netif_config nic_cfg;
static char cmdline[1024];
static char ca_pem[8192];

/* ---- what lwIP, mbedTLS and the NIC need from the board ------------------- */
u32_t sys_now(void)
{
    return (u32_t)board_ms();
}

mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)board_ms();
}

void ETH_IRQHandler(void);
void ETH_IRQHandler(void)
{
    lan9118_isr(&nic_cfg.chip);
}

/* The asc raw port's poll hook: one turn of the main loop. */
static void app_poll(void *app, uint32_t max_wait_ms)
{
    struct netif *n = (struct netif *)app;
    uint32_t next;
    (void)lan9118_netif_poll(n);
    sys_check_timeouts();
    next = sys_timeouts_sleeptime();
    if (next < max_wait_ms) {
        max_wait_ms = next;
    }
    if (max_wait_ms > 0u) {
        board_sleep(board_ms() + max_wait_ms, lan9118_netif_has_work, n);
    }
}

/* ---- command line ------------------------------------------------------------ */

typedef enum expect_kind { EXPECT_OK, EXPECT_ALREADY_DELETED, EXPECT_CODE, EXPECT_TRANSPORT } expect_kind;
/* HS_NONE: no handshake and no connection reused (the call failed first). */
typedef enum hs_kind { HS_ANY, HS_FULL, HS_RESUMED, HS_REUSED, HS_NONE } hs_kind;

typedef struct step {
    int close_only;
    uint32_t pause_ms;    /* step=pause:MS (close_only 0, host NULL) */
    uint32_t link_ms;     /* step=link:up|down:MS: wait for that link state */
    int link_up;
    const char *host;
    uint16_t port;
    const char *image;
    expect_kind expect;
    const char *code;     /* EXPECT_CODE */
    hs_kind handshake;
    uint32_t max_ms;      /* 0: no bound */
} step;

typedef struct settings {
    ip4_addr_t ip, mask, gw;
    const char *ca_file;
    const char *time_host;
    uint16_t time_port;
    int use_irq;
    uint32_t attempts, connect_ms, io_ms, deadline_ms;
    step steps[MAX_STEPS];
    uint32_t n_steps;
} settings;

static uint32_t parse_u32(const char *s)
{
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9') {
        v = v * 10u + (uint32_t)(*s++ - '0');
    }
    return v;
}

/* Cut s at the first c; returns what follows (NULL if no c). */
static char *cut(char *s, char c)
{
    char *p = s != NULL ? strchr(s, c) : NULL;
    if (p != NULL) {
        *p++ = '\0';
    }
    return p;
}

static int parse_endpoint(char *s, const char **host, uint16_t *port_no)
{
    char *p = cut(s, ':');
    uint32_t v = p != NULL ? parse_u32(p) : 0u;
    if (p == NULL || v == 0u || v > 65535u) {
        return -1;
    }
    *host = s;
    *port_no = (uint16_t)v;
    return 0;
}

static int parse_step(char *s, step *st)
{
    char *image, *expect, *hs, *maxms;
    memset(st, 0, sizeof *st);
    if (strcmp(s, "close") == 0) {
        st->close_only = 1;
        return 0;
    }
    if (strncmp(s, "link:up:", 8) == 0 || strncmp(s, "link:down:", 10) == 0) {
        st->link_up = s[5] == 'u';
        st->link_ms = parse_u32(s + (st->link_up ? 8 : 10));
        return st->link_ms > 0u ? 0 : -1;
    }
    if (strncmp(s, "pause:", 6) == 0) {
        st->pause_ms = parse_u32(s + 6);
        return st->pause_ms > 0u ? 0 : -1;
    }
    image = cut(s, ',');
    expect = cut(image, ',');
    hs = cut(expect, ',');
    maxms = cut(hs, ',');
    if (hs == NULL || parse_endpoint(s, &st->host, &st->port) != 0) {
        return -1;
    }
    st->image = image;
    if (strcmp(expect, "ok") == 0) {
        st->expect = EXPECT_OK;
    } else if (strcmp(expect, "already_deleted") == 0) {
        st->expect = EXPECT_ALREADY_DELETED;
    } else if (strcmp(expect, "transport") == 0) {
        st->expect = EXPECT_TRANSPORT;
    } else if (strncmp(expect, "code:", 5) == 0) {
        st->expect = EXPECT_CODE;
        st->code = expect + 5;
    } else {
        return -1;
    }
    if (strcmp(hs, "full") == 0) {
        st->handshake = HS_FULL;
    } else if (strcmp(hs, "resumed") == 0) {
        st->handshake = HS_RESUMED;
    } else if (strcmp(hs, "reused") == 0) {
        st->handshake = HS_REUSED;
    } else if (strcmp(hs, "any") == 0) {
        st->handshake = HS_ANY;
    } else {
        return -1;
    }
    st->max_ms = maxms != NULL ? parse_u32(maxms) : 0u;
    return 0;
}

static int parse_settings(char *line, settings *s, const char **bad)
{
    char *w, *next;
    memset(s, 0, sizeof *s);
    s->use_irq = 1;
    s->attempts = 3;
    s->connect_ms = 3000;
    s->io_ms = 3000;
    s->deadline_ms = 10000;
    IP4_ADDR(&s->mask, 255, 255, 255, 0);
    /* the first word is the image's file name */
    for (w = cut(line, ' '); w != NULL; w = next) {
        char *v;
        next = cut(w, ' ');
        *bad = w;
        v = cut(w, '=');
        if (v == NULL) {
            continue;
        }
        if (strcmp(w, "ip") == 0) {
            if (!ip4addr_aton(v, &s->ip)) {
                return -1;
            }
        } else if (strcmp(w, "mask") == 0) {
            if (!ip4addr_aton(v, &s->mask)) {
                return -1;
            }
        } else if (strcmp(w, "gw") == 0) {
            if (!ip4addr_aton(v, &s->gw)) {
                return -1;
            }
        } else if (strcmp(w, "ca") == 0) {
            s->ca_file = v;
        } else if (strcmp(w, "time") == 0) {
            if (parse_endpoint(v, &s->time_host, &s->time_port) != 0) {
                return -1;
            }
        } else if (strcmp(w, "rx") == 0) {
            s->use_irq = strcmp(v, "poll") != 0;
        } else if (strcmp(w, "attempts") == 0) {
            s->attempts = parse_u32(v);
        } else if (strcmp(w, "connect") == 0) {
            s->connect_ms = parse_u32(v);
        } else if (strcmp(w, "io") == 0) {
            s->io_ms = parse_u32(v);
        } else if (strcmp(w, "deadline") == 0) {
            s->deadline_ms = parse_u32(v);
        } else if (strcmp(w, "step") == 0) {
            if (s->n_steps == MAX_STEPS || parse_step(v, &s->steps[s->n_steps]) != 0) {
                return -1;
            }
            s->n_steps++;
        }
        /* other words (seed=, for the test entropy source) are not ours */
    }
    *bad = "ca=, time=, ip= and attempts=1..255 are required";
    return s->ca_file != NULL && s->time_host != NULL && !ip4_addr_isany_val(s->ip) &&
                   s->attempts >= 1u && s->attempts <= 255u
               ? 0 : -1;
}

/* TEST ONLY: the test server's CA, from the host. */
static size_t read_ca(const char *path)
{
    int h = semihost_open_read(path);
    int32_t n;
    if (h < 0) {
        return 0;
    }
    n = semihost_read(h, (uint8_t *)ca_pem, sizeof ca_pem - 1u);
    semihost_close(h);
    if (n <= 0) {
        return 0;
    }
    ca_pem[n] = '\0';
    return (size_t)n + 1u; /* with the NUL: PEM for mbedTLS */
}

/* ---- reporting ------------------------------------------------------------------ */

static const char *const status_names[] = {
    "ASC_OK", "ASC_E_INVALID_ARG", "ASC_E_INVALID_HEADER_VALUE",
    "ASC_E_BUFFER_TOO_SMALL", "ASC_E_CRYPTO", "ASC_E_PORT", "ASC_E_DNS",
    "ASC_E_CONNECT", "ASC_E_IO", "ASC_E_TIMEOUT", "ASC_E_CLOSED",
    "ASC_E_TLS", "ASC_E_TLS_CERT", "ASC_E_HTTP_MALFORMED",
    "ASC_E_HTTP_HEADERS_TOO_LARGE", "ASC_E_RESPONSE_TOO_LARGE",
    "ASC_E_JSON", "ASC_E_SERVICE", "ASC_E_DEADLINE", "ASC_E_NEED_MORE",
    "ASC_E_DUPLICATE_PARAM", "ASC_E_FRONT_END", "ASC_E_NOT_DELETED",
    "ASC_E_PROXY_AUTH", "ASC_E_PROXY_REFUSED", "ASC_E_PROXY_MALFORMED",
    "ASC_E_CREDENTIALS"
};
typedef char status_names_cover_the_enum
    [(sizeof status_names / sizeof status_names[0] == (size_t)ASC_STATUS_COUNT_) ? 1 : -1];

static const char *status_name(asc_status st)
{
    unsigned i = (unsigned)st;
    return i < sizeof status_names / sizeof status_names[0] ? status_names[i] : "ASC_E_?";
}

static int is_transport(asc_status st)
{
    return st == ASC_E_DNS || st == ASC_E_CONNECT || st == ASC_E_IO || st == ASC_E_TIMEOUT ||
           st == ASC_E_CLOSED || st == ASC_E_DEADLINE;
}

static const char *const hs_names[] = { "any", "full", "resumed", "reused", "none" };
typedef char hs_names_cover_the_enum[(sizeof hs_names / sizeof hs_names[0] == (size_t)HS_NONE + 1u) ? 1 : -1];

/* ---- one step ------------------------------------------------------------------- */

static int configure_client(const settings *s, const step *st)
{
    asc_client_config cfg;
    asc_client_close(&client);
    asc_client_config_defaults(&cfg);
    cfg.host = st->host;
    cfg.port = st->port;
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.connect_timeout_ms = s->connect_ms;
    cfg.io_timeout_ms = s->io_ms;
    cfg.deadline_ms = s->deadline_ms;
    cfg.max_attempts = (uint8_t)s->attempts;
    cfg.backoff_base_ms = 50u;
    cfg.backoff_max_ms = 200u;
    return asc_client_init(&client, &cfg, &port, &tls, work, sizeof work) == ASC_OK ? 0 : -1;
}

/* step=link:up|down:MS - service the network until lwIP's link state (the
 * PHY's, through the driver) is the one asked for, at most MS ms. */
static int run_link_step(uint32_t index, const step *st)
{
    uint64_t t0 = board_ms(), until = t0 + st->link_ms;
    int ok;
    while ((netif_is_link_up(&nif) ? 1 : 0) != st->link_up && board_ms() < until) {
        app_poll(&nif, 10u);
    }
    ok = (netif_is_link_up(&nif) ? 1 : 0) == st->link_up;
    console_text("step ");
    console_dec(index);
    console_text(ok ? ": ok link " : ": FAIL link ");
    console_text(netif_is_link_up(&nif) ? "up" : "down");
    console_text(" after ms=");
    console_dec(board_ms() - t0);
    console_end();
    return ok;
}

/* step=pause:MS - keep the network serviced, no call. */
static int run_pause_step(uint32_t index, const step *st)
{
    uint64_t until = board_ms() + st->pause_ms;
    while (board_ms() < until) {
        app_poll(&nif, (uint32_t)(until - board_ms()));
    }
    console_text("step ");
    console_dec(index);
    console_text(": ok pause ");
    console_dec(st->pause_ms);
    console_end();
    return 1;
}

static int run_step(const settings *s, uint32_t index, const step *st,
                    const char **cur_host, uint16_t *cur_port)
{
    uint32_t handshakes_before = tls.handshakes, sleeps0, sleeps1;
    uint64_t t0, t1, busy0, busy1;
    hs_kind seen;
    asc_status status;
    int ok;

    if (st->close_only) {
        asc_client_close(&client);
        console_text("step ");
        console_dec(index);
        console_text(": ok close");
        console_end();
        return 1;
    }
    if (st->link_ms > 0u) {
        return run_link_step(index, st);
    }
    if (st->pause_ms > 0u) {
        return run_pause_step(index, st);
    }
    if (*cur_host == NULL || strcmp(*cur_host, st->host) != 0 || *cur_port != st->port) {
        if (configure_client(s, st) != 0) {
            console_text("step: client setup failed");
            console_end();
            return 0;
        }
        *cur_host = st->host;
        *cur_port = st->port;
    }
    board_busy_ticks(&busy0, &sleeps0);
    t0 = board_ms();
    status = asc_delete_image(&client, asc_span_from_str(st->image), &res);
    t1 = board_ms();
    board_busy_ticks(&busy1, &sleeps1);

    if (tls.handshakes == handshakes_before) {
        seen = status == ASC_OK || status == ASC_E_SERVICE ? HS_REUSED : HS_NONE;
    } else {
        seen = asc_tls_resumed(&tls) ? HS_RESUMED : HS_FULL;
    }
    switch (st->expect) {
    case EXPECT_OK:
        ok = status == ASC_OK && !res.already_deleted;
        break;
    case EXPECT_ALREADY_DELETED:
        ok = status == ASC_OK && res.already_deleted;
        break;
    case EXPECT_CODE:
        ok = status == ASC_E_SERVICE && strcmp(res.code, st->code) == 0;
        break;
    default:
        ok = is_transport(status);
        break;
    }
    if (st->handshake != HS_ANY && st->handshake != seen) {
        ok = 0;
    }
    if (st->max_ms != 0u && t1 - t0 > st->max_ms) {
        ok = 0;
    }
    console_text("step ");
    console_dec(index);
    console_text(ok ? ": ok " : ": FAIL ");
    console_text(st->host);
    console_text(":");
    console_dec(st->port);
    console_text(" DeleteImage ");
    console_text(st->image);
    console_text(" status=");
    console_text(status_name(status));
    console_text(" code=");
    console_text(res.code);
    console_text(" already_deleted=");
    console_dec(res.already_deleted ? 1u : 0u);
    console_text(" handshake=");
    console_text(hs_names[seen]);
    console_text(" attempts=");
    console_dec(client.attempts);
    console_text(" ms=");
    console_dec(t1 - t0);
    /* Under qemu -icount shift=0: busy ticks x 40 = instructions (board.h). */
    console_text(" insns=");
    console_dec((busy1 - busy0) * 40u);
    console_text(" sleeps=");
    console_dec(sleeps1 - sleeps0);
    console_end();
    return ok;
}

/* ---- boot ----------------------------------------------------------------------- */

static int fail_setup(const char *what, const char *detail)
{
    console_text("setup: ");
    console_text(what);
    console_text(detail != NULL ? ": " : "");
    console_text(detail);
    console_end();
    return EXIT_SETUP;
}

static int bring_up_network(const settings *s)
{
    uint64_t until;
    nic_cfg.base = BOARD_LAN9118_BASE;
    nic_cfg.mac = NULL; /* the chip's EEPROM (QEMU: -nic ...,mac=) */
    nic_cfg.use_irq = s->use_irq;
    lwip_init();
    if (netif_add(&nif, &s->ip, &s->mask, &s->gw, &nic_cfg, lan9118_netif_init,
                  ethernet_input) == NULL) {
        console_text("setup: LAN9118 init error ");
        console_dec((uint32_t)nic_cfg.init_error);
        console_end();
        return -1;
    }
    netif_set_default(&nif);
    netif_set_up(&nif);
    if (s->use_irq) {
        board_irq_enable(BOARD_LAN9118_IRQ);
    }
    until = board_ms() + 3000u;
    while (!netif_is_link_up(&nif) && board_ms() < until) {
        app_poll(&nif, 10u);
    }
    console_text("net: LAN9118 id ");
    console_hex(nic_cfg.chip.chip_id);
    console_text(" mac ");
    console_hex((uint32_t)nif.hwaddr[0] << 24 | (uint32_t)nif.hwaddr[1] << 16 |
                (uint32_t)nif.hwaddr[2] << 8 | nif.hwaddr[3]);
    console_text(" link ");
    console_text(netif_is_link_up(&nif) ? "up" : "down");
    console_text(s->use_irq ? " rx irq" : " rx polled");
    console_end();
    return netif_is_link_up(&nif) ? 0 : -1;
}

int main(void)
{
    static settings s;
    const char *bad_word = NULL;
    asc_port_lwip_hooks hooks;
    const char *cur_host = NULL;
    uint16_t cur_port = 0;
    size_t ca_len, peak = 0, probe_peak = 0;
    uint32_t i, passed = 0, failed = 0;
    asc_status st;

    board_clock_init();
    board_time_init((int64_t)BOARD_BUILD_UTC);
    if (semihost_cmdline(cmdline, sizeof cmdline) != 0) {
        return fail_setup("no semihosting command line", NULL);
    }
    if (parse_settings(cmdline, &s, &bad_word) != 0) {
        return fail_setup("command line (see boards/mps2-an386/main.c) at", bad_word);
    }
    /* No seed, no TLS: nothing below runs without it. */
    if (board_entropy_init() != 0) {
        console_text("entropy: no seed from board_entropy_source: TLS refused");
        console_end();
        return EXIT_NO_ENTROPY;
    }
    ca_len = read_ca(s.ca_file);
    if (ca_len == 0u) {
        return fail_setup("cannot read the CA file", s.ca_file);
    }
    if (bring_up_network(&s) != 0) {
        return fail_setup("network", "no link");
    }
    memset(&hooks, 0, sizeof hooks);
    hooks.app = &nif;
    hooks.poll = app_poll;
    hooks.random = board_random;
    hooks.utc_now = board_utc_now;
    asc_port_lwip_raw_init(&port, &port_ctx, &hooks);

    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        return fail_setup("TLS arena", NULL);
    }
    st = board_time_probe(&port, s.time_host, s.time_port, (const uint8_t *)ca_pem, ca_len,
                          s.connect_ms + s.io_ms, work, sizeof work);
    if (asc_tls_arena_peak(&probe_peak, NULL) != ASC_OK) {
        probe_peak = 0; /* (MBEDTLS_MEMORY_DEBUG is on in our config) */
    }
    console_text("time: ");
    console_text(st == ASC_OK ? "learned from the Date of " : "probe failed at ");
    console_text(s.time_host);
    console_text(" status=");
    console_text(status_name(st));
    console_text(" utc=");
    console_sdec(board_utc_now(NULL));
    console_end();
    if (st != ASC_OK) {
        return fail_setup("time", status_name(st));
    }
    st = asc_tls_init(&tls, &port, (const uint8_t *)ca_pem, ca_len);
    if (st != ASC_OK) {
        return fail_setup("asc_tls_init", status_name(st));
    }
    asc_tls_arena_reset_peak();

    for (i = 0; i < s.n_steps; i++) {
        if (run_step(&s, i + 1u, &s.steps[i], &cur_host, &cur_port)) {
            passed++;
        } else {
            failed++;
        }
    }
    if (asc_tls_arena_peak(&peak, NULL) != ASC_OK) {
        peak = 0;
    }
    asc_client_close(&client);
    asc_tls_free(&tls);

    console_text("board: stack_high_water=");
    console_dec(board_stack_high_water());
    console_text(" stack_size=");
    console_dec(board_stack_size());
    console_text(" arena_peak=");
    console_dec(peak);
    console_text(" probe_arena_peak=");
    console_dec(probe_peak);
    console_text(" arena_size=");
    console_dec(sizeof arena);
    console_end();
    console_text("board: irqs=");
    console_dec(nic_cfg.chip.irqs);
    console_text(" rx_frames=");
    console_dec(nic_cfg.chip.rx_frames);
    console_text(" rx_dropped=");
    console_dec(nic_cfg.chip.rx_dropped);
    console_text(" tx_frames=");
    console_dec(nic_cfg.chip.tx_frames);
    console_text(" tx_dropped=");
    console_dec(nic_cfg.chip.tx_dropped);
    console_end();
    console_text("steps: ");
    console_dec(passed);
    console_text(" passed, ");
    console_dec(failed);
    console_text(" failed");
    console_end();
    return failed == 0u ? 0 : EXIT_STEPS_FAILED;
}
