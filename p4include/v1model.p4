/*
 * v1model.p4 -- the v1model switch architecture (BMv2 simple_switch).
 *
 * v1model is the architecture P4-16 inherited from P4-14: a parser, a
 * checksum-verification control, ingress and egress match-action pipelines
 * separated by a traffic manager, a checksum-update control and a deparser.
 * The target's documentation (simple_switch.md in p4lang/behavioral-model)
 * describes what happens to a packet between and after the blocks.
 *
 * The declarations match p4c's v1model.p4, including the two flavours
 * selected by V1MODEL_VERSION, so that existing programs compile unchanged.
 */

#ifndef _V1_MODEL_P4_
#define _V1_MODEL_P4_

#include "core.p4"

/* Programs may pick the flavour by defining V1MODEL_VERSION (a date, YYYYMMDD)
 * before including this file.  From 20200408 on, ports have the type PortId_t
 * and counter/meter/register take the index type as a type parameter; before
 * that every index is a bit<32>.  The default is the older flavour. */
#ifndef V1MODEL_VERSION
#define V1MODEL_VERSION 20180101
#endif

match_kind {
    range,     // lo..hi interval
    optional,  // exact value or don't-care
    selector   // key fields hashed by an action_selector
}

/* The flavour in use, visible to P4 code (e.g. for static_assert). */
const bit<32> __v1model_version = V1MODEL_VERSION;
/* Only the flavours between the first and the latest one exist (as p4c). */
const bool __v1model_version_known = static_assert(
    __v1model_version >= 20180101 && __v1model_version <= 20200408,
    "unknown v1model version; initial supported version is 20180101, latest is 20200408");

#if V1MODEL_VERSION >= 20200408
typedef bit<9>  PortId_t;
#endif

/* Intrinsic metadata of the packet, passed to the parser, ingress and egress
 * as the parameter conventionally named standard_metadata.  @alias maps a
 * field to the simple_switch internal field that implements it. */
@metadata @name("standard_metadata")
struct standard_metadata_t {
#if V1MODEL_VERSION >= 20200408
    PortId_t    ingress_port;   // port the packet arrived on
    PortId_t    egress_spec;    // set in ingress: port to send the packet to
    PortId_t    egress_port;    // in egress: port the packet is leaving by
#else
    bit<9>      ingress_port;
    bit<9>      egress_spec;
    bit<9>      egress_port;
#endif
    bit<32>     instance_type;  // normal, clone, resubmit, recirculate, ...
    bit<32>     packet_length;  // bytes

    // Queueing information, valid in egress.
    @alias("queueing_metadata.enq_timestamp")
    bit<32> enq_timestamp;      // microseconds, when the packet was queued
    @alias("queueing_metadata.enq_qdepth")
    bit<19> enq_qdepth;         // queue depth when it was queued
    @alias("queueing_metadata.deq_timedelta")
    bit<32> deq_timedelta;      // microseconds spent in the queue
    @alias("queueing_metadata.deq_qdepth")
    bit<19> deq_qdepth;         // queue depth when it left the queue

    // Timestamps (microseconds) and replication.
    @alias("intrinsic_metadata.ingress_global_timestamp")
    bit<48> ingress_global_timestamp;
    @alias("intrinsic_metadata.egress_global_timestamp")
    bit<48> egress_global_timestamp;
    @alias("intrinsic_metadata.mcast_grp")
    bit<16> mcast_grp;          // set in ingress: multicast group, 0 = none
    @alias("intrinsic_metadata.egress_rid")
    bit<16> egress_rid;         // in egress: replica id of a multicast copy

    bit<1>  checksum_error;     // 1 when a verify_checksum call failed
    error parser_error;         // outcome of the parser
    @alias("intrinsic_metadata.priority")
    bit<3> priority;            // queue priority
}

/* What a counter or direct_counter counts. */
enum CounterType {
    packets,
    bytes,
    packets_and_bytes
}

/* What a meter or direct_meter measures. */
enum MeterType {
    packets,
    bytes
}

/* An array of `size` counters, indexed 0..size-1, updated by the data plane
 * and read by the control plane.  An out-of-range index counts nothing. */
