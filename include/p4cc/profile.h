/* v1model's action profiles and selectors (docs/RUNTIME.md, "Action
 * profiles and selectors"): an entry of a table they implement names a
 * member or a group of them instead of an action, by these codes in its
 * value's action field, with the member's or group's id in the next four
 * bytes. */
#ifndef P4CC_PROFILE_H
#define P4CC_PROFILE_H

#define P4CC_ACTION_MEMBER 0xfffffffeu
#define P4CC_ACTION_GROUP 0xffffffffu

#endif
