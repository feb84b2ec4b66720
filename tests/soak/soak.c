/*
 * tests/soak/soak.c - a long-running device, as `make soak` and make test
 * run it (tests/soak/run_soak.sh starts the emulators).
 *
 *   soak CA_FILE ARENA_BYTES WORK_BYTES CALLS PORT...
 *
 * One process, one asc_tls, one asc_client, one static arena of
 * ARENA_BYTES and one work buffer of WORK_BYTES (0: the documented sizes,
 * ASC_TLS_ARENA_BYTES of asc_tls.h and SOAK_DOC_WORK_BYTES, the 4 KiB of
 * the README and the firmware), for CALLS calls against the emulators on PORT... (all
 * localhost, one CA; run_soak.sh gives TLS 1.3 with two tickets, TLS 1.3
 * with one, TLS 1.2). Every 40 calls the device moves to the next server:
 * the TLS context and the client are re-initialised (a session of one
 * server is not offered to another; a TLS 1.3 ticket offered to a TLS 1.2
 * server ends in an alert), and that call is a "full" one. Each call is drawn (fixed-seed generator) from:
 *   resumed    close the connection, DeleteImage (resumes the session)
 *   keepalive  DeleteImage on the connection the last call left open
 *   full       free and re-initialise the TLS context and the client, then
 *              DeleteImage (full handshake)
 *   unavailable, throttle  ServiceUnavailable / Throttling.User (the
 *              emulator's action-keyed faults): retried, max_attempts
 *   badparam   InvalidParameter, not retried: one attempt
 *   drop       the server closes without answering: retried, max_attempts
 *   cutoff     HTTP/1.0 answer delimited by the server closing without
 *              close_notify: truncation (ASC_E_IO), retried, max_attempts
 *   srvclose   the server closes the idle keep-alive connection (the soak
 *              waits past run_soak.sh's --idle-timeout), then DeleteImage:
 *              ok, after one attempt or the immediate stale-connection
 *              retry
 * Each kind has an expected status and attempt count (fresh connection for
 * the fault kinds, so a stale keep-alive retry never muddles the count);
 * an attempt beyond it, or another status, is a failed attempt (this is
 * where MBEDTLS_ERR_SSL_ALLOC_FAILED showed: a silent extra full
 * handshake). Prints
 *   soak: N calls, F failed attempts, arena A bytes, arena high-water H bytes
 *   soak: high-water first quarter Q1 bytes, last quarter Q4 bytes
 * and exits 1 when F > 0 or Q4 > Q1 (a high-water still rising).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"

#define SOAK_MAX_ARENA (64u * 1024u)
#define SOAK_MAX_WORK (16u * 1024u)
#define SOAK_MAX_PORTS 4
#define SOAK_CALLS_PER_PORT 40u
#define SOAK_DOC_WORK_BYTES 4096u
#define SOAK_IDLE_WAIT_MS 1300u /* run_soak.sh: --idle-timeout 1 */

static void soak_sleep_ms(unsigned ms)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    (void)nanosleep(&ts, NULL);
}

static uint8_t arena[SOAK_MAX_ARENA] __attribute__((aligned(8)));
static uint8_t work[SOAK_MAX_WORK];
static uint8_t ca[64 * 1024];
static size_t ca_len;
static asc_tls tls;
static asc_client client;
static asc_client_config cfg;
static asc_result res;
static asc_port port;
static asc_port_posix posix;

enum kind { K_RESUMED, K_KEEPALIVE, K_FULL, K_SRVCLOSE, K_UNAVAILABLE, K_THROTTLE,
            K_BADPARAM, K_DROP, K_CUTOFF, K_COUNT };
static const char *const kind_name[K_COUNT] = {
    "resumed", "keepalive", "full", "srvclose", "unavailable", "throttle", "badparam", "drop",
    "cutoff"};
