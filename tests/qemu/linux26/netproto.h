/*
 * netproto.h — just enough Ethernet, ARP, IPv4, UDP and DHCP (RFC 826,
 * 791, 768, 2131/2132) to build the frames of the e1000 traffic scenario
 * and to check, field by field, the frames QEMU's user network answers with.
 *
 * Frames are byte arrays in network order; nothing here assumes alignment.
 * Parsers return 0 for a well-formed frame of the expected kind, or -1 with
 * *why naming the first problem (a static string).
 */
#ifndef TESTS_QEMU_LINUX26_NETPROTO_H
#define TESTS_QEMU_LINUX26_NETPROTO_H

#include <stddef.h>
#include <stdint.h>

#define NP_ETH_HLEN        14
#define NP_ETH_P_IP        0x0800
#define NP_ETH_P_ARP       0x0806
#define NP_IP_HLEN         20
#define NP_UDP_HLEN        8
#define NP_FRAME_MAX       1514
#define NP_UDP_PAYLOAD_MAX (1500 - NP_IP_HLEN - NP_UDP_HLEN)

#define NP_ARP_REQUEST 1
#define NP_ARP_REPLY   2

#define NP_DHCP_DISCOVER 1
#define NP_DHCP_OFFER    2
#define NP_DHCP_REQUEST  3
#define NP_DHCP_ACK      5
#define NP_DHCP_NAK      6

/* An IPv4 address in host order: 10.0.2.2 is NP_IP(10, 0, 2, 2). */
#define NP_IP(a, b, c, d)                                                      \
	(((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) |                       \
	 ((uint32_t)(c) << 8) | (uint32_t)(d))

extern const uint8_t np_broadcast_mac[6];

struct np_udp {
	uint8_t dst_mac[6], src_mac[6];
	uint32_t src_ip, dst_ip;
	uint16_t src_port, dst_port;
	const uint8_t *payload; /* points into the frame */
	size_t len;
};

struct np_arp {
	uint8_t dst_mac[6]; /* of the Ethernet header */
	uint16_t op;
	uint8_t sha[6], tha[6];
	uint32_t spa, tpa;
};

struct np_dhcp {
	uint8_t op;
	uint32_t xid;
	uint32_t yiaddr;
	uint8_t chaddr[6];
	int msg_type;       /* option 53, -1 if absent */
	uint32_t server_id; /* option 54, 0 if absent */
	uint32_t netmask;   /* option 1 */
	uint32_t router;    /* option 3 (first address) */
	uint32_t lease;     /* option 51, seconds */
};

/* The Internet checksum (RFC 1071) of @len bytes, continuing @sum. */
uint16_t np_checksum(const void *data, size_t len, uint32_t sum);

/* Builders: each writes a whole frame into @frame (NP_FRAME_MAX bytes) and
 * returns its length. */
size_t np_build_udp(uint8_t *frame, const struct np_udp *u);
size_t np_build_arp(uint8_t *frame, const uint8_t src_mac[6],
                    const struct np_arp *a);
/* A DHCP client message (DISCOVER or REQUEST) as the payload for
 * np_build_udp; @requested and @server are 0 for DISCOVER. Returns its
 * length (at most 300 bytes). */
size_t np_build_dhcp(uint8_t *payload, int type, uint32_t xid,
                     const uint8_t mac[6], uint32_t requested, uint32_t server);

int np_eth_type(const uint8_t *frame, size_t len);
int np_parse_udp(const uint8_t *frame, size_t len, struct np_udp *out,
                 const char **why);
int np_parse_arp(const uint8_t *frame, size_t len, struct np_arp *out,
                 const char **why);
int np_parse_dhcp(const uint8_t *payload, size_t len, struct np_dhcp *out,
                  const char **why);

/* "10.0.2.15" into @buf (16 bytes); returns @buf. */
char *np_ip_str(uint32_t ip, char *buf);
/* "52:54:00:12:34:56" into @buf (18 bytes); returns @buf. */
char *np_mac_str(const uint8_t mac[6], char *buf);

#endif
