/*
 * ebpf_model.p4 -- the eBPF packet-filter architecture (p4c-ebpf compatible).
 *
 * A program for this architecture is a parser followed by a control block
 * that decides whether the packet is accepted.  Tables and counters become
 * eBPF maps that user space can read and fill.
 *
 * The declarations match p4c's ebpf_model.p4 so that existing programs
 * compile unchanged with p4cc.  p4cc adds the Register extern below (its
 * name is not used by p4c-ebpf or p4c-xdp programs).
 */

#ifndef _EBPF_MODEL_P4_
#define _EBPF_MODEL_P4_

#include <core.p4>

/* An array of 32-bit packet counters kept in an eBPF map, indexed by a
 * 32-bit number.  The data plane can only increase them; user space reads
 * and clears them. */
extern CounterArray {
    /* max_index: number of counters.  sparse: store them in a hash map
     * (true) instead of an array map (false). */
    CounterArray(bit<32> max_index, bool sparse);
    /* Add one to counter number index. */
    void increment(in bit<32> index);
    /* Add value to counter number index. */
    void add(in bit<32> index, in bit<32> value);
}

/* A p4cc extension, modelled on PSA's Register: an array of `size` values
 * of type T (bit<W> with W <= 64, or bool) that packets read and write and
 * the control plane reads and writes too.  One copy shared by all CPUs:
 * read and write are single loads and stores, but a read followed by a
 * write is not atomic (docs/RUNTIME.md, "Registers").  An index out of
 * range reads initial_value (0 without it) and writes nothing. */
extern Register<T, I> {
    Register(bit<32> size);
    /* Every cell starts as initial_value. */
    Register(bit<32> size, T initial_value);
    T read(in I index);
    void write(in I index, in T value);
}

/* A table chooses its map kind with its `implementation` property, set to
 * one of the two externs below.  size bounds the number of entries. */

/* Store the table in an eBPF array map (keys are indices).  A table with an
 * lpm key becomes an LPM-trie map instead, and only size is used. */
extern array_table {
    array_table(bit<32> size);
}

/* Store the table in an eBPF hash map. */
extern hash_table {
    hash_table(bit<32> size);
}

/* The two programmable blocks. */
parser parse<H>(packet_in packet, out H headers);
/* Set accept to true to let the packet through, false to drop it. */
control filter<H>(inout H headers, out bool accept);

/* Top-level package: instantiate as `ebpfFilter(prs(), flt()) main;`. */
package ebpfFilter<H>(parse<H> prs,
                      filter<H> filt);

#endif  /* _EBPF_MODEL_P4_ */
