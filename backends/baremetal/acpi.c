/*
 * acpi.c — the one ACPI table we read: the MADT ("APIC"), for the IOAPIC's
 * address and the interrupt source overrides that say where each ISA line
 * arrives and how it is triggered (ACPI 6.4, 5.2.5 RSDP, 5.2.12 MADT).
 * No AML: QEMU's MADT already carries overrides for the lines SeaBIOS gave
 * to PCI (level, active high), which is all the routing we need.
 */
#include <string.h>

#include "bm.h"

struct sdt {
	char sig[4];
	uint32_t len;
	uint8_t rev, sum;
	char oem[6], table[8];
	uint32_t oem_rev, creator, creator_rev;
} __attribute__((packed));

struct rsdp {
	char sig[8];
	uint8_t sum;
	char oem[6];
	uint8_t rev;
	uint32_t rsdt;
	uint32_t len; /* revision 2 and later */
	uint64_t xsdt;
} __attribute__((packed));

#define MADT_IOAPIC 1
#define MADT_ISO    2

static int checksum_ok(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	while (n--)
		s += *b++;
	return s == 0;
}

/* The RSDP lies on a 16-byte boundary in the first KiB of the EBDA or in
 * the BIOS area 0xe0000-0xfffff (ACPI 6.4, 5.2.5.1). */
static const struct rsdp *find_rsdp(void)
{
	const volatile uint16_t *bda_ebda = (const void *)0x40e;
	uint64_t ranges[2][2];

	/* gcc takes pointers into the first page for null pointers and
	 * warns; the BIOS data area really is there. */
	__asm__("" : "+r"(bda_ebda));
	ranges[0][0] = (uint64_t)*bda_ebda << 4;
	ranges[0][1] = ranges[0][0] + 1024;
	ranges[1][0] = 0xe0000;
	ranges[1][1] = 0x100000;

	for (int r = 0; r < 2; r++) {
		for (uint64_t a = ranges[r][0];
		     ranges[r][0] && a < ranges[r][1]; a += 16) {
			const struct rsdp *p = (const void *)(uintptr_t)a;

			if (!memcmp(p->sig, "RSD PTR ", 8) &&
			    checksum_ok(p, 20))
				return p;
		}
	}
	return NULL;
}

static const struct sdt *find_table(const char *sig)
{
	const struct rsdp *rsdp = find_rsdp();
	const struct sdt *root;
	int wide, n;

	if (!rsdp)
		return NULL;
	wide = rsdp->rev >= 2 && rsdp->xsdt;
	root = (const void *)(uintptr_t)(wide ? rsdp->xsdt : rsdp->rsdt);
	if (!checksum_ok(root, root->len))
		return NULL;
	n = (int)((root->len - sizeof(*root)) / (wide ? 8 : 4));
	for (int i = 0; i < n; i++) {
		const uint8_t *e =
		    (const uint8_t *)(root + 1) + i * (wide ? 8 : 4);
		uint64_t addr = 0;
		const struct sdt *t;

		memcpy(&addr, e, wide ? 8 : 4);
		t = (const void *)(uintptr_t)addr;
		if (!memcmp(t->sig, sig, 4) && checksum_ok(t, t->len))
			return t;
	}
	return NULL;
}

int bm_acpi_madt(struct bm_madt *out)
{
	const struct sdt *madt = find_table("APIC");
	const uint8_t *p, *end;
	uint32_t overridden = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < 16; i++) {
		out->isa_gsi[i] = (uint32_t)i; /* ISA default: identity, */
		out->isa_flags[i] = 0;         /* edge, active high */
	}
	if (!madt)
		return -1;
	p = (const uint8_t *)madt + sizeof(*madt) + 8; /* LAPIC addr, flags */
	end = (const uint8_t *)madt + madt->len;
	for (; p + 2 <= end && p[1] >= 2; p += p[1]) {
		if (p[0] == MADT_IOAPIC && !out->ioapic) {
			uint32_t addr, base;

			memcpy(&addr, p + 4, 4);
			memcpy(&base, p + 8, 4);
			out->ioapic = addr;
			out->gsi_base = base;
		} else if (p[0] == MADT_ISO && p[2] == 0 && p[3] < 16) {
			uint32_t gsi;
			uint16_t flags;

			memcpy(&gsi, p + 4, 4);
			memcpy(&flags, p + 8, 2);
			out->isa_gsi[p[3]] = gsi;
			out->isa_flags[p[3]] = flags;
			out->overrides++;
			overridden |= 1u << p[3];
		}
	}
	/* A line moved elsewhere frees its default GSI for another: ISA line
	 * 0 (the PIT) arrives at GSI 2 on PCs, and line 2 (the 8259 cascade)
	 * has no pin at all then. */
	for (int i = 0; i < 16; i++) {
		uint32_t g = out->isa_gsi[i];

		if (g != (uint32_t)i && g < 16 && !(overridden >> g & 1))
			out->isa_gsi[g] = BM_NO_GSI;
	}
	return out->ioapic ? 0 : -1;
}