/* Out of 100 draws. */
static const unsigned kind_weight[K_COUNT] = {41, 25, 8, 2, 6, 6, 4, 4, 4};
/* The emulator arms these faults by action (run_soak.sh). */
static const char *const kind_action[K_COUNT] = {
    "DeleteImage", "DeleteImage", "DeleteImage", "DeleteImage", "SoakUnavailable",
    "SoakThrottle", "SoakBadParam", "SoakDrop", "SoakCutoff"};
typedef char kind_tables_match[(sizeof kind_name / sizeof kind_name[0] == K_COUNT &&
                                sizeof kind_weight / sizeof kind_weight[0] == K_COUNT &&
                                sizeof kind_action / sizeof kind_action[0] == K_COUNT)
                                   ? 1
                                   : -1];

static uint32_t rng_state = 0x50a4c0deu;
static uint32_t rng_next(void) /* xorshift32: the same schedule every run */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static enum kind draw_kind(void)
{
    unsigned r = rng_next() % 100u, k;
    for (k = 0; k < K_COUNT; k++) {
        if (r < kind_weight[k]) {
            return (enum kind)k;
        }
        r -= kind_weight[k];
    }
    return K_RESUMED;
}

static asc_status context_init(uint16_t server_port, size_t work_len)
{
    asc_status st;
    cfg.port = server_port;
    st = asc_tls_init(&tls, &port, ca, ca_len);
    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, work_len);
    }
    return st;
}

/* Expected status and attempts of one call of kind k. */
static asc_status expected_status(enum kind k)
{
    return k <= K_SRVCLOSE ? ASC_OK : (k == K_DROP || k == K_CUTOFF) ? ASC_E_IO : ASC_E_SERVICE;
}
static unsigned expected_attempts(enum kind k)
{
    return (k == K_UNAVAILABLE || k == K_THROTTLE || k == K_DROP || k == K_CUTOFF)
               ? cfg.max_attempts
               : 1u;
}

