// The element types an entry point of logits4j_native.h can be given, as a code (Highway's type
// tags, as a number Java can pass): the logits' dtype where a call took `int bf16` or a float /
// double / half name, the class-index targets' dtype where it took `target_bytes`.
//
// The values are fixed: the Java side passes them (internal/nativeimpl/NativeDTypes.java keeps a
// constant per code, this list being the source of truth, and NativeDTypesTest checks the two
// agree through l4j_dtype_name / l4j_dtype_size). Codes are never reused; a new dtype takes the
// next number.
#pragma once

// X(code, value, name, bytes per element)
#define L4J_DTYPES(X)        \
  X(L4J_F32, 0, "float32", 4) \
  X(L4J_F64, 1, "float64", 8) \
  X(L4J_F16, 2, "float16", 2) \
  X(L4J_BF16, 3, "bfloat16", 2) \
  X(L4J_I32, 4, "int32", 4)   \
  X(L4J_I64, 5, "int64", 8)

#define L4J_DTYPE_CODE(code, value, name, bytes) code = value,
enum l4j_dtype { L4J_DTYPES(L4J_DTYPE_CODE) };
#undef L4J_DTYPE_CODE

// What an entry point returns when it refuses a dtype code it does not take (an unknown code, or
// an integer dtype as logits, a floating one as class indices): it then reads and writes nothing.
// Entry points that return an int or a count return L4J_REFUSED (-1 and -2 are collect_top's own
// answers); those that return a double return NaN, and the class-index cross-entropy also sets
// bad[0] = L4J_REFUSED. The Java side turns a refusal into an exception (NativeKernels).
enum l4j_status { L4J_OK = 0, L4J_REFUSED = -3 };
