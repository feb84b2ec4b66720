/*
 * e2e_errors HOST PORT CA_FILE IMAGE_ID... : asc_delete_image for each image
 * over TLS through the POSIX port, linked with the aborting allocator
 * wrappers. Prints one line per image: "<image> <status> <http> <enum-text>
 * <code>" where <enum-text> is error_name(result.error) (tests/error_names.h):
 * the test checks that every documented code maps to its own enum value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"
#include "error_names.h"

static uint8_t work[4096], arena[64 * 1024], ca[16384];
static asc_tls tls;
static asc_client client;
static asc_result res;

int main(int argc, char **argv)
{
    asc_port port;
    asc_port_posix posix;
    asc_client_config cfg;
    asc_status st;
    size_t n;
    int i;
    FILE *f;

    if (argc < 5) {
        return 2;
    }
    f = fopen(argv[3], "rb");
    if (f == NULL) {
        return 2;
    }
    n = fread(ca, 1, sizeof ca - 1, f);
    fclose(f);
    asc_port_posix_init(&port, &posix);
    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        puts("# no arena (mbedTLS 2.28)");
    }
    st = asc_tls_init(&tls, &port, ca, n + 1);
    asc_client_config_defaults(&cfg);
    cfg.host = argv[1];
    cfg.port = (uint16_t)strtoul(argv[2], NULL, 10);
    cfg.creds.access_key_id = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    cfg.creds.access_key_secret = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    cfg.backoff_base_ms = 10;
    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    }
    if (st != ASC_OK) {
        printf("init %s\n", asc_status_str(st));
        return 1;
    }
    for (i = 4; i < argc; i++) {
        st = asc_delete_image(&client, asc_span_from_str(argv[i]), &res);
        printf("%s %s %d %s %s\n", argv[i], asc_status_str(st) == NULL ? "?" :
               (st == ASC_OK ? "ok" : st == ASC_E_SERVICE ? "service" : "other"),
               res.http_status, error_name(res.error), res.code[0] ? res.code : "-");
    }
    asc_client_close(&client);
    asc_tls_free(&tls);
    return 0;
}
