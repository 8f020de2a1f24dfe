/*
 * pna.p4 -- the Portable NIC Architecture (PNA).
 *
 * PNA models a NIC between network ports and the host: an optional
 * pre-control (e.g. to pick a security association for inline decryption)
 * followed by a main parser, main control and main deparser that every
 * packet runs through, in either direction.  The PNA specification is still
 * evolving; these declarations follow p4c's p4include/pna.p4 exactly, so
 * that existing programs compile unchanged.
 */

#ifndef __PNA_P4__
#define __PNA_P4__

#include <core.p4>

/*
 * Data plane types.  The widths are placeholders; a real target may choose
 * others.  <name>Uint_t is a plain bit<W> for arithmetic; <name>_t is a
 * distinct `type` of the same width, recognisable in the control-plane API.
 * Convert between the two with casts.
 */
typedef bit<32> PortIdUint_t;
typedef bit<32> InterfaceIdUint_t;
typedef bit<32> MulticastGroupUint_t;
typedef bit<16> MirrorSessionIdUint_t;
typedef bit<8>  MirrorSlotIdUint_t;
typedef bit<8>  ClassOfServiceUint_t;
typedef bit<16> PacketLengthUint_t;
typedef bit<16> MulticastInstanceUint_t;
typedef bit<64> TimestampUint_t;
typedef bit<32> FlowIdUint_t;
typedef bit<8>  ExpireTimeProfileIdUint_t;
typedef bit<3>  PassNumberUint_t;

typedef bit<32> SecurityAssocIdUint_t;

@p4runtime_translation("p4.org/pna/v1/PortId_t", 32)
type PortIdUint_t         PortId_t;
@p4runtime_translation("p4.org/pna/v1/InterfaceId_t", 32)
type InterfaceIdUint_t    InterfaceId_t;
@p4runtime_translation("p4.org/pna/v1/MulticastGroup_t", 32)
type MulticastGroupUint_t MulticastGroup_t;
@p4runtime_translation("p4.org/pna/v1/MirrorSessionId_t", 16)
type MirrorSessionIdUint_t MirrorSessionId_t;
@p4runtime_translation("p4.org/pna/v1/MirrorSlotId_t", 8)
type MirrorSlotIdUint_t MirrorSlotId_t;
@p4runtime_translation("p4.org/pna/v1/ClassOfService_t", 8)
type ClassOfServiceUint_t ClassOfService_t;
@p4runtime_translation("p4.org/pna/v1/PacketLength_t", 16)
type PacketLengthUint_t   PacketLength_t;
@p4runtime_translation("p4.org/pna/v1/MulticastInstance_t", 16)
type MulticastInstanceUint_t MulticastInstance_t;
@p4runtime_translation("p4.org/pna/v1/Timestamp_t", 64)
type TimestampUint_t      Timestamp_t;
@p4runtime_translation("p4.org/pna/v1/FlowId_t", 32)
type FlowIdUint_t      FlowId_t;
@p4runtime_translation("p4.org/pna/v1/ExpireTimeProfileId_t", 8)
type ExpireTimeProfileIdUint_t      ExpireTimeProfileId_t;
@p4runtime_translation("p4.org/pna/v1/PassNumber_t", 8)
type PassNumberUint_t      PassNumber_t;

@p4runtime_translation("p4.org/pna/v1/SecurityAssocId_t", 64)
type SecurityAssocIdUint_t      SecurityAssocId_t;

typedef error   ParserError_t;

/* The port that reaches the control plane CPU. */
const InterfaceId_t PNA_PORT_CPU = (InterfaceId_t) 0xfffffffd;

/* Mirror session preconfigured to send copies to the CPU. */
const MirrorSessionId_t PNA_MIRROR_SESSION_TO_CPU = (MirrorSessionId_t) 0;

/*
 * Target-independent widths for carrying the values above in packet headers
 * (to the CPU or other devices).  All are multiples of 8 bits and at least
 * as wide as on any PNA target.  Conversions are explicit: see the
 * pna_*_int_to_header / pna_*_header_to_int functions below.
 */
