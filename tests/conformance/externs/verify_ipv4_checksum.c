/* verify_ipv4_checksum for the corpus program ebpf_checksum_extern.p4,
 * which declares the extern function and leaves its C to the user (p4c's
 * own test harness supplies one with --extern-file). CI passes this
 * directory with --extern-dir (.ci/run). True when the header's ones'
 * complement sum, checksum field included, is 0xffff (RFC 1071). Fields
 * arrive in host order (docs/RUNTIME.md, "Extern functions in C"). */
static inline u8 verify_ipv4_checksum(struct IPv4_h h)
{
    u32 sum = ((u32)h.version << 12 | (u32)h.ihl << 8 | h.diffserv) + h.totalLen +
              h.identification + ((u32)h.flags << 13 | h.fragOffset) +
              ((u32)h.ttl << 8 | h.protocol) + h.hdrChecksum + (h.srcAddr >> 16) +
              (h.srcAddr & 0xffff) + (h.dstAddr >> 16) + (h.dstAddr & 0xffff);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return sum == 0xffff;
}
