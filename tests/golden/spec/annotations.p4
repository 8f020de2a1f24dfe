// Spec "Control-plane API annotations" ("Restrictions"): one @name or
// @hidden per element; "No warnings annotation": @noWarn takes a string.
#include <core.p4>

control c() {
    @name("a") @name("b") action x() {}
    @name("y") @hidden action y() {}
    @noWarn("unused") action z() {}
    @noWarn(5) action w() {}
    apply {}
}
