#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"

static uint8_t work[4096], arena[64 * 1024];
static asc_tls tls;
static asc_client client;
static asc_result res;

int main(int argc, char **argv) /* delete_image IMAGE_ID HOST PORT CA_PEM_TEXT */
{
    asc_port port; asc_port_posix posix; asc_client_config cfg; asc_status st;
    if (argc != 5) return 2;
    asc_port_posix_init(&port, &posix);
    /* Our mbedTLS build: a static arena. A platform mbedTLS keeps its own allocator. */
    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) fputs("(mbedTLS uses its own allocator)\n", stderr);
    st = asc_tls_init(&tls, &port, (const uint8_t *)argv[4], strlen(argv[4]) + 1);
    asc_client_config_defaults(&cfg);
    cfg.host = argv[2];
    cfg.port = (uint16_t)strtoul(argv[3], NULL, 10);
    cfg.creds.access_key_id = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    cfg.creds.access_key_secret = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    if (st == ASC_OK) st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    if (st == ASC_OK) st = asc_delete_image(&client, asc_span_from_str(argv[1]), &res);
    printf("%s %s %s\n", asc_status_str(st), res.code, res.request_id);
    asc_client_close(&client);
    asc_tls_free(&tls);
    return st == ASC_OK ? 0 : 1;
}
