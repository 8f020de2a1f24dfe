/*
 * psa.p4 -- the Portable Switch Architecture.  The declarations live in
 * bmv2/psa.p4 (BMv2 psa_switch widths, as in p4c); a program may include
 * either file, or both, thanks to the include guard there.
 */
#include <bmv2/psa.p4>
