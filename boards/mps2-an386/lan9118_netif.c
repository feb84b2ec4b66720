/*
 * lan9118_netif.c - lwIP netif over the LAN9118 (see lan9118_netif.h).
 * No checksum offload on this chip: lwIP computes and checks every
 * checksum in software (its default CHECKSUM_* options).
 */
#include "lan9118_netif.h"

#include <string.h>

#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "netif/ethernet.h"

/* TX FIFO room is freed as the wire drains it: poll this many times. */
#define TX_SPIN_MAX 200000u

static lan9118_netif_config *cfg_of(struct netif *nif)
{
    return (lan9118_netif_config *)nif->state;
}

lan9118 *lan9118_netif_chip(struct netif *nif)
{
    return &cfg_of(nif)->chip;
}

static err_t linkoutput(struct netif *nif, struct pbuf *p)
{
    lan9118 *nic = lan9118_netif_chip(nif);
    const struct pbuf *q;
    uint32_t pieces = 0;
    int first = 1;

    for (q = p; q != NULL; q = q->next) {
        if (q->len > 0u) {
            pieces++;
        }
    }
    if (lan9118_tx_begin(nic, p->tot_len, pieces, TX_SPIN_MAX) != 0) {
        LINK_STATS_INC(link.drop);
        return ERR_IF;
    }
    for (q = p; q != NULL; q = q->next) {
        if (q->len == 0u) {
            continue;
        }
        pieces--;
        lan9118_tx_piece(nic, (const uint8_t *)q->payload, q->len, p->tot_len,
                         first, pieces == 0u);
        first = 0;
    }
    LINK_STATS_INC(link.xmit);
    return ERR_OK;
}

err_t lan9118_netif_init(struct netif *nif)
{
    lan9118_netif_config *cfg = cfg_of(nif);
    if (cfg == NULL) {
        return ERR_ARG;
    }
    cfg->init_error = lan9118_init(&cfg->chip, cfg->base, cfg->mac, cfg->use_irq);
    if (cfg->init_error != LAN9118_OK) {
        return ERR_IF;
    }
    nif->name[0] = 'e';
    nif->name[1] = 'n';
    nif->hwaddr_len = ETH_HWADDR_LEN;
    memcpy(nif->hwaddr, cfg->chip.mac, ETH_HWADDR_LEN);
    nif->mtu = 1500;
    nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    nif->output = etharp_output;
    nif->linkoutput = linkoutput;
    cfg->last_link_check_ms = sys_now() - LAN9118_NETIF_LINK_POLL_MS;
    return ERR_OK;
}

static void follow_link(struct netif *nif, lan9118_netif_config *cfg)
{
    uint32_t now = sys_now();
    int due = cfg->chip.use_irq ? cfg->chip.phy_signal != 0u
                                : now - cfg->last_link_check_ms >= LAN9118_NETIF_LINK_POLL_MS;
    if (!due) {
        return;
    }
    cfg->last_link_check_ms = now;
    if (lan9118_link_poll(&cfg->chip)) {
        if (!netif_is_link_up(nif)) {
            netif_set_link_up(nif);
        }
    } else if (netif_is_link_up(nif)) {
        netif_set_link_down(nif);
    }
}

uint32_t lan9118_netif_poll(struct netif *nif)
{
    lan9118_netif_config *cfg = cfg_of(nif);
    lan9118 *nic = &cfg->chip;
    uint32_t delivered = 0;

    /* Clear the flag before draining: a frame arriving meanwhile sets it
     * again, and the next poll picks that frame up. */
    nic->rx_signal = 0u;
    for (;;) {
        int32_t len = lan9118_rx_begin(nic);
        struct pbuf *p, *q;
        if (len == 0) {
            break;
        }
        if (len < 0) {
            LINK_STATS_INC(link.drop);
            continue; /* bad frame, already discarded */
        }
        p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
        if (p == NULL) {
            lan9118_rx_end(nic); /* out of pool: drop, TCP retransmits */
            nic->rx_dropped++;
            LINK_STATS_INC(link.memerr);
            continue;
        }
        for (q = p; q != NULL; q = q->next) {
            lan9118_rx_read(nic, (uint8_t *)q->payload, q->len);
        }
        lan9118_rx_end(nic); /* the FCS */
        LINK_STATS_INC(link.recv);
        if (nif->input(p, nif) != ERR_OK) {
            pbuf_free(p);
        }
        delivered++;
    }
    follow_link(nif, cfg);
    return delivered;
}

int lan9118_netif_has_work(void *arg)
{
    struct netif *nif = (struct netif *)arg;
    lan9118 *nic = lan9118_netif_chip(nif);
    if (nic->use_irq) {
        return nic->rx_signal != 0u || nic->phy_signal != 0u;
    }
    return lan9118_rx_frames_waiting(nic) != 0u;
}
