/*
 * examples/cortex-m/main.c - the smallest complete firmware that deletes an
 * App Streaming image over TLS: library + mbedTLS 3.6 (our embedded config:
 * static arena, 4 KiB records, only the suites we need) + this file. Built
 * by `make firmware-cortex-m`, which prints arm-none-eabi-size: that is the
 * flash/RAM bill of a real integration.
 *
 * The port here is a STUB (no network chip on a bare link). It has NO
 * ENTROPY SOURCE, on purpose: its random hook and mbedtls_hardware_poll
 * fail, so TLS never starts (asc_tls_init returns ASC_E_TLS: mbedTLS's PSA
 * core cannot seed its DRBG) and main returns that status. A fixed or
 * predictable generator here would give every device the same TLS
 * randoms, key shares and request nonces. A product wires the same struct
 * to its TCP stack (see port/lwip), its RTC, a monotonic timer and its
 * TRNG (board_trng_read below), and mbedtls_hardware_poll to the TRNG;
 * boards/mps2-an386 is a complete, running example (with a TEST ONLY
 * seed from the host).
 */
#include <stdint.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_tls.h"
#include "mbedtls/entropy.h"

/* Trust anchor: GlobalSign Root CA - R3 (public; whichever root the
 * endpoint chains to). */
static const char ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDXzCCAkegAwIBAgILBAAAAAABIVhTCKIwDQYJKoZIhvcNAQELBQAwTDEgMB4G\n"
    "A1UECxMXR2xvYmFsU2lnbiBSb290IENBIC0gUjMxEzARBgNVBAoTCkdsb2JhbFNp\n"
    "Z24xEzARBgNVBAMTCkdsb2JhbFNpZ24wHhcNMDkwMzE4MTAwMDAwWhcNMjkwMzE4\n"
    "MTAwMDAwWjBMMSAwHgYDVQQLExdHbG9iYWxTaWduIFJvb3QgQ0EgLSBSMzETMBEG\n"
    "A1UEChMKR2xvYmFsU2lnbjETMBEGA1UEAxMKR2xvYmFsU2lnbjCCASIwDQYJKoZI\n"
    "hvcNAQEBBQADggEPADCCAQoCggEBAMwldpB5BngiFvXAg7aEyiie/QV2EcWtiHL8\n"
    "RgJDx7KKnQRfJMsuS+FggkbhUqsMgUdwbN1k0ev1LKMPgj0MK66X17YUhhB5uzsT\n"
    "gHeMCOFJ0mpiLx9e+pZo34knlTifBtc+ycsmWQ1z3rDI6SYOgxXG71uL0gRgykmm\n"
    "KPZpO/bLyCiR5Z2KYVc3rHQU3HTgOu5yLy6c+9C7v/U9AOEGM+iCK65TpjoWc4zd\n"
    "QQ4gOsC0p6Hpsk+QLjJg6VfLuQSSaGjlOCZgdbKfd/+RFO+uIEn8rUAVSNECMWEZ\n"
    "XriX7613t2Saer9fwRPvm2L7DWzgVGkWqQPabumDk3F2xmmFghcCAwEAAaNCMEAw\n"
    "DgYDVR0PAQH/BAQDAgEGMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFI/wS3+o\n"
    "LkUkrk1Q+mOai97i3Ru8MA0GCSqGSIb3DQEBCwUAA4IBAQBLQNvAUKr+yAzv95ZU\n"
    "RUm7lgAJQayzE4aGKAczymvmdLm6AC2upArT9fHxD4q/c2dKg8dEe3jgr25sbwMp\n"
    "jjM5RcOO5LlXbKr8EpbsU8Yt5CRsuZRj+9xTaGdWPoO4zzUhw8lo/s7awlOqzJCK\n"
    "6fBdRoyV3XpYKBovHd7NADdBj+1EbddTKJd+82cEHhXXipa0095MJ6RMG3NzdvQX\n"
    "mcIfeg7jLQitChws/zyrVQ4PkX4268NXSb7hLi18YIvDQVETI53O9zJrlAGomecs\n"
    "Mx86OyXShkDOOyyGeMlhLxS67ttVb9+E7gUJTb0o2HLO02JQZR7rkpeDMdmztcpH\n"
    "WD9f\n"
    "-----END CERTIFICATE-----\n"
    ;

