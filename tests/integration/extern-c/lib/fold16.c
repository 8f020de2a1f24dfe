/* fold16 of prog.p4, found by --extern-dir. */
static inline u16 fold16(u32 v)
{
    return (u16)((v >> 16) ^ (v & 0xffff));
}
