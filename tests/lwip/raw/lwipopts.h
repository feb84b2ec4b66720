/* lwipopts.h of the raw-flavour test program (tests/lwip): the sample
 * port/lwip/lwipopts_raw.h plus what a 64-bit Linux host test needs. */
#ifndef ASC_TEST_LWIPOPTS_H
#define ASC_TEST_LWIPOPTS_H
#define MEM_ALIGNMENT               8   /* 64-bit host (UBSan checks alignment) */
#define LWIP_STATS                  1   /* the test reports pool errors */
#define MEMP_STATS                  1
#define DNS_LOCAL_HOSTLIST          1   /* the test resolves its own name */
#define DNS_LOCAL_HOSTLIST_IS_DYNAMIC 1 /* (entries live in lwIP's static heap) */
#define LWIP_NETIF_LOOPBACK         0
#include "../../../port/lwip/lwipopts_raw.h"
#endif
