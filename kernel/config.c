// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device identity and component map, from module parameters or from the
 * device tree node compatible with "linux-suit,device"
 * (dt-bindings/linux-suit,device.yaml). Module parameters win when set.
 *
 * Component map syntax (parameter "components", DT "linux-suit,components"
 * entries): <component-id-hex>:<mtd-name>[,<mtd-name>]   entries joined
 * by ';' in the parameter. The id is the hex of the encoded
 * SUIT_Component_Identifier, e.g. 814100 for [h'00']. Instead of MTD
 * names an entry may name another kind of store:
 *   <id-hex>:@ram                       transient RAM (dependencies)
 *   <id-hex>:@rproc=<name>[,<guard>]    firmware of the remoteproc <name>,
 *                                       <guard> an exported digest hook
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "suit_core.h"

static char *vendor_id;
module_param(vendor_id, charp, 0444);
MODULE_PARM_DESC(vendor_id, "vendor UUID (RFC 9562 text form)");

static char *class_id;
module_param(class_id, charp, 0444);
MODULE_PARM_DESC(class_id, "class UUID (RFC 9562 text form)");

static char *device_id;
module_param(device_id, charp, 0444);
MODULE_PARM_DESC(device_id, "device UUID (RFC 9562 text form), optional");

static char *components;
module_param(components, charp, 0444);
MODULE_PARM_DESC(components,
		 "component map: <id-hex>:<mtd>[,<mtd>];... (default 814100:slot_a,slot_b)");

static char *meta = "meta";
module_param(meta, charp, 0444);
MODULE_PARM_DESC(meta, "MTD partition holding the metadata record (\"\": RAM only)");

#define SUIT_DEFAULT_COMPONENTS	"814100:slot_a,slot_b"

/**
 * suit_parse_uuid() - text UUID (dashes optional) to 16 bytes
 * @s: the text
 * @out: the bytes
 *
 * Return: 0 or -EINVAL.
 */
