/*
 * netproto.c — frame builders and strict parsers for the e1000 traffic
 * scenario (netproto.h).
 */
#include "netproto.h"

#include <ddekit/printf.h>

#include <string.h>

const uint8_t np_broadcast_mac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

#define IPPROTO_UDP_NUM 17
#define DHCP_MAGIC      0x63825363u
#define DHCP_FIXED_LEN  236 /* RFC 2131 fixed fields, up to the cookie */
#define BOOTREQUEST     1

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

uint16_t np_checksum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	for (; len > 1; p += 2, len -= 2)
		sum += get16(p);
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The UDP pseudo-header's contribution (RFC 768), not yet folded. */
static uint32_t pseudo_sum(uint32_t src, uint32_t dst, size_t udp_len)
{
	return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
	       IPPROTO_UDP_NUM + (uint32_t)udp_len;
}

static void put_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6],
                    uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
}

size_t np_build_udp(uint8_t *frame, const struct np_udp *u)
{
	uint8_t *ip = frame + NP_ETH_HLEN, *udp = ip + NP_IP_HLEN;
	size_t udp_len = NP_UDP_HLEN + u->len;
	uint16_t sum;

	put_eth(frame, u->dst_mac, u->src_mac, NP_ETH_P_IP);
	memset(ip, 0, NP_IP_HLEN);
	ip[0] = 0x45; /* version 4, 5 words of header */
	put16(ip + 2, (uint16_t)(NP_IP_HLEN + udp_len));
	put16(ip + 6, 0x4000); /* don't fragment */
	ip[8] = 64;
	ip[9] = IPPROTO_UDP_NUM;
	put32(ip + 12, u->src_ip);
	put32(ip + 16, u->dst_ip);
	put16(ip + 10, np_checksum(ip, NP_IP_HLEN, 0));

	put16(udp, u->src_port);
	put16(udp + 2, u->dst_port);
	put16(udp + 4, (uint16_t)udp_len);
	put16(udp + 6, 0);
	memcpy(udp + NP_UDP_HLEN, u->payload, u->len);
	sum = np_checksum(udp, udp_len,
	                  pseudo_sum(u->src_ip, u->dst_ip, udp_len));
	/* RFC 768: a computed 0 is sent as all ones; 0 means "no checksum". */
	put16(udp + 6, sum ? sum : 0xffff);
	return NP_ETH_HLEN + NP_IP_HLEN + udp_len;
}

size_t np_build_arp(uint8_t *frame, const uint8_t src_mac[6],
                    const struct np_arp *a)
{
	uint8_t *p = frame + NP_ETH_HLEN;

	put_eth(frame, a->dst_mac, src_mac, NP_ETH_P_ARP);
	put16(p, 1);          /* hardware: Ethernet */
	put16(p + 2, 0x0800); /* protocol: IPv4 */
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, a->op);
	memcpy(p + 8, a->sha, 6);
	put32(p + 14, a->spa);
	memcpy(p + 18, a->tha, 6);
	put32(p + 24, a->tpa);
	return NP_ETH_HLEN + 28;
}

size_t np_build_dhcp(uint8_t *payload, int type, uint32_t xid,
                     const uint8_t mac[6], uint32_t requested, uint32_t server)
{
	uint8_t *o;

	memset(payload, 0, 300);
	payload[0] = BOOTREQUEST;
	payload[1] = 1; /* htype Ethernet */
	payload[2] = 6;
	put32(payload + 4, xid);
	/* Broadcast flag: we cannot receive unicast IP before we have an
	 * address configured anywhere (RFC 2131 section 4.1). */
	put16(payload + 10, 0x8000);
	memcpy(payload + 28, mac, 6);
	put32(payload + DHCP_FIXED_LEN, DHCP_MAGIC);
	o = payload + DHCP_FIXED_LEN + 4;
	*o++ = 53;
	*o++ = 1;
	*o++ = (uint8_t)type;
	if (requested) {
		*o++ = 50;
		*o++ = 4;
		put32(o, requested);
		o += 4;
	}
	if (server) {
		*o++ = 54;
		*o++ = 4;
		put32(o, server);
		o += 4;
	}
	*o++ = 55; /* parameter request list: netmask, router, DNS, lease */
	*o++ = 4;
	*o++ = 1;
	*o++ = 3;
	*o++ = 6;
	*o++ = 51;
	*o++ = 255;
	/* BOOTP relays and old servers expect at least 300 bytes. */
	return 300;
}

int np_eth_type(const uint8_t *frame, size_t len)
{
	return len < NP_ETH_HLEN ? -1 : get16(frame + 12);
}

