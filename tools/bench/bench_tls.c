/*
 * tools/bench/bench_tls.c HOST PORT CA_FILE IMAGE_ID [ARENA_BYTES] - one full TLS
 * handshake + DeleteImage against the emulator, with the input record size of
 * the TLS profile it is built for (16 KiB host, 4 KiB firmware), then the arena high-water mark from mbedTLS's
 * MBEDTLS_MEMORY_DEBUG counters (asc_tls_arena_peak), counted from
 * asc_tls_arena_init: CA parsing, PSA init, handshake and the request.
 * ARENA_BYTES (default 65536) shrinks the arena to check a size really
 * suffices. Credentials from ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"

static uint8_t work[4096], arena[64 * 1024], ca[64 * 1024];
static asc_tls tls;
static asc_client client;
static asc_result res;

int main(int argc, char **argv)
{
    asc_port port;
    asc_port_posix posix;
    asc_client_config cfg;
    asc_status st;
    size_t ca_len, peak = 0, cur = 0, arena_len = sizeof arena;
    FILE *f;

    if (argc == 6 && strtoul(argv[5], NULL, 10) <= sizeof arena) {
        arena_len = (size_t)strtoul(argv[5], NULL, 10);
    } else if (argc != 5) {
        fprintf(stderr, "usage: bench_tls HOST PORT CA_FILE IMAGE_ID [ARENA_BYTES]\n");
        return 2;
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
    st = asc_tls_init(&tls, &port, ca, ca_len);
    asc_client_config_defaults(&cfg);
    cfg.host = argv[1];
    cfg.port = (uint16_t)strtoul(argv[2], NULL, 10);
    cfg.max_attempts = 1;
    cfg.creds.access_key_id = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    cfg.creds.access_key_secret = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    if (st == ASC_OK) st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    if (st == ASC_OK) st = asc_delete_image(&client, asc_span_from_str(argv[4]), &res);
    if (asc_tls_arena_peak(&peak, &cur) != ASC_OK) {
        fprintf(stderr, "bench_tls: no arena statistics (MBEDTLS_MEMORY_DEBUG off)\n");
        return 1;
    }
    printf("delete_image: %s %s (handshakes %u, resumed %d)\n", asc_status_str(st),
           res.request_id, (unsigned)tls.handshakes, asc_tls_resumed(&tls));
    asc_client_close(&client);
    asc_tls_free(&tls);
    if (st != ASC_OK) {
        return 1;
    }
    printf("tls_arena_peak_bytes: %zu (arena %zu, input records %u bytes)\n", peak, arena_len,
           (unsigned)MBEDTLS_SSL_IN_CONTENT_LEN);
    return 0;
}