int suit_parse_uuid(const char *s, u8 out[SUIT_UUID_LEN])
{
	unsigned int n = 0;
	int hi, lo;

	while (*s && n < SUIT_UUID_LEN) {
		if (*s == '-') {
			s++;
			continue;
		}
		hi = hex_to_bin(s[0]);
		lo = s[1] ? hex_to_bin(s[1]) : -1;
		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[n++] = hi << 4 | lo;
		s += 2;
	}
	while (*s == '\n')
		s++;
	return n == SUIT_UUID_LEN && !*s ? 0 : -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(suit_parse_uuid);

/* "@ram" or "@rproc=<name>[,<guard>]" of length @len, for component @c. */
static int suit_parse_special(struct suit_dev *d, struct suit_kcomp *c,
			      const char *p, size_t len)
{
	const char *comma;
	size_t n;

	if (len == 4 && !memcmp(p, "@ram", 4)) {
		c->kind = SUIT_KCOMP_RAM;
		c->nslots = 1;
		d->ncomps++;
		return 0;
	}
	if (len < 8 || memcmp(p, "@rproc=", 7))
		return -EINVAL;
	p += 7;
	len -= 7;
	comma = memchr(p, ',', len);
	n = comma ? (size_t)(comma - p) : len;
	if (!n || n >= SUIT_KMTD_NAME)
		return -EINVAL;
	memcpy(c->mtd_name[0], p, n);
	c->mtd_name[0][n] = 0;
	if (comma) {
		p = comma + 1;
		n = len - n - 1;
		if (!n || n >= SUIT_KMTD_NAME || memchr(p, ',', n))
			return -EINVAL;
		memcpy(c->mtd_name[1], p, n);
		c->mtd_name[1][n] = 0;
	}
	c->kind = SUIT_KCOMP_RPROC;
	c->nslots = 1;
	d->ncomps++;
	return 0;
}

/* One "<id-hex>:<mtd>[,<mtd>]" entry of length @len. */
static int suit_parse_component(struct suit_dev *d, const char *e, size_t len)
{
	const char *colon = memchr(e, ':', len), *p, *end = e + len;
	struct suit_kcomp *c;
	size_t hexlen;
	u32 slot = 0;

	if (!colon || d->ncomps == SUIT_KMAX_COMPS)
		return -EINVAL;
	hexlen = colon - e;
	if (!hexlen || hexlen % 2 || hexlen / 2 > SUIT_KMAX_COMP_ID)
		return -EINVAL;
	c = &d->comps[d->ncomps];
	memset(c, 0, sizeof(*c));
	if (hex2bin(c->id, e, hexlen / 2))
		return -EINVAL;
	c->id_len = hexlen / 2;
	p = colon + 1;
	if (p < end && *p == '@')
		return suit_parse_special(d, c, p, end - p);
	while (p < end) {
		const char *comma = memchr(p, ',', end - p);
		size_t n = (comma ? comma : end) - p;

		if (!n || n >= SUIT_KMTD_NAME || slot == SUIT_KMAX_SLOTS)
			return -EINVAL;
		memcpy(c->mtd_name[slot], p, n);
		c->mtd_name[slot][n] = 0;
		slot++;
		p += n + (comma ? 1 : 0);
		if (comma && p == end)
			return -EINVAL;
	}
	if (!slot)
		return -EINVAL;
	c->nslots = slot;
	d->ncomps++;
	return 0;
}

/**
 * suit_parse_components() - parse a component map (entries joined by ';')
 * @d: the device; components are appended
 * @spec: the map
 *
 * Return: 0 or -EINVAL (then @d->ncomps is 0).
 */
int suit_parse_components(struct suit_dev *d, const char *spec)
{
	const char *p = spec;
	int ret;

	while (*p) {
		const char *semi;
		size_t n;

		while (isspace(*p))
			p++;
		semi = strchr(p, ';');
		n = semi ? (size_t)(semi - p) : strlen(p);

		while (n && isspace(p[n - 1]))
			n--;
		if (n) {
			ret = suit_parse_component(d, p, n);
			if (ret) {
				d->ncomps = 0;
				return ret;
			}
		}
		if (!semi)
			break;
		p = semi + 1;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_parse_components);

static int suit_config_of(struct suit_dev *d)
{
	struct device_node *np;
	const char *str;
	int i, n, ret = 0;

	np = of_find_compatible_node(NULL, NULL, "linux-suit,device");
	if (!np)
		return 0;
	if (!of_property_read_string(np, "linux-suit,vendor-id", &str) &&
	    suit_parse_uuid(str, d->ident.vendor_id))
		ret = -EINVAL;
	if (!of_property_read_string(np, "linux-suit,class-id", &str) &&
	    suit_parse_uuid(str, d->ident.class_id))
		ret = -EINVAL;
	if (!of_property_read_string(np, "linux-suit,device-id", &str)) {
		if (suit_parse_uuid(str, d->ident.device_id))
			ret = -EINVAL;
		else
			d->ident.has_device_id = true;
	}
	if (!of_property_read_string(np, "linux-suit,meta-partition", &str))
		strscpy(d->meta_mtd, str, sizeof(d->meta_mtd));
	n = of_property_count_strings(np, "linux-suit,components");
	for (i = 0; i < n && !ret; i++) {
		if (of_property_read_string_index(np, "linux-suit,components", i,
						  &str))
			break;
		ret = suit_parse_component(d, str, strlen(str));
	}
	of_node_put(np);
	if (ret)
		pr_err("suit: bad linux-suit,device node\n");
	return ret;
}

/* No slot may be the metadata partition, nor appear twice. */
static int suit_config_check(struct suit_dev *d)
{
	u32 i, j, k, l;

	for (i = 0; i < d->ncomps; i++) {
		if (d->comps[i].kind != SUIT_KCOMP_MTD)
			continue;
		for (j = 0; j < d->comps[i].nslots; j++) {
			const char *n = d->comps[i].mtd_name[j];

			if (d->meta_mtd[0] && !strcmp(n, d->meta_mtd))
				return -EINVAL;
			for (k = i; k < d->ncomps; k++) {
				if (d->comps[k].kind != SUIT_KCOMP_MTD)
					continue;
				for (l = k == i ? j + 1 : 0;
				     l < d->comps[k].nslots; l++)
					if (!strcmp(n, d->comps[k].mtd_name[l]))
						return -EINVAL;
			}
		}
	}
	return 0;
}

/**
 * suit_config_init() - identity, component map and metadata partition
 * @d: the device
 *
 * Return: 0 or -EINVAL for a malformed parameter or DT property, or a
 * slot that is the metadata partition or appears twice.
 */
int suit_config_init(struct suit_dev *d)
{
	int ret;

	strscpy(d->meta_mtd, meta ? meta : "", sizeof(d->meta_mtd));
	ret = suit_config_of(d);
	if (ret)
		return ret;
	if (vendor_id && suit_parse_uuid(vendor_id, d->ident.vendor_id))
		return -EINVAL;
	if (class_id && suit_parse_uuid(class_id, d->ident.class_id))
		return -EINVAL;
	if (device_id) {
		if (suit_parse_uuid(device_id, d->ident.device_id))
			return -EINVAL;
		d->ident.has_device_id = true;
	}
	if (components) {
		d->ncomps = 0;
		ret = suit_parse_components(d, components);
	} else if (!d->ncomps) {
		ret = suit_parse_components(d, SUIT_DEFAULT_COMPONENTS);
	}
	if (ret)
		return ret;
	ret = suit_config_check(d);
	if (ret)
		pr_err("suit: a slot is the metadata partition or used twice\n");
	return ret;
}
