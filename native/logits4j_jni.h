// JNI-only helpers of the binding (kept apart so the kernels build without a JDK, e.g. for the
// sanitizer driver).
#pragma once

#include <jni.h>

// The address of a direct buffer's first element (0 for a heap buffer; never called for one).
static inline jlong l4j_direct_buffer_address(JNIEnv* env, jclass, jobject buffer) {
  return reinterpret_cast<jlong>(env->GetDirectBufferAddress(buffer));
}
