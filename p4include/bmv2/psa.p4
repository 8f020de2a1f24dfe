/*
 * bmv2/psa.p4 -- the Portable Switch Architecture (PSA), with the data
 * plane type widths of the BMv2 psa_switch target.
 *
 * PSA splits a switch into an ingress pipeline (parser, control, deparser),
 * a packet replication engine, an egress pipeline and a buffering/queueing
 * engine.  The P4.org PSA specification describes the behaviour; this file
 * only declares the types, externs and blocks.
 *
 * The declarations match p4c's p4include/bmv2/psa.p4 so that existing
 * programs compile unchanged.  <psa.p4> includes this file; the include
 * guard lets a program name either of them, or both.
 */

#ifndef __PSA_P4__
#define __PSA_P4__

#include <core.p4>

/*
 * Target-dependent widths.
 *
 * Each <name>Uint_t is a plain bit<W> typedef for arithmetic; <name>_t is a
 * distinct `type` of the same width, so that the control-plane API can tell
 * such values apart.  Convert between them with casts.  For BMv2 the widths
 * equal those of the *InHeader_t types further down.
 */
typedef bit<32> PortIdUint_t;
typedef bit<32> MulticastGroupUint_t;
typedef bit<16> CloneSessionIdUint_t;
typedef bit<8>  ClassOfServiceUint_t;
typedef bit<16> PacketLengthUint_t;
typedef bit<16> EgressInstanceUint_t;
typedef bit<64> TimestampUint_t;

@p4runtime_translation("p4.org/psa/v1/PortId_t", 32)
type PortIdUint_t         PortId_t;
@p4runtime_translation("p4.org/psa/v1/MulticastGroup_t", 32)
type MulticastGroupUint_t MulticastGroup_t;
@p4runtime_translation("p4.org/psa/v1/CloneSessionId_t", 16)
type CloneSessionIdUint_t CloneSessionId_t;
@p4runtime_translation("p4.org/psa/v1/ClassOfService_t", 8)
type ClassOfServiceUint_t ClassOfService_t;
@p4runtime_translation("p4.org/psa/v1/PacketLength_t", 16)
type PacketLengthUint_t   PacketLength_t;
@p4runtime_translation("p4.org/psa/v1/EgressInstance_t", 16)
type EgressInstanceUint_t EgressInstance_t;
@p4runtime_translation("p4.org/psa/v1/Timestamp_t", 64)
type TimestampUint_t      Timestamp_t;
typedef error   ParserError_t;

/* Special port numbers: send to egress_port PSA_PORT_RECIRCULATE to
 * recirculate, PSA_PORT_CPU to reach the control plane. */
const PortId_t PSA_PORT_RECIRCULATE = (PortId_t) 0xfffffffa;
const PortId_t PSA_PORT_CPU = (PortId_t) 0xfffffffd;

/* Clone session preconfigured to send copies to the CPU port. */
const CloneSessionId_t PSA_CLONE_SESSION_TO_CPU = (CloneSessionId_t) 0;

/*
 * Target-independent widths, for carrying the values above inside packet
 * headers (e.g. to and from the CPU port).  They are wide enough for every
 * PSA target and are multiples of 8 bits.  No conversion happens
 * automatically: use the psa_*_int_to_header / psa_*_header_to_int
 * functions below.
 */
typedef bit<32> PortIdInHeaderUint_t;
typedef bit<32> MulticastGroupInHeaderUint_t;
typedef bit<16> CloneSessionIdInHeaderUint_t;
typedef bit<8>  ClassOfServiceInHeaderUint_t;
typedef bit<16> PacketLengthInHeaderUint_t;
typedef bit<16> EgressInstanceInHeaderUint_t;
typedef bit<64> TimestampInHeaderUint_t;