typedef bit<32> PortIdInHeaderUint_t;
typedef bit<32> InterfaceIdInHeaderUint_t;
typedef bit<32> MulticastGroupInHeaderUint_t;
typedef bit<16> MirrorSessionIdInHeaderUint_t;
typedef bit<8>  MirrorSlotIdInHeaderUint_t;
typedef bit<8>  ClassOfServiceInHeaderUint_t;
typedef bit<16> PacketLengthInHeaderUint_t;
typedef bit<16> MulticastInstanceInHeaderUint_t;
typedef bit<64> TimestampInHeaderUint_t;
typedef bit<32> FlowIdInHeaderUint_t;
typedef bit<8>  ExpireTimeProfileIdInHeaderUint_t;
typedef bit<8>  PassNumberInHeaderUint_t;

typedef bit<32> SecurityAssocIdInHeaderUint_t;

@p4runtime_translation("p4.org/pna/v1/PortIdInHeader_t", 32)
type  PortIdInHeaderUint_t         PortIdInHeader_t;
@p4runtime_translation("p4.org/pna/v1/InterfaceIdInHeader_t", 32)
type  InterfaceIdInHeaderUint_t     InterfaceIdInHeader_t;
@p4runtime_translation("p4.org/pna/v1/MulticastGroupInHeader_t", 32)
type  MulticastGroupInHeaderUint_t MulticastGroupInHeader_t;
@p4runtime_translation("p4.org/pna/v1/MirrorSessionIdInHeader_t", 16)
type  MirrorSessionIdInHeaderUint_t MirrorSessionIdInHeader_t;
@p4runtime_translation("p4.org/pna/v1/MirrorSlotIdInHeader_t", 8)
type  MirrorSlotIdInHeaderUint_t MirrorSlotIdInHeader_t;
@p4runtime_translation("p4.org/pna/v1/ClassOfServiceInHeader_t", 8)
type  ClassOfServiceInHeaderUint_t ClassOfServiceInHeader_t;
@p4runtime_translation("p4.org/pna/v1/PacketLengthInHeader_t", 16)
type  PacketLengthInHeaderUint_t   PacketLengthInHeader_t;
@p4runtime_translation("p4.org/pna/v1/MulticastInstanceInHeader_t", 16)
type  MulticastInstanceInHeaderUint_t MulticastInstanceInHeader_t;
@p4runtime_translation("p4.org/pna/v1/TimestampInHeader_t", 64)
type  TimestampInHeaderUint_t      TimestampInHeader_t;
@p4runtime_translation("p4.org/pna/v1/FlowIdInHeader_t", 32)
type  FlowIdInHeaderUint_t      FlowIdInHeader_t;
@p4runtime_translation("p4.org/pna/v1/ExpireTimeProfileIdInHeader_t", 8)
type  ExpireTimeProfileIdInHeaderUint_t      ExpireTimeProfileIdInHeader_t;
@p4runtime_translation("p4.org/pna/v1/PassNumberInHeader_t", 8)
type  PassNumberInHeaderUint_t      PassNumberInHeader_t;

@p4runtime_translation("p4.org/pna/v1/SecurityAssocIdInHeader_t", 64)
type  SecurityAssocIdInHeaderUint_t      SecurityAssocIdInHeader_t;

/* Header value -> internal value.  A `type` casts only to and from its own
 * underlying bit<W>, hence three casts: to bit<W1>, resize to bit<W2>, then
 * to the target `type`. */
