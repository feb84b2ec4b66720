/*
 * lwipopts_raw.h - sample lwIP 2.1 options for the asc RAW-API port
 * (asc_port_lwip_raw.c, bare metal with NO_SYS=1 and a main loop). Use it
 * as your lwipopts.h, or #include it from yours after your own overrides
 * (the values marked "override" are #ifndef-guarded).
 *
 * Sized for ONE TLS connection at a time with MTU 1500, IPv4, DNS, no
 * DHCP/IPv6. Static RAM: see port/lwip/README.md ("RAM").
 */
#ifndef ASC_LWIPOPTS_RAW_H
#define ASC_LWIPOPTS_RAW_H

/* ---- what the asc raw port REQUIRES ------------------------------------ */
#define NO_SYS                      1   /* no RTOS: the app's poll hook drives lwIP */
#define LWIP_TCP                    1
#define LWIP_CALLBACK_API           1   /* tcp_recv/tcp_err/... callbacks (default) */
#define LWIP_SOCKET                 0   /* sockets/netconn need an RTOS */
#define LWIP_NETCONN                0
#define LWIP_DNS                    1   /* host names (dns_gethostbyname); literals work without */
#define LWIP_UDP                    1   /* DNS runs over UDP */
#define SYS_LIGHTWEIGHT_PROT        0   /* single thread; set 1 if frames arrive from an ISR
                                           that touches lwIP (it should not) */

/* ---- static memory only ------------------------------------------------- */
#define MEM_LIBC_MALLOC             0
#define MEMP_MEM_MALLOC             0
#ifndef MEM_ALIGNMENT               /* override: 4 on 32-bit MCUs, 8 on 64-bit hosts */
#define MEM_ALIGNMENT               4
#endif
/* Heap for PBUF_RAM: tcp_write(COPY) of outgoing TLS records, ARP queue. */
#ifndef MEM_SIZE                    /* override */
#define MEM_SIZE                    (10 * 1024)
#endif

/* ---- TCP: one connection, full-size segments --------------------------- */
#define TCP_MSS                     1460
#define TCP_WND                     (4 * TCP_MSS)   /* 5840 */
#define TCP_SND_BUF                 (4 * TCP_MSS)
#define TCP_SND_QUEUELEN            ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define MEMP_NUM_TCP_SEG            TCP_SND_QUEUELEN
#define MEMP_NUM_TCP_PCB            2   /* one live + one closing */
#define MEMP_NUM_TCP_PCB_LISTEN     1
#define LWIP_TCP_KEEPALIVE          0
/* The port holds received pbufs until the library reads them, at most
 * TCP_WND bytes: the pool must hold a full window plus ARP/DNS traffic. */
#define PBUF_POOL_SIZE              10
#define MEMP_NUM_PBUF               8
#define MEMP_NUM_UDP_PCB            2

/* ---- DNS ---------------------------------------------------------------- */
#define DNS_TABLE_SIZE              2
#define DNS_MAX_NAME_LENGTH         128
#define DNS_MAX_SERVERS             2

/* ---- IP and link -------------------------------------------------------- */
#define LWIP_IPV4                   1
#define LWIP_IPV6                   0
#define LWIP_ARP                    1
#define LWIP_ETHERNET               1
#define ARP_TABLE_SIZE              4
#define IP_REASSEMBLY               0
#define IP_FRAG                     0
#define LWIP_ICMP                   1
#define LWIP_DHCP                   0
#define LWIP_IGMP                   0
#define LWIP_RAW                    0

#ifndef LWIP_STATS                  /* override */
#define LWIP_STATS                  0
#endif

#endif /* ASC_LWIPOPTS_RAW_H */