@p4runtime_translation("p4.org/psa/v1/PortIdInHeader_t", 32)
type  PortIdInHeaderUint_t         PortIdInHeader_t;
@p4runtime_translation("p4.org/psa/v1/MulticastGroupInHeader_t", 32)
type  MulticastGroupInHeaderUint_t MulticastGroupInHeader_t;
@p4runtime_translation("p4.org/psa/v1/CloneSessionIdInHeader_t", 16)
type  CloneSessionIdInHeaderUint_t CloneSessionIdInHeader_t;
@p4runtime_translation("p4.org/psa/v1/ClassOfServiceInHeader_t", 8)
type  ClassOfServiceInHeaderUint_t ClassOfServiceInHeader_t;
@p4runtime_translation("p4.org/psa/v1/PacketLengthInHeader_t", 16)
type  PacketLengthInHeaderUint_t   PacketLengthInHeader_t;
@p4runtime_translation("p4.org/psa/v1/EgressInstanceInHeader_t", 16)
type  EgressInstanceInHeaderUint_t EgressInstanceInHeader_t;
@p4runtime_translation("p4.org/psa/v1/TimestampInHeader_t", 64)
type  TimestampInHeaderUint_t      TimestampInHeader_t;

/* Header value -> internal value.  Each goes `type` -> bit<W1> -> bit<W2>
 * (zero-extend or truncate) -> `type`, since a `type` only casts to and from
 * its own underlying width. */
PortId_t psa_PortId_header_to_int (in PortIdInHeader_t x) {
    return (PortId_t) (PortIdUint_t) (PortIdInHeaderUint_t) x;
}
MulticastGroup_t psa_MulticastGroup_header_to_int (in MulticastGroupInHeader_t x) {
    return (MulticastGroup_t) (MulticastGroupUint_t) (MulticastGroupInHeaderUint_t) x;
}
CloneSessionId_t psa_CloneSessionId_header_to_int (in CloneSessionIdInHeader_t x) {
    return (CloneSessionId_t) (CloneSessionIdUint_t) (CloneSessionIdInHeaderUint_t) x;
}
ClassOfService_t psa_ClassOfService_header_to_int (in ClassOfServiceInHeader_t x) {
    return (ClassOfService_t) (ClassOfServiceUint_t) (ClassOfServiceInHeaderUint_t) x;
}
PacketLength_t psa_PacketLength_header_to_int (in PacketLengthInHeader_t x) {
    return (PacketLength_t) (PacketLengthUint_t) (PacketLengthInHeaderUint_t) x;
}
EgressInstance_t psa_EgressInstance_header_to_int (in EgressInstanceInHeader_t x) {
    return (EgressInstance_t) (EgressInstanceUint_t) (EgressInstanceInHeaderUint_t) x;
}
Timestamp_t psa_Timestamp_header_to_int (in TimestampInHeader_t x) {
    return (Timestamp_t) (TimestampUint_t) (TimestampInHeaderUint_t) x;
}

/* Internal value -> header value. */
PortIdInHeader_t psa_PortId_int_to_header (in PortId_t x) {
    return (PortIdInHeader_t) (PortIdInHeaderUint_t) (PortIdUint_t) x;
}
MulticastGroupInHeader_t psa_MulticastGroup_int_to_header (in MulticastGroup_t x) {
    return (MulticastGroupInHeader_t) (MulticastGroupInHeaderUint_t) (MulticastGroupUint_t) x;
}
CloneSessionIdInHeader_t psa_CloneSessionId_int_to_header (in CloneSessionId_t x) {
    return (CloneSessionIdInHeader_t) (CloneSessionIdInHeaderUint_t) (CloneSessionIdUint_t) x;
}
ClassOfServiceInHeader_t psa_ClassOfService_int_to_header (in ClassOfService_t x) {
    return (ClassOfServiceInHeader_t) (ClassOfServiceInHeaderUint_t) (ClassOfServiceUint_t) x;
}
PacketLengthInHeader_t psa_PacketLength_int_to_header (in PacketLength_t x) {
    return (PacketLengthInHeader_t) (PacketLengthInHeaderUint_t) (PacketLengthUint_t) x;
}
EgressInstanceInHeader_t psa_EgressInstance_int_to_header (in EgressInstance_t x) {
    return (EgressInstanceInHeader_t) (EgressInstanceInHeaderUint_t) (EgressInstanceUint_t) x;
}
TimestampInHeader_t psa_Timestamp_int_to_header (in Timestamp_t x) {
    return (TimestampInHeader_t) (TimestampInHeaderUint_t) (TimestampUint_t) x;
}