PortId_t pna_PortId_header_to_int (in PortIdInHeader_t x) {
    return (PortId_t) (PortIdUint_t) (PortIdInHeaderUint_t) x;
}
InterfaceId_t pna_InterfaceId_header_to_int (in InterfaceIdInHeader_t x) {
    return (InterfaceId_t) (InterfaceIdUint_t) (InterfaceIdInHeaderUint_t) x;
}
MulticastGroup_t pna_MulticastGroup_header_to_int (in MulticastGroupInHeader_t x) {
    return (MulticastGroup_t) (MulticastGroupUint_t) (MulticastGroupInHeaderUint_t) x;
}
MirrorSessionId_t pna_MirrorSessionId_header_to_int (in MirrorSessionIdInHeader_t x) {
    return (MirrorSessionId_t) (MirrorSessionIdUint_t) (MirrorSessionIdInHeaderUint_t) x;
}
ClassOfService_t pna_ClassOfService_header_to_int (in ClassOfServiceInHeader_t x) {
    return (ClassOfService_t) (ClassOfServiceUint_t) (ClassOfServiceInHeaderUint_t) x;
}
PacketLength_t pna_PacketLength_header_to_int (in PacketLengthInHeader_t x) {
    return (PacketLength_t) (PacketLengthUint_t) (PacketLengthInHeaderUint_t) x;
}
MulticastInstance_t pna_MulticastInstance_header_to_int (in MulticastInstanceInHeader_t x) {
    return (MulticastInstance_t) (MulticastInstanceUint_t) (MulticastInstanceInHeaderUint_t) x;
}
Timestamp_t pna_Timestamp_header_to_int (in TimestampInHeader_t x) {
    return (Timestamp_t) (TimestampUint_t) (TimestampInHeaderUint_t) x;
}
FlowId_t pna_FlowId_header_to_int (in FlowIdInHeader_t x) {
    return (FlowId_t) (FlowIdUint_t) (FlowIdInHeaderUint_t) x;
}
ExpireTimeProfileId_t pna_ExpireTimeProfileId_header_to_int (in ExpireTimeProfileIdInHeader_t x) {
    return (ExpireTimeProfileId_t) (ExpireTimeProfileIdUint_t) (ExpireTimeProfileIdInHeaderUint_t) x;
}
PassNumber_t pna_PassNumber_header_to_int (in PassNumberInHeader_t x) {
    return (PassNumber_t) (PassNumberUint_t) (PassNumberInHeaderUint_t) x;
}

/* Internal value -> header value. */
PortIdInHeader_t pna_PortId_int_to_header (in PortId_t x) {
    return (PortIdInHeader_t) (PortIdInHeaderUint_t) (PortIdUint_t) x;
}
InterfaceIdInHeader_t pna_InterfaceId_int_to_header (in InterfaceId_t x) {
    return (InterfaceIdInHeader_t) (InterfaceIdInHeaderUint_t) (InterfaceIdUint_t) x;
}
MulticastGroupInHeader_t pna_MulticastGroup_int_to_header (in MulticastGroup_t x) {
    return (MulticastGroupInHeader_t) (MulticastGroupInHeaderUint_t) (MulticastGroupUint_t) x;
}
MirrorSessionIdInHeader_t pna_MirrorSessionId_int_to_header (in MirrorSessionId_t x) {
    return (MirrorSessionIdInHeader_t) (MirrorSessionIdInHeaderUint_t) (MirrorSessionIdUint_t) x;
}
ClassOfServiceInHeader_t pna_ClassOfService_int_to_header (in ClassOfService_t x) {
    return (ClassOfServiceInHeader_t) (ClassOfServiceInHeaderUint_t) (ClassOfServiceUint_t) x;
}
PacketLengthInHeader_t pna_PacketLength_int_to_header (in PacketLength_t x) {
    return (PacketLengthInHeader_t) (PacketLengthInHeaderUint_t) (PacketLengthUint_t) x;
}
MulticastInstanceInHeader_t pna_MulticastInstance_int_to_header (in MulticastInstance_t x) {
    return (MulticastInstanceInHeader_t) (MulticastInstanceInHeaderUint_t) (MulticastInstanceUint_t) x;
}
TimestampInHeader_t pna_Timestamp_int_to_header (in Timestamp_t x) {
    return (TimestampInHeader_t) (TimestampInHeaderUint_t) (TimestampUint_t) x;
}
FlowIdInHeader_t pna_FlowId_int_to_header (in FlowId_t x) {
    return (FlowIdInHeader_t) (FlowIdInHeaderUint_t) (FlowIdUint_t) x;
}
ExpireTimeProfileIdInHeader_t pna_ExpireTimeProfileId_int_to_header (in ExpireTimeProfileId_t x) {
    return (ExpireTimeProfileIdInHeader_t) (ExpireTimeProfileIdInHeaderUint_t) (ExpireTimeProfileIdUint_t) x;
}
PassNumberInHeader_t pna_PassNumber_int_to_header (in PassNumber_t x) {
    return (PassNumberInHeader_t) (PassNumberInHeaderUint_t) (PassNumberUint_t) x;
}