static uint8_t work[4096];              /* request, then response      */
static uint8_t arena[ASC_TLS_ARENA_BYTES] __attribute__((aligned(8))); /* mbedTLS, make soak */
static asc_tls tls;
static asc_client client;
static asc_result res;
static volatile uint64_t ticks_ms;      /* advanced by SysTick         */
static volatile asc_status last_status;

void SysTick_Handler(void);
void SysTick_Handler(void) { ticks_ms++; }

/* ---- stub port ------------------------------------------------------------ */
static asc_status stub_connect(void *ctx, const char *host, uint16_t port, uint32_t to)
{
    (void)ctx; (void)host; (void)port; (void)to;
    return ASC_E_CONNECT; /* replace: open a TCP connection */
}
static int32_t stub_send(void *ctx, const uint8_t *buf, size_t len, uint32_t to)
{
    (void)ctx; (void)buf; (void)len; (void)to;
    return ASC_PORT_ERR_IO;
}
static int32_t stub_recv(void *ctx, uint8_t *buf, size_t len, uint32_t to)
{
    (void)ctx; (void)buf; (void)len; (void)to;
    return ASC_PORT_ERR_IO;
}
static void stub_close(void *ctx) { (void)ctx; }
/* An RTC or SNTP answers here; without one, build with ASC_ENABLE_CLOCK_SYNC=1
 * and return -1 (the library then learns the time from the Date header). */
static int64_t stub_utc(void *ctx) { (void)ctx; return 1796083200 + (int64_t)(ticks_ms / 1000u); }
static uint64_t stub_mono(void *ctx) { (void)ctx; return ticks_ms; }
/* Replace with the TRNG driver: fill buf with len bytes of full entropy,
 * 0 on success. Until then it fails, and so does everything built on it. */
static int board_trng_read(uint8_t *buf, size_t len)
{
    (void)buf;
    (void)len;
    return -1; /* no entropy source wired in: TLS is refused */
}
static asc_status stub_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    return board_trng_read(buf, len) == 0 ? ASC_OK : ASC_E_PORT;
}
static void stub_sleep(void *ctx, uint32_t ms)
{
    uint64_t end = ticks_ms + ms;
    (void)ctx;
    while (ticks_ms < end) {
        __asm volatile("wfi");
    }
}

/* ---- what the bare-metal mbedTLS config asks of the firmware --------------- */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    *olen = 0;
    if (board_trng_read(output, len) != 0) {
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    *olen = len;
    return 0;
}
long long mbedtls_ms_time(void);
long long mbedtls_ms_time(void) { return (long long)ticks_ms; }

int main(void)
{
    asc_port port;
    asc_client_config cfg;
    asc_status st;

    memset(&port, 0, sizeof port);
    port.connect = stub_connect;
    port.send = stub_send;
    port.recv = stub_recv;
    port.close = stub_close;
    port.utc_now = stub_utc;
    port.mono_ms = stub_mono;
    port.random = stub_random;
    port.sleep_ms = stub_sleep;

    st = asc_tls_arena_init(arena, sizeof arena);
    if (st == ASC_OK) {
        st = asc_tls_init(&tls, &port, (const uint8_t *)ca_pem, sizeof ca_pem);
    }
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("LTAI-example-id");
    cfg.creds.access_key_secret = asc_span_from_str("example-secret");
    if (st == ASC_OK) {
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
    }
    if (st == ASC_OK) {
        st = asc_delete_image(&client, asc_span_from_str("img-0123456789"), &res);
    }
    last_status = st;
    asc_client_close(&client);
    asc_tls_free(&tls);
    return (int)st; /* without entropy: ASC_E_TLS, from asc_tls_init */
}
