/* bump of prog.p4 (inout: by pointer), found by --extern-dir. */
static inline void bump(u8 *x)
{
    *x = (u8)(*x + 1);
}