/* Values of the psa_idle_timeout table property. */
enum PSA_IdleTimeout_t {
    NO_TIMEOUT,
    NOTIFY_CONTROL
}

/*
 * Architecture metadata.
 */

/* How the packet got to the block that sees it. */
enum PSA_PacketPath_t {
    NORMAL,            // ingress: a packet from a port
    NORMAL_UNICAST,    // egress: sent by ingress to one port
    NORMAL_MULTICAST,  // egress: a multicast copy
    CLONE_I2E,         // egress: clone made in ingress
    CLONE_E2E,         // egress: clone made in egress
    RESUBMIT,          // ingress: resubmitted by ingress
    RECIRCULATE        // ingress: recirculated by egress
}

struct psa_ingress_parser_input_metadata_t {
  PortId_t                 ingress_port;
  PSA_PacketPath_t         packet_path;
}

struct psa_egress_parser_input_metadata_t {
  PortId_t                 egress_port;
  PSA_PacketPath_t         packet_path;
}

/* Set by the architecture before Ingress runs. */
struct psa_ingress_input_metadata_t {
  PortId_t                 ingress_port;
  PSA_PacketPath_t         packet_path;
  Timestamp_t              ingress_timestamp;
  ParserError_t            parser_error;
}

/* Written by Ingress; the values it starts with are given on the right. */
struct psa_ingress_output_metadata_t {
  ClassOfService_t         class_of_service; // 0
  bool                     clone;            // false
  CloneSessionId_t         clone_session_id; // unspecified
  bool                     drop;             // true
  bool                     resubmit;         // false
  MulticastGroup_t         multicast_group;  // 0
  PortId_t                 egress_port;      // unspecified
}

struct psa_egress_input_metadata_t {
  ClassOfService_t         class_of_service;
  PortId_t                 egress_port;
  PSA_PacketPath_t         packet_path;
  EgressInstance_t         instance;         // replica number from the PRE
  Timestamp_t              egress_timestamp;
  ParserError_t            parser_error;
}

/* Lets the egress deparser see whether the packet will recirculate. */
struct psa_egress_deparser_input_metadata_t {
  PortId_t                 egress_port;
}

/* Written by Egress; starting values on the right. */
struct psa_egress_output_metadata_t {
  bool                     clone;            // false
  CloneSessionId_t         clone_session_id; // unspecified
  bool                     drop;             // false
}

/*
 * Predicates for the deparsers.  Each tells whether the packet leaves by a
 * given path, and so whether the corresponding out-parameter of the deparser
 * (clone_i2e_meta, resubmit_meta, normal_meta, clone_e2e_meta,
 * recirculate_meta) is used.  Assign those parameters only under an `if` on
 * the matching predicate.
 */
@pure
extern bool psa_clone_i2e(in psa_ingress_output_metadata_t istd);   // istd.clone

@pure
extern bool psa_resubmit(in psa_ingress_output_metadata_t istd);    // !drop && resubmit

@pure
extern bool psa_normal(in psa_ingress_output_metadata_t istd);      // !drop && !resubmit

@pure
extern bool psa_clone_e2e(in psa_egress_output_metadata_t istd);    // istd.clone

/* !drop && egress_port == PSA_PORT_RECIRCULATE */
@pure
extern bool psa_recirculate(in psa_egress_output_metadata_t istd,
                            in psa_egress_deparser_input_metadata_t edstd);

/* Runtime checks.  A false argument makes the target report the failing
 * call (BMv2 logs it and exits).  assume() is the same on a target, but
 * tells verification tools to ignore packets that violate it.  Avoid side
 * effects in the argument: compilers may remove these calls. */
extern void assert(in bool check);
extern void assume(in bool check);

/* Match kinds of PSA tables in addition to those of core.p4. */
match_kind {
    range,    // lo..hi interval
    selector, // key fields hashed by an ActionSelector
    optional  // exact value or don't-care
}

/*
 * Actions that set the ingress forwarding decision.  Each replaces the
 * previous decision; clone is left alone.
 */

