package intercom

// Ptr returns a pointer to a copy of v, for optional fields of parameter
// structs: Ptr("vip"), Ptr(true), Ptr(42).
func Ptr[T any](v T) *T { return &v }