/* Values of the pna_idle_timeout table property. */
enum PNA_IdleTimeout_t {
    NO_TIMEOUT,
    NOTIFY_CONTROL
}

/* Match kinds of PNA tables in addition to those of core.p4. */
match_kind {
    range,    // lo..hi interval
    selector, // key fields hashed by an ActionSelector
    optional  // exact value or don't-care
}

/* Algorithms for Hash, Checksum and ActionSelector; only the target's own
 * default so far. */
enum PNA_HashAlgorithm_t {
  TARGET_DEFAULT
}

/* Hash unit producing values of type O. */
extern Hash<O> {
  Hash(PNA_HashAlgorithm_t algo);

  /* Hash of data. */
  O get_hash<D>(in D data);

  /* base + (hash of data) % max.  Targets may restrict max, for instance to
   * powers of two. */
  O get_hash<T, D>(in T base, in D data, in T max);
}

/* Checksum unit with a W-bit result.  State is per packet and starts
 * cleared each time the enclosing block runs. */
extern Checksum<W> {
  Checksum(PNA_HashAlgorithm_t hash);

  void clear();              // start over
  void update<T>(in T data); // add data
  W    get();                // checksum of data added since clear()
}

/* One's complement checksum (IPv4/TCP/UDP) that also supports removing
 * data, for incremental updates as in RFC 1624.  State is per packet. */
extern InternetChecksum {
  InternetChecksum();

  void clear();
  /* data: a whole number of 16-bit words. */
  void add<T>(in T data);
  void subtract<T>(in T data);

  bit<16> get();

  /* Save and restore the running sum, possibly across instances. */
  bit<16> get_state();
  void set_state(in bit<16> checksum_state);
}

enum PNA_CounterType_t {
    PACKETS,
    BYTES,
    PACKETS_AND_BYTES
}

/* n_counters counters of width W, indexed by values of type S.  increment,
 * when given, overrides the amount added to byte counts (by default the
 * packet length). */
@noWarn("unused")
extern Counter<W, S> {
  Counter(bit<32> n_counters, PNA_CounterType_t type);
  void count(in S index, @optional in bit<32> increment);
}

/* One counter per entry of the table that names it in `pna_direct_counter`. */
@noWarn("unused")
extern DirectCounter<W> {
  DirectCounter(PNA_CounterType_t type);
  void count(@optional in bit<32> increment);
}

enum PNA_MeterType_t {
    PACKETS,
    BYTES
}

enum PNA_MeterColor_t { RED, GREEN, YELLOW }

/* n_meters meters (RFC 2698), indexed by values of type S. */
extern Meter<S> {
  Meter(bit<32> n_meters, PNA_MeterType_t type);

  /* Colour-aware update: color is the packet's colour so far. */
  PNA_MeterColor_t execute(in S index, in PNA_MeterColor_t color);

  /* Colour-blind update (as if the packet were GREEN). */
  PNA_MeterColor_t execute(in S index);
}

/* One meter per table entry (table property `pna_direct_meter`).  pkt_len,
 * when given, replaces the packet length in byte-based metering. */
extern DirectMeter {
  DirectMeter(PNA_MeterType_t type);
  PNA_MeterColor_t execute(in PNA_MeterColor_t color, @optional in bit<32> pkt_len);
  PNA_MeterColor_t execute(@optional in bit<32> pkt_len);
}

/* size values of type T, indexed by values of type S.  Without
 * initial_value the contents start unspecified. */
extern Register<T, S> {
  Register(bit<32> size);
  Register(bit<32> size, T initial_value);

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
  ActionSelector(PNA_HashAlgorithm_t algo, bit<32> size, bit<32> outputWidth);
}

/* A stream of T messages to the control plane. */
extern Digest<T> {
  Digest();
  void pack(in T data);
}

/* Which way the packet is travelling. */
enum PNA_Direction_t {
    NET_TO_HOST,
    HOST_TO_NET
}

/*
 * Architecture metadata.
 */

/* Where the packet came from, and whether it is looping back. */
enum PNA_PacketPath_t {
    FROM_NET_PORT,
    FROM_NET_LOOPEDBACK,
    FROM_NET_RECIRCULATED,
    FROM_HOST,
    FROM_HOST_LOOPEDBACK,
    FROM_HOST_RECIRCULATED
}