int np_parse_udp(const uint8_t *frame, size_t len, struct np_udp *out,
                 const char **why)
{
	const uint8_t *ip = frame + NP_ETH_HLEN, *udp;
	size_t ihl, tot, ulen;
	uint16_t sum;

	if (len < NP_ETH_HLEN + NP_IP_HLEN + NP_UDP_HLEN) {
		*why = "too short for Ethernet + IPv4 + UDP";
		return -1;
	}
	if (get16(frame + 12) != NP_ETH_P_IP) {
		*why = "EtherType is not IPv4";
		return -1;
	}
	if ((ip[0] >> 4) != 4 ||
	    (ihl = (size_t)(ip[0] & 0xf) * 4) < NP_IP_HLEN) {
		*why = "not an IPv4 header (version or IHL)";
		return -1;
	}
	tot = get16(ip + 2);
	if (tot < ihl + NP_UDP_HLEN || NP_ETH_HLEN + tot > len) {
		*why = "IPv4 total length does not fit the frame";
		return -1;
	}
	if (np_checksum(ip, ihl, 0) != 0) {
		*why = "IPv4 header checksum is wrong";
		return -1;
	}
	if (get16(ip + 6) & 0x3fff) {
		*why = "IPv4 fragment";
		return -1;
	}
	if (ip[9] != IPPROTO_UDP_NUM) {
		*why = "IPv4 protocol is not UDP";
		return -1;
	}
	udp = ip + ihl;
	ulen = get16(udp + 4);
	if (ulen < NP_UDP_HLEN || ulen != tot - ihl) {
		*why = "UDP length disagrees with the IPv4 length";
		return -1;
	}
	out->src_ip = get32(ip + 12);
	out->dst_ip = get32(ip + 16);
	if (get16(udp + 6) != 0) {
		sum = np_checksum(udp, ulen,
		                  pseudo_sum(out->src_ip, out->dst_ip, ulen));
		if (sum != 0) {
			*why = "UDP checksum is wrong";
			return -1;
		}
	}
	memcpy(out->dst_mac, frame, 6);
	memcpy(out->src_mac, frame + 6, 6);
	out->src_port = get16(udp);
	out->dst_port = get16(udp + 2);
	out->payload = udp + NP_UDP_HLEN;
	out->len = ulen - NP_UDP_HLEN;
	return 0;
}

int np_parse_arp(const uint8_t *frame, size_t len, struct np_arp *out,
                 const char **why)
{
	const uint8_t *p = frame + NP_ETH_HLEN;

	if (len < NP_ETH_HLEN + 28 || get16(frame + 12) != NP_ETH_P_ARP) {
		*why = "not an ARP frame (type or length)";
		return -1;
	}
	if (get16(p) != 1 || get16(p + 2) != 0x0800 || p[4] != 6 || p[5] != 4) {
		*why = "ARP is not Ethernet/IPv4";
		return -1;
	}
	memcpy(out->dst_mac, frame, 6);
	out->op = get16(p + 6);
	memcpy(out->sha, p + 8, 6);
	out->spa = get32(p + 14);
	memcpy(out->tha, p + 18, 6);
	out->tpa = get32(p + 24);
	if (memcmp(out->sha, frame + 6, 6) != 0) {
		*why = "ARP sender address differs from the Ethernet source";
		return -1;
	}
	return 0;
}

int np_parse_dhcp(const uint8_t *payload, size_t len, struct np_dhcp *out,
                  const char **why)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->msg_type = -1;
	if (len < DHCP_FIXED_LEN + 4) {
		*why = "shorter than a BOOTP message with its magic cookie";
		return -1;
	}
	if (payload[1] != 1 || payload[2] != 6) {
		*why = "hardware type/length is not Ethernet";
		return -1;
	}
	if (get32(payload + DHCP_FIXED_LEN) != DHCP_MAGIC) {
		*why = "no DHCP magic cookie";
		return -1;
	}
	out->op = payload[0];
	out->xid = get32(payload + 4);
	out->yiaddr = get32(payload + 16);
	memcpy(out->chaddr, payload + 28, 6);
	for (i = DHCP_FIXED_LEN + 4; i < len;) {
		uint8_t code = payload[i], olen;
		const uint8_t *v;

		if (code == 255)
			return 0;
		if (code == 0) {
			i++;
			continue;
		}
		if (i + 2 > len || i + 2 + (olen = payload[i + 1]) > len) {
			*why = "an option runs past the end of the message";
			return -1;
		}
		v = payload + i + 2;
		if (code == 53 && olen == 1)
			out->msg_type = v[0];
		else if (code == 54 && olen == 4)
			out->server_id = get32(v);
		else if (code == 1 && olen == 4)
			out->netmask = get32(v);
		else if (code == 3 && olen >= 4)
			out->router = get32(v);
		else if (code == 51 && olen == 4)
			out->lease = get32(v);
		i += 2 + (size_t)olen;
	}
	*why = "options not terminated by the end option";
	return -1;
}

char *np_ip_str(uint32_t ip, char *buf)
{
	ddekit_snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff,
	                (ip >> 8) & 0xff, ip & 0xff);
	return buf;
}

char *np_mac_str(const uint8_t mac[6], char *buf)
{
	ddekit_snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0],
	                mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}
