/*
 * lwipopts.h - lwIP 2.1 options of the MPS2-AN386 firmware: the asc raw
 * port's sample options (port/lwip/lwipopts_raw.h: NO_SYS=1, one TLS
 * connection, MTU 1500, static pools) for a 32-bit core, plus what this
 * board adds: randomised TCP initial sequence numbers (a quick rerun from
 * the same port and ISN gets an ACK instead of a SYN-ACK), link state from
 * the PHY. Checksums stay in software (the LAN9118 has no offload).
 */
#ifndef BOARD_LWIPOPTS_H
#define BOARD_LWIPOPTS_H

#define MEM_ALIGNMENT               4
#define LWIP_STATS                  0

/* TCP ISNs from the board DRBG (arch/cc.h declares board_lwip_rand). The
 * hook's arguments (the connection's addresses) are not needed. */
#define LWIP_HOOK_TCP_ISN(local_ip, local_port, remote_ip, remote_port) board_lwip_rand()

#include "../../port/lwip/lwipopts_raw.h"

#endif /* BOARD_LWIPOPTS_H */