/* Unicast to egress_port (egress may still drop it). */
@noWarn("unused")
action send_to_port(inout psa_ingress_output_metadata_t meta,
                    in PortId_t egress_port)
{
    meta.drop = false;
    meta.multicast_group = (MulticastGroup_t) 0;
    meta.egress_port = egress_port;
}

/* Replicate to the ports of a multicast group. */
@noWarn("unused")
action multicast(inout psa_ingress_output_metadata_t meta,
                 in MulticastGroup_t multicast_group)
{
    meta.drop = false;
    meta.multicast_group = multicast_group;
}

/* Send nothing to egress; also cancels a resubmit. */
@noWarn("unused")
action ingress_drop(inout psa_ingress_output_metadata_t meta)
{
    meta.drop = true;
}

/* Do not send the packet out of the device. */
@noWarn("unused")
action egress_drop(inout psa_egress_output_metadata_t meta)
{
    meta.drop = true;
}

/* Handles for the control plane: they configure multicast groups, clone
 * sessions and queues through these objects.  No P4-callable methods. */
extern PacketReplicationEngine {
    PacketReplicationEngine();
}

extern BufferingQueueingEngine {
    BufferingQueueingEngine();
}

/* Algorithms for Hash, Checksum and ActionSelector. */
enum PSA_HashAlgorithm_t {
  IDENTITY,
  CRC32,
  CRC32_CUSTOM,
  CRC16,
  CRC16_CUSTOM,
  ONES_COMPLEMENT16,  // 16-bit one's complement sum (IPv4, TCP, UDP)
  TARGET_DEFAULT      // whatever the target prefers
}

/* Hash unit producing values of type O. */
extern Hash<O> {
  Hash(PSA_HashAlgorithm_t algo);

  /* Hash of data. */
  @pure
  O get_hash<D>(in D data);

  /* base + (hash of data) % max.  Targets may restrict max, for instance to
   * powers of two. */
  @pure
  O get_hash<T, D>(in T base, in D data, in T max);
}

/* Checksum unit with a W-bit result.  Its state is per packet and starts
 * cleared each time the enclosing block runs. */
extern Checksum<W> {
  Checksum(PSA_HashAlgorithm_t hash);

  void clear();             // start over
  void update<T>(in T data); // add data

  /* Checksum of everything added since the last clear(). */
  @noSideEffects
  W    get();
}

/* One's complement checksum (IPv4/TCP/UDP) that also supports removing
 * data, for incremental updates as in RFC 1624.  State is per packet. */
extern InternetChecksum {
  InternetChecksum();

  void clear();
  /* data: a whole number of 16-bit words. */
  void add<T>(in T data);
  void subtract<T>(in T data);

  @noSideEffects
  bit<16> get();

  /* Save and restore the running sum, possibly across instances. */
  @noSideEffects
  bit<16> get_state();
  void set_state(in bit<16> checksum_state);
}

enum PSA_CounterType_t {
    PACKETS,
    BYTES,
    PACKETS_AND_BYTES
}

/* n_counters counters of width W, indexed by values of type S. */
@noWarn("unused")
extern Counter<W, S> {
  Counter(bit<32> n_counters, PSA_CounterType_t type);
  void count(in S index);
}

/* One counter per entry of the table that names it in `psa_direct_counter`. */
@noWarn("unused")
extern DirectCounter<W> {
  DirectCounter(PSA_CounterType_t type);
  void count();
}

enum PSA_MeterType_t {
    PACKETS,
    BYTES
}

enum PSA_MeterColor_t { RED, GREEN, YELLOW }

/* n_meters meters (RFC 2698), indexed by values of type S. */
extern Meter<S> {
  Meter(bit<32> n_meters, PSA_MeterType_t type);

  /* Colour-aware update: color is the packet's colour so far. */
  PSA_MeterColor_t execute(in S index, in PSA_MeterColor_t color);

  /* Colour-blind update (as if the packet were GREEN). */
  PSA_MeterColor_t execute(in S index);
}

/* One meter per table entry (table property `psa_direct_meter`). */
extern DirectMeter {
  DirectMeter(PSA_MeterType_t type);
  PSA_MeterColor_t execute(in PSA_MeterColor_t color);
  PSA_MeterColor_t execute();
}

