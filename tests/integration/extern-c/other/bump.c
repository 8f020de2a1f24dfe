/* A second bump, in a later --extern-dir: the first directory's wins. */
static inline void bump(u8 *x)
{
    *x = (u8)(*x + 2);
}
