/* What generated v1model programs share: the drop port and the CRCs that
 * hash() and the checksum externs compute. Needs p4cc/prelude.h. */
#ifndef P4CC_V1MODEL_H
#define P4CC_V1MODEL_H

/* The egress_spec that drops the packet (mark_to_drop). */
#define P4CC_DROP_PORT 511

/* Byte-at-a-time CRCs, reflected as BMv2 computes them: crc16 is
 * CRC-16/ARC (polynomial 0x8005), crc32 IEEE 802.3. */
static __always_inline u32 p4cc_crc32_byte(u32 crc, u8 byte)
{
    crc ^= byte;
    for (int i = 0; i < 8; i++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    return crc;
}

static __always_inline u32 p4cc_crc16_byte(u32 crc, u8 byte)
{
    crc ^= byte;
    for (int i = 0; i < 8; i++)
        crc = (crc >> 1) ^ (0xa001u & -(crc & 1));
    return crc & 0xffff;
}

#endif
