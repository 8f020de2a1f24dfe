/* Internet checksums for generated programs: RFC 1624 incremental updates
 * (csum_replace2/4) and the IPv4 header checksum. Needs p4cc/prelude.h. */
#ifndef P4CC_CHECKSUM_H
#define P4CC_CHECKSUM_H

/* RFC 1624 incremental checksum update, for csum_replace2/4. */
static __always_inline u16 p4cc_csum_fold(u32 sum)
{
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (u16)sum;
}

static __always_inline u16 p4cc_csum_replace2(u16 csum, u16 old, u16 new_)
{
    return ~p4cc_csum_fold((u32)(u16)~csum + (u16)~old + new_);
}

static __always_inline u16 p4cc_csum_replace4(u16 csum, u32 old, u32 new_)
{
    u32 sum = (u16)~csum;
    sum += (u16)~(old >> 16) + (u16)~(old & 0xffff);
    sum += (new_ >> 16) + (new_ & 0xffff);
    return ~p4cc_csum_fold(sum);
}

/* The IPv4 header checksum over the header's fields (checksum field 0). */
static __always_inline u16 p4cc_ipv4_checksum(u64 version, u64 ihl, u64 diffserv,
        u64 total_len, u64 identification, u64 flags, u64 frag_offset, u64 ttl,
        u64 protocol, u64 src, u64 dst)
{
    u32 sum = ((version << 12) | (ihl << 8) | diffserv) + total_len + identification
            + ((flags << 13) | frag_offset) + ((ttl << 8) | protocol)
            + (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff);
    return ~p4cc_csum_fold(sum);
}

#endif
