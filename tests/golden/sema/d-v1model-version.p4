// v1model.p4 knows the versions from 20180101 to 20200408 only (as p4c).
// (Included by a relative path, so the diagnostic names no absolute path.)
#define V1MODEL_VERSION 20990101
#include "../../../p4include/v1model.p4"
