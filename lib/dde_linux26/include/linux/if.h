/*
 * linux/if.h — interface flags and struct ifreq (libdde emulation of Linux
 * 2.6.24).
 *
 * struct sockaddr is defined here too (Linux has it in linux/socket.h),
 * because set_mac_address() and struct ifreq need it and no socket layer is
 * emulated. Knowingly missing: struct ifconf and the SIOC* ioctl numbers
 * other than the MII ones (linux/sockios.h is not emulated).
 */
#ifndef _LINUX_IF_H
#define _LINUX_IF_H

#include <linux/types.h>
#include <linux/compiler.h>

#define IFNAMSIZ 16

#define IFF_UP          0x1
#define IFF_BROADCAST   0x2
#define IFF_DEBUG       0x4
#define IFF_LOOPBACK    0x8
#define IFF_POINTOPOINT 0x10
#define IFF_NOTRAILERS  0x20
#define IFF_RUNNING     0x40
#define IFF_NOARP       0x80
#define IFF_PROMISC     0x100
#define IFF_ALLMULTI    0x200
#define IFF_MASTER      0x400
#define IFF_SLAVE       0x800
#define IFF_MULTICAST   0x1000
#define IFF_PORTSEL     0x2000
#define IFF_AUTOMEDIA   0x4000
#define IFF_DYNAMIC     0x8000

/* The MII ioctls drivers answer in do_ioctl(). */
#define SIOCGMIIPHY 0x8947
#define SIOCGMIIREG 0x8948
#define SIOCSMIIREG 0x8949
#define SIOCETHTOOL 0x8946

#ifndef _LINUX_SOCKADDR_DEFINED
#define _LINUX_SOCKADDR_DEFINED
typedef unsigned short sa_family_t;
struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};
#endif

struct ifmap {
	unsigned long mem_start;
	unsigned long mem_end;
	unsigned short base_addr;
	unsigned char irq;
	unsigned char dma;
	unsigned char port;
};

struct ifreq {
	union {
		char ifrn_name[IFNAMSIZ];
	} ifr_ifrn;
	union {
		struct sockaddr ifru_addr;
		struct sockaddr ifru_hwaddr;
		short ifru_flags;
		int ifru_ivalue;
		int ifru_mtu;
		struct ifmap ifru_map;
		char ifru_slave[IFNAMSIZ];
		char ifru_newname[IFNAMSIZ];
		void __user *ifru_data;
	} ifr_ifru;
};

#define ifr_name    ifr_ifrn.ifrn_name
#define ifr_hwaddr  ifr_ifru.ifru_hwaddr
#define ifr_addr    ifr_ifru.ifru_addr
#define ifr_flags   ifr_ifru.ifru_flags
#define ifr_ifindex ifr_ifru.ifru_ivalue
#define ifr_metric  ifr_ifru.ifru_ivalue
#define ifr_mtu     ifr_ifru.ifru_mtu
#define ifr_map     ifr_ifru.ifru_map
#define ifr_slave   ifr_ifru.ifru_slave
#define ifr_data    ifr_ifru.ifru_data
#define ifr_newname ifr_ifru.ifru_newname

#endif /* _LINUX_IF_H */