#if V1MODEL_VERSION >= 20200408
extern counter<I> {
#else
extern counter {
#endif
    counter(bit<32> size, CounterType type);
#if V1MODEL_VERSION >= 20200408
    void count(in I index);
#else
    void count(in bit<32> index);
#endif
}

/* One counter per entry of the table it is attached to (table property
 * `counters = name;`).  The counter of the matching entry is updated on every
 * hit whether or not count() is called. */
extern direct_counter {
    direct_counter(CounterType type);
    void count();
}

/* Colour values written by execute_meter() and direct_meter.read(). */
#define V1MODEL_METER_COLOR_GREEN  0
#define V1MODEL_METER_COLOR_YELLOW 1
#define V1MODEL_METER_COLOR_RED    2

/* An array of `size` two-rate three-colour meters (RFC 2697/2698). */
#if V1MODEL_VERSION >= 20200408
extern meter<I> {
#else
extern meter {
#endif
    meter(bit<32> size, MeterType type);
    /* Update meter number index and store the colour (one of the
     * V1MODEL_METER_COLOR_* values) in result, which must be bit<W>, W >= 2.
     * For an out-of-range index result is unspecified. */
#if V1MODEL_VERSION >= 20200408
    void execute_meter<T>(in I index, out T result);
#else
    void execute_meter<T>(in bit<32> index, out T result);
#endif
}

/* One meter per entry of the table it is attached to (table property
 * `meters = name;`). */
extern direct_meter<T> {
    direct_meter(MeterType type);
    /* Only inside an action of that table: the colour of the matching
     * entry's meter. */
    void read(out T result);
}

/* An array of `size` values of type T that the data plane can read and write,
 * e.g. `register<bit<32>>(512) r;`.  Reads with an out-of-range index give an
 * unspecified value; such writes are ignored. */
#if V1MODEL_VERSION >= 20200408
extern register<T, I> {
#else
extern register<T> {
#endif
    register(bit<32> size);
    @noSideEffects
#if V1MODEL_VERSION >= 20200408
    void read(out T result, in I index);
#else
    void read(out T result, in bit<32> index);
#endif
#if V1MODEL_VERSION >= 20200408
    void write(in I index, in T value);
#else
    void write(in bit<32> index, in T value);
#endif
}

/* Table implementation (property `implementation = name;`): the table's
 * action data lives in a shared pool of `size` members. */
extern action_profile {
    action_profile(bit<32> size);
}

/* result = a random value in lo..hi inclusive (unspecified when lo > hi). */
extern void random<T>(out T result, in T lo, in T hi);

/* Ingress only: send the current values of data to the control plane as a
 * digest message.  receiver is ignored by BMv2. */
extern void digest<T>(in bit<32> receiver, in T data);

/* Algorithms for hash(), action_selector and the checksum functions. */
enum HashAlgorithm {
    crc32,
    crc32_custom,
    crc16,
    crc16_custom,
    random,
    identity,
    csum16,
    xor16
}

/* Old form with no argument. */
@deprecated("Please use mark_to_drop(standard_metadata) instead.")
extern void mark_to_drop();

/* Request a drop when the current pipeline finishes: sets
 * egress_spec to the drop port and clears mcast_grp.  Later assignments to
 * those fields undo it. */
@pure
extern void mark_to_drop(inout standard_metadata_t standard_metadata);

/* result = base + (hash of data, algorithm algo) modulo max; result = base
 * when max is 0.  data is usually a list of bit fields: `{ a, b, c }`. */
@pure
extern void hash<O, T, D, M>(out O result, in HashAlgorithm algo, in T base, in D data, in M max);

/* Table implementation for ECMP-style selection: like action_profile, but a
 * group member is chosen by hashing the table's `selector` key fields. */
extern action_selector {
    action_selector(HashAlgorithm algorithm, bit<32> size, bit<32> outputWidth);
}

/* Direction of a clone: ingress-to-egress or egress-to-egress. */
enum CloneType {
    I2E,
    E2E
}

/* Old checksum unit, superseded by the functions below. */
@deprecated("Please use verify_checksum/update_checksum instead.")
extern Checksum16 {
    Checksum16();
    bit<16> get<D>(in D data);
}

/* VerifyChecksum control only: when condition holds and the checksum of data
 * (a list of fields, total width a multiple of O's width) differs from
 * checksum, standard_metadata.checksum_error becomes 1.  algo must be a
 * compile-time constant. */
extern void verify_checksum<T, O>(in bool condition, in T data, in O checksum, HashAlgorithm algo);

/* ComputeChecksum control only: when condition holds, store the checksum of
 * data into checksum. */
@pure
extern void update_checksum<T, O>(in bool condition, in T data, inout O checksum, HashAlgorithm algo);

/* Like verify_checksum / update_checksum, but the unparsed rest of the packet
 * (the payload) is appended to data. */
extern void verify_checksum_with_payload<T, O>(in bool condition, in T data, in O checksum, HashAlgorithm algo);

@noSideEffects
extern void update_checksum_with_payload<T, O>(in bool condition, in T data, inout O checksum, HashAlgorithm algo);

/* Make a copy of the packet for clone session `session`; the copy goes
 * through egress on its own.  No user metadata travels with it. */
extern void clone(in CloneType type, in bit<32> session);

/* Ingress only: run the original packet through the parser and ingress once
 * more.  The field-list form preserves the user metadata fields annotated
 * @field_list(index). */
@deprecated("Please use 'resubmit_preserving_field_list' instead")
extern void resubmit<T>(in T data);
extern void resubmit_preserving_field_list(bit<8> index);

/* Egress only: after deparsing, feed the packet back into the parser. */
@deprecated("Please use 'recirculate_preserving_field_list' instead")
extern void recirculate<T>(in T data);
extern void recirculate_preserving_field_list(bit<8> index);

/* clone() that also carries the user metadata fields annotated
 * @field_list(index).  type must be I2E in ingress and E2E in egress. */
@deprecated("Please use 'clone_preserving_field_list' instead")
extern void clone3<T>(in CloneType type, in bit<32> session, in T data);
extern void clone_preserving_field_list(in CloneType type, in bit<32> session, bit<8> index);

/* Send at most `length` bytes of the packet out. */
extern void truncate(in bit<32> length);

/* Runtime checks: on a false argument BMv2 logs the location and stops.
 * assume() behaves the same on a target but tells verification tools to
 * ignore packets violating it.  Compilers may drop both kinds of call (p4c
 * does with --ndebug), so keep side effects out of the argument. */
extern void assert(in bool check);
extern void assume(in bool check);

/* Write a message to the target's log.  "{}" in msg is replaced by the
 * elements of data in turn: log_msg("x = {}", {x}). */
extern void log_msg(string msg);
extern void log_msg<T>(string msg, in T data);

/*
 * The programmable blocks.  H is a struct of headers (headers, stacks and
 * unions only); M is the user metadata struct.
 */
parser Parser<H, M>(packet_in b,
                    out H parsedHdr,
                    inout M meta,
                    inout standard_metadata_t standard_metadata);

/* Allowed inside: verify_checksum(_with_payload) calls, blocks, return. */
control VerifyChecksum<H, M>(inout H hdr,
                             inout M meta);
@pipeline
control Ingress<H, M>(inout H hdr,
                      inout M meta,
                      inout standard_metadata_t standard_metadata);
@pipeline
control Egress<H, M>(inout H hdr,
                     inout M meta,
                     inout standard_metadata_t standard_metadata);

/* Allowed inside: update_checksum(_with_payload) calls, blocks, return. */
control ComputeChecksum<H, M>(inout H hdr,
                              inout M meta);

/* Allowed inside: packet_out.emit() calls. */
@deparser
control Deparser<H>(packet_out b, in H hdr);

/* Top-level package:
 *   V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(),
 *            MyCompute(), MyDeparser()) main;
 */
package V1Switch<H, M>(Parser<H, M> p,
                       VerifyChecksum<H, M> vr,
                       Ingress<H, M> ig,
                       Egress<H, M> eg,
                       ComputeChecksum<H, M> ck,
                       Deparser<H> dep
                       );

#endif  /* _V1_MODEL_P4_ */
