/*
 * tools/bench/bench_tls.c - DeleteImage over TLS against the emulator, for
 * `make bench` (tools/bench.sh). 4 KiB records (our mbedTLS config).
 *
 *   bench_tls HOST PORT CA_FILE MODE COUNT [ARENA_BYTES]
 *
 * MODE says what each of the COUNT measured calls is:
 *   full       a new connection with a full handshake (the TLS context is
 *              freed and initialised again before each call, unmeasured)
 *   resumed    a new connection that resumes the previous one's session
 *              with psk_ke only (asc_tls_set_psk_only_resumption; the
 *              server must allow it: emulator --tls-allow-psk-only)
 *   resumed_dhe  the same with the default psk_dhe_ke (an X25519 exchange)
 *   keepalive  a call on the connection the previous call left open
 *   peak       one full handshake + DeleteImage (COUNT ignored): the arena
 *              high-water mark from asc_tls_arena_init on (CA parsing, PSA
 *              init, handshake, request)
 * Every measured call goes through measured_call(), so callgrind counts
 * exactly those (--toggle-collect=measured_call); warm-up calls and context
 * set-up do not. The images deleted are img-bench-NNNN, counted up from 1
 * (the emulator's state must hold enough).
 *
 * Prints one line per run:
 *   bench_tls: MODE calls N ok N handshakes N resumed N psk_only N
 *   tls_arena_peak_bytes: N (arena N)
 * and exits 1 when a call failed or a call was not what MODE says (e.g. a
 * "resumed" call that made a full handshake). ARENA_BYTES (default 65536)
 * shrinks the arena to check a size really suffices. Credentials from
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"

static uint8_t work[4096], arena[64 * 1024], ca[64 * 1024];
static size_t ca_len;
static asc_tls tls;
static asc_client client;
static asc_client_config cfg;
static asc_result res;
static asc_port port;
static asc_port_posix posix;
static unsigned next_image = 1;

/* The only function callgrind measures. */
__attribute__((noinline)) static asc_status measured_call(const char *image)
{
    return asc_delete_image(&client, asc_span_from_str(image), &res);
}

static asc_status one_call(int measured)
{
    char image[32];
    (void)snprintf(image, sizeof image, "img-bench-%04u", next_image++);
    if (measured) {
        return measured_call(image);
    }
    return asc_delete_image(&client, asc_span_from_str(image), &res);
}

static int psk_only;

static asc_status context_init(void)
{
    asc_status st = asc_tls_init(&tls, &port, ca, ca_len);
    if (st == ASC_OK && psk_only) {
        st = asc_tls_set_psk_only_resumption(&tls, 1);
    }
    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    }
    return st;
}

int main(int argc, char **argv)
{
    const char *mode;
    unsigned long count, i, ok = 0, wrong = 0, n_hs = 0, n_res = 0, n_psk = 0;
    size_t peak = 0, cur = 0, arena_len = sizeof arena;
    asc_status st = ASC_OK;
    FILE *f;

    if (argc < 6 || argc > 7) {
        fprintf(stderr, "usage: bench_tls HOST PORT CA_FILE full|resumed|resumed_dhe|keepalive|peak COUNT"
                        " [ARENA_BYTES]\n");
        return 2;
    }
    mode = argv[4];
    psk_only = strcmp(mode, "resumed") == 0;
    count = strcmp(mode, "peak") == 0 ? 1ul : strtoul(argv[5], NULL, 10);
    if (argc == 7) {
        arena_len = (size_t)strtoul(argv[6], NULL, 10);
        if (arena_len > sizeof arena) {
            fprintf(stderr, "bench_tls: arena at most %zu bytes\n", sizeof arena);
            return 2;
        }
    }
    f = fopen(argv[3], "rb");
    if (f == NULL) {
        perror(argv[3]);
        return 2;
    }
    ca_len = fread(ca, 1, sizeof ca - 1u, f);
    fclose(f);
    ca[ca_len++] = 0;

    asc_port_posix_init(&port, &posix);
    if (asc_tls_arena_init(arena, arena_len) != ASC_OK) {
        fprintf(stderr, "bench_tls: no arena (needs the MBEDTLS=36 build)\n");
        return 1;
    }
    asc_client_config_defaults(&cfg);
    cfg.host = argv[1];
    cfg.port = (uint16_t)strtoul(argv[2], NULL, 10);
    cfg.max_attempts = 1;
    cfg.creds.access_key_id = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    cfg.creds.access_key_secret = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    st = context_init();
    if (st == ASC_OK && strcmp(mode, "full") != 0 && strcmp(mode, "peak") != 0) {
        st = one_call(0); /* warm-up: a session to resume, a connection to keep */
    }
    if (st != ASC_OK) {
        fprintf(stderr, "bench_tls: set-up: %s\n", asc_status_str(st));
        return 1;
    }
    for (i = 0; i < count; i++) {
        uint32_t hs, rs, ps;
        if (strcmp(mode, "full") == 0 && i > 0) {
            asc_client_close(&client);
            asc_tls_free(&tls);
            if (context_init() != ASC_OK) {
                fprintf(stderr, "bench_tls: context init failed\n");
                return 1;
            }
        } else if (strncmp(mode, "resumed", 7) == 0) {
            asc_client_close(&client);
        }
        hs = tls.handshakes;
        rs = tls.resumptions;
        ps = tls.psk_only_resumptions;
        st = one_call(1);
        if (st == ASC_OK) {
            ok++;
        } else {
            fprintf(stderr, "bench_tls: call %lu: %s (mbedTLS -0x%04x)\n", i + 1,
                    asc_status_str(st), (unsigned)-tls.last_ret);
        }
        hs = tls.handshakes - hs;
        rs = tls.resumptions - rs;
        ps = tls.psk_only_resumptions - ps;
        n_hs += hs;
        n_res += rs;
        n_psk += ps;
        if ((strcmp(mode, "keepalive") == 0 && hs != 0) ||
            (strcmp(mode, "resumed") == 0 && (rs != 1 || ps != 1)) ||
            (strcmp(mode, "resumed_dhe") == 0 && (rs != 1 || ps != 0)) ||
            ((strcmp(mode, "full") == 0 || strcmp(mode, "peak") == 0) && (hs != 1 || rs != 0))) {
            wrong++;
        }
    }
    if (asc_tls_arena_peak(&peak, &cur) != ASC_OK) {
        fprintf(stderr, "bench_tls: no arena statistics (MBEDTLS_MEMORY_DEBUG off)\n");
        return 1;
    }
    printf("bench_tls: %s calls %lu ok %lu handshakes %lu resumed %lu psk_only %lu\n", mode,
           count, ok, n_hs, n_res, n_psk);
    printf("tls_arena_peak_bytes: %zu (arena %zu)\n", peak, arena_len);
    asc_client_close(&client);
    asc_tls_free(&tls);
    if (ok != count || wrong != 0) {
        fprintf(stderr, "bench_tls: %lu of %lu calls failed, %lu not %s\n", count - ok, count,
                wrong, mode);
        return 1;
    }
    return 0;
}