/* size values of type T, indexed by values of type S.  Without
 * initial_value the contents start unspecified. */
extern Register<T, S> {
  Register(bit<32> size);
  Register(bit<32> size, T initial_value);

  @noSideEffects
  T    read  (in S index);
  void write (in S index, in T value);
}

/* Random values in min..max inclusive; targets may require that
 * max - min + 1 be a power of two. */
extern Random<T> {
  Random(T min, T max);
  T read();
}

/* Table implementation: a shared pool of `size` action entries. */
extern ActionProfile {
  ActionProfile(bit<32> size);
}

/* Table implementation choosing a group member by hashing the `selector`
 * key fields with algo; outputWidth is the width of the hash used. */
extern ActionSelector {
  ActionSelector(PSA_HashAlgorithm_t algo, bit<32> size, bit<32> outputWidth);
}

/* A stream of T messages to the control plane, filled by deparsers. */
extern Digest<T> {
  Digest();
  void pack(in T data);
}

/*
 * The programmable blocks and packages.  IH/IM and EH/EM are the header and
 * metadata types of ingress and egress.  The other type parameters are the
 * metadata carried with a packet along each path: NM (normal, ingress to
 * egress), CI2EM / CE2EM (clones), RESUBM (resubmit) and RECIRCM
 * (recirculate).
 */
parser IngressParser<H, M, RESUBM, RECIRCM>(
    packet_in buffer,
    out H parsed_hdr,
    inout M user_meta,
    in psa_ingress_parser_input_metadata_t istd,
    in RESUBM resubmit_meta,
    in RECIRCM recirculate_meta);

control Ingress<H, M>(
    inout H hdr, inout M user_meta,
    in    psa_ingress_input_metadata_t  istd,
    inout psa_ingress_output_metadata_t ostd);

control IngressDeparser<H, M, CI2EM, RESUBM, NM>(
    packet_out buffer,
    out CI2EM clone_i2e_meta,
    out RESUBM resubmit_meta,
    out NM normal_meta,
    inout H hdr,
    in M meta,
    in psa_ingress_output_metadata_t istd);

parser EgressParser<H, M, NM, CI2EM, CE2EM>(
    packet_in buffer,
    out H parsed_hdr,
    inout M user_meta,
    in psa_egress_parser_input_metadata_t istd,
    in NM normal_meta,
    in CI2EM clone_i2e_meta,
    in CE2EM clone_e2e_meta);

control Egress<H, M>(
    inout H hdr, inout M user_meta,
    in    psa_egress_input_metadata_t  istd,
    inout psa_egress_output_metadata_t ostd);

control EgressDeparser<H, M, CE2EM, RECIRCM>(
    packet_out buffer,
    out CE2EM clone_e2e_meta,
    out RECIRCM recirculate_meta,
    inout H hdr,
    in M meta,
    in psa_egress_output_metadata_t istd,
    in psa_egress_deparser_input_metadata_t edstd);

package IngressPipeline<IH, IM, NM, CI2EM, RESUBM, RECIRCM>(
    IngressParser<IH, IM, RESUBM, RECIRCM> ip,
    Ingress<IH, IM> ig,
    IngressDeparser<IH, IM, CI2EM, RESUBM, NM> id);

package EgressPipeline<EH, EM, NM, CI2EM, CE2EM, RECIRCM>(
    EgressParser<EH, EM, NM, CI2EM, CE2EM> ep,
    Egress<EH, EM> eg,
    EgressDeparser<EH, EM, CE2EM, RECIRCM> ed);

/* Top-level package:
 *   PSA_Switch(IngressPipeline(ip, ig, id), PacketReplicationEngine(),
 *              EgressPipeline(ep, eg, ed), BufferingQueueingEngine()) main;
 */
package PSA_Switch<IH, IM, EH, EM, NM, CI2EM, CE2EM, RESUBM, RECIRCM> (
    IngressPipeline<IH, IM, NM, CI2EM, RESUBM, RECIRCM> ingress,
    PacketReplicationEngine pre,
    EgressPipeline<EH, EM, NM, CI2EM, CE2EM, RECIRCM> egress,
    BufferingQueueingEngine bqe);

#endif  /* __PSA_P4__ */