struct pna_pre_input_metadata_t {
    PortId_t                 input_port;
    ParserError_t            parser_error;
    PNA_Direction_t          direction;
    PassNumber_t             pass;
    bool                     loopedback;
}

/* Written by the pre-control: whether and how to decrypt the packet.  said
 * selects a security association (algorithm, key, anti-replay state). */
struct pna_pre_output_metadata_t {
    bool                     decrypt;
    SecurityAssocId_t        said;
    bit<16>                  decrypt_start_offset;
}

/* Input of the main parser.  input_port is the network port for NET_TO_HOST
 * packets and the host-side vport for HOST_TO_NET packets. */
struct pna_main_parser_input_metadata_t {
    PNA_Direction_t          direction;
    PassNumber_t             pass;
    bool                     loopedback;
    PortId_t                 input_port;
}

/* Input of the main control. */
struct pna_main_input_metadata_t {
    PNA_Direction_t          direction;
    PassNumber_t             pass;
    bool                     loopedback;
    Timestamp_t              timestamp;
    ParserError_t            parser_error;
    ClassOfService_t         class_of_service;
    PortId_t                 input_port;
}

/* Written by the main control; starting value on the right. */
struct pna_main_output_metadata_t {
  ClassOfService_t         class_of_service; // 0
}

/*
 * Destination of the packet, chosen in the main control.  The last call of
 * drop_packet() or send_to_port() wins.
 */
extern void drop_packet();

extern void send_to_port(PortId_t dest_port);

/* Send a copy through mirror session mirror_session_id; each slot holds at
 * most one pending mirror request. */
extern void mirror_packet(MirrorSlotId_t mirror_slot_id,
                          MirrorSessionId_t mirror_session_id);

/* Run the packet through the main pipeline once more. */
extern void recirculate();

/* Add-on-miss: from a table's default action, insert an entry whose key is
 * the current lookup key and whose action is action_name with parameters
 * action_params.  Returns whether the insertion succeeded. */
extern bool add_entry<T>(string action_name,
                         in T action_params,
                         in ExpireTimeProfileId_t expire_time_profile_id);

/* A fresh flow identifier. */
extern FlowId_t allocate_flow_id();

/* Only in actions of tables with idle_timeout(_with_auto_delete): give the
 * matched entry the expiry time configured for the profile. */
extern void set_entry_expire_time(
    in ExpireTimeProfileId_t expire_time_profile_id);

/* Only in actions of tables with idle_timeout(_with_auto_delete): restart
 * the matched entry's expiry timer. */
extern void restart_expire_timer();

/* n2h_value for NET_TO_HOST packets, h2n_value otherwise.  An extern rather
 * than a P4 function so targets see it intact, e.g. in table keys that swap
 * source and destination depending on direction. */
@pure
extern T SelectByDirection<T>(
    in PNA_Direction_t direction,
    in T n2h_value,
    in T h2n_value);

/*
 * The programmable blocks.  PH/PM are the pre-control header and metadata
 * types, MH/MM those of the main pipeline.
 */
control PreControlT<PH, PM>(
    in    PH pre_hdr,
    inout PM pre_user_meta,
    in    pna_pre_input_metadata_t  istd,
    inout pna_pre_output_metadata_t ostd);

parser MainParserT<MH, MM>(
    packet_in pkt,
    out   MH main_hdr,
    inout MM main_user_meta,
    in    pna_main_parser_input_metadata_t istd);

control MainControlT<MH, MM>(
    inout MH main_hdr,
    inout MM main_user_meta,
    in    pna_main_input_metadata_t  istd,
    inout pna_main_output_metadata_t ostd);

control MainDeparserT<MH, MM>(
    packet_out pkt,
    in    MH main_hdr,
    in    MM main_user_meta,
    in    pna_main_output_metadata_t ostd);

/* Top-level package:
 *   PNA_NIC(MainParser(), PreControl(), MainControl(), MainDeparser()) main;
 */
package PNA_NIC<PH, PM, MH, MM>(
    MainParserT<MH, MM> main_parser,
    PreControlT<PH, PM> pre_control,
    MainControlT<MH, MM> main_control,
    MainDeparserT<MH, MM> main_deparser);

#endif  /* __PNA_P4__ */