int main(int argc, char **argv)
{
    size_t arena_len, work_len, peak = 0, cur = 0, hw_all = 0, q_hw[4] = {0, 0, 0, 0};
    unsigned long calls, i, failed = 0, n_kind[K_COUNT] = {0}, n_att[K_COUNT] = {0};
    uint16_t ports[SOAK_MAX_PORTS];
    unsigned n_ports, p, next_image = 1;
    FILE *f;
    asc_status st;

    if (argc < 6 || argc > 5 + SOAK_MAX_PORTS) {
        fprintf(stderr, "usage: soak CA_FILE ARENA_BYTES WORK_BYTES CALLS PORT...\n");
        return 2;
    }
    arena_len = (size_t)strtoul(argv[2], NULL, 10);
    work_len = (size_t)strtoul(argv[3], NULL, 10);
    calls = strtoul(argv[4], NULL, 10);
    if (arena_len == 0) {
        arena_len = ASC_TLS_ARENA_BYTES;
    }
    if (work_len == 0) {
        work_len = SOAK_DOC_WORK_BYTES;
    }
    n_ports = (unsigned)(argc - 5);
    for (p = 0; p < n_ports; p++) {
        ports[p] = (uint16_t)strtoul(argv[5 + p], NULL, 10);
    }
    if (arena_len > sizeof arena || work_len > sizeof work || calls < 4) {
        fprintf(stderr, "soak: arena <= %zu, work <= %zu, calls >= 4\n", sizeof arena,
                sizeof work);
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    ca_len = fread(ca, 1, sizeof ca - 1u, f);
    fclose(f);
    ca[ca_len++] = 0;

    asc_port_posix_init(&port, &posix);
    if (asc_tls_arena_init(arena, arena_len) != ASC_OK) {
        fprintf(stderr, "soak: no arena (needs the MBEDTLS=36 build)\n");
        return 1;
    }
    asc_client_config_defaults(&cfg);
    cfg.host = "localhost";
    cfg.max_attempts = 2;
    cfg.backoff_base_ms = 1;
    cfg.backoff_max_ms = 5;
    cfg.creds.access_key_id = asc_span_from_str("soak-key-id");
    cfg.creds.access_key_secret = asc_span_from_str("soak-key-secret");
    st = context_init(ports[0], work_len);
    if (st != ASC_OK) {
        fprintf(stderr, "soak: set-up: %s\n", asc_status_str(st));
        return 1;
    }
    for (i = 0; i < calls; i++) {
        enum kind k = draw_kind();
        asc_param prm;
        asc_rpc_request rq;
        unsigned want_attempts;

        if (i > 0 && i % SOAK_CALLS_PER_PORT == 0) { /* next server */
            cfg.port = ports[(i / SOAK_CALLS_PER_PORT) % n_ports];
            k = K_FULL;
        }
        if (k == K_FULL) {
            asc_client_close(&client);
            asc_tls_free(&tls);
            if (context_init(cfg.port, work_len) != ASC_OK) {
                fprintf(stderr, "soak: call %lu: context init failed\n", i + 1);
                failed++;
                continue;
            }
        } else if (k == K_SRVCLOSE) {
            soak_sleep_ms(SOAK_IDLE_WAIT_MS); /* the server closes the idle connection */
        } else if (k != K_KEEPALIVE) {
            asc_client_close(&client); /* a new connection: resumption */
        }
        n_kind[k]++;
        want_attempts = expected_attempts(k);
        if (k <= K_SRVCLOSE) {
            char image[32];
            (void)snprintf(image, sizeof image, "img-soak-%05u", next_image++);
            st = asc_delete_image(&client, asc_span_from_str(image), &res);
        } else {
            prm.name = asc_span_from_str("ImageId");
            prm.value = asc_span_from_str("img-soak-none");
            rq.action = asc_span_from_str(kind_action[k]);
            rq.version = asc_span_from_str(ASC_API_VERSION);
            rq.method = ASC_METHOD_POST;
            rq.params_in = ASC_PARAMS_IN_BODY;
            rq.params = &prm;
            rq.n_params = 1;
            st = asc_call(&client, &rq, &res);
        }
        n_att[k] += client.attempts;
        if (k == K_SRVCLOSE && st == ASC_OK && client.attempts == 2u) {
            want_attempts = 2u; /* the stale-connection retry: by design */
        }
        if (st != expected_status(k) || client.attempts != want_attempts) {
            unsigned extra = client.attempts > want_attempts ? client.attempts - want_attempts : 1u;
            fprintf(stderr,
                    "soak: call %lu (%s, port %u): %s after %u attempts (expected %s after %u;"
                    " last mbedTLS -0x%04x)\n",
                    i + 1, kind_name[k], (unsigned)cfg.port, asc_status_str(st),
                    (unsigned)client.attempts, asc_status_str(expected_status(k)), want_attempts,
                    (unsigned)-tls.last_ret);
            failed += extra;
        }
        if (asc_tls_arena_peak(&peak, &cur) != ASC_OK) {
            fprintf(stderr, "soak: no arena statistics (MBEDTLS_MEMORY_DEBUG off)\n");
            return 1;
        }
        asc_tls_arena_reset_peak();
        if (peak > q_hw[(i * 4u) / calls]) {
            q_hw[(i * 4u) / calls] = peak;
        }
        if (peak > hw_all) {
            hw_all = peak;
        }
    }
    asc_client_close(&client);
    asc_tls_free(&tls);
    for (p = 0; p < K_COUNT; p++) {
        printf("soak: %-11s %lu calls, %lu attempts\n", kind_name[p], n_kind[p], n_att[p]);
    }
    printf("soak: high-water first quarter %zu bytes, last quarter %zu bytes\n", q_hw[0],
           q_hw[3]);
    printf("soak: %lu calls, %lu failed attempts, arena %zu bytes, arena high-water %zu bytes\n",
           calls, failed, arena_len, hw_all);
    if (q_hw[3] > q_hw[0]) {
        fprintf(stderr, "soak: the arena high-water is still rising\n");
        return 1;
    }
    return failed == 0 ? 0 : 1;
}
